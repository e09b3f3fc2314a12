//! `stancemap coalitions`: groups of parties that agree and never conflict;
//! with `--issue`, the camps on that issue too.

use super::filters::{resolve_issue, FilterArgs, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::coalitions;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct CoalitionsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: CoalitionsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let camps_for = match &args.filters.issue {
        Some(id) => Some(resolve_issue(&record, id)?),
        None => None,
    };
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    args.output.emit(
        &coalitions::find(&state, camps_for),
        query_table::coalitions,
    )
}
