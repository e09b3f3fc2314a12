//! `add` moves: a claim written as in the record (a position, a demand or a
//! concession), checked as the loader checks the record's own: required
//! fields, known ids with "did you mean", no duplicate id, no party asking or
//! conceding to itself.

use super::{Resolver, StanceFields};
use crate::diagnostic::{did_you_mean, Code};
use crate::load::{Spanned, Text};
use crate::model::*;
use crate::whatif::scenario::*;
use std::collections::HashSet;

/// The ids earlier `add` moves of the scenario gave: a later move may not give
/// them again, and an added demand's `conflicts_with` may name them.
#[derive(Default)]
pub(in crate::whatif) struct Added {
    /// Positions' and demands' ids: one namespace, as in the record, since
    /// `conflicts_with` names either.
    claims: HashSet<String>,
    concessions: HashSet<String>,
}

/// Which kind of claim an id is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Position,
    Demand,
    Concession,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Position => "position",
            Kind::Demand => "demand",
            Kind::Concession => "concession",
        }
    }
}

impl Resolver<'_> {
    pub(super) fn add(&mut self, spec: &Spanned<RawAdd>) -> Option<(Move, String)> {
        // One `add` may hold one entry: a position (played like a shift), a
        // demand or a concession.
        let positions = spec.value.positions.iter().flatten().collect::<Vec<_>>();
        let demands = spec.value.demands.iter().flatten().collect::<Vec<_>>();
        let concessions = spec.value.concessions.iter().flatten().collect::<Vec<_>>();
        if positions.len() + demands.len() + concessions.len() != 1 {
            self.at(
                spec,
                Code::BadValue,
                "an `add` move holds exactly one position, demand or concession".into(),
                "write one `add` per entry".into(),
            );
            return None;
        }
        if let Some(c) = concessions.first() {
            return self.add_concession(c);
        }
        if let Some(p) = positions.first() {
            return self.add_position(p);
        }
        let d = demands[0];
        let r = &d.value;
        let fields = [
            (&r.id, "id"),
            (&r.by, "by"),
            (&r.issue, "issue"),
            (&r.stance, "stance"),
            (&r.text, "text"),
        ];
        let mut missing = false;
        for (field, name) in fields {
            missing |= self.required(field, d.at, name, "add").is_none();
        }
        if missing {
            return None;
        }
        let id = self.new_id(r.id.as_ref()?, Kind::Demand);
        let conflicts_with = self.claim_ids(&r.conflicts_with);
        let by = self.actor(r.by.as_ref()?);
        let issue = self.issue(r.issue.as_ref()?);
        let stance = self.keyword::<Direction>(r.stance.as_ref()?);
        let of = self.actors(&r.of);
        let priority = match &r.priority {
            Some(p) => Some(self.keyword::<Priority>(p)?),
            None => None,
        };
        let (id, by, issue, stance, of) = (id?, by?, issue?, stance?, of?);
        let conflicts_with = conflicts_with?;
        if of
            .iter()
            .any(|&o| self.record.party_of(o) == self.record.party_of(by))
        {
            self.at(
                d,
                Code::SelfDemand,
                "the demand is addressed to the party that makes it".into(),
                "address it to another party".into(),
            );
            return None;
        }
        let label = format!("add demand {id} by {}", self.record.actor(by).id);
        Some((
            Move::AddDemand {
                id,
                by,
                of,
                issue,
                stance,
                priority: priority.unwrap_or(Priority::Core),
                text: r.text.as_ref()?.value.to_string(),
                conflicts_with,
            },
            label,
        ))
    }

    /// An added position: a new stance like `shift`, with the record's own
    /// `id`, `conditions` and `date`.
    fn add_position(&mut self, p: &Spanned<RawAddPosition>) -> Option<(Move, String)> {
        let r = &p.value;
        // Each checked when given: `Some(None)` is a problem already reported.
        let id = r.id.as_ref().map(|t| self.new_id(t, Kind::Position));
        let date = r.date.as_ref().map(|t| self.date(t));
        let fields = StanceFields {
            actor: &r.actor,
            issue: &r.issue,
            stance: &r.stance,
            strength: &r.strength,
            summary: &r.summary,
        };
        let (mut action, _) = self.new_stance(p.at, fields, "add")?;
        let (id, date) = (
            id.map_or(Some(None), |i| i.map(Some))?,
            date.map_or(Some(None), |d| d.map(Some))?,
        );
        let conditions = r
            .conditions
            .as_ref()
            .map(|c| c.value.trim().to_string())
            .filter(|c| !c.is_empty());
        // The shift's new stance, with the record's own id, conditions and date.
        let Move::Shift {
            actor,
            issue,
            id: own_id,
            conditions: own_conditions,
            date: own_date,
            ..
        } = &mut action
        else {
            return None;
        };
        let of = format!(
            "of {} on {}",
            self.record.actor(*actor).id,
            self.record.issue(*issue).id
        );
        let label = match &id {
            Some(id) => format!("add position {id} {of}"),
            None => format!("add a position {of}"),
        };
        (*own_id, *own_conditions, *own_date) = (id, conditions, date);
        Some((action, label))
    }

    /// A new claim's id, checked as the loader checks the record's: a
    /// lowercase slug that no claim of the record, nor an earlier added one,
    /// has (positions and demands share their ids' namespace).
    fn new_id(&mut self, text: &Text, kind: Kind) -> Option<String> {
        let id = text.value.trim();
        let slug = crate::model::is_slug(id);
        if !slug {
            self.at(
                text,
                Code::BadId,
                format!("{} id `{id}` is not a lowercase slug", kind.name()),
                "use lowercase letters, digits and `-`".into(),
            );
            return None;
        }
        let r = self.record;
        let clash = match kind {
            Kind::Concession => (r.concessions.iter().any(|c| c.id == id)
                || self.added.concessions.contains(id))
            .then_some("a concession"),
            Kind::Position | Kind::Demand => {
                if r.demands.iter().any(|d| d.id == id) {
                    Some("a demand of the record")
                } else if r.positions.iter().any(|p| p.id.as_deref() == Some(id)) {
                    Some("a position of the record")
                } else if self.added.claims.contains(id) {
                    Some("a claim an earlier move added")
                } else {
                    None
                }
            }
        };
        if let Some(owner) = clash {
            let hint = if kind == Kind::Concession {
                "pick a new id".to_string()
            } else {
                "pick a new id (`conflicts_with` names demands and positions alike, so their ids must differ)".to_string()
            };
            self.at(
                text,
                Code::DuplicateId,
                format!("{owner} already has the id `{id}`"),
                hint,
            );
            return None;
        }
        match kind {
            Kind::Concession => self.added.concessions.insert(id.to_string()),
            _ => self.added.claims.insert(id.to_string()),
        };
        Some(id.to_string())
    }

    /// A `conflicts_with` list: ids of the record's demands and positions, or of
    /// ones added by earlier moves; an unknown one is located, with "did you mean".
    fn claim_ids(&mut self, list: &Option<Vec<Text>>) -> Option<Vec<String>> {
        let r = self.record;
        let mut out = Vec::new();
        let mut ok = true;
        for name in list.iter().flatten() {
            let id = name.value.trim();
            let demand = r.demands.iter().position(|d| d.id == id);
            let position = r.positions.iter().position(|p| p.id.as_deref() == Some(id));
            let claim = demand
                .map(|d| Removal::Demand(DemandIdx(d as u32)))
                .or(position.map(|p| Removal::Position(PositionIdx(p as u32))));
            if let Some(claim) = claim {
                if self.gone(name, claim) {
                    ok = false;
                    continue;
                }
            }
            if claim.is_some() || self.added.claims.contains(id) {
                out.push(id.to_string());
                continue;
            }
            ok = false;
            let ids = r
                .demands
                .iter()
                .map(|d| d.id.as_str())
                .chain(r.positions.iter().filter_map(|p| p.id.as_deref()))
                .chain(self.added.claims.iter().map(String::as_str));
            let hint = did_you_mean(id, ids).unwrap_or_else(|| {
                "name a demand id, or a position's id (a position needs an `id:` to be named)"
                    .into()
            });
            self.at(
                name,
                Code::UnknownClaim,
                format!("no demand or position has the id `{id}`"),
                hint,
            );
        }
        ok.then_some(out)
    }

    fn add_concession(&mut self, c: &Spanned<RawAddConcession>) -> Option<(Move, String)> {
        let r = &c.value;
        let fields = [
            (&r.id, "id"),
            (&r.by, "by"),
            (&r.issue, "issue"),
            (&r.text, "text"),
        ];
        let mut missing = false;
        for (field, name) in fields {
            missing |= self.required(field, c.at, name, "add").is_none();
        }
        if r.to.as_ref().is_none_or(Vec::is_empty) {
            self.required(&None, c.at, "to", "add");
            missing = true;
        }
        if missing {
            return None;
        }
        let id = self.new_id(r.id.as_ref()?, Kind::Concession);
        let by = self.actor(r.by.as_ref()?);
        let issue = self.issue(r.issue.as_ref()?);
        let to = self.actors(&r.to);
        let stance = match &r.stance {
            Some(s) => Some(self.keyword::<Direction>(s)?),
            None => None,
        };
        let status = match &r.status {
            Some(s) => self.keyword::<ConcessionStatus>(s)?,
            None => ConcessionStatus::Made,
        };
        let mut answers = Vec::new();
        let mut ok = true;
        for d in r.answers.iter().flatten() {
            match self.demand(d) {
                Some(x) => answers.push((x, d)),
                None => ok = false,
            }
        }
        let (id, by, issue, mut to) = (id?, by?, issue?, to?);
        if !ok {
            return None;
        }
        let party = self.record.party_of(by);
        if to.iter().any(|&t| self.record.party_of(t) == party) {
            self.at(
                c,
                Code::SelfConcession,
                "the concession is given to the party that makes it".into(),
                "give it to another party in `to:`".into(),
            );
            return None;
        }
        for &(d, text) in &answers {
            if self.record.party_of(self.record.demand(d).by) == party {
                self.at(
                    text,
                    Code::SelfConcession,
                    format!(
                        "`{}` is the conceding party's own demand: a party cannot concede to itself",
                        text.value
                    ),
                    "answer a demand another party made".into(),
                );
                return None;
            }
        }
        to.sort();
        to.dedup();
        let label = format!("add concession {} by {}", id, self.record.actor(by).id);
        Some((
            Move::AddConcession {
                id,
                by,
                to,
                issue,
                stance,
                answers: answers.into_iter().map(|(d, _)| d).collect(),
                text: r.text.as_ref()?.value.to_string(),
                status,
            },
            label,
        ))
    }
}
