//! `stancemap diff --from DATE --to DATE`: what appeared or changed in between.

use super::filters::{resolve_actor, resolve_issue, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::model::{Category, Confidence, Date};
use crate::query::{diff, Filter};
use crate::render::query_table;
use clap::Args;

#[derive(Args, Debug)]
pub struct DiffArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// The window's first day (of a month or year given as `YYYY-MM` or `YYYY`): what
    /// is dated wholly before it is the baseline.
    #[arg(long, value_name = "DATE")]
    pub from: Date,
    /// The window's last day (of a month or year). A claim dated by a month or year
    /// that overlaps the window without lying inside it is kept, marked imprecise.
    #[arg(long, value_name = "DATE")]
    pub to: Date,
    /// Keep only this issue and its sub-issues.
    #[arg(long, value_name = "ID", help_heading = "Filters")]
    pub issue: Option<String>,
    /// Keep only changes by this actor.
    #[arg(long, value_name = "ID", help_heading = "Filters")]
    pub actor: Option<String>,
    /// Keep only issues of this category.
    #[arg(long, value_name = "CATEGORY", help_heading = "Filters")]
    pub category: Option<Category>,
    /// Drop claims whose best source is less sure than LEVEL.
    #[arg(long, value_name = "LEVEL", help_heading = "Filters")]
    pub min_confidence: Option<Confidence>,
    /// Keep people apart instead of folding them into their party.
    #[arg(long, help_heading = "Filters")]
    pub people: bool,
    /// Count analysts and other observers as parties.
    #[arg(long, help_heading = "Filters")]
    pub include_observers: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: DiffArgs) -> Result<(), CliError> {
    if args.from > args.to {
        return Err(CliError::Usage(format!(
            "--from {} is after --to {}",
            args.from, args.to
        )));
    }
    let record = ctx.load_valid(&args.record)?;
    let filter = Filter {
        issues: match &args.issue {
            Some(id) => Some(record.issue_with_descendants(resolve_issue(&record, id)?)),
            None => None,
        },
        actor: match &args.actor {
            Some(name) => Some(resolve_actor(&record, name)?),
            None => None,
        },
        category: args.category,
        as_of: None,
        strictly_before: false,
        min_confidence: args.min_confidence,
        people: args.people,
        include_observers: args.include_observers,
    };
    args.output.emit(
        &diff::find(&record, filter, args.from, args.to),
        query_table::diff,
    )
}
