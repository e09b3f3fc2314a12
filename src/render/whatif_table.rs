//! What-if answers as tables (terminal, CSV, Markdown): per scenario, the moves
//! and what they change; with several scenarios, a side-by-side summary first.

use super::query_table::{claim, table};
use super::tables::Tables;
use crate::whatif::WhatIf;
use std::io;

pub fn whatifs(out: &mut Tables, answers: &Vec<WhatIf>) -> io::Result<()> {
    if answers.len() > 1 {
        let mut t = table(&[
            "scenario",
            "moves",
            "resolved",
            "created",
            "red lines crossed",
            "camp changes",
            "newly answered",
        ]);
        for w in answers {
            t.add_row(vec![
                w.scenario.clone(),
                w.moves.len().to_string(),
                w.resolved.len().to_string(),
                w.created.len().to_string(),
                w.red_lines_crossed.len().to_string(),
                w.camp_changes.len().to_string(),
                w.answered.newly.len().to_string(),
            ]);
        }
        out.section("Scenarios side by side", t, false)?;
    }
    for w in answers {
        whatif(out, w)?;
    }
    Ok(())
}

fn conflict_rows(
    out: &mut Tables,
    title: &str,
    rows: &[crate::query::conflicts::Conflict],
) -> io::Result<()> {
    let mut t = table(&["severity", "kind", "issue", "a", "b", "claim a", "claim b"]);
    for c in rows {
        t.add_row(vec![
            c.severity.as_str().to_string(),
            c.kind.as_str().to_string(),
            c.issue.clone(),
            c.a.id.clone(),
            c.b.id.clone(),
            claim(&c.claim_a),
            claim(&c.claim_b),
        ]);
    }
    out.section(title, t, rows.is_empty())
}

pub fn whatif(out: &mut Tables, w: &WhatIf) -> io::Result<()> {
    let title = w
        .title
        .as_deref()
        .map(|t| format!(" — {t}"))
        .unwrap_or_default();
    out.line(format!(
        "Scenario {}{} (moves played on {})",
        w.scenario, title, w.date
    ))?;
    let mut t = table(&["move", "what", "note", "sources"]);
    for m in &w.moves {
        t.add_row(vec![
            m.kind.clone(),
            m.do_.clone(),
            m.note.clone().unwrap_or_default(),
            m.sources.join("\n"),
        ]);
    }
    out.section("Moves", t, w.moves.is_empty())?;
    conflict_rows(out, "Conflicts resolved", &w.resolved)?;
    conflict_rows(out, "Conflicts created", &w.created)?;
    let mut t = table(&["issue", "party", "before", "after"]);
    for c in &w.camp_changes {
        t.add_row(vec![
            c.issue.clone(),
            c.party.clone(),
            c.before.clone(),
            c.after.clone(),
        ]);
    }
    out.section("Camp changes", t, w.camp_changes.is_empty())?;
    let mut t = table(&["demand", "by"]);
    for d in &w.answered.newly {
        t.add_row(vec![claim(d), d.actor.clone()]);
    }
    out.section("Newly answered demands", t, w.answered.newly.is_empty())?;
    let mut t = table(&["move", "whose red line", "red line"]);
    for r in &w.red_lines_crossed {
        let whose = if r.own {
            format!("{} (its own)", r.whose)
        } else {
            r.whose.clone()
        };
        t.add_row(vec![r.by_move.clone(), whose, claim(&r.red_line)]);
    }
    out.section("Red lines crossed", t, w.red_lines_crossed.is_empty())?;
    let mut t = table(&["change", "members"]);
    for c in &w.coalitions.formed {
        t.add_row(vec!["formed".to_string(), c.join(", ")]);
    }
    for c in &w.coalitions.dissolved {
        t.add_row(vec!["split or changed".to_string(), c.join(", ")]);
    }
    out.section(
        &format!(
            "Coalitions ({} before, {} after)",
            w.coalitions.before, w.coalitions.after
        ),
        t,
        w.coalitions.formed.is_empty() && w.coalitions.dissolved.is_empty(),
    )?;
    let b = &w.bargaining;
    let mut t = table(&["", "open demands", "trades", "blockers", "red lines"]);
    for (name, c) in [("before", &b.before), ("after", &b.after)] {
        t.add_row(vec![
            name.to_string(),
            c.open_demands.to_string(),
            c.trades.to_string(),
            c.blockers.to_string(),
            c.red_lines.to_string(),
        ]);
    }
    for (name, list) in [
        ("new trade", &b.trades_new),
        ("trade gone", &b.trades_gone),
        ("new blocker", &b.blockers_new),
        ("blocker gone", &b.blockers_gone),
    ] {
        for item in list {
            t.add_row(vec![
                name.to_string(),
                item.clone(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    out.section("Bargaining", t, false)
}

/// `whatif --suggest`: one row per suggestion, best first, with its reasoning.
pub fn suggestions(out: &mut Tables, s: &crate::whatif::Suggestions) -> io::Result<()> {
    let who = s.by.as_deref().unwrap_or("every party in a live conflict");
    out.line(format!(
        "Moves by {who}, played on {}: {} single move(s) and {} pair(s) tried; score = conflicts resolved − created − red lines crossed",
        s.date, s.singles_tried, s.pairs_tried
    ))?;
    let mut t = table(&[
        "rank",
        "score",
        "moves",
        "resolved",
        "created",
        "red lines",
        "answered",
        "reasoning",
    ]);
    for row in &s.suggestions {
        t.add_row(vec![
            row.rank.to_string(),
            row.score.to_string(),
            row.moves
                .iter()
                .map(|m| m.label.clone())
                .collect::<Vec<_>>()
                .join("\n"),
            row.resolved.len().to_string(),
            row.created.len().to_string(),
            row.red_lines_crossed.len().to_string(),
            row.answered.len().to_string(),
            row.reasoning.clone(),
        ]);
    }
    out.section("Suggested moves", t, s.suggestions.is_empty())
}
