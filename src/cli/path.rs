//! `stancemap path A B`: the shortest explained path between two actors.

use super::filters::{resolve_actor, ClaimFilters, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::graph::RecordGraph;
use crate::query::path;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct PathArgs {
    /// The first actor: any id, name or alias.
    pub from: String,
    /// The second actor.
    pub to: String,
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: ClaimFilters,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: PathArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let from = resolve_actor(&record, &args.from)?;
    let to = resolve_actor(&record, &args.to)?;
    // The path walks actors as the record names them: no folding of people.
    let mut filter = args.filters.filter();
    filter.people = true;
    // …and through everyone who spoke, observers too.
    filter.include_observers = true;
    let state = NegotiationState::build(&record, &filter);
    let graph = RecordGraph::build(&record);
    args.output
        .emit(&path::find(&state, &graph, from, to), query_table::path)
}
