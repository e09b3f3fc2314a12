//! When a demand or concession had which status.
//!
//! A claim's `status` is where it stands now. Its `history` lists the dated
//! changes that led there, so a query asked "as of D" can give each claim the
//! status it had at D and `diff` can report the changes inside its window. Without
//! a history the status holds from the claim's own date: records written before
//! histories existed keep their meaning.
//!
//! Validation guarantees what the lookups below rely on: changes are in strictly
//! increasing date order, none is dated before the claim, and the last one's status
//! is the claim's `status`.

use super::{Concession, ConcessionStatus, Date, Demand, DemandStatus, Keyword, Source};

/// One dated change of a claim's status, with the sources that report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange<S> {
    pub date: Date,
    pub status: S,
    pub sources: Vec<Source>,
}

/// A change as `diff` reports it: from which status to which, on which date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition<S> {
    pub date: Date,
    pub from: S,
    pub to: S,
}

/// One dated step of a demand's or a concession's life, as the timelines list
/// them: the claim made with its first status (`from` is `None`), then each
/// change of status. Statuses as written in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub date: Date,
    pub from: Option<&'static str>,
    pub to: &'static str,
}

fn steps<S: Keyword + PartialEq>(date: Date, initial: S, history: &[StatusChange<S>]) -> Vec<Step> {
    let made = Step {
        date,
        from: None,
        to: initial.spelling(),
    };
    let changes = transitions(initial, history).into_iter().map(|t| Step {
        date: t.date,
        from: Some(t.from.spelling()),
        to: t.to.spelling(),
    });
    std::iter::once(made).chain(changes).collect()
}

/// Status at `at`: `None` when the claim is not yet known by then (its date does
/// not start by `at`), else the last change that starts by `at`, else `initial`.
fn status_at<S: Copy>(date: Date, initial: S, history: &[StatusChange<S>], at: Date) -> Option<S> {
    if !date.starts_by(at) {
        return None;
    }
    // Ord on dates sorts by start, so the changes known by `at` are a prefix.
    let known = history.partition_point(|c| c.date.starts_by(at));
    Some(history[..known].last().map_or(initial, |c| c.status))
}

/// The status a claim started with: with no history its only status; else a first
/// change dated on the claim's own date sets it; else `default` (`open`, `offered`).
fn initial<S: Copy>(date: Date, status: S, default: S, history: &[StatusChange<S>]) -> S {
    match history.first() {
        None => status,
        Some(first) if first.date == date => first.status,
        Some(_) => default,
    }
}

fn transitions<S: Copy + PartialEq>(initial: S, history: &[StatusChange<S>]) -> Vec<Transition<S>> {
    let mut from = initial;
    let mut out = Vec::with_capacity(history.len());
    for change in history {
        if change.status != from {
            out.push(Transition {
                date: change.date,
                from,
                to: change.status,
            });
        }
        from = change.status;
    }
    out
}

impl Demand {
    /// The status the demand had when it was made: with no history its only status
    /// (a demand recorded as `met` without a history was met from its date); else
    /// the first change if it is dated on the demand's own date; else `open`.
    pub fn initial_status(&self) -> DemandStatus {
        initial(self.date, self.status, DemandStatus::Open, &self.history)
    }

    /// The demand's status at `at`; `None` before the demand was made.
    pub fn status_at(&self, at: Date) -> Option<DemandStatus> {
        status_at(self.date, self.initial_status(), &self.history, at)
    }

    /// Whether the demand was made by `at` and was still open then.
    pub fn is_open_at(&self, at: Date) -> bool {
        self.status_at(at) == Some(DemandStatus::Open)
    }

    /// The dated changes of status, oldest first. An entry that restates the status
    /// already held (as one on the demand's own date, which sets the first status)
    /// is no change and is left out.
    pub fn transitions(&self) -> Vec<Transition<DemandStatus>> {
        transitions(self.initial_status(), &self.history)
    }

    /// Made, then each change: see [`Step`].
    pub fn steps(&self) -> Vec<Step> {
        steps(self.date, self.initial_status(), &self.history)
    }
}

impl Concession {
    /// The status the concession had when first recorded: with no history its only
    /// status; else the first change if it is dated on the concession's own date
    /// (`made` on the day it was reported); else `offered`.
    pub fn initial_status(&self) -> ConcessionStatus {
        initial(
            self.date,
            self.status,
            ConcessionStatus::Offered,
            &self.history,
        )
    }

    /// The concession's status at `at`; `None` before it was recorded.
    pub fn status_at(&self, at: Date) -> Option<ConcessionStatus> {
        status_at(self.date, self.initial_status(), &self.history, at)
    }

    /// The dated changes of status, oldest first.
    pub fn transitions(&self) -> Vec<Transition<ConcessionStatus>> {
        transitions(self.initial_status(), &self.history)
    }

    /// Recorded, then each change: see [`Step`].
    pub fn steps(&self) -> Vec<Step> {
        steps(self.date, self.initial_status(), &self.history)
    }
}
