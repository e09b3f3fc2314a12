//! Tables for the camp answers: conflicts and overlaps issue by issue, and the
//! parties × issues grid of `camps`.

use super::query_table::{claim, claims_table, sources, table};
use super::tables::Tables;
use crate::query::camps::{CampsGrid, IssueCamps, Member, PartyCamps};
use crate::query::conflicts::ConflictsByIssue;
use crate::query::overlaps::OverlapsByIssue;
use crate::state::Camp;
use std::io;
use unicode_width::UnicodeWidthStr;

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

/// One character per camp, for the terminal grid.
fn symbol(camp: Option<Camp>) -> &'static str {
    match camp {
        Some(Camp::For) => "+",
        Some(Camp::Conditional) => "c",
        Some(Camp::Against) => "−",
        Some(Camp::Mixed) => "±",
        Some(Camp::Ambiguous) => "?",
        None => "·",
    }
}

/// The `camps` grid. On a terminal: issues as rows, parties as numbered
/// one-character columns with a key above, split into as many tables as the
/// width needs, so 40 issues and a dozen parties read on 80 columns. In CSV and
/// Markdown: issues as rows, parties as columns named by id, camps in words.
pub fn camps_grid(out: &mut Tables, grid: &CampsGrid) -> io::Result<()> {
    let title = "Camps (issue × party)";
    let camp = |p: &PartyCamps, issue: &str| p.camps.get(issue).copied();
    let Some(width) = out.terminal_width() else {
        let mut header = vec!["issue"];
        header.extend(grid.parties.iter().map(|p| p.actor.id.as_str()));
        let mut t = table(&header);
        for issue in &grid.issues {
            let mut row = vec![issue.clone()];
            row.extend(grid.parties.iter().map(|p| {
                camp(p, issue)
                    .map(|c| c.as_str().to_string())
                    .unwrap_or_default()
            }));
            t.add_row(row);
        }
        return out.section(title, t, grid.parties.is_empty());
    };
    out.line(title)?;
    if grid.parties.is_empty() {
        return out.line("  (none)");
    }
    out.line("+ for   c conditional   − against   ± mixed   ? ambiguous   · no stance")?;
    let key: Vec<String> = grid
        .parties
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{} {}", i + 1, p.actor.id))
        .collect();
    for line in wrap(&key, width as usize) {
        out.line(line)?;
    }
    // "│ issue ┆ 1 ┆ 2 … │" is the issue column plus 4, and each party column its
    // number's width plus 3: as many parties per table as the width holds.
    let issue_width = grid.issues.iter().map(|i| i.width()).max().unwrap_or(0);
    let mut used = issue_width.clamp(5, 40) + 4;
    let mut chunks: Vec<Vec<usize>> = vec![vec![]];
    for n in 1..=grid.parties.len() {
        let column = n.to_string().len() + 3;
        let last = chunks.last_mut().expect("one chunk at least");
        if !last.is_empty() && used + column > width as usize {
            chunks.push(vec![]);
            used = issue_width.clamp(5, 40) + 4;
        }
        used += column;
        chunks.last_mut().expect("one chunk at least").push(n);
    }
    for numbers in chunks {
        let names: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
        let mut header = vec!["issue"];
        header.extend(names.iter().map(String::as_str));
        let mut t = table(&header);
        for issue in &grid.issues {
            let mut row = vec![issue.clone()];
            row.extend(
                numbers
                    .iter()
                    .map(|&n| symbol(camp(&grid.parties[n - 1], issue)).to_string()),
            );
            t.add_row(row);
        }
        out.table(None, t)?;
    }
    Ok(())
}

/// Items joined by three spaces into lines no wider than `width`.
fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines = vec![];
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.width() + 3 + item.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
