//! `stancemap polarization`: per window, how far the parties split into two
//! opposed camps (docs/networks.md gives the measure), as a table, JSON or an
//! SVG line chart.

use super::filters::FilterArgs;
use super::network::{CountArg, TimeArgs};
use super::{CliError, Context, RecordArgs};
use crate::model::Record;
use crate::query::network::polarization::Polarization;
use crate::query::network::{polarization_series, Kind, Normalize, Series, Spec};
use crate::render::chart::line_chart;
use crate::state::NegotiationState;
use crate::write::{Guard, Policy};
use clap::{Args, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PolarizationArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count issues (each party's side once) or pairs of statements.
    #[arg(long, value_enum, default_value_t = CountArg::Issues)]
    pub count: CountArg,
    #[command(flatten)]
    pub time: TimeArgs,
    /// Output format: a table, JSON, or an SVG line chart.
    #[arg(long, value_enum, default_value_t = PolFormat::Table)]
    pub format: PolFormat,
    /// Write to FILE (atomically; never into the record) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing YAML file given as -o.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PolFormat {
    Table,
    Json,
    Svg,
}

pub fn run(ctx: &Context, args: PolarizationArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    let spec = Spec {
        kind: Kind::Subtract,
        count: args.count.count(),
        normalize: Normalize::None,
        source: args.time.source(&state, args.count)?,
    };
    let series = polarization_series(&state, spec);
    let guard = Guard::record(&args.record.path);
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    Ok(
        policy.write(args.output.as_deref(), |out| match args.format {
            PolFormat::Table => table(out, &record, &series),
            PolFormat::Json => json(out, &record, &series),
            PolFormat::Svg => {
                let points: Vec<(String, f64)> = series
                    .snapshots
                    .iter()
                    .map(|s| (label(s.window), s.network.score))
                    .collect();
                let title = format!("Polarization of {}", record_name(&args.record.path));
                out.write_all(line_chart(&title, "polarization", &points).as_bytes())
            }
        })?,
    )
}

fn record_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn label(window: Option<crate::query::network::Window>) -> String {
    window.map_or_else(|| "now".to_string(), |w| w.start_date().to_string())
}

fn table(out: &mut dyn Write, record: &Record, series: &Series<Polarization>) -> io::Result<()> {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(vec![
            "from",
            "to",
            "statements",
            "score",
            "agreement",
            "conflict",
            "group a",
            "group b",
        ]);
    for s in &series.snapshots {
        let p = &s.network;
        let names = |g: &[crate::model::ActorIdx]| {
            let mut ids: Vec<&str> = g
                .iter()
                .take(6)
                .map(|&a| record.actor(a).id.as_str())
                .collect();
            if g.len() > 6 {
                ids.push("…");
            }
            if g.is_empty() {
                return "—".to_string();
            }
            format!("{} ({})", ids.join(" "), g.len())
        };
        let (from, to) = s.window.map_or((String::new(), String::new()), |w| {
            (w.start_date().to_string(), w.last_date().to_string())
        });
        t.add_row(vec![
            from,
            to,
            s.statements.to_string(),
            format!("{:.3}", p.score),
            format!("{} ({} within)", p.agreement, p.agreement_within),
            format!("{} ({} between)", p.conflict, p.conflict_between),
            names(&p.groups[0]),
            names(&p.groups[1]),
        ]);
    }
    writeln!(out, "{t}")
}

fn json(out: &mut dyn Write, record: &Record, series: &Series<Polarization>) -> io::Result<()> {
    let ids = |g: &[crate::model::ActorIdx]| -> Vec<String> {
        g.iter().map(|&a| record.actor(a).id.clone()).collect()
    };
    let windows: Vec<serde_json::Value> = series
        .snapshots
        .iter()
        .map(|s| {
            let p = &s.network;
            serde_json::json!({
                "start": s.window.map(|w| w.start_date().to_string()),
                "end": s.window.map(|w| w.last_date().to_string()),
                "statements": s.statements,
                "score": p.score,
                "agreement": p.agreement,
                "conflict": p.conflict,
                "agreement_within": p.agreement_within,
                "conflict_between": p.conflict_between,
                "groups": [ids(&p.groups[0]), ids(&p.groups[1])],
            })
        })
        .collect();
    let doc = serde_json::json!({
        "measure": "(conflict between the two groups / all conflict) × (agreement within the groups / all agreement); groups by spectral bisection of agreement − conflict, refined by single-party moves",
        "count": series.spec.count,
        "windows": windows,
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
