//! `stancemap whatif SCENARIO... [--record PATH]`: play a scenario's moves on a
//! copy of the record and print what they change. The record's files are only
//! read; several scenarios are compared side by side.

use super::filters::{FilterArgs, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::load::{Limits, SourceFiles};
use crate::model::{Date, Record};
use crate::render::{diagnostics, whatif_table};
use crate::whatif;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct WhatIfArgs {
    /// Scenario files (YAML with `moves:`), then optionally the record (a directory;
    /// `data` when none is given). Several scenarios are compared side by side.
    /// With --suggest, only the record.
    #[arg(
        required_unless_present = "suggest",
        value_name = "SCENARIO... [RECORD]"
    )]
    pub paths: Vec<PathBuf>,
    /// Search the moves that would resolve the most live conflicts, instead of
    /// playing a scenario: ranked by conflicts resolved − created − red lines crossed.
    #[arg(long)]
    pub suggest: bool,
    /// With --suggest: try only this party's moves (an actor id, name or alias).
    #[arg(long, value_name = "ACTOR", requires = "suggest")]
    pub by: Option<String>,
    /// With --suggest: 1 tries single moves; 2 also pairs of the best single moves.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2), requires = "suggest")]
    pub max_moves: u8,
    /// With --suggest: how many rows to print.
    #[arg(long, default_value_t = 10, requires = "suggest")]
    pub top: usize,
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
    if args.suggest {
        return suggest(ctx, &args, dirs.first().copied(), &scenarios);
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
        let scenario = read_scenario(ctx, &record, &limits, path)?;
        answers.push(whatif::run(&record, &scenario, &filter));
    }
    args.output.emit(&answers, whatif_table::whatifs)
}

/// `whatif --suggest [RECORD]`: search moves rather than play a scenario.
fn suggest(
    ctx: &Context,
    args: &WhatIfArgs,
    dir: Option<&PathBuf>,
    scenarios: &[&PathBuf],
) -> Result<(), CliError> {
    if let Some(s) = scenarios.first() {
        return Err(CliError::Usage(format!(
            "--suggest searches moves itself: give only the record directory, not {} (or drop --suggest to play a scenario)",
            s.display()
        )));
    }
    let record_args = RecordArgs::at(dir.cloned().unwrap_or_else(|| PathBuf::from("data")));
    let record = ctx.load_valid(&record_args)?;
    let filter = args.filters.resolve(&record)?;
    let by = match &args.by {
        Some(name) => Some(super::filters::resolve_actor(&record, name)?),
        None => None,
    };
    let ask = whatif::suggest::Ask {
        by,
        max_moves: usize::from(args.max_moves),
        limit: args.top,
        date: whatif::default_date(&record, filter.as_of),
    };
    let answer = whatif::suggest(&record, &filter, &ask);
    args.output.emit(&answer, whatif_table::suggestions)
}

/// Reads and resolves one scenario file; its problems are printed located.
fn read_scenario(
    ctx: &Context,
    record: &Record,
    limits: &Limits,
    path: &Path,
) -> Result<whatif::Scenario, CliError> {
    let text = crate::load::read_text_file(path, limits).map_err(CliError::Load)?;
    let mut files = SourceFiles::default();
    let name = path.display().to_string();
    match whatif::scenario::read(record, &mut files, name, text, limits) {
        Ok(mut scenario) => {
            // Tables, JSON and maps name a scenario by its file's stem, as a reader would.
            if let Some(stem) = path.file_stem() {
                scenario.name = stem.to_string_lossy().into_owned();
            }
            Ok(scenario)
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
            Err(CliError::Invalid)
        }
    }
}

/// A scenario played for `render --scenario`.
pub(super) struct Played {
    /// The record after the moves (played on a copy; the record's files are only read).
    pub after: Record,
    /// Which claims of `after` the moves made or changed.
    pub origins: whatif::apply::Origins,
    pub scenario: whatif::Scenario,
    /// The date the moves are played on.
    pub date: Date,
}

/// `render --scenario FILE`: the scenario read against the record, and played.
pub(super) fn played(
    ctx: &Context,
    record: &Record,
    record_args: &RecordArgs,
    path: &Path,
    as_of: Option<Date>,
) -> Result<Played, CliError> {
    let scenario = read_scenario(ctx, record, &record_args.limits(), path)?;
    let date = whatif::move_date(record, &scenario, as_of);
    let (after, origins) = whatif::apply::play_traced(record, &scenario.moves, date);
    Ok(Played {
        after,
        origins,
        scenario,
        date,
    })
}
