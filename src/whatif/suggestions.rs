//! The answer of `whatif --suggest`: the ranked rows written out with the
//! claims behind them (and their sources), so each row says why it ranks where
//! it does. Only the rows kept are written out; the search itself works on
//! indices ([`super::suggest`]).

use super::compare::RedLineCrossed;
use super::slice::{self, Pair};
use super::suggest::{Ask, Search, Tried};
use crate::model::*;
use crate::query::{ActorRef, Claim};
use crate::state::{Filter, NegotiationState};
use serde::Serialize;

/// The JSON answer; keys are added, never renamed (docs/whatif.md).
#[derive(Clone, Debug, Serialize)]
pub struct Suggestions {
    /// The party whose moves were tried; `null`: every party in a live conflict.
    pub by: Option<String>,
    pub date: Date,
    pub max_moves: usize,
    /// How many single moves and pairs were tried.
    pub singles_tried: usize,
    pub pairs_tried: usize,
    pub suggestions: Vec<Suggestion>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Suggestion {
    pub rank: usize,
    /// Conflicts resolved − conflicts created − red lines crossed.
    pub score: i64,
    pub moves: Vec<SuggestedMove>,
    pub resolved: Vec<PartyConflict>,
    pub created: Vec<PartyConflict>,
    pub red_lines_crossed: Vec<RedLineCrossed>,
    /// Demands a concession among the moves newly answers.
    pub answered: Vec<Claim>,
    /// The row in words: what resolves, what is created, which red lines are
    /// crossed, which demands are answered, each claim with its sources.
    pub reasoning: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SuggestedMove {
    pub kind: String,
    pub label: String,
    /// The move as a line of a scenario file.
    pub scenario: String,
}

/// Two parties in conflict on an issue, with the claims behind each side
/// (before the moves for a resolved conflict, after them for a created one).
#[derive(Clone, Debug, Serialize)]
pub struct PartyConflict {
    pub issue: String,
    pub a: ActorRef,
    pub b: ActorRef,
    pub claims_a: Vec<Claim>,
    pub claims_b: Vec<Claim>,
}

/// Writes out the search's ranked rows.
pub fn write_out(record: &Record, filter: &Filter, ask: &Ask, search: &Search) -> Suggestions {
    let (mut before_rec, mut work) = (slice::workbench(record), slice::workbench(record));
    let suggestions = search
        .ranked
        .iter()
        .enumerate()
        .map(|(n, t)| {
            row(
                search,
                filter,
                ask.date,
                &mut before_rec,
                &mut work,
                n + 1,
                t,
            )
        })
        .collect();
    Suggestions {
        by: ask.by.map(|a| record.actor(a).id.clone()),
        date: ask.date,
        max_moves: ask.max_moves,
        singles_tried: search.singles_tried,
        pairs_tried: search.pairs_tried,
        suggestions,
    }
}

fn row(
    search: &Search,
    filter: &Filter,
    date: Date,
    before_rec: &mut Record,
    work: &mut Record,
    rank: usize,
    t: &Tried,
) -> Suggestion {
    let mut out = Suggestion {
        rank,
        score: t.score(),
        moves: t
            .moves
            .iter()
            .map(|&m| {
                let c = &search.candidates[m];
                SuggestedMove {
                    kind: c.planned.kind.to_string(),
                    label: c.planned.label.clone(),
                    scenario: c.yaml.clone(),
                }
            })
            .collect(),
        resolved: vec![],
        created: vec![],
        red_lines_crossed: vec![],
        answered: vec![],
        reasoning: String::new(),
    };
    // Each family the moves touch: its states before and after that row's moves.
    let mut families: Vec<usize> = t
        .moves
        .iter()
        .map(|&m| search.candidates[m].family)
        .collect();
    families.sort();
    families.dedup();
    for family in families {
        let cut = &search.families[family];
        let f = cut.filter(filter);
        let mine: Vec<usize> = (0..t.moves.len())
            .filter(|&i| search.candidates[t.moves[i]].family == family)
            .collect();
        let planned: Vec<_> = mine
            .iter()
            .map(|&i| &search.candidates[t.moves[i]].planned)
            .collect();
        cut.load(before_rec, &[], date);
        cut.load(work, &planned, date);
        let (before, after) = (
            NegotiationState::build(before_rec, &f),
            NegotiationState::build(work, &f),
        );
        let inside = |p: &&Pair| cut.issues.binary_search(&p.0).is_ok();
        out.resolved.extend(
            t.resolved
                .iter()
                .filter(inside)
                .map(|&p| party_conflict(&before, p)),
        );
        out.created.extend(
            t.created
                .iter()
                .filter(inside)
                .map(|&p| party_conflict(&after, p)),
        );
        for c in t
            .crossings
            .iter()
            .filter(|c| search.candidates[t.moves[c.by_move]].family == family)
        {
            out.red_lines_crossed.push(RedLineCrossed {
                by_move: search.candidates[t.moves[c.by_move]].planned.label.clone(),
                whose: before.actor_id(c.whose).to_string(),
                own: c.own,
                red_line: Claim::of(&before, c.claim),
            });
        }
        out.answered.extend(
            t.answered
                .iter()
                .filter(|(f, _)| *f == family)
                .map(|&(_, d)| Claim::demand(&after, d)),
        );
    }
    out.reasoning = reasoning(&out);
    out
}

fn party_conflict(s: &NegotiationState, (issue, a, b): Pair) -> PartyConflict {
    let claims = |p: ActorIdx| -> Vec<Claim> {
        slice::claims_behind(s, p, issue)
            .into_iter()
            .map(|c| Claim::of(s, c))
            .collect()
    };
    PartyConflict {
        issue: s.issue_id(issue).to_string(),
        a: ActorRef::new(s.record, a),
        b: ActorRef::new(s.record, b),
        claims_a: claims(a),
        claims_b: claims(b),
    }
}

/// How many items of a list the reasoning names before "and N more".
const NAMED: usize = 4;

/// A claim as the reasoning cites it: its id (or kind), then its sources.
fn cite(c: &Claim) -> String {
    // The claim a suggested move adds is named by the move, not by an id.
    if c.sources.is_empty() && c.id.as_deref().is_some_and(|i| i.starts_with("whatif-")) {
        return "the suggested move".into();
    }
    let name = c.id.clone().unwrap_or_else(|| c.kind.as_str().to_string());
    let docs: Vec<&str> = c.sources.iter().map(|s| s.doc.as_str()).collect();
    if docs.is_empty() {
        format!("{name} [no source]")
    } else {
        format!("{name} [{}]", docs.join(", "))
    }
}

fn cites(list: &[Claim]) -> String {
    let mut words: Vec<String> = list.iter().take(2).map(cite).collect();
    if list.len() > 2 {
        words.push(format!("+{}", list.len() - 2));
    }
    if words.is_empty() {
        "no stance".into()
    } else {
        words.join(", ")
    }
}

fn listed<T>(items: &[T], each: impl Fn(&T) -> String) -> String {
    let mut words: Vec<String> = items.iter().take(NAMED).map(each).collect();
    if items.len() > NAMED {
        words.push(format!("and {} more", items.len() - NAMED));
    }
    words.join("; ")
}

fn reasoning(s: &Suggestion) -> String {
    let conflict = |c: &PartyConflict| {
        format!(
            "{} vs {} on {} ({}: {}; {}: {})",
            c.a.id,
            c.b.id,
            c.issue,
            c.a.id,
            cites(&c.claims_a),
            c.b.id,
            cites(&c.claims_b)
        )
    };
    let mut parts = vec![];
    if s.resolved.is_empty() {
        parts.push("resolves no conflict".to_string());
    } else {
        parts.push(format!(
            "resolves {}: {}",
            s.resolved.len(),
            listed(&s.resolved, conflict)
        ));
    }
    if !s.created.is_empty() {
        parts.push(format!(
            "creates {}: {}",
            s.created.len(),
            listed(&s.created, conflict)
        ));
    }
    if !s.red_lines_crossed.is_empty() {
        parts.push(format!(
            "crosses {} red line(s): {}",
            s.red_lines_crossed.len(),
            listed(&s.red_lines_crossed, |x| format!(
                "{}'s {}{}",
                x.whose,
                cite(&x.red_line),
                if x.own { " (its own)" } else { "" }
            ))
        ));
    }
    if !s.answered.is_empty() {
        parts.push(format!("answers {}", listed(&s.answered, cite)));
    }
    parts.join(". ")
}
