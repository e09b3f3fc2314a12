//! `stancemap conflicts`: issue by issue, who is against whom; `--pairs` for
//! every pair of conflicting claims, most severe first.

use super::filters::{write_json_rows, FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::conflicts;
use crate::render::{pairs_json, query_table};
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct ConflictsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit 1 when there is at least one conflict (for scripts and CI).
    #[arg(long)]
    pub fail_on_conflict: bool,
    /// List every pair of conflicting claims (kind, severity, issue, a, b, claims) instead of the camps.
    #[arg(long)]
    pub pairs: bool,
    /// With --pairs, write only the first N rows.
    #[arg(long, value_name = "N", requires = "pairs")]
    pub limit: Option<usize>,
    /// Also list the demands and concessions that are history at the as-of date (met, rejected, dropped, withdrawn).
    #[arg(long)]
    pub history: bool,
}

pub fn run(ctx: &Context, args: ConflictsArgs) -> Result<(), CliError> {
    // Said before the record is read: the answer's shape does not depend on it.
    if args.output.format == Format::Jsonl && !args.pairs {
        return Err(CliError::Usage(
            "--format jsonl writes one row per line, and `conflicts` answers in two lists \
             (issues, history): add --pairs for one row per pair of conflicting claims, \
             or use --format json"
                .into(),
        ));
    }
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    let n = if args.pairs {
        let answer = conflicts::ConflictRows::find(&state, args.limit);
        // JSON streams row by row; a table needs every row's cells first.
        match args.output.format {
            Format::Json | Format::Jsonl => write_json_rows(args.output.format, |out, layout| {
                pairs_json::write_conflict_pairs(out, &answer, layout)
            })?,
            Format::Table | Format::Csv | Format::Markdown => args
                .output
                .emit(&answer.collect(), query_table::conflicts)?,
        }
        answer.len()
    } else {
        let answer = conflicts::by_issue(&state, args.history);
        args.output.emit(&answer, query_table::conflicts_by_issue)?;
        answer.issues.len()
    };
    if args.fail_on_conflict && n > 0 {
        return Err(CliError::Findings(format!("{n} conflict(s) found")));
    }
    Ok(())
}
