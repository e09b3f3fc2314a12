//! One pass from raw, span-keeping entries to the typed model.
//!
//! Every check runs on every entry and records a diagnostic instead of stopping,
//! so the analyst sees all problems of a record in one run. The model is built
//! alongside; the caller discards it if any error was found.
//!
//! Indices are assigned in id order (actors, issues, demands, concessions, events)
//! so that the model's vectors come out sorted without a second renumbering;
//! positions are sorted after conversion and their ids resolved afterwards.
//!
//! This file holds the order of the pass and the validator's state; the work is
//! in `validate/`, one concern per file, each an `impl Validator` of its own:
//! `fields` (one value: required, slug, keyword, date; ids), `references` (ids
//! resolved, sources), `entries` (one entry of each section to the model),
//! `rules` (cross-entry checks), `walks` (the chain rules, each linear), and one
//! file per rule family of the record's history (`history`, `timing`,
//! `contradictions`, `polarity`, `observers`).

mod contradictions;
mod entries;
mod fields;
mod history;
mod observers;
mod polarity;
mod references;
mod rules;
#[cfg(test)]
mod test_support;
mod timing;
mod walks;

use super::raw::{
    At, Marks, RawActor, RawConcession, RawDemand, RawEvent, RawFile, RawIssue, RawPosition,
    RawSource, Spanned, Text, TextList,
};
use super::SourceFiles;
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Location, Suggestions};
use crate::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A quote as cited in the record, located for `--sources` verification.
pub struct CitedQuote {
    pub doc: String,
    pub doc_at: Location,
    pub quote: String,
    pub quote_at: Location,
}

/// What validation gives back: the model if complete, the diagnostics, the quotes.
type Validated = (Option<Record>, Vec<Diagnostic>, Vec<CitedQuote>);

/// Raw positions by file, taken out of the parsed files (see [`validate`]).
type RawPositions = Vec<(usize, Option<Vec<Spanned<RawPosition>>>)>;

/// Validates the parsed files into the model. With `cite`, every quote is also
/// collected, located, for `--sources`: a copy of every quote of the record,
/// made only when it will be checked.
///
/// Positions are most of a large record, and their raw entries weigh twice the
/// model's: unless the caller `keep`s the parsed files (the language server reuses
/// them), each raw position is dropped as soon as it is converted, so the raw
/// positions and the model's are never both whole in memory; with `keep` they
/// are put back as they were.
pub fn validate(
    parsed: &mut [(usize, RawFile)],
    files: &SourceFiles,
    cite: bool,
    keep: bool,
) -> Validated {
    let mut positions: RawPositions = parsed
        .iter_mut()
        .map(|(file, raw)| (*file, raw.positions.take()))
        .collect();
    let validated = validate_taken(parsed, &mut positions, files, cite, keep);
    if keep {
        for ((_, raw), (_, list)) in parsed.iter_mut().zip(positions) {
            raw.positions = list;
        }
    }
    validated
}

