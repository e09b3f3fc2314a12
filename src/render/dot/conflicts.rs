//! The conflicts map: one edge per pair of parties at odds.
//!
//! The edges are the negotiation state's relation links that hold a conflict
//! tie — the same links the `conflicts --pairs` rows are drawn from — so the map
//! and the answer cannot disagree about a pair. Each edge is drawn by its
//! strongest live conflict (width, line and colour by severity) and labelled
//! with how many issues the pair conflicts on and the worst of them; the
//! tooltip lists them all. Observers are no parties, so they are not here
//! (unless `--include-observers`). Past `--max-edges` the weakest links are
//! left out before drawing, and the map says how many.

use super::maps::{add_actor, MapOptions};
use super::style::EdgeLook;
use super::{label, Attrs, Map};
use crate::model::*;
use crate::state::{relation, Among, NegotiationState, Severity, Sign, Tie, Ties, Wanted};

/// One pair of parties in conflict, as the map draws it.
pub struct ConflictLink<'s> {
    pub a: ActorIdx,
    pub b: ActorIdx,
    /// The worst conflict between them (no severity counts as low).
    pub severity: Severity,
    /// The issue of the worst conflict (the first by id among equals).
    pub worst: IssueIdx,
    /// How many issues they conflict on.
    pub count: usize,
    /// The pair's conflict ties, sorted by issue.
    pub ties: &'s [Tie],
}

impl ConflictLink<'_> {
    /// Every issue they conflict on, by index.
    pub fn issues(&self) -> Vec<IssueIdx> {
        relation::issues(self.ties, Sign::Conflict)
    }
}

/// The conflict ties the conflicts map reads: only those (on a large record
/// the agreements are as many again), of the pairs that pass the actor focus.
pub fn conflict_ties(st: &NegotiationState) -> Ties {
    let focus = |a: ActorIdx| st.keeps(&[a]);
    let among = match st.filter.actor {
        Some(_) => Among::Touching(&focus),
        None => Among::All,
    };
    Ties::gather(
        st,
        Wanted {
            sign: Some(Sign::Conflict),
            among,
        },
    )
}

/// Every pair of `ties` in conflict, worst first (then more issues first, then
/// by ids): the order the cap keeps.
pub fn conflict_links<'s>(st: &NegotiationState, ties: &'s Ties) -> Vec<ConflictLink<'s>> {
    let issue_rank = issue_ranks(st.record);
    let mut out = unsorted(st, ties, &issue_rank);
    out.sort_by(|x, y| order(st, x, y));
    out
}

/// The worst `n` of [`conflict_links`], in its order, and how many there are
/// in all: a selection, not a sort of millions of pairs.
pub fn worst_links<'s>(
    st: &NegotiationState,
    ties: &'s Ties,
    n: usize,
) -> (Vec<ConflictLink<'s>>, usize) {
    let issue_rank = issue_ranks(st.record);
    let mut out = unsorted(st, ties, &issue_rank);
    let total = out.len();
    if n < total {
        out.select_nth_unstable_by(n, |x, y| order(st, x, y));
        out.truncate(n);
    }
    out.sort_by(|x, y| order(st, x, y));
    (out, total)
}

fn order(st: &NegotiationState, x: &ConflictLink, y: &ConflictLink) -> std::cmp::Ordering {
    x.severity
        .cmp(&y.severity)
        .then_with(|| y.count.cmp(&x.count))
        .then_with(|| st.actor_rank(x.a).cmp(&st.actor_rank(y.a)))
        .then_with(|| st.actor_rank(x.b).cmp(&st.actor_rank(y.b)))
}

/// Each issue's rank by id: comparing ranks compares ids, without strings.
fn issue_ranks(r: &Record) -> Vec<u32> {
    crate::query::ranks(r.issues.iter().map(|i| i.id.as_str()))
}

fn unsorted<'s>(
    st: &NegotiationState,
    ties: &'s Ties,
    issue_rank: &[u32],
) -> Vec<ConflictLink<'s>> {
    ties.links()
        .filter(|(a, b, _)| st.keeps(&[*a, *b]))
        .filter_map(|(a, b, ties)| {
            // Worst severity, then the first issue by id among those.
            let (severity, _, worst) = ties
                .iter()
                .filter(|t| t.sign == Sign::Conflict)
                .map(|t| {
                    (
                        t.severity.unwrap_or(Severity::Low),
                        issue_rank[t.issue.index()],
                        t.issue,
                    )
                })
                .min()?;
            // Ties are sorted by issue: count the changes of issue.
            let mut count = 0;
            let mut last = None;
            for t in ties.iter().filter(|t| t.sign == Sign::Conflict) {
                if last != Some(t.issue) {
                    count += 1;
                    last = Some(t.issue);
                }
            }
            Some(ConflictLink {
                a,
                b,
                severity,
                worst,
                count,
                ties,
            })
        })
        .collect()
}

/// The map's three conflict looks for the state's four severities: both red
/// lines heavy, one red line medium, neither dashed (the label says which).
pub fn look(severity: Severity) -> EdgeLook {
    match severity {
        Severity::Critical => EdgeLook::ConflictHigh,
        Severity::High => EdgeLook::ConflictMedium,
        Severity::Medium | Severity::Low => EdgeLook::ConflictLow,
    }
}

/// The edge's attributes: look by severity, label, tooltip naming every issue.
pub fn conflict_attrs(record: &Record, c: &ConflictLink) -> Attrs {
    let n = c.count;
    let worst = &record.issue(c.worst).title;
    let text = if n == 1 {
        format!("{} · {worst}", c.severity.as_str())
    } else {
        format!("{n} issues · worst ({}): {worst}", c.severity.as_str())
    };
    let mut listed: Vec<String> = c
        .issues()
        .iter()
        .map(|&i| {
            let s = relation::severity(c.ties, Some(i)).unwrap_or(Severity::Low);
            format!("{} ({})", record.issue(i).title, s.as_str())
        })
        .collect();
    listed.sort();
    let mut attrs = look(c.severity).attrs();
    attrs.extend([
        ("label", label(&text)),
        // Worse conflicts pull their parties closer together.
        ("weight", (4 - c.severity as u8).to_string()),
        (
            "tooltip",
            format!(
                "{} vs {}: {}",
                record.actor(c.a).name,
                record.actor(c.b).name,
                listed.join("; ")
            ),
        ),
    ]);
    attrs
}

pub fn conflicts_map(st: &NegotiationState, opts: &MapOptions, map: &mut Map) {
    let record = st.record;
    let ties = conflict_ties(st);
    let (links, total) = worst_links(st, &ties, opts.max_edges);
    let cut = total - links.len();
    for c in &links {
        let a = add_actor(record, map, c.a, None);
        let b = add_actor(record, map, c.b, None);
        map.add_edge(a, b, conflict_attrs(record, c));
    }
    if cut > 0 {
        map.cuts.push(format!(
            "{cut} weaker conflict link{} of {total} left out (--max-edges {})",
            if cut == 1 { "" } else { "s" },
            opts.max_edges
        ));
    }
}
