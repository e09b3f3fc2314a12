//! A claim as queries report it: who, on what, which way, in what words, and the
//! sources behind it, so every answer explains itself.

use crate::model::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Position,
    Demand,
    Concession,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Position => "position",
            ClaimKind::Demand => "demand",
            ClaimKind::Concession => "concession",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceInfo {
    pub doc: String,
    pub quote: String,
    pub confidence: Confidence,
}

/// An actor as outputs name it: its id and display name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
}

impl ActorRef {
    pub fn new(record: &Record, a: ActorIdx) -> ActorRef {
        let actor = record.actor(a);
        ActorRef {
            id: actor.id.clone(),
            name: actor.name.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The claim's id; positions have one only when the record gives it.
    pub id: Option<String>,
    /// The party the claim counts for (a person folded into their party).
    pub actor: String,
    /// Who the record says made the claim, when that differs from `actor`.
    pub said_by: Option<String>,
    pub issue: String,
    /// Position stance, demand or concession direction (`null` for a concession without one).
    pub stance: Option<String>,
    /// Position strength or demand priority; `null` for concessions.
    pub weight: Option<String>,
    /// Demand or concession status; `null` for positions.
    pub status: Option<String>,
    pub text: String,
    pub date: Date,
    /// Whom a demand is asked of or a concession given to.
    pub addressees: Vec<String>,
    pub sources: Vec<SourceInfo>,
}

fn sources(list: &[Source]) -> Vec<SourceInfo> {
    list.iter()
        .map(|s| SourceInfo {
            doc: s.doc.clone(),
            quote: s.quote.clone(),
            confidence: s.confidence,
        })
        .collect()
}

/// What writing a claim out needs to know: whom its author counts for, and the
/// status a demand or concession has at the date asked about.
pub trait ClaimContext {
    fn record(&self) -> &Record;
    fn party(&self, a: ActorIdx) -> ActorIdx;
    fn demand_status_at(&self, d: DemandIdx) -> DemandStatus {
        self.record().demand(d).status
    }
    fn concession_status_at(&self, c: ConcessionIdx) -> ConcessionStatus {
        self.record().concession(c).status
    }
}

impl ClaimContext for crate::state::NegotiationState<'_> {
    fn record(&self) -> &Record {
        self.record
    }
    fn party(&self, a: ActorIdx) -> ActorIdx {
        crate::state::NegotiationState::party(self, a)
    }
    fn demand_status_at(&self, d: DemandIdx) -> DemandStatus {
        self.demand_status(d)
            .unwrap_or_else(|| crate::state::lifecycle::demand_status(self.record, d, &self.filter))
    }
    fn concession_status_at(&self, c: ConcessionIdx) -> ConcessionStatus {
        self.concession_status(c).unwrap_or_else(|| {
            crate::state::lifecycle::concession_status(self.record, c, &self.filter)
        })
    }
}

fn said_by(view: &(impl ClaimContext + ?Sized), a: ActorIdx) -> Option<String> {
    let party = view.party(a);
    (party != a).then(|| view.record().actor(a).id.clone())
}

impl Claim {
    pub fn position(view: &(impl ClaimContext + ?Sized), idx: PositionIdx) -> Claim {
        let r = view.record();
        let p = r.position(idx);
        Claim {
            kind: ClaimKind::Position,
            id: p.id.clone(),
            actor: r.actor(view.party(p.actor)).id.clone(),
            said_by: said_by(view, p.actor),
            issue: r.issue(p.issue).id.clone(),
            stance: Some(p.stance.to_string()),
            weight: Some(p.strength.to_string()),
            status: None,
            text: p.summary.clone(),
            date: p.date,
            addressees: vec![],
            sources: sources(&p.sources),
        }
    }

    pub fn demand(view: &(impl ClaimContext + ?Sized), idx: DemandIdx) -> Claim {
        let r = view.record();
        let d = r.demand(idx);
        Claim {
            kind: ClaimKind::Demand,
            id: Some(d.id.clone()),
            actor: r.actor(view.party(d.by)).id.clone(),
            said_by: said_by(view, d.by),
            issue: r.issue(d.issue).id.clone(),
            stance: Some(d.stance.to_string()),
            weight: Some(d.priority.to_string()),
            status: Some(view.demand_status_at(idx).to_string()),
            text: d.text.clone(),
            date: d.date,
            addressees: d.of.iter().map(|a| r.actor(*a).id.clone()).collect(),
            sources: sources(&d.sources),
        }
    }

    pub fn concession(view: &(impl ClaimContext + ?Sized), idx: ConcessionIdx) -> Claim {
        let r = view.record();
        let c = r.concession(idx);
        Claim {
            kind: ClaimKind::Concession,
            id: Some(c.id.clone()),
            actor: r.actor(view.party(c.by)).id.clone(),
            said_by: said_by(view, c.by),
            issue: r.issue(c.issue).id.clone(),
            stance: c.stance.map(|s| s.to_string()),
            weight: None,
            status: Some(view.concession_status_at(idx).to_string()),
            text: c.text.clone(),
            date: c.date,
            addressees: c.to.iter().map(|a| r.actor(*a).id.clone()).collect(),
            sources: sources(&c.sources),
        }
    }

    /// Any claim of the state, by its id.
    pub fn of(view: &(impl ClaimContext + ?Sized), id: crate::state::ClaimId) -> Claim {
        match id {
            crate::state::ClaimId::Position(p) => Claim::position(view, p),
            crate::state::ClaimId::Demand(d) => Claim::demand(view, d),
            crate::state::ClaimId::Concession(c) => Claim::concession(view, c),
        }
    }

    /// A one-line label for tables: `demand d-x (red-line)`.
    pub fn label(&self) -> String {
        let id = self.id.as_deref().unwrap_or("-");
        let mut s = format!("{} {}", self.kind.as_str(), id);
        if let Some(st) = &self.stance {
            s.push_str(&format!(" [{st}"));
            if let Some(w) = &self.weight {
                s.push_str(&format!(", {w}"));
            }
            s.push(']');
        }
        s
    }
}
