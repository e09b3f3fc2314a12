//! Questions asked of the record, one module per question.
//!
//! Every query reads the model (and, for paths, the graph) through a filtered
//! [`filter::View`] and returns plain data that derives `Serialize`. Queries know
//! nothing of tables or JSON: `render` writes their results.

pub mod bargaining;
mod claim;
pub mod coalitions;
pub mod conflicts;
pub mod diff;
pub mod filter;
pub mod overlaps;
pub mod path;
pub mod profile;

pub use claim::{ActorRef, Claim, ClaimKind, SourceInfo};
pub use filter::{Filter, View};
