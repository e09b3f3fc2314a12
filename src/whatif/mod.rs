//! What-if: play moves (a concession, a shift of stance, a demand met, a party
//! joining a bloc, …) on a copy of the record and compare the negotiation state
//! before and after. The moves come from a scenario file ([`scenario`]), are
//! played on the model ([`apply`]), and both states are built by the one state
//! builder and read by the same queries ([`compare`]), so a what-if answers with
//! the same rules as every other command.

pub mod apply;
pub mod compare;
mod resolve;
pub mod scenario;
pub mod slice;
pub mod suggest;
pub mod suggestions;

pub use compare::WhatIf;
pub use scenario::{PlannedMove, Scenario};
pub use suggestions::Suggestions;

use crate::model::{Date, Record};
use crate::state::Filter;

/// The date the moves are played on: the scenario's, else the as-of date, else
/// the latest date in the record (the moves happen "now").
pub fn move_date(record: &Record, scenario: &Scenario, as_of: Option<Date>) -> Date {
    scenario
        .date
        .or(as_of)
        .unwrap_or_else(|| latest_date(record))
}

/// The date suggested moves are played on: the as-of date, else the latest.
pub fn default_date(record: &Record, as_of: Option<Date>) -> Date {
    as_of.unwrap_or_else(|| latest_date(record))
}

/// Searches the moves that end the most conflicts (`whatif --suggest`).
pub fn suggest(record: &Record, filter: &Filter, ask: &suggest::Ask) -> Suggestions {
    let found = suggest::search(record, filter, ask);
    suggestions::write_out(record, filter, ask, &found)
}

fn latest_date(r: &Record) -> Date {
    r.positions
        .iter()
        .map(|p| p.date)
        .chain(
            r.demands
                .iter()
                .flat_map(|d| std::iter::once(d.date).chain(d.history.iter().map(|h| h.date))),
        )
        .chain(r.concessions.iter().map(|c| c.date))
        .max_by_key(|d| d.end())
        .map(|d| d.end())
        .unwrap_or_else(|| Date::parse("2000-01-01").expect("a valid date"))
}

/// Plays a scenario on the record and compares the states before and after.
pub fn run(record: &Record, scenario: &Scenario, filter: &Filter) -> WhatIf {
    let date = move_date(record, scenario, filter.as_of);
    let after = apply::play(record, &scenario.moves, date);
    compare::compare(record, &after, filter, scenario, date)
}
