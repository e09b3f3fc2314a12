//! stancemap: a knowledge-graph builder for negotiation actors and positions.
//!
//! `load` reads a YAML record into the typed `model`, reporting every problem as a
//! `diagnostic`; `graph` builds the petgraph graph the queries read; `render`
//! writes results in each output format; `write` puts them on disk (every file
//! write, with its safety rules); `cli` ties them to the command line.

pub mod cli;
pub mod diagnostic;
pub mod graph;
pub mod import;
pub mod load;
pub mod lsp;
pub mod model;
pub mod query;
pub mod render;
pub mod schema;
pub mod state;
pub mod synth;
pub mod whatif;
pub mod work;
pub mod write;
