//! A scenario's page (`render --scenario S.yaml -o map.html`): the map after the
//! moves beside the map before them, as of the same dates, and what the moves
//! change. The page toggles between the two drawings; it computes nothing.
//!
//! The record after the moves numbers its claims differently (a removal shifts
//! the rest), so its claims are read from that record, and the claims a move
//! made or changed say so, with the move's note and sources.

use super::claims::Key;
use super::{Snapshot, SnapshotData};
use crate::model::{ConcessionIdx, DemandIdx, PositionIdx, Record};
use crate::render::dot::scenario::{NEW, RESOLVED};
use crate::render::html::ScenarioMark;
use crate::whatif::apply::{Origin, Origins};
use crate::whatif::{Scenario, WhatIf};
use serde::Serialize;
use std::collections::HashMap;

/// The after side of a scenario's page.
pub struct ScenarioSide<'a> {
    /// The record after the moves.
    pub record: &'a Record,
    /// Drawn from `record` as of the same dates as the page's other drawings.
    pub snapshots: &'a [Snapshot],
    pub scenario: &'a Scenario,
    /// Which claims of `record` the moves made or changed.
    pub origins: &'a Origins,
    /// What the moves change (as `stancemap whatif` says it).
    pub changes: &'a WhatIf,
}

#[derive(Serialize)]
pub(super) struct ScenarioData {
    name: String,
    title: Option<String>,
    date: String,
    after: Vec<SnapshotData>,
    changes: Vec<Change>,
}

/// One line of the page's list of changes.
#[derive(Serialize)]
struct Change {
    kind: &'static str,
    text: String,
}

/// The toggle between the drawings, and the button that lists the changes.
pub(super) const TOGGLE: &str = "<span class=\"side\" role=\"group\" \
    aria-label=\"Before or after the scenario's moves\">\
    <button id=\"show-before\" type=\"button\" aria-pressed=\"false\">Before</button>\
    <button id=\"show-after\" type=\"button\" aria-pressed=\"true\">After the moves</button>\
    <button id=\"show-changes\" type=\"button\">Changes</button></span>";

/// What an edge the scenario's marking drew means (`dot::scenario::mark`).
pub(super) fn edge_kind(class: &str) -> Option<String> {
    let mut classes = class.split_whitespace();
    if classes.clone().any(|c| c == RESOLVED) {
        return Some("conflict resolved by the moves".into());
    }
    if classes.any(|c| c == NEW) {
        let look = crate::render::dot::style::EdgeLook::from_class(class);
        let meaning = look.map_or("link", |l| l.meaning());
        return Some(format!("{meaning} · new after the moves"));
    }
    None
}

impl ScenarioSide<'_> {
    /// How a claim of the record after the moves is marked, if a move made or changed it.
    pub(super) fn mark(&self, key: Key) -> Option<ScenarioMark> {
        let o = self.origins;
        let origin: Origin = *match key {
            Key::Position(p) => o.positions.get(&PositionIdx(p)),
            Key::Demand(d) => o.demands.get(&DemandIdx(d)),
            Key::Concession(c) => o.concessions.get(&ConcessionIdx(c)),
        }?;
        let planned = self.scenario.moves.get(origin.move_no.checked_sub(1)?)?;
        let said = format!(
            "{} by scenario {}, move {} ({})",
            if origin.added { "added" } else { "changed" },
            self.scenario.name,
            origin.move_no,
            planned.label
        );
        // A claim the move made carries the move's sources already.
        let sources = if origin.added {
            &[][..]
        } else {
            &planned.sources[..]
        };
        Some(ScenarioMark::new(said, planned.note.clone(), sources))
    }

    pub(super) fn data(&self, after: Vec<SnapshotData>) -> ScenarioData {
        ScenarioData {
            name: self.scenario.name.clone(),
            title: self.scenario.title.clone(),
            date: self.changes.date.to_string(),
            after,
            changes: changes(self.changes),
        }
    }
}

/// The page's list of changes, in the order `whatif` prints them.
fn changes(w: &WhatIf) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |kind, text| out.push(Change { kind, text });
    for (kind, rows) in [("resolved", &w.resolved), ("created", &w.created)] {
        for c in rows {
            push(
                kind,
                format!(
                    "conflict {kind}: {} — {} on {} ({} {})",
                    c.a.name,
                    c.b.name,
                    c.issue,
                    c.severity.as_str(),
                    c.kind.as_str()
                ),
            );
        }
    }
    for c in &w.camp_changes {
        push(
            "camp",
            format!(
                "{} changes camp on {}: {} → {}",
                c.party, c.issue, c.before, c.after
            ),
        );
    }
    for d in &w.answered.newly {
        push(
            "answered",
            format!("newly answered: {} ({})", d.text, d.actor),
        );
    }
    for r in &w.red_lines_crossed {
        let whose = if r.own { "its own" } else { r.whose.as_str() };
        push(
            "red-line",
            format!(
                "{} crosses a red line ({whose}): {}",
                r.by_move, r.red_line.text
            ),
        );
    }
    for c in &w.coalitions.formed {
        push("coalition", format!("coalition formed: {}", c.join(", ")));
    }
    for c in &w.coalitions.dissolved {
        push(
            "coalition",
            format!("coalition split or changed: {}", c.join(", ")),
        );
    }
    // Conflict rows are per pair of claims: the same line twice is said once, counted.
    let mut lines: Vec<(Change, usize)> = Vec::new();
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    for c in out {
        match seen.get(&(c.kind, c.text.clone())) {
            Some(&i) => lines[i].1 += 1,
            None => {
                seen.insert((c.kind, c.text.clone()), lines.len());
                lines.push((c, 1));
            }
        }
    }
    lines
        .into_iter()
        .map(|(c, n)| match n {
            1 => c,
            n => Change {
                text: format!("{} ×{n} (pairs of claims)", c.text),
                ..c
            },
        })
        .collect()
}
