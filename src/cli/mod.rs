//! The command line: argument types, dispatch, and the mapping of outcomes to
//! exit codes (0 ok; 1 invalid record or findings asked to fail; 2 usage or I/O).
//!
//! Each subcommand lives in its own file and returns `Result<(), CliError>`.

mod actor;
mod bargaining;
mod brief;
mod camps;
mod check;
mod coalitions;
mod completions;
mod conflicts;
mod context;
mod diff;
mod export;
mod filters;
mod import;
mod init;
mod issue;
mod lsp;
mod network;
mod new;
mod overlaps;
mod path;
mod polarization;
mod progress;
mod render;
mod schema;
mod synth;
mod timeline;
mod watch;
mod whatif;

pub use context::{Context, RecordArgs};

use crate::render::terminal::safe;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "stancemap",
    version,
    about = "Build a knowledge graph of negotiation actors and positions from a YAML record",
    long_about = "Build a knowledge graph of negotiation actors and positions from a YAML record.\n\n\
        Exit codes: 0 success; 1 the record is invalid, or findings were asked to fail \
        (--deny-warnings, --fail-on-conflict); 2 usage or I/O error."
)]
pub struct Cli {
    /// When to colour diagnostics: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
    /// Print nothing but errors and the requested output.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a record and report every problem, located at file:line:column.
    Check(check::CheckArgs),
    /// Write the validated record in a format other tools read.
    Export(export::ExportArgs),
    /// Generate a large synthetic record, for benchmarks.
    Synth(synth::SynthArgs),
    /// Show, issue by issue, the camps in conflict and each side's strongest claim (--pairs: every conflicting pair of claims).
    Conflicts(conflicts::ConflictsArgs),
    /// Show, issue by issue, who stands together and which concessions answer demands (--pairs: every agreeing pair).
    Overlaps(overlaps::OverlapsArgs),
    /// Show the parties × issues grid: each party's camp (for, conditional, against, mixed, ambiguous) on each issue.
    Camps(camps::CampsArgs),
    /// Find groups of parties that agree and never conflict among themselves.
    Coalitions(coalitions::CoalitionsArgs),
    /// Show one actor's profile: positions, demands, concessions, events, allies, opponents.
    Actor(actor::ActorArgs),
    /// Show who stands where on one issue and its sub-issues.
    Issue(issue::IssueArgs),
    /// Show open demands, answered demands, red lines, possible trades and blockers.
    Bargaining(bargaining::BargainingArgs),
    /// List positions, demands and concessions that appeared or changed between two dates.
    Diff(diff::DiffArgs),
    /// Explain how two actors are connected, by the shortest path through the record.
    Path(path::PathArgs),
    /// Print the JSON Schema (draft 2020-12) of the record's YAML files.
    Schema,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff) for stancemap and its subcommands.
    Man,
    /// Start a new record: one commented file per section, a sources/ folder, the schema.
    Init(init::InitArgs),
    /// A Markdown (or HTML) briefing: parties, who stands where, conflicts with quotes, bargaining space.
    Brief(Box<brief::BriefArgs>),
    /// Print a commented template for a new entry, or append it to a record file.
    New(Box<new::NewArgs>),
    /// Play a scenario's moves on a copy of the record and show what they change.
    Whatif(whatif::WhatIfArgs),
    /// Run the language server (stdio): live diagnostics, completion, go to definition, rename.
    Lsp(lsp::LspArgs),
    /// Draw position maps: DOT, SVG/PNG/PDF through Graphviz, or a self-contained HTML page.
    Render(render::RenderArgs),
    /// Party × party agreement and conflict networks (DNA's), live or over time windows.
    Network(Box<network::NetworkArgs>),
    /// Make a record from another tool's data (a DNA 3 database).
    Import(import::ImportArgs),
    /// Per time window, how far the parties split into two opposed camps (0 to 1).
    Polarization(Box<polarization::PolarizationArgs>),
    /// Every dated claim, event and status change, in order.
    Timeline(timeline::TimelineArgs),
}

/// Why a command did not succeed; each maps to an exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The record has errors; the diagnostics are already printed. Exit 1.
    #[error("the record is invalid")]
    Invalid,
    /// A check the user asked to fail on found something (already reported). Exit 1.
    #[error("{0}")]
    Findings(String),
    /// The record could not be reached. Exit 2.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    /// Arguments that parse but make no sense together, or name nothing. Exit 2.
    #[error("{0}")]
    Usage(String),
    /// A write was refused (into the record, over a link, …) or failed. Exit 2.
    #[error(transparent)]
    Write(Box<crate::write::WriteError>),
    /// Writing output failed. Exit 2.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },
}

impl From<crate::write::WriteError> for CliError {
    fn from(e: crate::write::WriteError) -> CliError {
        CliError::Write(Box::new(e))
    }
}

impl CliError {
    pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> CliError {
        let context = context.into();
        move |source| CliError::Io { context, source }
    }
}

/// Parses `args` and runs the command; the return value is the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: 0 for --help/--version, 2 for usage errors.
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let ctx = Context::new(cli.color, cli.quiet);
    let result = match cli.command {
        Command::Check(args) => check::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Synth(args) => synth::run(&ctx, args),
        Command::Conflicts(args) => conflicts::run(&ctx, args),
        Command::Overlaps(args) => overlaps::run(&ctx, args),
        Command::Camps(args) => camps::run(&ctx, args),
        Command::Coalitions(args) => coalitions::run(&ctx, args),
        Command::Actor(args) => actor::run(&ctx, args),
        Command::Issue(args) => issue::run(&ctx, args),
        Command::Bargaining(args) => bargaining::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Path(args) => path::run(&ctx, args),
        Command::Schema => schema::run(),
        Command::Completions(args) => completions::run_completions(args),
        Command::Man => completions::run_man(),
        Command::Init(args) => init::run(&ctx, args),
        Command::Brief(args) => brief::run(&ctx, *args),
        Command::New(args) => new::run(&ctx, *args),
        Command::Render(args) => render::run(&ctx, args),
        Command::Whatif(args) => whatif::run(&ctx, args),
        Command::Lsp(args) => lsp::run(args),
        Command::Network(args) => network::run(&ctx, *args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Polarization(args) => polarization::run(&ctx, *args),
        Command::Timeline(args) => timeline::run(&ctx, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Invalid) => ExitCode::from(1),
        Err(CliError::Findings(message)) => {
            if !message.is_empty() {
                eprintln!("stancemap: {}", safe(&message));
            }
            ExitCode::from(1)
        }
        // A closed pipe (`stancemap conflicts | head -1`) is the reader's choice, not an error.
        Err(CliError::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(CliError::Write(e)) if e.io_kind() == Some(io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("stancemap: error: {}", safe(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
