//! `stancemap timeline`: every dated claim, event and status change in order.

use super::filters::{resolve_actor, resolve_issue, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::model::Date;
use crate::query::timeline::{timeline, Entry, TimelineFilter};
use crate::render::tables::Tables;
use clap::Args;
use std::io;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    /// Only what this actor said or took part in (a party: its people too).
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Only claims on this issue and its sub-issues.
    #[arg(long, value_name = "ID")]
    pub issue: Option<String>,
    /// Only entries dated on or after DATE.
    #[arg(long, value_name = "DATE", value_parser = Date::parse)]
    pub from: Option<Date>,
    /// Only entries dated on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = Date::parse)]
    pub to: Option<Date>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: TimelineArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let filter = TimelineFilter {
        actor: args
            .actor
            .as_deref()
            .map(|a| resolve_actor(&record, a))
            .transpose()?,
        issues: args
            .issue
            .as_deref()
            .map(|i| resolve_issue(&record, i).map(|i| record.issue_with_descendants(i)))
            .transpose()?,
        from: args.from,
        to: args.to,
    };
    let entries = timeline(&record, &filter);
    args.output
        .emit(&serde_json::json!({ "entries": entries }), |out, _| {
            table(out, &entries)
        })
}

fn table(out: &mut Tables, entries: &[Entry]) -> io::Result<()> {
    let mut t = comfy_table::Table::new();
    t.set_header(vec!["date", "kind", "actor", "issue", "what", "text"]);
    for e in entries {
        t.add_row(vec![
            e.date.to_string(),
            e.kind.to_string(),
            e.actor.clone(),
            e.issue.clone().unwrap_or_default(),
            e.what.clone(),
            e.text.clone(),
        ]);
    }
    out.table(None, t)?;
    out.line(format!("{} entries", entries.len()))
}
