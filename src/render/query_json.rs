//! Query answers as JSON: pretty, one document, keys in the order the answer
//! structs declare them (serde_json keeps struct order), rows as the query sorted them.

use crate::query::conflicts::ConflictRows;
use crate::state::ClaimId;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;
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

/// A value written out as pretty JSON once, indented to sit `depth` levels deep
/// in a pretty document: serialising the raw value there gives the same bytes
/// as serialising the value. For answers whose rows repeat a few values many
/// times (`conflicts --pairs`: millions of rows, each citing two claims).
pub fn fragment<T: Serialize>(value: &T, depth: usize) -> io::Result<Box<RawValue>> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    // Pretty JSON escapes line breaks inside strings, so every raw newline is
    // layout and takes the deeper indent.
    let indented = text.replace('\n', &format!("\n{}", "  ".repeat(depth)));
    RawValue::from_string(indented).map_err(io::Error::other)
}

/// `conflicts --pairs` as JSON: each claim the rows cite written out once and
/// reused by every row citing it. The same bytes as [`write`] of
/// [`Conflicts`](crate::query::conflicts::Conflicts).
pub fn write_conflict_pairs(out: &mut dyn Write, answer: &ConflictRows) -> io::Result<()> {
    let claims = answer.claims();
    let written = claims
        .iter()
        .map(|&c| fragment(&answer.claim(c), 3))
        .collect::<io::Result<Vec<_>>>()?;
    write(
        out,
        &PairsJson {
            answer,
            claims: &claims,
            written: &written,
        },
    )
}

/// `{"conflicts": [rows…]}` streamed row by row, the claims as written once.
struct PairsJson<'a, 's, 'r> {
    answer: &'a ConflictRows<'s, 'r>,
    claims: &'a [ClaimId],
    written: &'a [Box<RawValue>],
}

impl Serialize for PairsJson<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Rows<'b, 'a, 's, 'r>(&'b PairsJson<'a, 's, 'r>);
        impl Serialize for Rows<'_, '_, '_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let p = self.0;
                serializer.collect_seq(p.answer.rows_with(p.claims, p.written))
            }
        }
        let mut s = serializer.serialize_struct("Conflicts", 1)?;
        s.serialize_field("conflicts", &Rows(self))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_serialises_like_the_value_in_its_place() {
        #[derive(Serialize)]
        struct Inner {
            text: &'static str,
            list: Vec<u8>,
        }
        #[derive(Serialize)]
        struct Outer<T> {
            rows: Vec<Row<T>>,
        }
        #[derive(Serialize)]
        struct Row<T> {
            n: u8,
            claim: T,
        }
        let inner = || Inner {
            text: "two\nlines \"quoted\"",
            list: vec![1, 2],
        };
        let plain = serde_json::to_string_pretty(&Outer {
            rows: vec![Row {
                n: 1,
                claim: inner(),
            }],
        })
        .unwrap();
        let raw = fragment(&inner(), 3).unwrap();
        let fast = serde_json::to_string_pretty(&Outer {
            rows: vec![Row { n: 1, claim: raw }],
        })
        .unwrap();
        assert_eq!(plain, fast);
    }
}
