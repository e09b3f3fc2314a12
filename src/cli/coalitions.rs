//! `stancemap coalitions`: groups of parties that agree and never conflict;
//! with `--issue`, the camps on that issue too.

use super::filters::{resolve_issue, write_json_rows, FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::coalitions;
use crate::render::{coalitions_json, query_table};
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
    let answer = coalitions::CoalitionRows::find(&state, camps_for);
    // JSON lays the links out from pieces written once; the other formats
    // need every link's cells.
    match args.output.format {
        Format::Json => {
            write_json_rows(Format::Json, |out, _| coalitions_json::write(out, &answer))
        }
        _ => args.output.emit(&answer.collect(), query_table::coalitions),
    }
}
