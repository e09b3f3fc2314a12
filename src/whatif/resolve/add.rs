//! `add` moves: a claim written as in the record (a position, a demand or a
//! concession), checked as the loader checks the record's own: required
//! fields, known ids with "did you mean", no duplicate id, no party asking or
//! conceding to itself.

use super::Resolver;
use crate::diagnostic::Code;
use crate::load::Spanned;
use crate::model::*;
use crate::whatif::scenario::*;

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
            let (action, _) = self.shift(p, "add")?;
            let Move::Shift { actor, issue, .. } = &action else {
                return None;
            };
            let label = format!(
                "add a position of {} on {}",
                self.record.actor(*actor).id,
                self.record.issue(*issue).id
            );
            return Some((action, label));
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
        let id = r.id.as_ref()?;
        if self.record.demands.iter().any(|x| x.id == id.value) {
            self.at(
                id,
                Code::DuplicateId,
                format!("a demand already has the id `{}`", id.value),
                "pick a new id".into(),
            );
            return None;
        }
        let by = self.actor(r.by.as_ref()?);
        let issue = self.issue(r.issue.as_ref()?);
        let stance = self.keyword::<Direction>(r.stance.as_ref()?);
        let of = self.actors(&r.of);
        let priority = match &r.priority {
            Some(p) => Some(self.keyword::<Priority>(p)?),
            None => None,
        };
        let (by, issue, stance, of) = (by?, issue?, stance?, of?);
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
        let label = format!("add demand {} by {}", id.value, self.record.actor(by).id);
        Some((
            Move::AddDemand {
                id: id.value.clone(),
                by,
                of,
                issue,
                stance,
                priority: priority.unwrap_or(Priority::Core),
                text: r.text.as_ref()?.value.clone(),
            },
            label,
        ))
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
        let id = r.id.as_ref()?;
        if self.record.concessions.iter().any(|x| x.id == id.value) {
            self.at(
                id,
                Code::DuplicateId,
                format!("a concession already has the id `{}`", id.value),
                "pick a new id".into(),
            );
            return None;
        }
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
        let (by, issue, mut to) = (by?, issue?, to?);
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
        let label = format!(
            "add concession {} by {}",
            id.value,
            self.record.actor(by).id
        );
        Some((
            Move::AddConcession {
                id: id.value.clone(),
                by,
                to,
                issue,
                stance,
                answers: answers.into_iter().map(|(d, _)| d).collect(),
                text: r.text.as_ref()?.value.clone(),
                status,
            },
            label,
        ))
    }
}
