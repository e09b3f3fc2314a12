//! What every command shares: colour and quietness, the record path and limits,
//! and loading a record with its diagnostics printed.

use super::{CliError, ColorWhen};
use crate::load::{self, Limits, Loaded};
use crate::model::Record;
use crate::render::diagnostics;
use crate::render::terminal::safe;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub struct Context {
    /// Colour for stderr diagnostics.
    pub color: bool,
    pub quiet: bool,
}

impl Context {
    pub fn new(when: ColorWhen, quiet: bool) -> Context {
        let color = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        super::progress::configure(quiet);
        Context { color, quiet }
    }

    /// Loads the record; prints its errors (and, unless quiet, a warning count) to
    /// stderr; returns the model only when the record is valid.
    pub fn load_valid(&self, args: &RecordArgs) -> Result<Record, CliError> {
        let loaded = args.load(None)?;
        let errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            let mut stderr = std::io::stderr().lock();
            diagnostics::write_human(&mut stderr, &loaded.files, &errors, self.color)
                .map_err(CliError::io("writing diagnostics"))?;
            let _ = writeln!(
                stderr,
                "stancemap: {} is invalid ({} error{}); run `stancemap check {}` for details",
                safe(&args.path.display().to_string()),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                safe(&args.path.display().to_string())
            );
            return Err(CliError::Invalid);
        }
        loaded.record.ok_or(CliError::Invalid)
    }
}

/// The record to read and the limits to read it within.
#[derive(Args, Debug, Clone)]
pub struct RecordArgs {
    /// The record: a directory of YAML files, or one YAML file.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Largest YAML file read, in MiB.
    #[arg(
        long,
        default_value_t = 64,
        value_name = "MIB",
        help_heading = "Limits"
    )]
    pub max_file_mib: u64,
    /// Largest record (all files), in MiB.
    #[arg(
        long,
        default_value_t = 1024,
        value_name = "MIB",
        help_heading = "Limits"
    )]
    pub max_record_mib: u64,
    /// Most YAML nodes in one file (guards against alias bombs and runaway files).
    #[arg(
        long,
        default_value_t = 4_000_000,
        value_name = "N",
        help_heading = "Limits"
    )]
    pub max_yaml_nodes: usize,
    /// Most YAML files in a record directory.
    #[arg(
        long,
        default_value_t = 10_000,
        value_name = "N",
        help_heading = "Limits"
    )]
    pub max_files: usize,
    /// Deepest nesting of YAML sequences and mappings.
    #[arg(long, default_value_t = 64, value_name = "N", help_heading = "Limits")]
    pub max_depth: usize,
    /// Most YAML alias references (`*name`) in one file.
    #[arg(
        long,
        default_value_t = 10_000,
        value_name = "N",
        help_heading = "Limits"
    )]
    pub max_aliases: usize,
    /// Most claims (positions, demands and concessions) in the record.
    #[arg(
        long,
        default_value_t = 1_000_000,
        value_name = "N",
        help_heading = "Limits"
    )]
    pub max_claims: usize,
    /// Keep the parsed files in this directory between runs (default: the user's
    /// cache directory, e.g. ~/.cache/stancemap).
    #[arg(long, value_name = "DIR", help_heading = "Cache")]
    pub cache: Option<PathBuf>,
    /// Read every file afresh and keep nothing between runs.
    #[arg(long, conflicts_with = "cache", help_heading = "Cache")]
    pub no_cache: bool,
}

impl RecordArgs {
    /// The record at `path` with every limit at its default, for commands that
    /// take the record among other paths.
    pub fn at(path: PathBuf) -> RecordArgs {
        use clap::{Command, FromArgMatches};
        let matches = RecordArgs::augment_args(Command::new("stancemap"))
            .get_matches_from([std::ffi::OsString::from("stancemap"), path.into_os_string()]);
        RecordArgs::from_arg_matches(&matches).expect("the defaults parse")
    }

    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_mib.saturating_mul(1 << 20),
            max_record_bytes: self.max_record_mib.saturating_mul(1 << 20),
            max_nodes: self.max_yaml_nodes,
            max_files: self.max_files,
            max_depth: self.max_depth,
            max_aliases: self.max_aliases,
            max_claims: self.max_claims,
            max_source_bytes: Limits::default().max_source_bytes,
        }
    }

    pub fn load(&self, sources: Option<&Path>) -> Result<Loaded, CliError> {
        self.load_within(&self.limits(), sources)
    }

    /// [`RecordArgs::load`] with limits a command has adjusted (`check`'s source size).
    pub fn load_within(&self, limits: &Limits, sources: Option<&Path>) -> Result<Loaded, CliError> {
        let cache = match (&self.cache, self.no_cache) {
            (_, true) => load::Cache::off(),
            (Some(dir), false) => load::Cache::at(dir),
            (None, false) => load::Cache::user(),
        };
        let what = match sources {
            Some(dir) => format!(
                "reading {} and checking its quotes against {}",
                self.path.display(),
                dir.display()
            ),
            None => format!("reading {}", self.path.display()),
        };
        let _progress = super::progress::Progress::spinner(what);
        Ok(load::load_cached(&self.path, limits, sources, &cache)?)
    }
}
