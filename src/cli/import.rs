//! `stancemap import dna FILE.dna -o DIR`: a record from a Discourse Network
//! Analyzer database, written atomically into a new (or empty) directory.

use super::output::write_atomic;
use super::{CliError, Context};
use crate::import::{self, dna};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub from: ImportFrom,
}

#[derive(Subcommand, Debug)]
pub enum ImportFrom {
    /// A DNA 3 database (.dna, SQLite): organisations, persons, concepts, statements.
    Dna(DnaArgs),
}

#[derive(Args, Debug)]
pub struct DnaArgs {
    /// The DNA 3 database to read (opened read-only).
    pub file: PathBuf,
    /// Directory to write the record into: created if missing, refused if not empty.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Write into a directory that is not empty (its files of the same names are replaced).
    #[arg(long)]
    pub force: bool,
    /// The DNA variable naming the organisation (a party).
    #[arg(long, default_value = "organization", value_name = "NAME")]
    pub organisation_var: String,
    /// The DNA variable naming the person who spoke.
    #[arg(long, default_value = "person", value_name = "NAME")]
    pub person_var: String,
    /// The DNA variable naming the concept (an issue).
    #[arg(long, default_value = "concept", value_name = "NAME")]
    pub concept_var: String,
    /// The DNA boolean variable saying whether the speaker agrees.
    #[arg(long, default_value = "agreement", value_name = "NAME")]
    pub agreement_var: String,
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<(), CliError> {
    match args.from {
        ImportFrom::Dna(args) => run_dna(ctx, args),
    }
}

/// A directory to write a new record into: missing or empty, unless forced.
fn ready_dir(dir: &Path, force: bool) -> Result<(), CliError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() && !force {
                return Err(CliError::Usage(format!(
                    "{} is not empty: import into a new directory, or add --force to replace the imported files in it",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)
            .map_err(CliError::io(format!("creating {}", dir.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Err(CliError::Usage(format!(
            "{} is a file, not a directory",
            dir.display()
        ))),
        Err(e) => Err(CliError::io(format!("reading {}", dir.display()))(e)),
    }
}

fn run_dna(ctx: &Context, args: DnaArgs) -> Result<(), CliError> {
    if !args.file.is_file() {
        return Err(CliError::Usage(format!(
            "{}: no such file",
            args.file.display()
        )));
    }
    let vars = dna::Variables {
        organisation: args.organisation_var,
        person: args.person_var,
        concept: args.concept_var,
        agreement: args.agreement_var,
    };
    let data = dna::read(&args.file, &vars).map_err(|e| CliError::Usage(e.to_string()))?;
    let origin = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = import::from_dna(&data, &origin);
    ready_dir(&args.output, args.force)?;
    for (name, text) in &imported.files {
        let path = args.output.join(name);
        write_atomic(&path, text.as_bytes())
            .map_err(CliError::io(format!("writing {}", path.display())))?;
    }
    if !ctx.quiet {
        eprintln!(
            "stancemap: imported {} statements ({} skipped: other statement types or missing values) into {}: \
             {} organisations, {} persons, {} issues, {} positions",
            imported.statements,
            data.skipped,
            args.output.display(),
            imported.organisations,
            imported.persons,
            imported.issues,
            imported.positions
        );
        for (name, id) in &imported.renamed {
            eprintln!("stancemap: `{name}` became `{id}`: its plain id was taken by another name");
        }
        for (speaker, issue, date) in &imported.contradictions {
            eprintln!("stancemap: {speaker} is coded both agreeing and disagreeing on {issue} on {date}: both kept");
        }
    }
    Ok(())
}
