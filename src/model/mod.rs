//! The validated negotiation record: typed, cross-referenced, and free of I/O.
//!
//! Everything here has passed validation: every reference resolves, every date
//! parses, every keyword is known. References are typed indices into the record's
//! vectors (interned ids), so queries compare integers rather than hash strings.
//! Each vector is sorted by id (positions by actor, issue, date), which makes every
//! output that walks them deterministic.

mod date;
mod keyword;
mod lifecycle;

pub use date::{Date, Precision};
pub use keyword::{
    ActorKind, Category, ConcessionStatus, Confidence, DemandStatus, Direction, EventKind, Keyword,
    Polarity, Priority, Stance, Strength,
};
pub use lifecycle::{StatusChange, Step, Transition};

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Declares a typed index into one of the record's vectors.
macro_rules! index_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )+};
}

index_type!(
    /// An actor, by its place in [`Record::actors`].
    ActorIdx,
    /// An issue, by its place in [`Record::issues`].
    IssueIdx,
    /// A position, by its place in [`Record::positions`].
    PositionIdx,
    /// A demand, by its place in [`Record::demands`].
    DemandIdx,
    /// A concession, by its place in [`Record::concessions`].
    ConcessionIdx,
    /// An event, by its place in [`Record::events`].
    EventIdx,
);

/// Where a claim comes from: a document, a short exact quote, and how sure we are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    pub quote: String,
    pub confidence: Confidence,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub member_of: Vec<ActorIdx>,
    pub role: Option<String>,
    /// Marked `observer: true` in the record: it comments on the negotiation but is
    /// no party to it (media, scholars, …). Analysts are observers by their kind;
    /// ask [`Actor::is_observer`], not this field.
    pub observer: bool,
    pub notes: Option<String>,
    pub sources: Vec<Source>,
}

