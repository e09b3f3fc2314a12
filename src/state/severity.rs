//! How hard a claim is held, and how severe a conflict between two claims is:
//! defined once, for the state's relation, the queries' rows and the maps' edges.

use super::ClaimId;
use crate::model::*;
use serde::Serialize;

/// Red line against red line first: the order rows are sorted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Both sides hold it as a red line.
    Critical,
    /// One side holds it as a red line.
    High,
    /// A firm position or a core demand is at stake.
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// The severity of a conflict between claims held this hard.
    pub fn of(a: Hardness, b: Hardness) -> Severity {
        match (a, b) {
            (Hardness::RedLine, Hardness::RedLine) => Severity::Critical,
            (Hardness::RedLine, _) | (_, Hardness::RedLine) => Severity::High,
            (Hardness::Firm, _) | (_, Hardness::Firm) => Severity::Medium,
            _ => Severity::Low,
        }
    }
}

/// How hard one side holds its claim, on one scale for positions and demands
/// (red line first, so the hardest of several claims is their minimum).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hardness {
    RedLine,
    Firm,
    Soft,
}

impl Hardness {
    pub fn of(record: &Record, claim: ClaimId) -> Hardness {
        match claim {
            ClaimId::Position(p) => match record.position(p).strength {
                Strength::RedLine => Hardness::RedLine,
                Strength::Firm => Hardness::Firm,
                _ => Hardness::Soft,
            },
            ClaimId::Demand(d) => match record.demand(d).priority {
                Priority::RedLine => Hardness::RedLine,
                Priority::Core => Hardness::Firm,
                Priority::Secondary => Hardness::Soft,
            },
            ClaimId::Concession(_) => Hardness::Soft,
        }
    }
}
