//! `stancemap check`: validate a record and report every problem.

use super::{watch, CliError, Context, RecordArgs};
use crate::diagnostic::Code;
use crate::render::diagnostics;
use crate::render::terminal::safe;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check every quote against the cited documents in this directory.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// With --sources: the largest document read, in MiB (a larger one is an `unsafe-document` error).
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    pub max_source_size: u64,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// List every diagnostic code with its meaning, and exit.
    #[arg(long)]
    pub explain: bool,
    /// Keep running: check again whenever a file of the record (or of --sources) changes.
    #[arg(long, conflicts_with = "explain")]
    pub watch: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

pub fn run(ctx: &Context, args: CheckArgs) -> Result<(), CliError> {
    if args.watch {
        return watch(ctx, &args);
    }
    check_once(ctx, &args)
}

/// Checks, then checks again after every change, until interrupted. A record that
/// cannot be read (a file half-saved, a directory moved) is reported and waited on.
fn watch(ctx: &Context, args: &CheckArgs) -> Result<(), CliError> {
    let extra: Vec<&std::path::Path> = args.sources.as_deref().into_iter().collect();
    let mut snapshot = watch::Snapshot::take(&args.record.path, &extra);
    loop {
        match check_once(ctx, args) {
            Ok(()) | Err(CliError::Invalid) => {}
            Err(CliError::Findings(message)) => eprintln!("stancemap: {}", safe(&message)),
            Err(CliError::Load(e)) => eprintln!("stancemap: error: {}", safe(&e.to_string())),
            Err(e) => return Err(e),
        }
        if !ctx.quiet {
            eprintln!(
                "stancemap: watching {} for changes (Ctrl-C to stop)",
                args.record.path.display()
            );
        }
        snapshot = watch::wait_for_change(&args.record.path, &extra, &snapshot);
        if !ctx.quiet {
            eprintln!("\nstancemap: change detected, checking again");
        }
    }
}

fn check_once(ctx: &Context, args: &CheckArgs) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    if args.explain {
        for code in Code::ALL {
            let severity = match code.severity() {
                crate::diagnostic::Severity::Error => "error",
                crate::diagnostic::Severity::Warning => "warning",
            };
            writeln!(
                stdout,
                "{:<24} {:<8} {}",
                code.as_str(),
                severity,
                code.description()
            )
            .map_err(CliError::io("writing to stdout"))?;
        }
        return Ok(());
    }
    let mut limits = args.record.limits();
    limits.max_source_bytes = args.max_source_size.saturating_mul(1 << 20);
    let loaded = args.record.load_within(&limits, args.sources.as_deref())?;
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    match args.format {
        CheckFormat::Json => {
            diagnostics::write_json(&mut stdout, &loaded.files, &loaded.diagnostics)
                .map_err(CliError::io("writing to stdout"))?
        }
        CheckFormat::Human => {
            let mut stderr = std::io::stderr().lock();
            let shown: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| !ctx.quiet || d.is_error() || args.deny_warnings)
                .cloned()
                .collect();
            diagnostics::write_human(&mut stderr, &loaded.files, &shown, ctx.color)
                .map_err(CliError::io("writing diagnostics"))?;
            if !ctx.quiet || errors > 0 {
                let summary = match &loaded.record {
                    Some(r) => format!(
                        "{}: {}, {}, {}, {}, {}, {}",
                        args.record.path.display(),
                        count(r.actors.len(), "actor"),
                        count(r.issues.len(), "issue"),
                        count(r.positions.len(), "position"),
                        count(r.demands.len(), "demand"),
                        count(r.concessions.len(), "concession"),
                        count(r.events.len(), "event")
                    ),
                    None => format!("{}: invalid", args.record.path.display()),
                };
                writeln!(
                    stderr,
                    "{}; {}, {}",
                    safe(&summary),
                    count(errors, "error"),
                    count(warnings, "warning")
                )
                .map_err(CliError::io("writing diagnostics"))?;
            }
        }
    }
    if errors > 0 {
        return Err(CliError::Invalid);
    }
    if args.deny_warnings && warnings > 0 {
        return Err(CliError::Findings(format!(
            "{} denied by --deny-warnings",
            count(warnings, "warning")
        )));
    }
    Ok(())
}

/// "1 error", "2 errors".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
