//! Query answers as JSON: pretty, one document, keys in the order the answer
//! structs declare them (serde_json keeps struct order), rows as the query sorted them.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    // Serialise first, then write: a closed pipe then surfaces as a plain
    // `BrokenPipe` io::Error, which the CLI treats as the reader's choice.
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)
}
