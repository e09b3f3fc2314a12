//! `stancemap synth`: write a large synthetic record, for benchmarks.

use super::{CliError, Context};
use crate::synth::{generate, SynthSpec};
use crate::write::{Guard, Policy};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct SynthArgs {
    #[arg(long, default_value_t = 5_000)]
    pub actors: usize,
    #[arg(long, default_value_t = 2_000)]
    pub issues: usize,
    #[arg(long, default_value_t = 100_000)]
    pub positions: usize,
    #[arg(long, default_value_t = 20_000)]
    pub demands: usize,
    #[arg(long, default_value_t = 10_000)]
    pub concessions: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// About how many YAML files to spread the record over.
    #[arg(long, default_value_t = 50)]
    pub files: usize,
    /// Directory to write the record into (created if missing; must be empty unless --force).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write into a folder that is not empty, replacing files of the same names.
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, args: SynthArgs) -> Result<(), CliError> {
    let spec = SynthSpec {
        actors: args.actors,
        issues: args.issues,
        positions: args.positions,
        demands: args.demands,
        concessions: args.concessions,
        seed: args.seed,
        files: args.files,
    };
    let guard = Guard::none();
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    // Never over an existing record without --force: the folder must be empty.
    policy.dir(&args.output, |_| false)?;
    let files = {
        let _progress = super::progress::Progress::spinner("generating the synthetic record");
        generate(&spec)
    };
    let mut bytes = 0;
    let progress = super::progress::Progress::bar(files.len() as u64, "writing files");
    for (name, text) in &files {
        progress.inc();
        policy.write_bytes(&args.output.join(name), text.as_bytes())?;
        bytes += text.len();
    }
    drop(progress);
    if !ctx.quiet {
        eprintln!(
            "wrote {} files ({:.1} MB) to {}",
            files.len(),
            bytes as f64 / 1e6,
            args.output.display()
        );
    }
    Ok(())
}
