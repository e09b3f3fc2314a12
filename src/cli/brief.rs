//! `stancemap brief`: a Markdown (or HTML) briefing of the record for a reader
//! who knows nothing of YAML, built from the queries' own answers.
//!
//! `--map` draws the overview map through `stancemap render` itself (same
//! filters), as an SVG beside the Markdown or inline in the HTML page.

use super::filters::FilterArgs;
use super::{render, Cli, CliError, Command, Context, RecordArgs};
use crate::model::Date;
use crate::query::brief;
use crate::render::brief::{write_markdown, Scope};
use crate::state::NegotiationState;
use crate::write::{Guard, Policy};
use clap::{Args, Parser, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    Markdown,
    /// One self-contained page (the map inline with --map).
    Html,
}

#[derive(Args, Debug)]
pub struct BriefArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Also say what appeared or changed from DATE to the as-of date (or the latest claim).
    #[arg(long, value_name = "DATE")]
    pub since: Option<Date>,
    /// Embed the overview map: an SVG beside the -o file, or inline with --format html.
    #[arg(long)]
    pub map: bool,
    #[arg(long, value_enum, default_value_t = BriefFormat::Markdown)]
    pub format: BriefFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: BriefArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    let answer = brief::find(&state, args.since);
    let guard = Guard::record(&args.record.path);
    let policy = Policy {
        guard: &guard,
        force: false,
    };
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let title = title(&args.record.path);
    let mut map_name = None;
    let mut inline_svg = None;
    if args.map {
        match (args.format, output) {
            (BriefFormat::Markdown, None) => return Err(CliError::Usage(
                "--map writes the map beside the briefing: give -o FILE.md, or use --format html"
                    .into(),
            )),
            (BriefFormat::Markdown, Some(path)) => {
                let svg = path.with_extension("svg");
                draw_map(ctx, &args, &svg)?;
                map_name = svg.file_name().map(|n| n.to_string_lossy().into_owned());
            }
            (BriefFormat::Html, _) => {
                let tmp = tempfile::tempdir()
                    .map_err(CliError::io("creating a temporary folder for the map"))?;
                let svg = tmp.path().join("overview.svg");
                draw_map(ctx, &args, &svg)?;
                inline_svg = Some(
                    std::fs::read_to_string(&svg)
                        .map_err(CliError::io(format!("reading {}", svg.display())))?,
                );
            }
        }
    }
    let scope = Scope {
        title: &title,
        map: map_name.as_deref(),
        since: args.since.map(|d| d.to_string()),
    };
    let mut markdown = Vec::new();
    write_markdown(&mut markdown, &answer, &scope).map_err(CliError::io("writing the briefing"))?;
    let bytes = match args.format {
        BriefFormat::Markdown => markdown,
        BriefFormat::Html => crate::render::brief::html_page(
            &title,
            &String::from_utf8_lossy(&markdown),
            inline_svg.as_deref(),
        )
        .into_bytes(),
    };
    Ok(policy.write(output, |out| out.write_all(&bytes))?)
}

/// The record folder's name, for the title.
fn title(path: &Path) -> String {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Draws the overview map with the briefing's filters, through `render`.
fn draw_map(ctx: &Context, args: &BriefArgs, svg: &Path) -> Result<(), CliError> {
    let mut argv: Vec<String> = vec![
        "stancemap".into(),
        "render".into(),
        args.record.path.display().to_string(),
        "--map".into(),
        "overview".into(),
        "-o".into(),
        svg.display().to_string(),
    ];
    let f = &args.filters;
    let mut flag = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            argv.push(format!("--{name}"));
            argv.push(v);
        }
    };
    flag("issue", f.issue.clone());
    flag("actor", f.actor.clone());
    flag("category", f.claims.category.map(|c| c.to_string()));
    flag("as-of", f.claims.as_of.map(|d| d.to_string()));
    flag(
        "min-confidence",
        f.claims.min_confidence.map(|c| c.to_string()),
    );
    if f.claims.people {
        argv.push("--people".into());
    }
    let cli =
        Cli::try_parse_from(&argv).map_err(|e| CliError::Usage(format!("drawing the map: {e}")))?;
    match cli.command {
        Command::Render(r) => render::run(ctx, r),
        _ => unreachable!("the argv above names render"),
    }
}