fn validate_taken<'f>(
    parsed: &'f [(usize, RawFile)],
    raw_positions: &mut RawPositions,
    files: &'f SourceFiles,
    cite: bool,
    keep: bool,
) -> Validated {
    let mut v = Validator {
        files,
        marks: parsed
            .iter()
            .map(|(file, raw)| (*file, &raw.marks))
            .collect(),
        diagnostics: Vec::new(),
        cited: Vec::new(),
        cite,
        actor_ids: HashMap::new(),
        issue_ids: HashMap::new(),
        demand_ids: HashMap::new(),
        event_ids: HashMap::new(),
        suggestions: HashMap::new(),
    };

    // Stage 1: ids of every section, so references can be resolved in any order.
    let actors = entries(parsed, |f| &f.actors);
    let issues = entries(parsed, |f| &f.issues);
    let demands = entries(parsed, |f| &f.demands);
    let concessions = entries(parsed, |f| &f.concessions);
    let events = entries(parsed, |f| &f.events);

    let actor_order = v.assign_ids("actor", &actors, |a| &a.id);
    let issue_order = v.assign_ids("issue", &issues, |i| &i.id);
    let demand_order = v.assign_ids("demand", &demands, |d| &d.id);
    let concession_order = v.assign_ids("concession", &concessions, |c| &c.id);
    let event_order = v.assign_ids("event", &events, |e| &e.id);
    v.actor_ids = index_map(&actor_order, ActorIdx);
    v.issue_ids = index_map(&issue_order, IssueIdx);
    v.demand_ids = index_map(&demand_order, DemandIdx);
    v.event_ids = index_map(&event_order, EventIdx);

    // Stage 2: convert every entry; duplicates of an id are checked but not kept.
    let model_actors = v.convert_all(&actors, &actor_order, Validator::actor);
    let model_issues = v.convert_all(&issues, &issue_order, Validator::issue);
    let model_events = v.convert_all(&events, &event_order, Validator::event);
    let raw_count: usize = raw_positions
        .iter()
        .map(|(_, list)| list.as_ref().map_or(0, Vec::len))
        .sum();
    let mut model_positions: Vec<(Position, Location)> = Vec::with_capacity(raw_count);
    // The ids, for the id checks after conversion (few positions have one).
    let mut position_id_texts: Vec<(usize, Text)> = Vec::new();
    for (file, list) in raw_positions.iter_mut() {
        let file = *file;
        let mut convert = |v: &mut Validator, entry: &Spanned<RawPosition>| {
            if let Some(id) = &entry.value.id {
                position_id_texts.push((file, Text::clone(id)));
            }
            if let Some(p) = v.position(file, entry) {
                model_positions.push((p, v.loc(file, &entry.at)));
            }
        };
        if keep {
            list.iter()
                .flatten()
                .for_each(|entry| convert(&mut v, entry));
        } else {
            // Each entry is dropped as soon as it is converted.
            for entry in list.take().into_iter().flatten() {
                convert(&mut v, &entry);
            }
        }
    }
    // Ties in reading order, which is the order of the places in the files (files
    // by index, entries by offset): no two positions share a place, so the order
    // is total and an unstable sort, in place, gives what a stable one would,
    // without the stable sort's buffer of half the positions.
    model_positions.sort_unstable_by(|(a, at_a), (b, at_b)| {
        (a.actor, a.issue, a.date, &a.id, at_a.file, at_a.range.start).cmp(&(
            b.actor,
            b.issue,
            b.date,
            &b.id,
            at_b.file,
            at_b.range.start,
        ))
    });
    v.check_position_consistency(&model_positions);
    // Not `unzip`: mapping the vector into itself reuses its allocation, where
    // unzip would hold a second copy of every position for a moment.
    let position_locs: Vec<Location> = model_positions.iter().map(|(_, l)| l.clone()).collect();
    let mut model_positions: Vec<Position> = model_positions.into_iter().map(|(p, _)| p).collect();
    // The reused allocation was sized for the pairs; give back the rest.
    model_positions.shrink_to_fit();
    let position_ids: HashMap<String, PositionIdx> = model_positions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.id.clone().map(|id| (id, PositionIdx(i as u32))))
        .collect();
    v.check_position_ids(&position_id_texts, &demand_order);
    let model_demands = v.convert_all(&demands, &demand_order, |v, file, entry| {
        v.demand(file, entry, &position_ids)
    });
    let mut model_concessions =
        v.convert_all(&concessions, &concession_order, Validator::concession);

    v.check_issue_cycles(&model_issues, &issue_order);
    v.check_membership_cycles(&model_actors, &actor_order);
    v.check_ambiguous_names(&actors);
    let confusable = super::confusables::check_actors(&actors, |file, at| v.loc(file, at));
    v.diagnostics.extend(confusable);
    // The cross-entry rules index actors, issues and demands by the ids assigned
    // in stage 1: they may only run when no entry of theirs was dropped (an issue
    // missing its `category` shifts every later index; that panicked once). A
    // record with a dropped entry is invalid anyway, and its missing field reported.
    if model_actors.len() == actor_order.len()
        && model_issues.len() == issue_order.len()
        && model_demands.len() == demand_order.len()
        && model_concessions.len() == concession_order.len()
    {
        v.check_answers(
            &model_actors,
            &model_concessions,
            &model_demands,
            &model_issues,
            &concession_order,
        );
        v.check_answer_dates(&mut model_concessions, &model_demands, &concession_order);
        v.check_contradictory_claims(
            &model_actors,
            (&model_positions, &position_locs),
            (&model_demands, &demand_order),
        );
    }

    let complete = model_actors.len() == actor_order.len()
        && model_issues.len() == issue_order.len()
        && model_demands.len() == demand_order.len()
        && model_concessions.len() == concession_order.len()
        && model_events.len() == event_order.len()
        && model_positions.len() == raw_count;
    let record = complete.then(|| {
        Record::new(
            model_actors,
            model_issues,
            model_positions,
            model_demands,
            model_concessions,
            model_events,
        )
    });
    (record, v.diagnostics, v.cited)
}

type Entry<'a, T> = (usize, &'a Spanned<T>);
/// Kept entries by id, in id order: the first definition of each id.
type Order<'a, T> = BTreeMap<String, Entry<'a, T>>;

fn entries<'a, T>(
    parsed: &'a [(usize, RawFile)],
    section: impl Fn(&'a RawFile) -> &'a Option<Vec<Spanned<T>>>,
) -> Vec<Entry<'a, T>> {
    parsed
        .iter()
        .flat_map(|(file, raw)| {
            section(raw)
                .iter()
                .flatten()
                .map(move |entry| (*file, entry))
        })
        .collect()
}

fn index_map<T, I>(order: &Order<'_, T>, make: impl Fn(u32) -> I) -> HashMap<String, I> {
    order
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), make(i as u32)))
        .collect()
}

struct Validator<'f> {
    files: &'f SourceFiles,
    /// What reading each file noted: values already reported, nulls.
    marks: HashMap<usize, &'f Marks>,
    diagnostics: Vec<Diagnostic>,
    cited: Vec<CitedQuote>,
    /// Whether to collect `cited` (only `--sources` reads it).
    cite: bool,
    actor_ids: HashMap<String, ActorIdx>,
    issue_ids: HashMap<String, IssueIdx>,
    demand_ids: HashMap<String, DemandIdx>,
    event_ids: HashMap<String, EventIdx>,
    /// "Did you mean" candidates per kind of reference, prepared at the first
    /// unknown reference of that kind: a record with thousands of misspelt
    /// references prepares each table once, not once per reference.
    suggestions: HashMap<&'static str, Suggestions>,
}

impl<'f> Validator<'f> {
    pub(super) fn loc(&self, file: usize, at: &At) -> Location {
        self.files
            .location_at(file, at.offset as usize, at.len as usize)
    }

    /// Whether reading already reported this entry's field (or the whole entry).
    pub(super) fn spoiled(&self, file: usize, entry: &At, field: &'static str) -> bool {
        self.marks.get(&file).is_some_and(|m| {
            m.spoiled.contains(&(entry.offset, field)) || m.spoiled.contains(&(entry.offset, "*"))
        })
    }

    pub(super) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}
