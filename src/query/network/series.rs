//! From the command's choices to the networks themselves: which tally (the live
//! state, every statement, or the statements of each window), which sum, which
//! normalisation, and the actor filter on edges.

use super::{
    live_stances, one_mode, statements, Count, Kind, Network, Normalize, Tally, TwoModeRow, Window,
};
use crate::state::NegotiationState;

/// Where the counts come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Each party's live stance per issue (as of `--as-of`), counted once.
    Live,
    /// Every statement (dated on or before `--as-of`, when given).
    Statements,
    /// The statements of each window, in order.
    Windows(Vec<Window>),
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub kind: Kind,
    pub count: Count,
    pub normalize: Normalize,
    pub source: Source,
}

/// One network of a series, with the window it covers (`None`: no window).
#[derive(Clone, Debug)]
pub struct Snapshot<T> {
    pub window: Option<Window>,
    /// Statements counted (0 for the live state).
    pub statements: u64,
    pub network: T,
}

/// The networks a command asked for, in window order.
#[derive(Clone, Debug)]
pub struct Series<T> {
    pub spec: Spec,
    pub snapshots: Vec<Snapshot<T>>,
}

/// The tallies the spec asks for, one per window.
fn tallies(state: &NegotiationState, spec: &Spec) -> Vec<(Option<Window>, Tally)> {
    match &spec.source {
        Source::Live => {
            let stances = live_stances(state);
            vec![(None, Tally::live(&stances))]
        }
        Source::Statements => {
            let mut all = statements(state.record, &state.filter);
            if let Some(limit) = state.filter.as_of {
                // `--as-of` bounds the statements as it bounds every claim.
                let last = super::window::day_number(limit);
                all.retain(|s| s.day <= last);
            }
            vec![(None, Tally::of_statements(&all, None, spec.count))]
        }
        Source::Windows(windows) => {
            let all = statements(state.record, &state.filter);
            windows
                .iter()
                .map(|&w| (Some(w), Tally::of_statements(&all, Some(w), spec.count)))
                .collect()
        }
    }
}

/// The one-mode networks of the spec; with an actor filter, only that party's edges.
pub fn one_mode_series(state: &NegotiationState, spec: Spec) -> Series<Network> {
    let party = state.filter.actor.map(|a| state.party(a));
    let snapshots = tallies(state, &spec)
        .into_iter()
        .map(|(window, tally)| {
            let mut network = one_mode(&tally, spec.kind, spec.normalize);
            if let Some(p) = party {
                network.edges.retain(|e| e.a == p || e.b == p);
            }
            Snapshot {
                window,
                statements: tally.statements,
                network,
            }
        })
        .collect();
    Series { spec, snapshots }
}

/// The two-mode party × issue networks of the spec; with an actor filter, only that party's rows.
pub fn two_mode_series(state: &NegotiationState, spec: Spec) -> Series<Vec<TwoModeRow>> {
    let party = state.filter.actor.map(|a| state.party(a));
    let snapshots = tallies(state, &spec)
        .into_iter()
        .map(|(window, tally)| {
            let mut rows = tally.two_mode();
            if let Some(p) = party {
                rows.retain(|r| r.party == p);
            }
            Snapshot {
                window,
                statements: tally.statements,
                network: rows,
            }
        })
        .collect();
    Series { spec, snapshots }
}
