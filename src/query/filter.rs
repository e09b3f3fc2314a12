//! The filters every query shares, and the filtered, folded view they read.
//!
//! Filtering happens once, here, so every query agrees on what "the current
//! record" is: claims dated on or before `--as-of`, on the chosen issues or
//! category, sourced at least as surely as `--min-confidence`, with people folded
//! into the party they speak for, and only the latest position of each party on
//! each issue. The actor filter is not applied to claims (a conflict needs the
//! other side's claim too) but to result rows, through [`View::keeps`].

use crate::model::*;
use std::collections::{BTreeMap, HashMap};

/// Resolved filters: every id is already an index.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// The issues kept (an issue with its sub-issues), sorted; `None` keeps all.
    pub issues: Option<Vec<IssueIdx>>,
    pub actor: Option<ActorIdx>,
    pub category: Option<Category>,
    pub as_of: Option<Date>,
    pub min_confidence: Option<Confidence>,
    /// Keep people apart from the party they belong to.
    pub people: bool,
}

impl Filter {
    fn keeps_issue(&self, record: &Record, issue: IssueIdx) -> bool {
        self.issues
            .as_ref()
            .is_none_or(|list| list.binary_search(&issue).is_ok())
            && self
                .category
                .is_none_or(|c| record.issue(issue).category == c)
    }

    fn keeps_date(&self, date: Date) -> bool {
        self.as_of.is_none_or(|limit| date <= limit)
    }

    /// A claim without sources has no confidence at all, so any minimum drops it.
    fn keeps_sources(&self, sources: &[Source]) -> bool {
        match self.min_confidence {
            None => true,
            Some(min) => sources.iter().map(|s| s.confidence).max() >= Some(min),
        }
    }
}

/// The record as the filters leave it.
pub struct View<'r> {
    pub record: &'r Record,
    pub filter: Filter,
    /// Current positions: the latest of each party on each issue, in record order.
    pub positions: Vec<PositionIdx>,
    pub demands: Vec<DemandIdx>,
    pub concessions: Vec<ConcessionIdx>,
    pub events: Vec<EventIdx>,
    current: HashMap<(ActorIdx, IssueIdx), PositionIdx>,
}

impl<'r> View<'r> {
    pub fn new(record: &'r Record, filter: Filter) -> View<'r> {
        let party = |a: ActorIdx| {
            if filter.people {
                a
            } else {
                record.party_of(a)
            }
        };
        // Latest wins; on equal dates the later record entry wins, which keeps the
        // choice deterministic when a person and their party both spoke that day.
        let mut current: HashMap<(ActorIdx, IssueIdx), PositionIdx> = HashMap::new();
        for (i, p) in record.positions.iter().enumerate() {
            if !(filter.keeps_issue(record, p.issue)
                && filter.keeps_date(p.date)
                && filter.keeps_sources(&p.sources))
            {
                continue;
            }
            let idx = PositionIdx(i as u32);
            let key = (party(p.actor), p.issue);
            match current.get(&key) {
                Some(&old) if record.position(old).date > p.date => {}
                _ => {
                    current.insert(key, idx);
                }
            }
        }
        let mut positions: Vec<PositionIdx> = current.values().copied().collect();
        positions.sort();
        let demands = (0..record.demands.len() as u32)
            .map(DemandIdx)
            .filter(|&d| {
                let d = record.demand(d);
                filter.keeps_issue(record, d.issue)
                    && filter.keeps_date(d.date)
                    && filter.keeps_sources(&d.sources)
            })
            .collect();
        let concessions = (0..record.concessions.len() as u32)
            .map(ConcessionIdx)
            .filter(|&c| {
                let c = record.concession(c);
                filter.keeps_issue(record, c.issue)
                    && filter.keeps_date(c.date)
                    && filter.keeps_sources(&c.sources)
            })
            .collect();
        let events = (0..record.events.len() as u32)
            .map(EventIdx)
            .filter(|&e| {
                let e = record.event(e);
                filter.keeps_date(e.date) && filter.keeps_sources(&e.sources)
            })
            .collect();
        View {
            record,
            filter,
            positions,
            demands,
            concessions,
            events,
            current,
        }
    }

    /// The party an actor counts as: itself with `--people`, else its party.
    pub fn party(&self, a: ActorIdx) -> ActorIdx {
        if self.filter.people {
            a
        } else {
            self.record.party_of(a)
        }
    }

    /// Whether a result row about these parties passes the actor filter.
    pub fn keeps(&self, parties: &[ActorIdx]) -> bool {
        match self.filter.actor {
            None => true,
            Some(a) => parties.contains(&self.party(a)),
        }
    }

    /// The party's current position on an issue, if it has one in view.
    pub fn current_position(&self, party: ActorIdx, issue: IssueIdx) -> Option<PositionIdx> {
        self.current.get(&(party, issue)).copied()
    }

    /// Current positions grouped by issue: queries compare within an issue only,
    /// so their cost follows the claims per issue, never the number of actors squared.
    pub fn positions_by_issue(&self) -> BTreeMap<IssueIdx, Vec<PositionIdx>> {
        let mut out: BTreeMap<IssueIdx, Vec<PositionIdx>> = BTreeMap::new();
        for &p in &self.positions {
            out.entry(self.record.position(p).issue)
                .or_default()
                .push(p);
        }
        out
    }

    /// Demands still in play (not dropped), grouped by issue.
    pub fn live_demands_by_issue(&self) -> BTreeMap<IssueIdx, Vec<DemandIdx>> {
        let mut out: BTreeMap<IssueIdx, Vec<DemandIdx>> = BTreeMap::new();
        for &d in &self.demands {
            let demand = self.record.demand(d);
            if demand.status != DemandStatus::Dropped {
                out.entry(demand.issue).or_default().push(d);
            }
        }
        out
    }

    /// Whether a concession still stands (not withdrawn or rejected).
    pub fn concession_stands(&self, c: ConcessionIdx) -> bool {
        !matches!(
            self.record.concession(c).status,
            ConcessionStatus::Withdrawn | ConcessionStatus::Rejected
        )
    }

    pub fn actor_id(&self, a: ActorIdx) -> &'r str {
        &self.record.actor(a).id
    }

