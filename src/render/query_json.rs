//! Query answers as JSON: pretty, one document, keys in the order the answer
//! structs declare them (serde_json keeps struct order), rows as the query sorted them.

use serde::Serialize;
use std::io::{self, Write};

pub fn write<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
