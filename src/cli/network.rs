//! `stancemap network`: party × party agreement and conflict networks (and the
//! party × issue two-mode network), from the live state or from the statements
//! of one or more time windows, in the formats network tools read.

use super::filters::FilterArgs;
use super::{CliError, Context, RecordArgs};
use crate::model::{Date, Record};
use crate::query::network::{
    self, one_mode_series, statements::statements as all_statements, two_mode_series, window,
    Count, Kind, Normalize, Source, Span, Spec,
};
use crate::render::network as out;
use crate::state::NegotiationState;
use crate::write::{Guard, Policy};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct NetworkArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub net: NetArgs,
    /// The party × issue network instead: +1 support, −1 oppose, 0 both (or statement counts).
    #[arg(long)]
    pub two_mode: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NetFormat::Table)]
    pub format: NetFormat,
    /// With --format csv, a matrix instead of an edge list (one network only).
    #[arg(long)]
    pub matrix: bool,
    /// Write to FILE (atomically; never into the record) instead of stdout; needed for svg.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing YAML file given as -o.
    #[arg(long)]
    pub force: bool,
}

/// The choices `network` and `polarization` share.
#[derive(Args, Debug, Clone)]
pub struct NetArgs {
    /// Which relation: agreement, disagreement, or agreement minus disagreement.
    #[arg(long, value_enum, default_value_t = KindArg::Congruence)]
    pub kind: KindArg,
    /// Count issues (each party's side of an issue once) or pairs of statements (as DNA does).
    #[arg(long, value_enum, default_value_t = CountArg::Issues)]
    pub count: CountArg,
    /// DNA's normalisation of each pair's weight (docs/networks.md).
    #[arg(long, value_enum, default_value_t = NormalizeArg::None)]
    pub normalize: NormalizeArg,
    /// A series of networks over moving windows of this span (30d, 2w, 3m, 1y).
    #[arg(long, value_name = "SPAN", value_parser = Span::parse)]
    pub window: Option<Span>,
    /// How far each window moves on (default: the window's span, so windows do not overlap).
    #[arg(long, value_name = "SPAN", value_parser = Span::parse, requires = "window")]
    pub step: Option<Span>,
    /// Statements dated on or after DATE only (the first window starts here).
    #[arg(long, value_name = "DATE", value_parser = Date::parse)]
    pub from: Option<Date>,
    /// Statements dated on or before DATE only.
    #[arg(long, value_name = "DATE", value_parser = Date::parse)]
    pub to: Option<Date>,
    /// Most windows in one series (a longer series is refused).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_windows: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Congruence,
    Conflict,
    Subtract,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    Issues,
    Statements,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NormalizeArg {
    None,
    Average,
    Jaccard,
    Cosine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NetFormat {
    /// An edge list for people.
    Table,
    Json,
    /// An edge list, or a matrix with --matrix.
    Csv,
    /// GraphML for Gephi, visone, networkx (one graph per window).
    Graphml,
    /// Graphviz DOT (one network).
    Dot,
    /// SVG drawn by Graphviz (one network; needs -o FILE).
    Svg,
}

impl NetArgs {
    /// The spec for these choices: live, all statements, or windows over the record's dates.
    pub fn spec(&self, state: &NegotiationState) -> Result<Spec, CliError> {
        let windowed = self.window.is_some() || self.from.is_some() || self.to.is_some();
        if windowed && state.filter.as_of.is_some() {
            return Err(CliError::Usage(
                "--as-of picks the live state; with --window, --from or --to, bound the statements with --to".into(),
            ));
        }
        let source = if !windowed {
            match self.count {
                CountArg::Issues => Source::Live,
                CountArg::Statements => Source::Statements,
            }
        } else {
            let days = all_statements(state.record, &state.filter);
            let first = self
                .from
                .map(window::day_number)
                .or(days.first().map(|s| s.day))
                .unwrap_or(0);
            let last = self
                .to
                .map(window::day_number)
                .or(days.last().map(|s| s.day))
                .unwrap_or(first);
            if last < first {
                return Err(CliError::Usage("--to is before --from".into()));
            }
            let windows = match self.window {
                None => vec![network::Window {
                    start: first,
                    end: last + 1,
                }],
                Some(span) => {
                    let step = self.step.unwrap_or(span);
                    let mut ws = window::series(first, last, span, step, self.max_windows).map_err(|_| {
                        CliError::Usage(format!(
                            "the series has more than {} windows: use a longer --step, a shorter --from/--to, or raise --max-windows",
                            self.max_windows
                        ))
                    })?;
                    // --to bounds the last windows too.
                    if self.to.is_some() {
                        for w in &mut ws {
                            w.end = w.end.min(last + 1);
                        }
                    }
                    ws
                }
            };
            Source::Windows(windows)
        };
        Ok(Spec {
            kind: match self.kind {
                KindArg::Congruence => Kind::Congruence,
                KindArg::Conflict => Kind::Conflict,
                KindArg::Subtract => Kind::Subtract,
            },
            count: match self.count {
                CountArg::Issues => Count::Issues,
                CountArg::Statements => Count::Statements,
            },
            normalize: match self.normalize {
                NormalizeArg::None => Normalize::None,
                NormalizeArg::Average => Normalize::Average,
                NormalizeArg::Jaccard => Normalize::Jaccard,
                NormalizeArg::Cosine => Normalize::Cosine,
            },
            source,
        })
    }
}

/// Writes the answer to wherever `-o` says.
type WriteFn<'a> = dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a;

pub fn run(ctx: &Context, args: NetworkArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    let spec = args.net.spec(&state)?;
    let several = matches!(&spec.source, Source::Windows(w) if w.len() > 1);
    if several && (args.matrix || matches!(args.format, NetFormat::Dot | NetFormat::Svg)) {
        return Err(CliError::Usage(
            "a matrix, DOT or SVG holds one network: drop --window (or pick one with --from/--to), or use json, csv or graphml".into(),
        ));
    }
    if args.matrix && args.format != NetFormat::Csv {
        return Err(CliError::Usage("--matrix goes with --format csv".into()));
    }
    if args.format == NetFormat::Svg && args.output.is_none() {
        return Err(CliError::Usage("--format svg needs -o FILE.svg".into()));
    }
    if args.two_mode && matches!(args.format, NetFormat::Dot | NetFormat::Svg) {
        return Err(CliError::Usage(
            "the two-mode network is written as table, json, csv or graphml".into(),
        ));
    }
    let bytes: Box<WriteFn> = if args.two_mode {
        let series = two_mode_series(&state, spec);
        let r = &record;
        match args.format {
            NetFormat::Json => Box::new(move |w| out::two_mode_json(w, r, &series)),
            NetFormat::Csv if args.matrix => Box::new(move |w| {
                out::two_mode_matrix(w, r, &series.snapshots[0].network, series.spec.count)
            }),
            NetFormat::Csv => Box::new(move |w| out::two_mode_csv(w, r, &series)),
            NetFormat::Graphml => Box::new(move |w| out::two_mode_graphml(w, r, &series)),
            _ => Box::new(move |w| out::two_mode_table(w, r, &series)),
        }
    } else {
        let series = one_mode_series(&state, spec);
        let r = &record;
        match args.format {
            NetFormat::Json => Box::new(move |w| out::one_mode_json(w, r, &series)),
            NetFormat::Csv if args.matrix => {
                Box::new(move |w| out::one_mode_matrix(w, r, &series.snapshots[0].network))
            }
            NetFormat::Csv => Box::new(move |w| out::one_mode_csv(w, r, &series)),
            NetFormat::Graphml => Box::new(move |w| out::one_mode_graphml(w, r, &series)),
            NetFormat::Dot | NetFormat::Svg => {
                let dot = dot_of(r, &series);
                if args.format == NetFormat::Svg {
                    let path = args.output.as_deref().expect("checked above");
                    let svg = super::render::run_dot(&dot, graphviz_rust::cmd::Format::Svg, path)?;
                    Box::new(move |w| w.write_all(&svg))
                } else {
                    Box::new(move |w| w.write_all(dot.as_bytes()))
                }
            }
            NetFormat::Table => Box::new(move |w| out::one_mode_table(w, r, &series)),
        }
    };
    let guard = Guard::record(&args.record.path);
    let policy = Policy {
        guard: &guard,
        force: args.force,
    };
    Ok(policy.write(args.output.as_deref(), |w| {
        let mut buffered = std::io::BufWriter::new(w);
        bytes(&mut buffered)?;
        buffered.flush()
    })?)
}

fn dot_of(record: &Record, series: &network::Series<network::Network>) -> String {
    let spec = &series.spec;
    let snap = &series.snapshots[0];
    let when = match snap.window {
        Some(w) => format!(", {} to {}", w.start_date(), w.last_date()),
        None => String::new(),
    };
    let title = format!(
        "{} network ({}, normalised: {}{when})",
        match spec.kind {
            Kind::Congruence => "Agreement",
            Kind::Conflict => "Conflict",
            Kind::Subtract => "Agreement minus conflict",
        },
        match spec.count {
            Count::Issues => "issues",
            Count::Statements => "pairs of statements",
        },
        match spec.normalize {
            Normalize::None => "no",
            Normalize::Average => "average",
            Normalize::Jaccard => "Jaccard",
            Normalize::Cosine => "cosine",
        }
    );
    out::one_mode_dot(record, &snap.network, spec.kind == Kind::Conflict, &title)
}
