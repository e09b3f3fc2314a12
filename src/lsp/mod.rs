//! `stancemap lsp`: the record checked, completed and navigated while it is typed.
//!
//! A language server over stdio (lsp-server's message types, lsp-types'
//! protocol types) on top of the loader and the model: it never parses YAML
//! itself. `transport` frames messages, `server` runs the loop, `analysis`
//! checks a record and converts its diagnostics, `completion`, `navigation` and
//! `actions` answer the editor's requests, `text` converts positions.

mod actions;
mod analysis;
mod completion;
mod navigation;
mod server;
mod text;
mod transport;

pub use analysis::Workspace;
pub use server::{run, Options};
pub use text::{path_to_uri, Encoding};
