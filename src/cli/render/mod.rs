//! `stancemap render`: position maps as DOT, SVG/PNG/PDF (through Graphviz) or
//! a self-contained HTML page; `--all DIR` writes every map of the record.
//! The HTML page's drawings (one per date, before and after a scenario) are
//! made in `page`.

mod page;

use super::filters::{resolve_actor, resolve_issue};
use super::{CliError, Context, RecordArgs};
use crate::model::{ActorKind, Category, Confidence, Date, Record};
use crate::render::dot::{self, Briefing, Map, MapKind, MapOptions, View, ViewOptions};
use crate::render::explore::Snapshot;
use crate::render::html;
use crate::state::NegotiationState;
use crate::write::{Guard, Policy};
use clap::Args;
use graphviz_rust::cmd::{CommandArg, Format};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct RenderArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// Which map: overview, conflicts, coalitions, demands, timeline, issue:ID, actor:ID.
    #[arg(long, default_value = "overview", value_name = "NAME")]
    pub map: String,
    /// Only this issue and its sub-issues.
    #[arg(long, value_name = "ID")]
    pub issue: Option<String>,
    /// Only issues of this category (territory, security, sanctions, economy, …).
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<Category>,
    /// Only what touches this actor (id, name or alias).
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Only claims dated on or before DATE (YYYY-MM-DD or YYYY-MM).
    #[arg(long, value_name = "DATE", value_parser = Date::parse)]
    pub as_of: Option<Date>,
    /// Only claims with a source at least this sure: low, medium, high.
    #[arg(long, value_name = "LEVEL", value_parser = |s: &str| s.parse::<Confidence>())]
    pub min_confidence: Option<Confidence>,
    /// Keep people as themselves in conflicts and coalitions maps (default: fold into their party).
    #[arg(long)]
    pub people: bool,
    /// Count analysts and other observers as parties (default: left out, as the queries).
    #[arg(long)]
    pub include_observers: bool,
    /// Also draw settled demands and concessions (met, rejected, dropped, withdrawn).
    #[arg(long)]
    pub history: bool,
    /// Write to FILE: .dot/.gv as DOT; .svg, .png, .pdf through Graphviz; .html as a page.
    #[arg(short, long, value_name = "FILE", conflicts_with = "all")]
    pub output: Option<PathBuf>,
    /// With -o FILE.svg|png|pdf|html, also write the DOT beside it (FILE.dot), even if Graphviz is missing.
    #[arg(long)]
    pub keep_dot: bool,
    /// Write every map (DOT and SVG) and an index.html into DIR.
    #[arg(long, value_name = "DIR")]
    pub all: Option<PathBuf>,
    /// With --all, write only the DOT files (no Graphviz needed).
    #[arg(long, requires = "all")]
    pub dot_only: bool,
    /// Replace an existing YAML file, or write --all into a folder holding files other than maps.
    #[arg(long)]
    pub force: bool,
    /// Most nodes in one map; the least-connected beyond it are left out, and the map says so.
    #[arg(long, default_value_t = 150, value_name = "N")]
    pub max_nodes: usize,
    /// Most edges in one map; the thinnest beyond it are left out, and the map says so.
    #[arg(long, default_value_t = 400, value_name = "N")]
    pub max_edges: usize,
    /// Draw the map after a scenario's moves (see `whatif`): resolved conflicts dashed, new ties bold; an .html page shows before and after, with a toggle.
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    pub scenario: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: RenderArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    // The same lookup as the queries: any alias, any case, "did you mean" when unknown.
    let issue = args
        .issue
        .as_deref()
        .map(|id| resolve_issue(&record, id))
        .transpose()?;
    let actor = args
        .actor
        .as_deref()
        .map(|name| resolve_actor(&record, name))
        .transpose()?;
    let opts = ViewOptions {
        issue,
        category: args.category,
        actor,
        as_of: args.as_of,
        min_confidence: args.min_confidence,
        people: args.people,
        include_observers: args.include_observers,
    };
    // One state for every map of this command, as the queries build it.
    let st = NegotiationState::build(&record, &opts.filter(&record));
    let brief = briefing(&record, &args);
    let guard = Guard::record(&args.record.path);
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    if let Some(dir) = &args.all {
        return render_all(ctx, &st, &brief, dir, &args, &policy);
    }
    let kind = if let Some(id) = args.map.strip_prefix("issue:") {
        MapKind::Issue(resolve_issue(&record, id)?)
    } else if let Some(name) = args.map.strip_prefix("actor:") {
        MapKind::Actor(resolve_actor(&record, name)?)
    } else {
        MapKind::parse(&record, &args.map).map_err(CliError::Usage)?
    };
    let map = build(ctx, &st, &brief, &kind, &args);
    // With a scenario, the map shows the record after the moves (the HTML page
    // shows both, with a toggle).
    let played = match &args.scenario {
        Some(file) => Some(super::whatif::played(
            ctx,
            &record,
            &args.record,
            file,
            args.as_of,
        )?),
        None => None,
    };
    let after = played.as_ref().map(|p| {
        let (after_opts, after_brief) = after_the_moves(&opts, &brief, p.date);
        let sa = NegotiationState::build(&p.after, &after_opts.filter(&p.after));
        let mut drawn = build(ctx, &sa, &after_brief, &kind, &args);
        dot::scenario::mark(&map, &mut drawn, &st, &sa, &p.scenario.name);
        (sa, drawn, after_brief.as_of)
    });
    let shown = after.as_ref().map_or(&map, |(_, drawn, _)| drawn);
    let dot_text = shown.to_dot();
    let path = match &args.output {
        Some(p) if p.as_os_str() != "-" => p,
        _ => return Ok(policy.write(None, |out| out.write_all(dot_text.as_bytes()))?),
    };
    let write = |path: &Path, bytes: &[u8]| -> Result<(), CliError> {
        Ok(policy.write_bytes(path, bytes)?)
    };
    // Refused targets are refused before Graphviz runs.
    policy.output(Some(path))?;
    let ext = extension(path);
    if matches!(ext.as_str(), "dot" | "gv") {
        return write(path, dot_text.as_bytes());
    }
    let format = match ext.as_str() {
        "svg" | "html" | "htm" => Format::Svg,
        "png" => Format::Png,
        "pdf" => Format::Pdf,
        _ => {
            return Err(CliError::Usage(format!(
                "cannot tell what to write to {}: use .dot, .gv, .svg, .png, .pdf or .html",
                path.display()
            )))
        }
    };
    if args.keep_dot {
        write(&path.with_extension("dot"), dot_text.as_bytes())?;
    }
    let mut bytes = run_dot(&dot_text, format, path)?;
    if ext == "pdf" {
        fix_pdf_date(&mut bytes, &brief.as_of);
    }
    if matches!(ext.as_str(), "html" | "htm") {
        let svg = String::from_utf8_lossy(&bytes).into_owned();
        let drawing = page::Drawing {
            record: &record,
            opts: &opts,
            brief: &brief,
            kind: &kind,
            args: &args,
            target: path,
        };
        let page = match (&played, after) {
            (Some(played), Some((sa, drawn, moved_on))) => {
                let before = Snapshot {
                    date: brief.as_of.clone(),
                    view: View::of(&st),
                    svg: drawing.svg(&map)?,
                    map,
                };
                let after = Snapshot {
                    date: moved_on,
                    view: View::of(&sa),
                    map: drawn,
                    svg,
                };
                drawing.scenario_page(played, before, after)?
            }
            _ => {
                let latest = Snapshot {
                    date: brief.as_of.clone(),
                    view: View::of(&st),
                    map,
                    svg,
                };
                drawing.explore_page(latest)?
            }
        };
        write(path, page.as_bytes())
    } else {
        write(path, &bytes)
    }
}

