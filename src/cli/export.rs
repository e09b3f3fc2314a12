//! `stancemap export`: the validated record in a format other tools read.
//!
//! One-file formats go to stdout or, with `-o FILE`, to a file written by
//! `crate::write` (never into the record); `csv` is a set of files and needs `-o DIR`.

use super::{CliError, Context, RecordArgs};
use crate::render::export::{csv, cypher, gexf, graphml, turtle, PropertyGraph};
use crate::render::record_json;
use crate::write::{Guard, Policy};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to this file (a directory for csv) instead of stdout (`-`: stdout).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Replace an existing YAML file, or write csv into a folder holding other files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON document with actors, issues, positions, demands, concessions, events.
    Json,
    /// GraphML for Gephi, yEd, networkx, igraph.
    Graphml,
    /// GEXF 1.2 for Gephi and networkx.
    Gexf,
    /// CSV files for `neo4j-admin database import` (needs -o DIR).
    Csv,
    /// Cypher MERGE statements for Neo4j or Memgraph.
    Cypher,
    /// RDF Turtle for SPARQL stores.
    Turtle,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let guard = Guard::record(&args.record.path);
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    if args.format == ExportFormat::Csv {
        let dir = args.output.as_deref().ok_or_else(|| {
            CliError::Usage(
                "--format csv writes several files: give a directory with -o DIR".into(),
            )
        })?;
        return write_csv(ctx, &record, dir, &policy);
    }
    let write = |out: &mut dyn Write| match args.format {
        ExportFormat::Json => record_json::write(out, &record),
        ExportFormat::Graphml => graphml::write(out, &PropertyGraph::build(&record)),
        ExportFormat::Gexf => gexf::write(out, &PropertyGraph::build(&record)),
        ExportFormat::Cypher => cypher::write(out, &PropertyGraph::build(&record)),
        ExportFormat::Turtle => turtle::write(out, &record),
        ExportFormat::Csv => unreachable!("handled above"),
    };
    Ok(policy.write(args.output.as_deref(), write)?)
}

fn write_csv(
    ctx: &Context,
    record: &crate::model::Record,
    dir: &Path,
    policy: &Policy,
) -> Result<(), CliError> {
    let parts = csv::parts();
    policy.dir(dir, |name| parts.iter().any(|(n, _)| n == name))?;
    let graph = PropertyGraph::build(record);
    for (name, part) in parts {
        policy.write(Some(&dir.join(&name)), |out| {
            csv::write_part(out, &graph, part)
        })?;
    }
    if !ctx.quiet {
        eprintln!(
            "stancemap: wrote {} node and {} relationship rows to {}",
            graph.nodes.len(),
            graph.edges.len(),
            dir.display()
        );
    }
    Ok(())
}
