//! `stancemap overlaps`: issue by issue, who stands together; `--pairs` for every
//! pair of agreeing claims.

use super::filters::{write_json_rows, FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::overlaps;
use crate::render::{pairs_json, query_table};
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct OverlapsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// List every pair of agreeing claims (kind, issue, a, b, claims) instead of the camps.
    #[arg(long)]
    pub pairs: bool,
    /// With --pairs, write only the first N rows.
    #[arg(long, value_name = "N", requires = "pairs")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, args: OverlapsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    if !args.pairs {
        return args
            .output
            .emit(&overlaps::by_issue(&state), query_table::overlaps_by_issue);
    }
    let answer = overlaps::OverlapRows::find(&state, args.limit);
    // JSON streams row by row; a table needs every row's cells first.
    match args.output.format {
        Format::Json | Format::Jsonl => write_json_rows(args.output.format, |out, layout| {
            pairs_json::write_overlap_pairs(out, &answer, layout)
        }),
        Format::Table | Format::Csv | Format::Markdown => {
            args.output.emit(&answer.collect(), query_table::overlaps)
        }
    }
}
