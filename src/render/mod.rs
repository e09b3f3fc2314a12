//! Writers: every output format stancemap produces, each to an `impl Write`.
//!
//! Renderers take model data or query results and never open files; the command
//! that calls them decides where the bytes go (stdout, a temp file renamed into
//! place). Every renderer is deterministic: the same input gives the same bytes.

pub mod brief;
mod camps_table;
pub mod chart;
pub mod coalitions_json;
pub mod diagnostics;
pub mod dot;
pub mod explore;
pub mod export;
pub mod html;
pub mod network;
pub mod pairs_json;
pub mod query_json;
pub mod query_table;
pub mod record_json;
pub mod tables;
pub mod terminal;
pub mod whatif_table;
pub mod xml_chars;
