//! The JSON and CSV text of a network's pieces: strings, and numbers printed as
//! `f64`'s `Display` prints them but fast, since a large record's network has
//! millions of edges and three numbers on each.

use crate::model::{ActorIdx, Record};
use std::io::{self, Write};

pub(super) fn json_str(out: &mut dyn Write, s: &str) -> io::Result<()> {
    // Ids are slugs: nothing to escape, and a network of millions of edges
    // writes two per edge, so they skip the escaper.
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        out.write_all(b"\"")?;
        out.write_all(s.as_bytes())?;
        return out.write_all(b"\"");
    }
    serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
}

/// Actor ids as JSON strings, each quoted once, on first use.
pub(super) struct QuotedIds<'r> {
    record: &'r Record,
    quoted: Vec<Option<String>>,
}

impl<'r> QuotedIds<'r> {
    pub(super) fn new(record: &'r Record) -> Self {
        QuotedIds {
            record,
            quoted: vec![None; record.actors.len()],
        }
    }

    pub(super) fn get(&mut self, actor: ActorIdx) -> &str {
        let record = self.record;
        self.quoted[actor.index()].get_or_insert_with(|| {
            let mut buf = Vec::new();
            json_str(&mut buf, &record.actor(actor).id).expect("writing to a Vec");
            String::from_utf8(buf).expect("JSON is UTF-8")
        })
    }
}

/// Appends [`Num`]'s text of `v`; whole numbers through `itoa`.
pub(super) fn push_num(line: &mut Vec<u8>, v: f64) {
    match whole(v) {
        Some(n) => line.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
        None => line.extend_from_slice(v.to_string().as_bytes()),
    }
}

/// `v` as an exact i64 when it is a whole number that prints as one (below 2^53,
/// and not -0.0, which `Display` prints as `-0`).
pub(super) fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 && !(v == 0.0 && v.is_sign_negative()))
        .then_some(v as i64)
}

/// A weight as JSON and CSV write it: the same text as `f64`'s `Display`, with
/// whole numbers (every count) through the much cheaper integer formatting.
pub(super) struct Num(pub(super) f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Below 2^53 a whole f64 is an exact i64, and `Display` of either prints
        // the same digits (no exponent, no `.0`).
        match whole(self.0) {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "{}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{push_num, Num};

    #[test]
    fn numbers_print_as_f64_display_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            2.5,
            1e15,
            9.1e15,
            1e300,
            0.1 + 0.2,
            f64::NAN,
        ] {
            assert_eq!(Num(v).to_string(), v.to_string(), "{v}");
            let mut pushed = Vec::new();
            push_num(&mut pushed, v);
            assert_eq!(String::from_utf8(pushed).unwrap(), v.to_string(), "{v}");
        }
    }
}
