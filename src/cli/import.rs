//! `stancemap import dna FILE.dna -o DIR`: a record from a Discourse Network
//! Analyzer database, written atomically into a new (or empty) directory.

use super::{CliError, Context};
use crate::import::{self, dna};
use crate::write::{Guard, Policy};
use clap::{Args, Subcommand};
use std::path::PathBuf;

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
    // A new record goes into a new or empty folder; --force writes into another.
    let guard = Guard::none();
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    policy.dir(&args.output, |_| false)?;
    for (name, text) in &imported.files {
        policy.write_bytes(&args.output.join(name), text.as_bytes())?;
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
