//! `stancemap whatif SCENARIO... [--record PATH]`: play a scenario's moves on a
//! copy of the record and print what they change. The record's files are only
//! read; several scenarios are compared side by side.

use super::filters::{FilterArgs, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::load::SourceFiles;
use crate::render::{diagnostics, whatif_table};
use crate::whatif;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct WhatIfArgs {
    /// Scenario files (YAML with `moves:`), then optionally the record (a directory;
    /// `data` when none is given). Several scenarios are compared side by side.
    #[arg(required = true, value_name = "SCENARIO... [RECORD]")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: WhatIfArgs) -> Result<(), CliError> {
    // A directory among the paths is the record; the files are scenarios.
    let (dirs, scenarios): (Vec<&PathBuf>, Vec<&PathBuf>) =
        args.paths.iter().partition(|p| p.is_dir());
    if dirs.len() > 1 {
        return Err(CliError::Usage(format!(
            "whatif plays on one record, not {}: give one record directory after the scenario files",
            dirs.len()
        )));
    }
    if scenarios.is_empty() {
        return Err(CliError::Usage(
            "give at least one scenario file (YAML with `moves:`)".into(),
        ));
    }
    let record_args = RecordArgs::at(
        dirs.first()
            .map_or_else(|| PathBuf::from("data"), |d| (*d).clone()),
    );
    let record = ctx.load_valid(&record_args)?;
    let filter = args.filters.resolve(&record)?;
    let limits = record_args.limits();
    let mut answers = Vec::new();
    for path in scenarios {
        let text = crate::load::read_text_file(path, &limits).map_err(CliError::Load)?;
        let mut files = SourceFiles::default();
        let name = path.display().to_string();
        match whatif::scenario::read(&record, &mut files, name, text, &limits) {
            Ok(mut scenario) => {
                // Tables and JSON name a scenario by its file's stem, as a reader would.
                if let Some(stem) = path.file_stem() {
                    scenario.name = stem.to_string_lossy().into_owned();
                }
                answers.push(whatif::run(&record, &scenario, &filter))
            }
            Err(problems) => {
                let mut stderr = std::io::stderr().lock();
                diagnostics::write_human(&mut stderr, &files, &problems, ctx.color)
                    .map_err(CliError::io("writing diagnostics"))?;
                let errors = problems.iter().filter(|d| d.is_error()).count();
                let _ = writeln!(
                    stderr,
                    "stancemap: scenario {} is invalid ({errors} error(s))",
                    path.display()
                );
                return Err(CliError::Invalid);
            }
        }
    }
    args.output.emit(&answers, whatif_table::whatifs)
}
