//! Resolving a scenario's moves against the record: every id to an index, every
//! word to a keyword, every problem a located diagnostic with "did you mean".

mod add;
#[cfg(test)]
mod tests;

use super::scenario::*;
use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::load::{At, SourceFiles, Spanned, Text};
use crate::model::*;
use std::collections::{HashMap, HashSet};

pub(super) struct Resolver<'a> {
    pub(super) record: &'a Record,
    pub(super) files: &'a SourceFiles,
    pub(super) file: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Ids the scenario's `add` moves have given so far.
    pub(super) added: add::Added,
    /// The record's claims earlier `remove` moves took out: a later move
    /// naming one has nothing to act on.
    pub(super) removed: HashSet<Removal>,
    /// The record's demands earlier `meet`/`reject`/`drop` moves ended.
    pub(super) ended: HashMap<DemandIdx, DemandStatus>,
}

/// The fields a new position is made of: a `shift`'s, or an added position's.
struct StanceFields<'t> {
    actor: &'t Option<Text>,
    issue: &'t Option<Text>,
    stance: &'t Option<Text>,
    strength: &'t Option<Text>,
    summary: &'t Option<Text>,
}

impl Resolver<'_> {
    pub(super) fn problem(
        &mut self,
        code: Code,
        offset: u32,
        len: u32,
        message: String,
        hint: String,
    ) {
        let location = self
            .files
            .location_at(self.file, offset as usize, len as usize);
        self.diagnostics.push(
            Diagnostic::new(code, Some(location), message)
                .label("here")
                .hint(hint),
        );
    }

    fn at<T>(&mut self, value: &Spanned<T>, code: Code, message: String, hint: String) {
        self.problem(code, value.at.offset, value.at.len, message, hint);
    }

    fn required<'t>(
        &mut self,
        field: &'t Option<Text>,
        whole: At,
        name: &str,
        kind: &str,
    ) -> Option<&'t Text> {
        if field.is_none() {
            self.problem(
                Code::MissingField,
                whole.offset,
                whole.len,
                format!("this `{kind}` move has no `{name}`"),
                format!("add `{name}:`"),
            );
        }
        field.as_ref()
    }

    fn actor(&mut self, id: &Text) -> Option<ActorIdx> {
        let found = self.record.find_actor(&id.value);
        if found.is_none() {
            let hint = did_you_mean(&id.value, self.record.actors.iter().map(|a| a.id.as_str()))
                .unwrap_or_else(|| "use an actor id, name or alias of the record".into());
            self.at(
                id,
                Code::UnknownActor,
                format!("no actor has the id `{}`", id.value),
                hint,
            );
        }
        found
    }

    fn issue(&mut self, id: &Text) -> Option<IssueIdx> {
        let found = self.record.find_issue(&id.value);
        if found.is_none() {
            let hint = did_you_mean(&id.value, self.record.issue_ids())
                .unwrap_or_else(|| "use an issue id of the record".into());
            self.at(
                id,
                Code::UnknownIssue,
                format!("no issue has the id `{}`", id.value),
                hint,
            );
        }
        found
    }

    /// Says so, located, when an earlier move removed `claim`.
    fn gone(&mut self, id: &Text, claim: Removal) -> bool {
        let gone = self.removed.contains(&claim);
        if gone {
            self.at(
                id,
                Code::UnknownClaim,
                format!("`{}` was removed by an earlier move", id.value),
                "drop the earlier `remove`, or this move".into(),
            );
        }
        gone
    }

    fn demand(&mut self, id: &Text) -> Option<DemandIdx> {
        let found = self
            .record
            .demands
            .iter()
            .position(|d| d.id == *id.value)
            .map(|i| DemandIdx(i as u32));
        if let Some(d) = found {
            return (!self.gone(id, Removal::Demand(d))).then_some(d);
        }
        // Unknown: the nearest id, if one is near.
        let hint = did_you_mean(&id.value, self.record.demands.iter().map(|d| d.id.as_str()))
            .unwrap_or_else(|| "use a demand id of the record".into());
        self.at(
            id,
            Code::UnknownDemand,
            format!("no demand has the id `{}`", id.value),
            hint,
        );
        None
    }

    fn keyword<K: Keyword>(&mut self, word: &Text) -> Option<K> {
        let found = K::parse(&word.value);
        if found.is_none() {
            self.at(
                word,
                Code::BadValue,
                format!(
                    "`{}` is not one of: {}",
                    word.value,
                    K::spellings().join(", ")
                ),
                "use one of the words listed".into(),
            );
        }
        found
    }

    pub(super) fn date(&mut self, text: &Text) -> Option<Date> {
        match Date::parse(&text.value) {
            Ok(d) => Some(d),
            Err(message) => {
                self.at(
                    text,
                    Code::BadDate,
                    message,
                    "write YYYY-MM-DD, YYYY-MM or YYYY".into(),
                );
                None
            }
        }
    }

    fn actors(&mut self, list: &Option<Vec<Text>>) -> Option<Vec<ActorIdx>> {
        let mut out = Vec::new();
        let mut ok = true;
        for id in list.iter().flatten() {
            match self.actor(id) {
                Some(a) => out.push(a),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    pub(super) fn one_move(&mut self, m: &Spanned<RawMove>) -> Option<PlannedMove> {
        let raw = &m.value;
        let kinds: Vec<&'static str> = [
            ("concede", raw.concede.is_some()),
            ("shift", raw.shift.is_some()),
            ("meet", raw.meet.is_some()),
            ("reject", raw.reject.is_some()),
            ("drop", raw.drop.is_some()),
            ("join", raw.join.is_some()),
            ("leave", raw.leave.is_some()),
            ("add", raw.add.is_some()),
            ("remove", raw.remove.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect();
        if kinds.len() != 1 {
            let message = if kinds.is_empty() {
                "this move names no move".to_string()
            } else {
                format!(
                    "this item holds {} moves ({}): one per item",
                    kinds.len(),
                    kinds.join(", ")
                )
            };
            self.at(
                m,
                if kinds.is_empty() { Code::MissingField } else { Code::BadValue },
                message,
                "write one of concede, shift, meet, reject, drop, join, leave, add, remove per item".into(),
            );
            return None;
        }
        let kind = kinds[0];
        let sources = raw
            .sources
            .iter()
            .flatten()
            .filter_map(|s| {
                Some(Source {
                    doc: s.value.doc.as_ref()?.value.to_string(),
                    quote: s
                        .value
                        .quote
                        .as_ref()
                        .map(|q| q.value.to_string())
                        .unwrap_or_default(),
                    confidence: s
                        .value
                        .confidence
                        .as_ref()
                        .and_then(|c| Confidence::parse(&c.value))
                        .unwrap_or(Confidence::Medium),
                })
            })
            .collect();
        let (action, label) = match kind {
            "concede" => self.concede(raw.concede.as_ref()?)?,
            "shift" => self.shift(raw.shift.as_ref()?, "shift")?,
            "meet" | "reject" | "drop" => {
                let id = match kind {
                    "meet" => raw.meet.as_ref()?,
                    "reject" => raw.reject.as_ref()?,
                    _ => raw.drop.as_ref()?,
                };
                self.set_status(id, kind)?
            }
            "join" | "leave" => {
                let spec = if kind == "join" {
                    raw.join.as_ref()?
                } else {
                    raw.leave.as_ref()?
                };
                self.membership(spec, kind == "join")?
            }
            "add" => self.add(raw.add.as_ref()?)?,
            _ => self.remove(raw.remove.as_ref()?)?,
        };
        Some(PlannedMove {
            kind,
            label,
            action,
            note: raw.note.as_ref().map(|n| n.value.to_string()),
            sources,
        })
    }

    fn concede(&mut self, spec: &Spanned<RawConcede>) -> Option<(Move, String)> {
        let c = &spec.value;
        let by = self.required(&c.by, spec.at, "by", "concede");
        let issue = self.required(&c.issue, spec.at, "issue", "concede");
        let stance = self.required(&c.stance, spec.at, "stance", "concede");
        let (by, issue, stance) = (by?, issue?, stance?);
        let (by_idx, issue_idx, direction) = (
            self.actor(by),
            self.issue(issue),
            self.keyword::<Direction>(stance),
        );
        let to = self.actors(&c.to);
        let mut answers = Vec::new();
        let mut ok = true;
        for id in c.answers.iter().flatten() {
            match self.demand(id) {
                Some(d) => answers.push(d),
                None => ok = false,
            }
        }
        let (by_idx, issue_idx, direction, mut to) = (by_idx?, issue_idx?, direction?, to?);
        if !ok {
            return None;
        }
        let party = self.record.party_of(by_idx);
        for id in c.answers.iter().flatten() {
            let d = self.demand(id)?;
            let demand = self.record.demand(d);
            if self.record.party_of(demand.by) == party {
                self.at(
                    id,
                    Code::SelfConcession,
                    format!(
                        "`{}` is {}'s own demand: a party cannot concede to itself",
                        demand.id, by.value
                    ),
                    "answer a demand another party made".into(),
                );
                return None;
            }
            if !to.contains(&demand.by) {
                to.push(demand.by);
            }
        }
        if to.iter().any(|&t| self.record.party_of(t) == party) {
            self.at(
                spec,
                Code::SelfConcession,
                format!("{} would concede to itself", by.value),
                "name another party in `to:`".into(),
            );
            return None;
        }
        to.sort();
        to.dedup();
        let text = c
            .text
            .as_ref()
            .map(|t| t.value.to_string())
            .unwrap_or_else(|| {
                format!(
                    "{} concedes: {} {}",
                    self.record.actor(by_idx).name,
                    direction.as_str(),
                    self.record.issue(issue_idx).title
                )
            });
        let label = format!(
            "{} concedes on {} ({})",
            self.record.actor(by_idx).id,
            self.record.issue(issue_idx).id,
            direction.as_str()
        );
        Some((
            Move::Concede {
                by: by_idx,
                issue: issue_idx,
                stance: direction,
                to,
                answers,
                text,
            },
            label,
        ))
    }

    fn shift(&mut self, spec: &Spanned<RawShift>, kind: &str) -> Option<(Move, String)> {
        let s = &spec.value;
        let fields = StanceFields {
            actor: &s.actor,
            issue: &s.issue,
            stance: &s.stance,
            strength: &s.strength,
            summary: &s.summary,
        };
        self.new_stance(spec.at, fields, kind)
    }

    /// A party's new position from its fields, every problem located.
    fn new_stance(&mut self, at: At, s: StanceFields, kind: &str) -> Option<(Move, String)> {
        let spec_at = at;
        let actor = self.required(s.actor, spec_at, "actor", kind);
        let issue = self.required(s.issue, spec_at, "issue", kind);
        let stance = self.required(s.stance, spec_at, "stance", kind);
        let (actor, issue, stance) = (actor?, issue?, stance?);
        let (a, i, st) = (
            self.actor(actor),
            self.issue(issue),
            self.keyword::<Stance>(stance),
        );
        let strength = match s.strength {
            Some(w) => Some(self.keyword::<Strength>(w)?),
            None => None,
        };
        let (a, i, st) = (a?, i?, st?);
        let strength = strength.unwrap_or(Strength::Firm);
        let summary = s
            .summary
            .as_ref()
            .map(|t| t.value.to_string())
            .unwrap_or_else(|| {
                format!(
                    "{}: {} ({}) {}",
                    self.record.actor(a).name,
                    st.as_str(),
                    strength.as_str(),
                    self.record.issue(i).title
                )
            });
        let label = format!(
            "{} takes {} ({}) on {}",
            self.record.actor(a).id,
            st.as_str(),
            strength.as_str(),
            self.record.issue(i).id
        );
        Some((
            Move::Shift {
                actor: a,
                issue: i,
                stance: st,
                strength,
                summary,
                id: None,
                conditions: None,
                date: None,
            },
            label,
        ))
    }

    fn set_status(&mut self, id: &Text, kind: &str) -> Option<(Move, String)> {
        let d = self.demand(id)?;
        let status = match kind {
            "meet" => DemandStatus::Met,
            "reject" => DemandStatus::Rejected,
            _ => DemandStatus::Dropped,
        };
        let demand = self.record.demand(d);
        if let Some(earlier) = self.ended.get(&d) {
            self.at(
                id,
                Code::BadValue,
                format!(
                    "`{}` is already {} by an earlier move: only an open demand can be met, rejected or dropped",
                    demand.id,
                    earlier.as_str()
                ),
                "keep one of the two moves".into(),
            );
            return None;
        }
        if demand.status != DemandStatus::Open {
            self.at(
                id,
                Code::BadValue,
                format!(
                    "`{}` is already {}: only an open demand can be met, rejected or dropped",
                    demand.id,
                    demand.status.as_str()
                ),
                "pick an open demand (`stancemap bargaining` lists them)".into(),
            );
            return None;
        }
        self.ended.insert(d, status);
        Some((
            Move::SetStatus { demand: d, status },
            format!("{} is {}", demand.id, status.as_str()),
        ))
    }

    fn membership(&mut self, spec: &Spanned<RawMembership>, join: bool) -> Option<(Move, String)> {
        let kind = if join { "join" } else { "leave" };
        let actor = self.required(&spec.value.actor, spec.at, "actor", kind);
        let bloc = self.required(&spec.value.bloc, spec.at, "bloc", kind);
        let (actor, bloc) = (actor?, bloc?);
        let (a, b) = (self.actor(actor)?, self.actor(bloc)?);
        let member = self.record.actor(a).member_of.contains(&b);
        if a == b || member == join {
            let why = if a == b {
                "an actor cannot be its own member".to_string()
            } else if join {
                format!("{} is already a member of {}", actor.value, bloc.value)
            } else {
                format!("{} is not a member of {}", actor.value, bloc.value)
            };
            self.at(
                spec,
                Code::BadValue,
                why,
                "check `member_of` in the record".into(),
            );
            return None;
        }
        let label = format!(
            "{} {}s {}",
            self.record.actor(a).id,
            kind,
            self.record.actor(b).id
        );
        Some((
            if join {
                Move::Join { actor: a, bloc: b }
            } else {
                Move::Leave { actor: a, bloc: b }
            },
            label,
        ))
    }

    fn remove(&mut self, id: &Text) -> Option<(Move, String)> {
        let r = self.record;
        let found = r
            .positions
            .iter()
            .position(|p| p.id.as_deref() == Some(&id.value))
            .map(|i| Removal::Position(PositionIdx(i as u32)))
            .or_else(|| {
                r.demands
                    .iter()
                    .position(|d| d.id == *id.value)
                    .map(|i| Removal::Demand(DemandIdx(i as u32)))
            })
            .or_else(|| {
                r.concessions
                    .iter()
                    .position(|c| c.id == *id.value)
                    .map(|i| Removal::Concession(ConcessionIdx(i as u32)))
            });
        match found {
            Some(removal) if self.gone(id, removal) => None,
            Some(removal) => {
                self.removed.insert(removal);
                Some((Move::Remove(removal), format!("remove {}", id.value)))
            }
            None => {
                let ids = r
                    .positions
                    .iter()
                    .filter_map(|p| p.id.as_deref())
                    .chain(r.demands.iter().map(|d| d.id.as_str()))
                    .chain(r.concessions.iter().map(|c| c.id.as_str()));
                let hint = did_you_mean(&id.value, ids)
                    .unwrap_or_else(|| "use the id of a position, demand or concession".into());
                self.at(
                    id,
                    Code::UnknownClaim,
                    format!(
                        "no position, demand or concession has the id `{}`",
                        id.value
                    ),
                    hint,
                );
                None
            }
        }
    }
}