/// The options and briefing of the map after a scenario's moves: the map's
/// own, unless the moves are played on a later date; then that date, so the
/// drawing holds the moves and says when they happen.
fn after_the_moves(opts: &ViewOptions, brief: &Briefing, moved: Date) -> (ViewOptions, Briefing) {
    let (mut opts, mut brief) = (opts.clone(), brief.clone());
    let shown = opts.as_of.or_else(|| Date::parse(&brief.as_of).ok());
    if shown.is_some_and(|d| moved.end() > d.end()) {
        // Without an as-of date the state holds every claim already.
        opts.as_of = opts.as_of.map(|_| moved);
        brief.as_of = moved.to_string();
        brief.as_of_given = true;
    }
    (opts, brief)
}

/// What every map of this command says under its title: the record, the
/// as-of date and every filter in force.
fn briefing(record: &Record, args: &RenderArgs) -> Briefing {
    let name = args.record.path.file_name().map_or_else(
        || args.record.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let latest = record
        .positions
        .iter()
        .map(|p| p.date)
        .chain(record.demands.iter().map(|d| d.date))
        .chain(record.concessions.iter().map(|c| c.date))
        .max();
    let mut filters = Vec::new();
    if let Some(i) = &args.issue {
        filters.push(format!("issue {i} and sub-issues"));
    }
    if let Some(c) = args.category {
        filters.push(format!("category {c}"));
    }
    if let Some(a) = &args.actor {
        filters.push(format!("actor {a}"));
    }
    if let Some(c) = args.min_confidence {
        filters.push(format!("sources at least {c} confidence"));
    }
    if args.people {
        filters.push("people kept apart from their party".into());
    }
    if args.include_observers {
        filters.push("observers counted as parties".into());
    }
    if args.history {
        filters.push("settled demands and concessions shown".into());
    }
    Briefing {
        record: name,
        as_of: args
            .as_of
            .or(latest)
            .map_or_else(|| "no dated claim".into(), |d| d.to_string()),
        as_of_given: args.as_of.is_some(),
        filters,
        cuts: Vec::new(),
    }
}

/// Builds a map, applies the node and edge caps (saying on stderr and on the
/// map what they left out), then the briefing finish: title, legend, contrast.
/// The map options these arguments ask for.
pub(super) fn map_options(args: &RenderArgs) -> MapOptions {
    MapOptions {
        max_nodes: args.max_nodes,
        max_edges: args.max_edges,
        history: args.history,
    }
}

fn build(
    ctx: &Context,
    st: &NegotiationState,
    brief: &Briefing,
    kind: &MapKind,
    args: &RenderArgs,
) -> Map {
    let (max, max_edges) = (args.max_nodes, args.max_edges);
    let dot::Drawn {
        map,
        nodes_cut: left_out,
        edges_cut,
    } = dot::draw(st, kind, brief, &map_options(args));
    if edges_cut > 0 && !ctx.quiet {
        eprintln!(
            "stancemap: map {}: left out {edges_cut} thinnest edge{} (--max-edges {max_edges})",
            map.name,
            if edges_cut == 1 { "" } else { "s" }
        );
    }
    if !left_out.is_empty() && !ctx.quiet {
        let shown: Vec<&str> = left_out.iter().take(8).map(String::as_str).collect();
        let more = left_out.len() - shown.len();
        let line = format!(
            "stancemap: map {}: left out {} least-connected node{} (--max-nodes {max}): {}{}",
            map.name,
            left_out.len(),
            if left_out.len() == 1 { "" } else { "s" },
            shown.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        );
        eprintln!("{}", crate::render::terminal::safe(&line));
    }
    map
}

fn render_all(
    ctx: &Context,
    st: &NegotiationState,
    brief: &Briefing,
    dir: &Path,
    args: &RenderArgs,
    policy: &Policy,
) -> Result<(), CliError> {
    let record = st.record;
    // The folder may hold an earlier run's maps (README: regenerate graphs/), nothing else.
    policy.dir(dir, |name| {
        name == "index.html" || name.ends_with(".dot") || name.ends_with(".svg")
    })?;
    let write = |path: &Path, bytes: &[u8]| -> Result<(), CliError> {
        Ok(policy.write_bytes(path, bytes)?)
    };
    let mut kinds = vec![
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Timeline,
    ];
    for (i, issue) in record.issues.iter().enumerate() {
        let idx = crate::model::IssueIdx(i as u32);
        if issue.parent.is_none() && st.issues.binary_search(&idx).is_ok() {
            kinds.push(MapKind::Issue(idx));
        }
    }
    for (i, actor) in record.actors.iter().enumerate() {
        if matches!(
            actor.kind,
            ActorKind::State | ActorKind::Bloc | ActorKind::Organisation
        ) {
            kinds.push(MapKind::Actor(crate::model::ActorIdx(i as u32)));
        }
    }
    let mut index = Vec::new();
    let mut dots = Vec::new();
    let progress = super::progress::Progress::bar(kinds.len() as u64, "drawing maps");
    for kind in &kinds {
        progress.inc();
        let map = build(ctx, st, brief, kind, args);
        let stem = kind.name(record);
        let dot_text = map.to_dot();
        write(&dir.join(format!("{stem}.dot")), dot_text.as_bytes())?;
        // The index lists the title alone, not the subtitle under it.
        let title = map
            .graph_attrs
            .iter()
            .find(|(k, _)| *k == "label")
            .and_then(|(_, v)| v.lines().next())
            .map_or_else(|| stem.clone(), str::to_string);
        index.push((stem.clone(), title));
        dots.push((stem, dot_text));
    }
    drop(progress);
    if !args.dot_only {
        let progress =
            super::progress::Progress::bar(dots.len() as u64, "laying out maps with Graphviz");
        for (stem, dot_text) in &dots {
            progress.message(&format!("laying out {stem} with Graphviz"));
            progress.inc();
            let path = dir.join(format!("{stem}.svg"));
            let svg = run_dot(dot_text, Format::Svg, &path)?;
            write(&path, &svg)?;
        }
    }
    write(
        &dir.join("index.html"),
        html::index_page(&index, !args.dot_only).as_bytes(),
    )?;
    if !ctx.quiet {
        let line = format!("stancemap: wrote {} maps to {}", dots.len(), dir.display());
        eprintln!("{}", crate::render::terminal::safe(&line));
    }
    Ok(())
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Runs Graphviz's `dot`; a missing `dot` gets a message that says how to install it.
pub(super) fn run_dot(dot_text: &str, format: Format, target: &Path) -> Result<Vec<u8>, CliError> {
    graphviz_rust::exec_dot(dot_text.to_string(), vec![CommandArg::Format(format)]).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            CliError::Usage(format!(
                "writing {} needs Graphviz's `dot` program, which is not installed (or not on PATH).\n\
                 Install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`), \
                 or write DOT instead with `-o FILE.dot` (or add --keep-dot).",
                target.display()
            ))
        } else {
            CliError::Usage(format!("Graphviz's `dot` failed writing {}: {e}", target.display()))
        }
    })
}

/// Graphviz (through cairo) stamps a PDF with the time it was written, so the
/// same map would differ on every run. The stamp is overwritten in place with
/// the map's as-of date, same length, so the PDF's byte offsets stay valid.
fn fix_pdf_date(bytes: &mut [u8], as_of: &str) {
    const KEY: &[u8] = b"/CreationDate (D:";
    let digits: Vec<u8> = as_of.bytes().filter(u8::is_ascii_digit).collect();
    let mut stamp = *b"20000101000000";
    for (slot, d) in stamp.iter_mut().zip(&digits) {
        *slot = *d;
    }
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(KEY.len()).position(|w| w == KEY) {
        let start = at + found + KEY.len();
        let run = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
            .min(stamp.len());
        bytes[start..start + run].copy_from_slice(&stamp[..run]);
        at = start + run;
    }
}
