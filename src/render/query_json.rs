//! Query answers as JSON: pretty, one document, keys in the order the answer
//! structs declare them (serde_json keeps struct order), rows as the query sorted them.
//! `--pairs` answers, millions of rows, have their own writer with the same
//! output: [`super::pairs_json`].
//! `--format jsonl` writes an answer that is one list of rows as JSON Lines:
//! each row compact on its own line ([`write_lines`]).

use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
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

/// Why an answer could not be written as JSON Lines.
#[derive(Debug)]
pub enum LinesError {
    /// The answer is not one list of rows: it has these parts (several lists,
    /// or fields beside its list), which lines of rows would lose.
    NotRows(Vec<String>),
    Io(io::Error),
}

/// Writes an answer that is one list of rows (a list, or an object holding
/// only a list) as JSON Lines: each row as `serde_json::to_string` writes it
/// (keys in the answer's order, as `--format json`), then a line break. Any
/// other answer is refused rather than flattened, so no line ever drops part
/// of the answer.
pub fn write_lines<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), LinesError> {
    let io = |e: serde_json::Error| LinesError::Io(io::Error::other(e));
    // Compact text, split without parsing the rows: each stays the bytes
    // serde wrote, in the order it wrote them.
    let text = serde_json::to_string(value).map_err(io)?;
    let list: &RawValue = if text.starts_with('[') {
        serde_json::from_str(&text).map_err(io)?
    } else if text.starts_with('{') {
        let parts: BTreeMap<String, &RawValue> = serde_json::from_str(&text).map_err(io)?;
        match parts.values().next() {
            Some(list) if parts.len() == 1 && list.get().starts_with('[') => list,
            _ => return Err(LinesError::NotRows(parts.into_keys().collect())),
        }
    } else {
        return Err(LinesError::NotRows(vec![]));
    };
    let rows: Vec<&RawValue> = serde_json::from_str(list.get()).map_err(io)?;
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let written = rows.iter().try_for_each(|row| {
        out.write_all(row.get().as_bytes())?;
        out.write_all(b"\n")
    });
    written.and_then(|()| out.flush()).map_err(LinesError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(value: &serde_json::Value) -> Result<String, Vec<String>> {
        let mut out = vec![];
        match write_lines(&mut out, value) {
            Ok(()) => Ok(String::from_utf8(out).unwrap()),
            Err(LinesError::NotRows(parts)) => Err(parts),
            Err(LinesError::Io(e)) => panic!("{e}"),
        }
    }

    #[test]
    fn one_list_of_rows_is_written_one_compact_row_a_line() {
        let answer = serde_json::json!({"entries": [{"a": 1, "b": "x\ny"}, {"a": 2, "b": null}]});
        assert_eq!(
            lines(&answer).unwrap(),
            "{\"a\":1,\"b\":\"x\\ny\"}\n{\"a\":2,\"b\":null}\n"
        );
        assert_eq!(lines(&serde_json::json!([1, [2]])).unwrap(), "1\n[2]\n");
        assert_eq!(lines(&serde_json::json!({"rows": []})).unwrap(), "");
    }

    #[test]
    fn a_row_keeps_its_keys_in_the_order_the_answer_declares_them() {
        #[derive(Serialize)]
        struct Row {
            zeta: u8,
            alpha: &'static str,
        }
        #[derive(Serialize)]
        struct Answer {
            rows: Vec<Row>,
        }
        let answer = Answer {
            rows: vec![Row {
                zeta: 1,
                alpha: "a",
            }],
        };
        let mut out = vec![];
        assert!(write_lines(&mut out, &answer).is_ok());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"zeta\":1,\"alpha\":\"a\"}\n"
        );
    }

    #[test]
    fn an_answer_of_several_parts_is_refused_with_its_parts() {
        let two_lists = serde_json::json!({"issues": [], "history": []});
        assert_eq!(lines(&two_lists).unwrap_err(), ["history", "issues"]);
        let list_and_flag = serde_json::json!({"links": [1], "truncated": false});
        assert_eq!(lines(&list_and_flag).unwrap_err(), ["links", "truncated"]);
        assert!(lines(&serde_json::json!({"actor": {"id": "x"}})).is_err());
        assert!(lines(&serde_json::json!(3)).is_err());
    }
}
