//! Tables for the camp answers: conflicts and overlaps issue by issue, and the
//! parties × issues grid of `camps`.

use super::query_table::{claim, claims_table, sources, table};
use super::tables::Tables;
use crate::query::camps::{CampsGrid, IssueCamps, Member};
use crate::query::conflicts::ConflictsByIssue;
use crate::query::overlaps::OverlapsByIssue;
use std::io;

fn members(list: &[Member]) -> String {
    list.iter()
        .map(|m| match &m.via {
            Some(via) => format!("{} (via {via})", m.actor.id),
            None => m.actor.id.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The camps of one issue as lines: `for: a, b`, one line per non-empty camp,
/// then the flipped sub-issues and the departures from blocs.
pub fn camp_lines(out: &mut Tables, c: &IssueCamps) -> io::Result<()> {
    let camps = [
        ("for", &c.for_),
        ("conditional", &c.conditional),
        ("against", &c.against),
        ("mixed", &c.mixed),
        ("ambiguous", &c.ambiguous),
    ];
    if camps.iter().all(|(_, m)| m.is_empty()) {
        return Ok(());
    }
    out.line("Camps")?;
    for (name, list) in camps {
        if !list.is_empty() {
            out.line(format!("  {name}: {}", members(list).replace('\n', ", ")))?;
        }
    }
    if !c.flipped.is_empty() {
        out.line(format!(
            "  turned round (phrased the other way): {}",
            c.flipped.join(", ")
        ))?;
    }
    for d in &c.departures {
        out.line(format!("  {}", d.note))?;
    }
    Ok(())
}

pub fn conflicts_by_issue(out: &mut Tables, answer: &ConflictsByIssue) -> io::Result<()> {
    if answer.issues.is_empty() {
        out.line("No conflicts.")?;
    } else {
        let mut t = table(&[
            "severity",
            "issue",
            "for",
            "against",
            "mixed",
            "strongest for",
            "strongest against",
            "sources",
        ]);
        for i in &answer.issues {
            let c = &i.camps;
            let mut pro = c.for_.clone();
            pro.extend(c.conditional.iter().map(|m| {
                Member {
                    actor: m.actor.clone(),
                    via: Some(
                        m.via
                            .clone()
                            .map_or("conditional".into(), |v| format!("{v}, conditional")),
                    ),
                }
            }));
            let mut issue = i.camps.issue.clone();
            if !c.flipped.is_empty() {
                issue.push_str(&format!("\n(turned round: {})", c.flipped.join(", ")));
            }
            for d in &c.departures {
                issue.push_str(&format!("\n{}", d.note));
            }
            t.add_row(vec![
                i.severity.as_str().to_string(),
                issue,
                members(&pro),
                members(&c.against),
                members(&c.mixed),
                claim(&i.strongest_for),
                claim(&i.strongest_against),
                format!(
                    "for: {}\nagainst: {}",
                    sources(&i.strongest_for),
                    sources(&i.strongest_against)
                ),
            ]);
        }
        out.table(None, t)?;
        out.line(format!("{} issue(s) in conflict", answer.issues.len()))?;
    }
    if !answer.history.is_empty() {
        claims_table(out, "History (not live)", &answer.history)?;
    }
    Ok(())
}

pub fn overlaps_by_issue(out: &mut Tables, answer: &OverlapsByIssue) -> io::Result<()> {
    if answer.issues.is_empty() {
        return out.line("No overlaps.");
    }
    let mut t = table(&[
        "issue",
        "for",
        "conditional",
        "against",
        "concessions answering demands",
    ]);
    for i in &answer.issues {
        let c = &i.camps;
        t.add_row(vec![
            c.issue.clone(),
            members(&c.for_),
            members(&c.conditional),
            members(&c.against),
            i.answers
                .iter()
                .map(|a| {
                    format!(
                        "{} answers {}",
                        a.concession.id.as_deref().unwrap_or("-"),
                        a.demand.id.as_deref().unwrap_or("-")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    out.table(None, t)?;
    out.line(format!("{} issue(s) with agreement", answer.issues.len()))
}

pub fn camps_grid(out: &mut Tables, grid: &CampsGrid) -> io::Result<()> {
    let mut header = vec!["party"];
    header.extend(grid.issues.iter().map(String::as_str));
    let mut t = table(&header);
    for p in &grid.parties {
        let mut row = vec![p.actor.id.clone()];
        row.extend(grid.issues.iter().map(|i| {
            p.camps
                .get(i)
                .map(|c| c.as_str().to_string())
                .unwrap_or_default()
        }));
        t.add_row(row);
    }
    out.section("Camps (party × issue)", t, grid.parties.is_empty())
}
