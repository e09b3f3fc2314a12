//! `stancemap conflicts`: every conflict in the record, most severe first.

use super::filters::{FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::{conflicts, View};
use crate::render::query_table;
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
}

pub fn run(ctx: &Context, args: ConflictsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let view = View::new(&record, args.filters.resolve(&record)?);
    // JSON streams row by row; a table needs every row's cells first.
    let n = match args.output.format {
        Format::Json => {
            let answer = conflicts::ConflictRows::find(&view);
            args.output.emit(&answer, |_, _| Ok(()))?;
            answer.len()
        }
        Format::Table | Format::Csv | Format::Markdown => {
            let answer = conflicts::find(&view);
            args.output.emit(&answer, query_table::conflicts)?;
            answer.conflicts.len()
        }
    };
    if args.fail_on_conflict && n > 0 {
        return Err(CliError::Findings(format!("{n} conflict(s) found")));
    }
    Ok(())
}
