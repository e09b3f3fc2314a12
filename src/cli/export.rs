//! `stancemap export`: the validated record in a format other tools read.

use super::{CliError, Context, RecordArgs};
use crate::render::record_json;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON document with actors, issues, positions, demands, concessions, events.
    Json,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let mut stdout = std::io::stdout().lock();
    match args.format {
        ExportFormat::Json => record_json::write(&mut stdout, &record),
    }
    .and_then(|()| stdout.flush())
    .map_err(CliError::io("writing to stdout"))
}
