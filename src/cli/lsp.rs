//! `stancemap lsp`: run the language server on stdin and stdout.

use super::CliError;
use crate::load::Limits;
use crate::lsp::{run as serve, Options};
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct LspArgs {
    /// Directory of the cited documents: quotes are checked against them as with
    /// `check --sources`, and hover says whether a quote is found.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Quiet time after a keystroke before the record is checked again.
    #[arg(long, default_value_t = 60, value_name = "MS")]
    pub debounce_ms: u64,
    /// Largest record file checked, in MiB; a larger buffer gets a
    /// `limit-exceeded` diagnostic instead of a check.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub max_file_mib: u64,
}

/// Exit 0 after `shutdown` then `exit`, 1 when the client left without `shutdown`.
pub fn run(args: LspArgs) -> Result<(), CliError> {
    let options = Options {
        limits: Limits {
            max_file_bytes: args.max_file_mib.saturating_mul(1 << 20),
            ..Limits::default()
        },
        sources: args.sources,
        debounce: Duration::from_millis(args.debounce_ms),
    };
    match serve(options) {
        Ok(true) => Ok(()),
        Ok(false) => Err(CliError::Findings(
            "the client left without `shutdown`".into(),
        )),
        Err(e) => Err(CliError::Io {
            context: "language server".into(),
            source: e,
        }),
    }
}
