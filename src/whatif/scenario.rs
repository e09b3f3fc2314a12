//! A scenario file: the moves an analyst wants to try, read with the record's own
//! YAML machinery and resolved against the record, every problem located in the
//! scenario file with "did you mean".

use super::resolve::Resolver;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{read_document, Limits, SourceFiles, Spanned, Text};
use crate::model::*;
use serde::Deserialize;

/// The scenario as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub title: Option<Text>,
    /// When the moves happen; by default the as-of date, else the record's latest date.
    pub date: Option<Text>,
    pub moves: Option<Vec<Spanned<RawMove>>>,
}

/// One move: exactly one of the move keys, with an optional note and sources.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMove {
    pub concede: Option<Spanned<RawConcede>>,
    pub shift: Option<Spanned<RawShift>>,
    pub meet: Option<Text>,
    pub reject: Option<Text>,
    pub drop: Option<Text>,
    pub join: Option<Spanned<RawMembership>>,
    pub leave: Option<Spanned<RawMembership>>,
    pub add: Option<Spanned<RawAdd>>,
    pub remove: Option<Text>,
    pub note: Option<Text>,
    pub sources: Option<Vec<Spanned<RawMoveSource>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcede {
    pub by: Option<Text>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub to: Option<Vec<Text>>,
    pub answers: Option<Vec<Text>>,
    pub text: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShift {
    pub actor: Option<Text>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub strength: Option<Text>,
    pub summary: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMembership {
    pub actor: Option<Text>,
    pub bloc: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdd {
    pub positions: Option<Vec<Spanned<RawAddPosition>>>,
    pub demands: Option<Vec<Spanned<RawAddDemand>>>,
    pub concessions: Option<Vec<Spanned<RawAddConcession>>>,
}

/// A position as in the record (`event`, `notes` and `sources` aside: the
/// move's own note and sources stand for them). `strength` defaults to firm and
/// `summary` to a sentence made of the rest, as for `shift`; `date` to the move date.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAddPosition {
    pub id: Option<Text>,
    pub actor: Option<Text>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub strength: Option<Text>,
    pub summary: Option<Text>,
    pub conditions: Option<Text>,
    pub date: Option<Text>,
}

/// A concession as in the record (`history`, `event`, `notes` and `sources`
/// aside: the move's own note and sources stand for them).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAddConcession {
    pub id: Option<Text>,
    pub by: Option<Text>,
    pub to: Option<Vec<Text>>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub answers: Option<Vec<Text>>,
    pub text: Option<Text>,
    pub status: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAddDemand {
    pub id: Option<Text>,
    pub by: Option<Text>,
    pub of: Option<Vec<Text>>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub priority: Option<Text>,
    pub text: Option<Text>,
    /// Ids of the record's demands and positions (or of ones added by earlier
    /// moves) this demand cannot be met together with, as in the record.
    pub conflicts_with: Option<Vec<Text>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMoveSource {
    pub doc: Option<Text>,
    pub quote: Option<Text>,
    pub confidence: Option<Text>,
}

/// A move resolved against the record: every id an index, every word a keyword.
#[derive(Clone, Debug)]
pub enum Move {
    Concede {
        by: ActorIdx,
        issue: IssueIdx,
        stance: Direction,
        to: Vec<ActorIdx>,
        answers: Vec<DemandIdx>,
        text: String,
    },
    /// A party's new position: a `shift`, or an added position (which may
    /// carry its own id, conditions and date; `None` for a shift).
    Shift {
        actor: ActorIdx,
        issue: IssueIdx,
        stance: Stance,
        strength: Strength,
        summary: String,
        id: Option<String>,
        conditions: Option<String>,
        date: Option<Date>,
    },
    SetStatus {
        demand: DemandIdx,
        status: DemandStatus,
    },
    Join {
        actor: ActorIdx,
        bloc: ActorIdx,
    },
    Leave {
        actor: ActorIdx,
        bloc: ActorIdx,
    },
    AddDemand {
        id: String,
        by: ActorIdx,
        of: Vec<ActorIdx>,
        issue: IssueIdx,
        stance: Direction,
        priority: Priority,
        text: String,
        /// Ids of demands and positions, found in the record as played so far.
        conflicts_with: Vec<String>,
    },
    AddConcession {
        id: String,
        by: ActorIdx,
        to: Vec<ActorIdx>,
        issue: IssueIdx,
        stance: Option<Direction>,
        answers: Vec<DemandIdx>,
        text: String,
        status: ConcessionStatus,
    },
    Remove(Removal),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Removal {
    Position(PositionIdx),
    Demand(DemandIdx),
    Concession(ConcessionIdx),
}

/// One resolved move with what the analyst wrote beside it.
#[derive(Clone, Debug)]
pub struct PlannedMove {
    pub kind: &'static str,
    /// The move as one line, for the report.
    pub label: String,
    pub action: Move,
    pub note: Option<String>,
    pub sources: Vec<Source>,
}

/// A scenario ready to play: its moves, its date, and its name.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub moves: Vec<PlannedMove>,
}

/// Reads and resolves a scenario. `Err` holds every problem, located in `files`.
pub fn read(
    record: &Record,
    files: &mut SourceFiles,
    name: String,
    text: String,
    limits: &Limits,
) -> Result<Scenario, Vec<Diagnostic>> {
    let (file, raw, mut diagnostics) =
        read_document::<RawScenario>(files, name.clone(), text, limits);
    let mut resolver = Resolver {
        record,
        files,
        file,
        diagnostics: Vec::new(),
        added: Default::default(),
        removed: Default::default(),
        ended: Default::default(),
    };
    let date = raw.date.as_ref().and_then(|d| resolver.date(d));
    let mut moves = Vec::new();
    match &raw.moves {
        None => resolver.problem(
            Code::MissingField,
            0,
            0,
            "the scenario has no `moves:` list".into(),
            "add `moves:` with one move per item (concede, shift, meet, reject, drop, join, leave, add, remove)".into(),
        ),
        Some(list) => {
            for m in list {
                moves.extend(resolver.one_move(m));
            }
        }
    }
    diagnostics.extend(resolver.diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Scenario {
        name,
        title: raw.title.map(|t| t.value.to_string()),
        date,
        moves,
    })
}
