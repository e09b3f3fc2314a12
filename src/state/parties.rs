//! Who counts as a party, whom a person speaks for, which states a bloc speaks
//! for, and which way a sub-issue points relative to its parent.
//!
//! Each question has one function, so a new record field (an `observer` flag, a
//! sub-issue's `polarity`) changes one line here and every answer follows.

use super::Filter;
use crate::model::*;

/// The party an actor's claims count for: itself with `--people`, else the
/// party it speaks for (a minister → their state).
pub fn fold(record: &Record, filter: &Filter, a: ActorIdx) -> ActorIdx {
    if filter.people {
        a
    } else {
        record.party_of(a)
    }
}

/// Whether an actor is an observer (an analyst, a scholar, the media): its
/// claims are shown, but it sits in no camp, coalition or bargain.
pub fn is_observer(record: &Record, a: ActorIdx) -> bool {
    record.actor(a).kind == ActorKind::Analyst
}

/// Whether an actor (already folded) takes part as a party under this filter.
pub fn is_party(record: &Record, filter: &Filter, a: ActorIdx) -> bool {
    filter.include_observers || !is_observer(record, a)
}

/// The states (and other non-person actors) a bloc speaks for: the actors that
/// name it in `member_of`, sorted.
pub fn bloc_members(record: &Record) -> Vec<Vec<ActorIdx>> {
    let mut members = vec![vec![]; record.actors.len()];
    for (i, actor) in record.actors.iter().enumerate() {
        if actor.kind == ActorKind::Person {
            continue;
        }
        for &bloc in &actor.member_of {
            if record.actor(bloc).kind == ActorKind::Bloc {
                members[bloc.index()].push(ActorIdx(i as u32));
            }
        }
    }
    members
}

/// Which way a sub-issue's proposition points relative to its parent's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Polarity {
    /// Supporting the sub-issue supports the parent.
    Same,
    /// Supporting the sub-issue opposes the parent.
    Opposite,
}

/// The polarity of an issue relative to its own parent (`same` for a root).
pub fn polarity(_record: &Record, _issue: IssueIdx) -> Polarity {
    Polarity::Same
}
