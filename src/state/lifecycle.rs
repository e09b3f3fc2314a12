//! Time in the state: when a claim is known, what status a demand or concession
//! has at a date, and which of them are live and which are history.
//!
//! Each rule lives in one function here so that the record's dated histories and
//! date intervals change one place, not every query.

use super::Filter;
use crate::model::*;
use serde::Serialize;

/// Whether a claim dated `date` is known at `as_of`: its date (an interval:
/// a year, a month or a day) starts on or before the as-of date's end.
pub fn started_by(date: Date, as_of: Date) -> bool {
    date.starts_by(as_of)
}

/// Whether something dated `date` is known at `as_of`: [`started_by`], or with
/// `strictly_before` only when its interval ends before `as_of` starts.
pub fn known(date: Date, as_of: Date, strictly_before: bool) -> bool {
    if strictly_before {
        date.wholly_before(as_of)
    } else {
        started_by(date, as_of)
    }
}

/// Whether `later` is not earlier than `earlier`: a concession answers a demand
/// only if it is not dated wholly before it.
pub fn not_earlier(later: Date, earlier: Date) -> bool {
    !later.wholly_before(earlier)
}

/// A demand's status at the filter's as-of date, from its dated history (its
/// status now without an as-of date).
pub fn demand_status(record: &Record, d: DemandIdx, filter: &Filter) -> DemandStatus {
    let demand = record.demand(d);
    match filter.as_of {
        None => demand.status,
        Some(at) if filter.strictly_before => {
            status_before(demand.initial_status(), &demand.history, at)
        }
        Some(at) => demand.status_at(at).unwrap_or(demand.status),
    }
}

/// A concession's status at the filter's as-of date, from its dated history.
pub fn concession_status(record: &Record, c: ConcessionIdx, filter: &Filter) -> ConcessionStatus {
    let concession = record.concession(c);
    match filter.as_of {
        None => concession.status,
        Some(at) if filter.strictly_before => {
            status_before(concession.initial_status(), &concession.history, at)
        }
        Some(at) => concession.status_at(at).unwrap_or(concession.status),
    }
}

/// The status set by the last change dated wholly before `at` (a change dated
/// by a month that holds `at` is not yet known), else the initial status.
fn status_before<S: Copy>(initial: S, history: &[StatusChange<S>], at: Date) -> S {
    history
        .iter()
        .rev()
        .find(|c| c.date.wholly_before(at))
        .map_or(initial, |c| c.status)
}

/// Where a demand or concession stands at the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// An open demand, or a concession floated, offered or made: it makes
    /// conflicts, open demands, red lines and answers.
    Live,
    /// A met, rejected or dropped demand, a withdrawn or rejected concession:
    /// shown apart as history, never as live.
    History,
}

pub fn demand_phase(status: DemandStatus) -> Phase {
    match status {
        DemandStatus::Open => Phase::Live,
        DemandStatus::Met | DemandStatus::Rejected | DemandStatus::Dropped => Phase::History,
    }
}

pub fn concession_phase(status: ConcessionStatus) -> Phase {
    match status {
        ConcessionStatus::Floated | ConcessionStatus::Offered | ConcessionStatus::Made => {
            Phase::Live
        }
        ConcessionStatus::Withdrawn | ConcessionStatus::Rejected => Phase::History,
    }
}

/// Whether a concession in this status can answer a demand: it must be on the
/// table (offered) or done (made); a floated idea answers nothing yet.
pub fn concession_answers(status: ConcessionStatus) -> bool {
    matches!(status, ConcessionStatus::Offered | ConcessionStatus::Made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_starts_on_its_first_day() {
        let month = Date::parse("2025-02").unwrap();
        assert!(started_by(month, Date::parse("2025-02-01").unwrap()));
        assert!(!started_by(month, Date::parse("2025-01-31").unwrap()));
        let day = Date::parse("2025-02-18").unwrap();
        assert!(!not_earlier(Date::parse("2025-02-12").unwrap(), day));
        assert!(
            not_earlier(month, day),
            "a month holding the day is not earlier"
        );
    }

    #[test]
    fn only_open_demands_are_live() {
        assert_eq!(demand_phase(DemandStatus::Open), Phase::Live);
        for s in [
            DemandStatus::Met,
            DemandStatus::Rejected,
            DemandStatus::Dropped,
        ] {
            assert_eq!(demand_phase(s), Phase::History);
        }
        assert!(!concession_answers(ConcessionStatus::Floated));
        assert!(concession_answers(ConcessionStatus::Made));
    }
}