    pub fn issue_id(&self, i: IssueIdx) -> &'r str {
        &self.record.issue(i).id
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    pub fn actor(id: &str, kind: ActorKind, member_of: Vec<ActorIdx>) -> Actor {
        Actor {
            id: id.into(),
            name: id.into(),
            kind,
            aliases: vec![],
            member_of,
            role: None,
            observer: false,
            notes: None,
            sources: vec![],
        }
    }

    pub fn issue(id: &str) -> Issue {
        Issue {
            id: id.into(),
            title: id.into(),
            category: Category::Security,
            description: None,
            parent: None,
            polarity: Polarity::Same,
            sources: vec![],
        }
    }

    pub fn position(actor: u32, issue: u32, stance: Stance, when: &str) -> Position {
        Position {
            id: None,
            actor: ActorIdx(actor),
            issue: IssueIdx(issue),
            stance,
            strength: Strength::Firm,
            summary: format!("{actor} {stance}"),
            date: date(when),
            conditions: None,
            event: None,
            notes: None,
            sources: vec![],
        }
    }

    pub fn demand(id: &str, by: u32, of: u32, issue: u32, stance: Direction) -> Demand {
        Demand {
            id: id.into(),
            by: ActorIdx(by),
            of: vec![ActorIdx(of)],
            issue: IssueIdx(issue),
            stance,
            text: id.into(),
            priority: Priority::Core,
            status: DemandStatus::Open,
            history: Vec::new(),
            date: date("2025-02-01"),
            conflicts_with: vec![],
            event: None,
            notes: None,
            sources: vec![],
        }
    }

    /// Actors: 0 russia, 1 ukraine, 2 us, 3 lavrov (a person in russia).
    pub fn record(positions: Vec<Position>, demands: Vec<Demand>) -> Record {
        Record::new(
            vec![
                actor("russia", ActorKind::State, vec![]),
                actor("ukraine", ActorKind::State, vec![]),
                actor("us", ActorKind::State, vec![]),
                actor("lavrov", ActorKind::Person, vec![ActorIdx(0)]),
            ],
            vec![issue("nato")],
            positions,
            demands,
            vec![],
            vec![],
        )
    }

    #[test]
    fn latest_position_wins() {
        let r = record(
            vec![
                position(1, 0, Stance::Support, "2025-01"),
                position(1, 0, Stance::Ambiguous, "2025-03-01"),
            ],
            vec![],
        );
        let view = View::new(&r, Filter::default());
        assert_eq!(view.positions, vec![PositionIdx(1)]);
    }

    #[test]
    fn as_of_keeps_the_latest_before_the_date() {
        let r = record(
            vec![
                position(1, 0, Stance::Support, "2025-01"),
                position(1, 0, Stance::Ambiguous, "2025-03-01"),
            ],
            vec![],
        );
        let filter = Filter {
            as_of: Some(date("2025-02-01")),
            ..Filter::default()
        };
        let view = View::new(&r, filter);
        assert_eq!(view.positions, vec![PositionIdx(0)]);
    }

    #[test]
    fn people_fold_into_their_party_unless_asked() {
        let r = record(vec![position(3, 0, Stance::Oppose, "2025-01")], vec![]);
        let view = View::new(&r, Filter::default());
        assert_eq!(
            view.current_position(ActorIdx(0), IssueIdx(0)),
            Some(PositionIdx(0))
        );
        let people = View::new(
            &r,
            Filter {
                people: true,
                ..Filter::default()
            },
        );
        assert_eq!(people.current_position(ActorIdx(0), IssueIdx(0)), None);
        assert_eq!(
            people.current_position(ActorIdx(3), IssueIdx(0)),
            Some(PositionIdx(0))
        );
    }

    #[test]
    fn min_confidence_drops_unsourced_claims() {
        let r = record(vec![position(1, 0, Stance::Support, "2025-01")], vec![]);
        let filter = Filter {
            min_confidence: Some(Confidence::Low),
            ..Filter::default()
        };
        assert!(View::new(&r, filter).positions.is_empty());
    }
}
