//! Query answers as JSON: pretty, one document, keys in the order the answer
//! structs declare them (serde_json keeps struct order), rows as the query sorted them.
//! `--pairs` answers, millions of rows, have their own writer with the same
//! output: [`super::pairs_json`].

use serde::Serialize;
use std::io::{self, BufWriter, Write};

/// Streams the answer through a buffer: an answer of millions of rows never
/// exists as one string. An I/O error keeps its kind, so a closed pipe still
/// surfaces as a plain `BrokenPipe`, which the CLI treats as the reader's choice.
pub fn write<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    value
        .serialize(&mut serializer)
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })?;
    writeln!(out)?;
    out.flush()
}
