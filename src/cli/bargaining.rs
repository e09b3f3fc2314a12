//! `stancemap bargaining`: open demands, answers, red lines, trades and blockers.

use super::filters::{FilterArgs, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::bargaining;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct BargainingArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: BargainingArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    args.output
        .emit(&bargaining::find(&state), query_table::bargaining)
}