impl Actor {
    /// Whether the actor watches rather than negotiates: kind `analyst`, or marked
    /// `observer: true`. Observers stay out of camps, coalitions and bargaining.
    pub fn is_observer(&self) -> bool {
        self.observer || self.kind == ActorKind::Analyst
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Issue {
    pub id: String,
    /// The proposition that stances refer to ("Ukraine joins NATO").
    pub title: String,
    pub category: Category,
    pub description: Option<String>,
    pub parent: Option<IssueIdx>,
    /// How this issue's proposition reads on its parent's (`same` without a parent).
    pub polarity: Polarity,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Position {
    /// Only positions that `conflicts_with` must point at carry an id.
    pub id: Option<String>,
    pub actor: ActorIdx,
    pub issue: IssueIdx,
    pub stance: Stance,
    pub strength: Strength,
    pub summary: String,
    pub date: Date,
    pub conditions: Option<String>,
    pub event: Option<EventIdx>,
    pub notes: Option<String>,
    pub sources: Vec<Source>,
}

/// A claim that `conflicts_with` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ClaimRef {
    Demand(DemandIdx),
    Position(PositionIdx),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Demand {
    pub id: String,
    pub by: ActorIdx,
    pub of: Vec<ActorIdx>,
    pub issue: IssueIdx,
    /// The outcome asked for, as a direction on the issue's proposition.
    pub stance: Direction,
    pub text: String,
    pub priority: Priority,
    /// Where the demand stands now (the last entry of `history`, if any).
    pub status: DemandStatus,
    /// Dated changes of status, oldest first; see [`Demand::status_at`].
    pub history: Vec<StatusChange<DemandStatus>>,
    pub date: Date,
    pub conflicts_with: Vec<ClaimRef>,
    pub event: Option<EventIdx>,
    pub notes: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Concession {
    pub id: String,
    pub by: ActorIdx,
    pub to: Vec<ActorIdx>,
    pub issue: IssueIdx,
    /// Which way the concession moves the conceder on the issue, when the record says.
    pub stance: Option<Direction>,
    /// The demands this concession answers. A demand the concession may predate
    /// (its date starts before the demand's) is not here but in `answers_too_early`:
    /// an answer cannot come before the question, and keeping the rule in the model
    /// means no reader can forget it.
    pub answers: Vec<DemandIdx>,
    /// Demands the record says this concession answers but which it may predate;
    /// reported by `answer-before-demand` and counted by no query.
    pub answers_too_early: Vec<DemandIdx>,
    pub text: String,
    /// Where the concession stands now (the last entry of `history`, if any).
    pub status: ConcessionStatus,
    /// Dated changes of status, oldest first; see [`Concession::status_at`].
    pub history: Vec<StatusChange<ConcessionStatus>>,
    pub date: Date,
    pub event: Option<EventIdx>,
    pub notes: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub date: Date,
    pub place: Option<String>,
    pub participants: Vec<ActorIdx>,
    pub notes: Option<String>,
    pub sources: Vec<Source>,
}

/// The whole validated record, with lookups by id and alias.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    pub positions: Vec<Position>,
    pub demands: Vec<Demand>,
    pub concessions: Vec<Concession>,
    pub events: Vec<Event>,
    actor_names: HashMap<String, ActorIdx>,
    issue_ids: HashMap<String, IssueIdx>,
}

impl Record {
    /// Assembles a record from validated parts, sorted as the module header says.
    /// The loader is the usual caller; tests and generators may call it directly.
    pub fn new(
        actors: Vec<Actor>,
        issues: Vec<Issue>,
        positions: Vec<Position>,
        demands: Vec<Demand>,
        concessions: Vec<Concession>,
        events: Vec<Event>,
    ) -> Record {
        let mut record = Record {
            actors,
            issues,
            positions,
            demands,
            concessions,
            events,
            ..Record::default()
        };
        record.index_names();
        record
    }

    fn index_names(&mut self) {
        for (i, actor) in self.actors.iter().enumerate() {
            let idx = ActorIdx(i as u32);
            // Ids win over aliases: insert aliases first so an id overwrites them.
            for alias in &actor.aliases {
                self.actor_names.entry(fold(alias)).or_insert(idx);
            }
            self.actor_names.entry(fold(&actor.name)).or_insert(idx);
        }
        for (i, actor) in self.actors.iter().enumerate() {
            self.actor_names.insert(fold(&actor.id), ActorIdx(i as u32));
        }
        for (i, issue) in self.issues.iter().enumerate() {
            self.issue_ids.insert(fold(&issue.id), IssueIdx(i as u32));
        }
    }

    pub fn actor(&self, idx: ActorIdx) -> &Actor {
        &self.actors[idx.index()]
    }

    pub fn issue(&self, idx: IssueIdx) -> &Issue {
        &self.issues[idx.index()]
    }

    pub fn position(&self, idx: PositionIdx) -> &Position {
        &self.positions[idx.index()]
    }

    pub fn demand(&self, idx: DemandIdx) -> &Demand {
        &self.demands[idx.index()]
    }

    pub fn concession(&self, idx: ConcessionIdx) -> &Concession {
        &self.concessions[idx.index()]
    }

    pub fn event(&self, idx: EventIdx) -> &Event {
        &self.events[idx.index()]
    }

    /// Finds an actor by id, name or alias, ignoring case (`zelensky` finds `zelenskyy`).
    pub fn find_actor(&self, name: &str) -> Option<ActorIdx> {
        self.actor_names.get(&fold(name)).copied()
    }

    /// Finds an issue by id, ignoring case.
    pub fn find_issue(&self, id: &str) -> Option<IssueIdx> {
        self.issue_ids.get(&fold(id)).copied()
    }

    /// Every name an actor may be called by (ids, names, aliases), for "did you mean".
    pub fn actor_names(&self) -> impl Iterator<Item = &str> {
        self.actor_names.keys().map(String::as_str)
    }

    pub fn issue_ids(&self) -> impl Iterator<Item = &str> {
        self.issues.iter().map(|i| i.id.as_str())
    }

    /// The issue and all its sub-issues, at any depth, sorted. One pass over the
    /// issues finds each one's children, so a deep chain costs as much as a flat
    /// list (scanning every issue for each one found was quadratic).
    pub fn issue_with_descendants(&self, root: IssueIdx) -> Vec<IssueIdx> {
        let n = self.issues.len();
        let mut children: Vec<Vec<IssueIdx>> = vec![Vec::new(); n];
        for (i, issue) in self.issues.iter().enumerate() {
            if let Some(parent) = issue.parent.filter(|p| p.index() < n) {
                children[parent.index()].push(IssueIdx(i as u32));
            }
        }
        crate::work::tick(n as u64);
        let mut seen = vec![false; n];
        let mut out = vec![root];
        let mut frontier = vec![root];
        seen[root.index()] = true;
        while let Some(current) = frontier.pop() {
            for &child in &children[current.index()] {
                crate::work::tick(1);
                if !std::mem::replace(&mut seen[child.index()], true) {
                    out.push(child);
                    frontier.push(child);
                }
            }
        }
        out.sort();
        out
    }

    /// The party a person speaks for: the first non-person actor up its `member_of`
    /// chain (a minister → the government's state), or itself when it belongs to none.
    pub fn party_of(&self, actor: ActorIdx) -> ActorIdx {
        party_among(&self.actors, actor)
    }

    /// Whether the actor takes part in the negotiation: neither it nor the party it
    /// speaks for ([`Record::party_of`]) is an observer.
    pub fn is_party(&self, actor: ActorIdx) -> bool {
        !self.actor(actor).is_observer() && !self.actor(self.party_of(actor)).is_observer()
    }

    /// How `issue`'s proposition reads on `ancestor`'s: the product of the
    /// polarities along the `parent` chain; `Same` for the issue itself, `None`
    /// when `ancestor` is not the issue or one of its ancestors.
    pub fn polarity_to(&self, issue: IssueIdx, ancestor: IssueIdx) -> Option<Polarity> {
        let mut polarity = Polarity::Same;
        let mut current = issue;
        // Bounded: validation rejects parent cycles, but never loop forever.
        for _ in 0..=self.issues.len() {
            if current == ancestor {
                return Some(polarity);
            }
            let here = self.issue(current);
            polarity = polarity.then(here.polarity);
            current = here.parent?;
        }
        None
    }

    pub fn claim_count(&self) -> usize {
        self.positions.len() + self.demands.len() + self.concessions.len() + self.events.len()
    }
}

/// [`Record::party_of`] over a bare actor list, for validation, which runs before
/// there is a record. Bounded by the list's length: validation reports membership
/// cycles but may still be walking one here.
pub fn party_among(actors: &[Actor], actor: ActorIdx) -> ActorIdx {
    let mut current = actor;
    for _ in 0..actors.len() {
        let Some(a) = actors.get(current.index()) else {
            break;
        };
        match (a.kind, a.member_of.first()) {
            (ActorKind::Person, Some(&parent)) => current = parent,
            _ => break,
        }
    }
    current
}

/// Case-folds a name for lookups.
fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Whether `id` is a valid id: a lowercase slug of letters, digits and `-`,
/// neither starting nor ending with `-`. One rule for the record's ids and for
/// every command that makes or renames one.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}
