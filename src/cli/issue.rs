//! `stancemap issue ID`: who stands where on one issue and its sub-issues.

use super::filters::{resolve_issue, ClaimFilters, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::profile;
use crate::render::query_table;
use crate::state::NegotiationState;
use clap::Args;

#[derive(Args, Debug)]
pub struct IssueArgs {
    /// The issue id, ignoring case.
    pub id: String,
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: ClaimFilters,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: IssueArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let root = resolve_issue(&record, &args.id)?;
    let mut filter = args.filters.filter();
    filter.issues = Some(record.issue_with_descendants(root));
    let state = NegotiationState::build(&record, &filter);
    args.output
        .emit(&profile::issue(&state, root), query_table::issue)
}
