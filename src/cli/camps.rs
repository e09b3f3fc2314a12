//! `stancemap camps`: the parties × issues grid, each cell the party's camp.

use super::filters::{FilterArgs, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::camps;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct CampsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: CampsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    args.output
        .emit(&camps::grid(&state), query_table::camps_grid)
}
