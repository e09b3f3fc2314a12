//! Query answers as tables for people reading a terminal.
//!
//! The tables carry no colour and are fitted to the width `tables` is given
//! (not to whatever terminal happens to run), so the same answer and width give
//! the same bytes everywhere (snapshots depend on it). Each claim cell shows the
//! claim's words, then its kind, id, stance and weight, then its date; each row
//! ends with the sources behind it. `tables` turns the same tables into CSV or
//! Markdown.

use crate::query::bargaining::Bargaining;
use crate::query::coalitions::Coalitions;
use crate::query::conflicts::Conflicts;
use crate::query::diff::{Change, Diff};
use crate::query::overlaps::Overlaps;
use crate::query::path::PathAnswer;
use crate::query::profile::{ActorProfile, IssueProfile, IssueStances, Relation};
use crate::query::Claim;
use comfy_table::{presets, ContentArrangement, Table};

pub use super::camps_table::{camps_grid, conflicts_by_issue, overlaps_by_issue};
use super::tables::Tables;
use std::io;

pub(super) fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty()
        .set_header(header.to_vec());
    t
}

pub(super) fn claim(c: &Claim) -> String {
    let said = c
        .said_by
        .as_ref()
        .map(|s| format!(" (said by {s})"))
        .unwrap_or_default();
    format!("{}\n{}{} · {}", c.text, c.label(), said, c.date)
}

pub(super) fn sources(c: &Claim) -> String {
    if c.sources.is_empty() {
        return "(none)".into();
    }
    c.sources
        .iter()
        .map(|s| format!("{} ({})", s.doc, s.confidence))
        .collect::<Vec<_>>()
        .join("\n")
}

fn both_sources(a: &Claim, b: &Claim) -> String {
    format!("a: {}\nb: {}", sources(a), sources(b))
}

pub fn conflicts(out: &mut Tables, answer: &Conflicts) -> io::Result<()> {
    if answer.conflicts.is_empty() {
        return out.line("No conflicts.");
    }
    let mut t = table(&[
        "severity", "kind", "issue", "a", "b", "claim a", "claim b", "why", "sources",
    ]);
    for c in &answer.conflicts {
        t.add_row(vec![
            c.severity.as_str().to_string(),
            c.kind.as_str().to_string(),
            c.issue.clone(),
            c.a.id.clone(),
            c.b.id.clone(),
            claim(&c.claim_a),
            claim(&c.claim_b),
            c.reason.clone(),
            both_sources(&c.claim_a, &c.claim_b),
        ]);
    }
    out.table(None, t)?;
    out.line(format!("{} conflict(s)", answer.conflicts.len()))
}

pub fn overlaps(out: &mut Tables, answer: &Overlaps) -> io::Result<()> {
    if answer.overlaps.is_empty() {
        return out.line("No overlaps.");
    }
    let mut t = table(&[
        "kind",
        "issue",
        "a",
        "b",
        "direction",
        "claim a",
        "claim b",
        "why",
        "sources",
    ]);
    for o in &answer.overlaps {
        t.add_row(vec![
            o.kind.as_str().to_string(),
            o.issue.clone(),
            o.a.id.clone(),
            o.b.id.clone(),
            o.direction.map(|d| d.to_string()).unwrap_or("-".into()),
            claim(&o.claim_a),
            claim(&o.claim_b),
            o.reason.clone(),
            both_sources(&o.claim_a, &o.claim_b),
        ]);
    }
    out.table(None, t)?;
    out.line(format!("{} overlap(s)", answer.overlaps.len()))
}

