//! The claims behind a drawn map, copied out of the negotiation state.
//!
//! The maps themselves read the [`NegotiationState`] (so a what-if scenario's
//! state can be drawn as well as the record's); the HTML page needs, after the
//! state is gone, the claims each node and edge stands for. [`View::of`] copies
//! them: the positions behind each party's current stance (as the state
//! decides them, never picked again here) and the known demands and concessions.
//! [`ViewOptions`] is the render command's filters before they become a
//! [`Filter`].

use crate::model::*;
use crate::state::{Filter, NegotiationState};
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default)]
pub struct ViewOptions {
    pub issue: Option<IssueIdx>,
    /// Only issues of this category (with `issue`, both must hold).
    pub category: Option<Category>,
    pub actor: Option<ActorIdx>,
    pub as_of: Option<Date>,
    pub min_confidence: Option<Confidence>,
    /// Keep people as themselves in conflicts and coalitions maps.
    pub people: bool,
    /// Count analysts and other observers as parties (left out by default).
    pub include_observers: bool,
}

impl ViewOptions {
    /// The state's filter for these options.
    pub fn filter(&self, record: &Record) -> Filter {
        Filter {
            issues: self.issue.map(|i| {
                let mut kept = record.issue_with_descendants(i);
                kept.sort();
                kept.dedup();
                kept
            }),
            category: self.category,
            actor: self.actor,
            as_of: self.as_of,
            min_confidence: self.min_confidence,
            people: self.people,
            include_observers: self.include_observers,
            ..Filter::default()
        }
    }
}

#[derive(Clone, Debug)]
pub struct View {
    pub issues: BTreeSet<IssueIdx>,
    /// The current positions: those behind each party's own stance.
    pub positions: Vec<PositionIdx>,
    pub demands: Vec<DemandIdx>,
    pub concessions: Vec<ConcessionIdx>,
}

impl View {
    /// Builds the state for these options and copies its claims.
    pub fn new(record: &Record, opts: &ViewOptions) -> View {
        View::of(&NegotiationState::build(record, &opts.filter(record)))
    }

    /// The claims of a state a map may draw.
    pub fn of(st: &NegotiationState) -> View {
        View {
            issues: st.issues.iter().copied().collect(),
            positions: st
                .positions
                .iter()
                .copied()
                .filter(|&p| st.is_current_position(p))
                .collect(),
            demands: st.demands.clone(),
            concessions: st.concessions.clone(),
        }
    }
}
