//! `stancemap synth`: write a large synthetic record, for benchmarks.

use super::{CliError, Context};
use crate::synth::{generate, SynthSpec};
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
    /// Directory to write the record into (created if missing; must not be a record already).
    #[arg(short, long)]
    pub output: PathBuf,
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
    super::output::create_output_dir(&args.output)?;
    let files = generate(&spec);
    let mut bytes = 0;
    for (name, text) in &files {
        let path = args.output.join(name);
        super::output::write_atomic(&path, text.as_bytes())
            .map_err(CliError::io(format!("writing {}", path.display())))?;
        bytes += text.len();
    }
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