fn camps(out: &mut Tables, list: &[IssueStances]) -> io::Result<()> {
    for s in list {
        let parent = s
            .parent
            .as_ref()
            .map(|p| format!(", sub-issue of {p}"))
            .unwrap_or_default();
        out.group(
            &s.issue,
            format!("Issue {}: {} ({}{parent})", s.issue, s.title, s.category),
        )?;
        let mut t = table(&["stance", "actor", "claim", "sources"]);
        let groups = [
            ("support", &s.support),
            ("conditional", &s.conditional),
            ("oppose", &s.oppose),
            ("ambiguous", &s.ambiguous),
        ];
        let mut any = false;
        for (name, claims) in groups {
            for c in claims {
                any = true;
                t.add_row(vec![
                    name.to_string(),
                    c.actor.clone(),
                    claim(c),
                    sources(c),
                ]);
            }
        }
        out.section("Positions", t, !any)?;
        super::camps_table::camp_lines(out, &s.camps)?;
        if !s.observers.is_empty() {
            claims_table(out, "Observers (in no camp)", &s.observers)?;
        }
        claims_table(out, "Demands", &s.demands)?;
        claims_table(out, "Concessions", &s.concessions)?;
        out.line("")?;
    }
    Ok(())
}

pub(super) fn claims_table(out: &mut Tables, title: &str, claims: &[Claim]) -> io::Result<()> {
    let mut t = table(&["actor", "claim", "to", "status", "sources"]);
    for c in claims {
        t.add_row(vec![
            c.actor.clone(),
            claim(c),
            c.addressees.join(", "),
            c.status.clone().unwrap_or("-".into()),
            sources(c),
        ]);
    }
    out.section(title, t, claims.is_empty())
}

pub fn issue(out: &mut Tables, answer: &IssueProfile) -> io::Result<()> {
    camps(out, &answer.issues)
}

fn relations(out: &mut Tables, title: &str, list: &[Relation]) -> io::Result<()> {
    let mut t = table(&["actor", "count", "issues"]);
    for r in list {
        t.add_row(vec![
            r.actor.id.clone(),
            r.count.to_string(),
            r.issues.join(", "),
        ]);
    }
    out.section(title, t, list.is_empty())
}

