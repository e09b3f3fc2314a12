//! `stancemap overlaps`: where parties agree, and the claims that show it.

use super::filters::{FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::{overlaps, View};
use crate::render::query_table;
use clap::Args;

#[derive(Args, Debug)]
pub struct OverlapsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: OverlapsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let view = View::new(&record, args.filters.resolve(&record)?);
    // JSON streams row by row; a table needs every row's cells first.
    match args.output.format {
        Format::Json => args
            .output
            .emit(&overlaps::OverlapRows::find(&view), |_, _| Ok(())),
        Format::Table | Format::Csv | Format::Markdown => args
            .output
            .emit(&overlaps::find(&view), query_table::overlaps),
    }
}
