//! `stancemap completions SHELL` and `stancemap man`: shell completion scripts
//! and a roff man page, both generated from the clap definition so they never
//! drift from the real arguments.

use super::{Cli, CliError};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run_completions(args: CompletionsArgs) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "stancemap", &mut out);
    emit(&out)
}

pub fn run_man() -> Result<(), CliError> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(CliError::io("rendering the man page"))?;
    // One page for all subcommands: append each one's usage and options.
    for sub in Cli::command().get_subcommands() {
        let name = format!("stancemap {}", sub.get_name());
        let man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        writeln!(out, ".SH \"COMMAND: {}\"", name.to_uppercase())
            .map_err(CliError::io("rendering the man page"))?;
        man.render_synopsis_section(&mut out)
            .and_then(|()| man.render_description_section(&mut out))
            .and_then(|()| man.render_options_section(&mut out))
            .map_err(CliError::io("rendering the man page"))?;
    }
    emit(&out)
}

fn emit(bytes: &[u8]) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(CliError::io("writing to stdout"))
}