pub fn actor(out: &mut Tables, p: &ActorProfile) -> io::Result<()> {
    out.line(format!("{} ({}): {}", p.actor.name, p.actor.id, p.kind))?;
    if let Some(role) = &p.role {
        out.line(format!("Role: {role}"))?;
    }
    let ids = |list: &[crate::query::ActorRef]| {
        list.iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !p.member_of.is_empty() {
        out.line(format!("Member of: {}", ids(&p.member_of)))?;
    }
    if !p.members.is_empty() {
        out.line(format!("Members: {}", ids(&p.members)))?;
    }
    for s in &p.sources {
        out.line(format!(
            "Source: {} ({}): \"{}\"",
            s.doc, s.confidence, s.quote
        ))?;
    }
    out.line("")?;
    let mut t = table(&["issue", "claim", "sources"]);
    for c in &p.positions {
        t.add_row(vec![c.issue.clone(), claim(c), sources(c)]);
    }
    out.section("Positions", t, p.positions.is_empty())?;
    claims_table(out, "Demands made", &p.demands_made)?;
    claims_table(out, "Demands received", &p.demands_received)?;
    claims_table(out, "Concessions made", &p.concessions_made)?;
    claims_table(out, "Concessions received", &p.concessions_received)?;
    let mut t = table(&["date", "event", "kind", "participants"]);
    for e in &p.events {
        t.add_row(vec![
            e.date.to_string(),
            format!("{}\n{}", e.title, e.id),
            e.kind.to_string(),
            e.participants.join(", "),
        ]);
    }
    out.section("Events", t, p.events.is_empty())?;
    relations(out, "Allies (agreements)", &p.allies)?;
    relations(out, "Opponents (conflicts)", &p.opponents)
}

pub fn coalitions(out: &mut Tables, answer: &Coalitions) -> io::Result<()> {
    let mut t = table(&["members", "issues", "weakest link"]);
    for c in &answer.coalitions {
        let w = &c.weakest_link;
        t.add_row(vec![
            c.members
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            c.issues.join("\n"),
            format!("{} – {} ({} agreement(s))", w.a.id, w.b.id, w.agreements),
        ]);
    }
    out.section("Coalitions", t, answer.coalitions.is_empty())?;
    if answer.truncated {
        out.line(format!(
            "  (the search stopped at its budget of {} coalitions or {} steps: this is a part of \
             the answer; narrow it with --actor, --issue or --category)",
            crate::query::coalitions::MAX_COALITIONS,
            crate::query::coalitions::MAX_SEARCH_STEPS
        ))?;
    }
    let mut t = table(&["a", "b", "agreements", "conflicts"]);
    for l in &answer.links {
        t.add_row(vec![
            l.a.id.clone(),
            l.b.id.clone(),
            l.agreements.to_string(),
            l.conflicts.to_string(),
        ]);
    }
    out.section("Links", t, answer.links.is_empty())?;
    if !answer.camps.is_empty() {
        out.line("")?;
        camps(out, &answer.camps)?;
    }
    Ok(())
}

pub fn bargaining(out: &mut Tables, b: &Bargaining) -> io::Result<()> {
    let mut t = table(&["by", "demand", "of", "sources"]);
    for d in &b.open_demands {
        t.add_row(vec![
            d.demand.actor.clone(),
            claim(&d.demand),
            d.addressed_to
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            sources(&d.demand),
        ]);
    }
    out.section("Open demands", t, b.open_demands.is_empty())?;
    let mut t = table(&["demand", "answer", "concessions"]);
    for a in &b.answered {
        t.add_row(vec![
            claim(&a.demand),
            a.answer.clone(),
            a.concessions
                .iter()
                .map(claim)
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    out.section("Answered demands", t, b.answered.is_empty())?;
    let mut t = table(&["actor", "red line", "sources"]);
    for r in &b.red_lines {
        for c in &r.claims {
            t.add_row(vec![r.actor.id.clone(), claim(c), sources(c)]);
        }
    }
    out.section("Red lines", t, b.red_lines.is_empty())?;
    let mut t = table(&["a", "b", "a asks of b", "b asks of a"]);
    for tr in &b.trades {
        t.add_row(vec![
            tr.a.id.clone(),
            tr.b.id.clone(),
            claim(&tr.a_asks),
            claim(&tr.b_asks),
        ]);
    }
    out.section("Possible trades", t, b.trades.is_empty())?;
    let mut t = table(&["demand", "addressee", "red line crossed"]);
    for x in &b.blockers {
        t.add_row(vec![
            claim(&x.demand),
            x.addressee.id.clone(),
            claim(&x.red_line),
        ]);
    }
    out.section("Blocking demands", t, b.blockers.is_empty())?;
    claims_table(
        out,
        "History (met, rejected, dropped, withdrawn: not live)",
        &b.history,
    )
}

fn changes(out: &mut Tables, title: &str, list: &[Change]) -> io::Result<()> {
    let mut t = table(&["change", "actor", "issue", "old → new", "claim"]);
    for c in list {
        let shown = c.new.as_ref().or(c.old.as_ref());
        // A month or year only overlapping the window: it may lie outside it.
        let change = if c.imprecise {
            format!("{} (imprecise)", c.change.as_str())
        } else {
            c.change.as_str().to_string()
        };
        t.add_row(vec![
            change,
            c.actor.clone(),
            c.issue.clone(),
            c.summary.clone(),
            shown.map(claim).unwrap_or_default(),
        ]);
    }
    out.section(title, t, list.is_empty())
}

pub fn diff(out: &mut Tables, d: &Diff) -> io::Result<()> {
    out.line(format!(
        "Changes from {} to {}, both included",
        d.from, d.to
    ))?;
    changes(out, "Positions", &d.positions)?;
    changes(out, "Demands", &d.demands)?;
    changes(out, "Concessions", &d.concessions)
}

pub fn path(out: &mut Tables, p: &PathAnswer) -> io::Result<()> {
    if !p.connected {
        return out.line(format!("{} and {} are not connected.", p.from.id, p.to.id));
    }
    out.line(format!(
        "{} → {}: {} hop(s)",
        p.from.id,
        p.to.id,
        p.hops.len()
    ))?;
    let mut t = table(&["#", "from", "to", "relation", "explanation"]);
    for (i, h) in p.hops.iter().enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            format!("{} {}", h.from.kind, h.from.id),
            format!("{} {}", h.to.kind, h.to.id),
            h.relation.to_string(),
            h.explanation.clone(),
        ]);
    }
    out.table(None, t)
}
