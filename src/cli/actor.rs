//! `stancemap actor ID`: one actor's profile.

use super::filters::{resolve_actor, ClaimFilters, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::model::ActorKind;
use crate::query::profile;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct ActorArgs {
    /// The actor: any id, name or alias, ignoring case.
    pub id: String,
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: ClaimFilters,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: ActorArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let subject = resolve_actor(&record, &args.id)?;
    let mut filter = args.filters.filter();
    // Asking about a person means asking about their own words, not their party's.
    filter.people |= record.actor(subject).kind == ActorKind::Person;
    // An observer's profile shows its own claims and whom they agree with.
    filter.include_observers |= crate::state::parties::is_observer(&record, subject);
    let state = NegotiationState::build(&record, &filter);
    args.output
        .emit(&profile::actor(&state, subject), query_table::actor)
}
