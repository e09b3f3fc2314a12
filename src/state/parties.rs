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

/// Whether an actor is an observer (an analyst, or marked `observer: true`: a
/// scholar, the media): its claims are shown, but it sits in no camp,
/// coalition or bargain.
pub fn is_observer(record: &Record, a: ActorIdx) -> bool {
    record.actor(a).is_observer()
}

/// Whether an actor's claims count as a party's under this filter: neither the
/// actor nor the party it speaks for is an observer, unless observers are included.
pub fn is_party(record: &Record, filter: &Filter, a: ActorIdx) -> bool {
    filter.include_observers || record.is_party(a)
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

/// The polarity of an issue relative to its own parent (`same` for a root).
pub fn polarity(record: &Record, issue: IssueIdx) -> Polarity {
    record.issue(issue).polarity
}
