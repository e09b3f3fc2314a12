//! `conflicts --pairs` and `overlaps --pairs` as JSON, at millions of rows.
//!
//! A row is a few small values (kind, severity, issue, two actors, reason) and
//! two claims, and on a large record millions of rows cite a few hundred
//! thousand distinct claims and a few thousand actors and issues. Written by
//! serde row by row, most of the time went into escaping and copying the same
//! claims again and again. So each distinct value is written once by serde_json,
//! as pretty JSON indented for its place in the document ([`pretty_at`]), and
//! rows are laid out from those bytes the way serde_json's pretty printer lays
//! out a struct in a list: the same bytes as [`super::query_json::write`] of the
//! rows (the tests below compare them). Laying out is copying, so chunks of rows
//! are laid out on a thread of their own while the chunks before are written.
//!
//! The same pieces, written compact, give JSON Lines ([`Layout::Lines`]): one
//! row per line, as `serde_json::to_string` writes the row. At millions of rows
//! that is about 0.6 of the pretty document's bytes, and a consumer (jq, DuckDB,
//! pandas, a pipe into the next program) reads a row at a time.

use crate::model::{ActorIdx, IssueIdx, Record};
use crate::query::conflicts::ConflictRows;
use crate::query::overlaps::OverlapRows;
use crate::query::{ActorRef, Claim};
use crate::state::{ClaimId, NegotiationState};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::sync::mpsc;

/// How deep a row's values sit: `{ "conflicts": [ { "kind": …`.
const VALUE_DEPTH: usize = 3;
/// Rows laid out per buffer: large enough that a write is a few megabytes,
/// small enough that the buffers in flight stay a few tens of megabytes.
pub(super) const CHUNK: usize = 4096;

/// How the rows are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One pretty JSON document, `{"conflicts": [rows…]}`, as `--format json`.
    Document,
    /// JSON Lines: each row compact on its own line, as `--format jsonl`.
    Lines,
}

impl Layout {
    /// `value` written for its place in a row.
    fn value<T: Serialize + ?Sized>(self, value: &T) -> io::Result<String> {
        match self {
            Layout::Document => pretty_at(value, VALUE_DEPTH),
            Layout::Lines => serde_json::to_string(value).map_err(io::Error::other),
        }
    }
}

/// `value` as pretty JSON indented to sit `depth` levels deep in a pretty
/// document: laid out there, it gives the same bytes as serialising the value
/// in its place.
pub fn pretty_at<T: Serialize + ?Sized>(value: &T, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    if !text.contains('\n') {
        return Ok(text);
    }
    // Pretty JSON escapes line breaks inside strings, so every raw newline is
    // layout and takes the deeper indent.
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

/// `conflicts --pairs` as JSON: as a document, the same bytes as writing
/// [`Conflicts`](crate::query::conflicts::Conflicts) with
/// [`super::query_json::write`]; as lines, each row as serde_json writes it
/// compact.
pub fn write_conflict_pairs(
    out: &mut dyn Write,
    answer: &ConflictRows,
    layout: Layout,
) -> io::Result<()> {
    let rows = answer.raw();
    let mut parts = Parts::new(answer.state().record, layout);
    let (mut kinds, mut severities, mut reasons) =
        (Few::new(layout), Few::new(layout), Few::new(layout));
    for c in rows {
        parts.add(c.issue, c.parties, [c.a, c.b]);
        kinds.add(c.kind)?;
        severities.add(c.severity)?;
        reasons.add(Static(c.reason))?;
    }
    parts.write(answer.state())?;
    let keys = [
        "kind", "severity", "issue", "a", "b", "reason", "claim_a", "claim_b",
    ];
    write_rows(out, layout, "conflicts", keys, rows, CHUNK, |c| {
        [
            kinds.get(c.kind),
            severities.get(c.severity),
            parts.issue(c.issue),
            parts.actor(c.parties.0),
            parts.actor(c.parties.1),
            reasons.get(Static(c.reason)),
            parts.claim(c.a),
            parts.claim(c.b),
        ]
    })
}

/// `overlaps --pairs` as JSON: as a document, the same bytes as writing
/// [`Overlaps`](crate::query::overlaps::Overlaps) with
/// [`super::query_json::write`]; as lines, each row as serde_json writes it
/// compact.
pub fn write_overlap_pairs(
    out: &mut dyn Write,
    answer: &OverlapRows,
    layout: Layout,
) -> io::Result<()> {
    let rows = answer.raw();
    let mut parts = Parts::new(answer.state().record, layout);
    let (mut kinds, mut directions, mut reasons) =
        (Few::new(layout), Few::new(layout), Few::new(layout));
    for o in rows {
        parts.add(o.issue, o.parties, [o.a, o.b]);
        kinds.add(o.kind)?;
        directions.add(o.direction)?;
        reasons.add(Static(o.reason))?;
    }
    parts.write(answer.state())?;
    let keys = [
        "kind",
        "issue",
        "a",
        "b",
        "direction",
        "reason",
        "claim_a",
        "claim_b",
    ];
    write_rows(out, layout, "overlaps", keys, rows, CHUNK, |o| {
        [
            kinds.get(o.kind),
            parts.issue(o.issue),
            parts.actor(o.parties.0),
            parts.actor(o.parties.1),
            directions.get(o.direction),
            reasons.get(Static(o.reason)),
            parts.claim(o.a),
            parts.claim(o.b),
        ]
    })
}

/// Lays out the rows, each an object of `keys` whose values `values` gives,
/// already written for `layout`: as a document, `{"<name>": [rows…]}` as
/// serde_json's pretty printer does; as lines, one compact row per line.
fn write_rows<'a, R: Sync, const N: usize>(
    out: &mut dyn Write,
    layout: Layout,
    name: &str,
    keys: [&str; N],
    rows: &[R],
    chunk: usize,
    values: impl Fn(&R) -> [&'a [u8]; N] + Sync,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    if layout == Layout::Document {
        write!(out, "{{\n  {}: ", pretty_at(name, 0)?)?;
    }
    write_list(&mut out, layout, keys, rows, chunk, values)?;
    if layout == Layout::Document {
        writeln!(out, "\n}}")?;
    }
    out.flush()
}

/// Lays out the rows as [`write_rows`] does, without the document around
/// them: as a document, the list `[rows…]` as serde_json's pretty printer
/// writes it as the value of a field of the top object; as lines, one compact
/// row per line.
pub(super) fn write_list<'a, R: Sync, const N: usize>(
    out: &mut dyn Write,
    layout: Layout,
    keys: [&str; N],
    rows: &[R],
    chunk: usize,
    values: impl Fn(&R) -> [&'a [u8]; N] + Sync,
) -> io::Result<()> {
    let (open, before, close) = row_frame(layout, keys)?;
    lay_out_list(out, layout, rows, chunk, |buf, row| {
        buf.extend_from_slice(open.as_bytes());
        for (before, value) in before.iter().zip(values(row)) {
            buf.extend_from_slice(before.as_bytes());
            buf.extend_from_slice(value);
        }
        buf.extend_from_slice(close.as_bytes());
    })
}

/// What a row of `keys` is laid out between, for `layout`: what opens the
/// row, what comes before each value (the first key opens the object, the
/// others follow a comma), and what closes it. In a document a row opens
/// with the comma that follows the row before it.
pub(super) fn row_frame<const N: usize>(
    layout: Layout,
    keys: [&str; N],
) -> io::Result<(String, Vec<String>, String)> {
    let indent = "  ".repeat(VALUE_DEPTH);
    let mut before = Vec::with_capacity(N);
    for (i, key) in keys.iter().enumerate() {
        let comma = if i == 0 { "" } else { "," };
        before.push(match layout {
            Layout::Document => format!("{comma}\n{indent}{}: ", pretty_at(key, 0)?),
            Layout::Lines => format!("{comma}{}:", pretty_at(key, 0)?),
        });
    }
    let row_indent = "  ".repeat(VALUE_DEPTH - 1);
    let (open, close) = match layout {
        Layout::Document => (format!(",\n{row_indent}{{"), format!("\n{row_indent}}}")),
        Layout::Lines => ("{".to_owned(), "}\n".to_owned()),
    };
    Ok((open, before, close))
}

/// Lays out the rows, each appended to a buffer by `row` in the frame
/// [`row_frame`] gives, as [`write_list`] does. Chunks of `chunk` rows are laid
/// out on another thread and written in order.
pub(super) fn lay_out_list<R: Sync>(
    out: &mut dyn Write,
    layout: Layout,
    rows: &[R],
    chunk: usize,
    row: impl Fn(&mut Vec<u8>, &R) + Sync,
) -> io::Result<()> {
    let lay_out = |buf: &mut Vec<u8>, rows: &[R]| {
        buf.clear();
        for r in rows {
            row(buf, r);
        }
    };
    // In a document every row is laid out after a comma; the first row of the
    // list is not.
    let mut skip = 0;
    if layout == Layout::Document {
        out.write_all(b"[")?;
        skip = 1;
    }
    // Chunks are laid out on a thread of their own while this one writes the
    // chunk before: into a pipe, writing costs the kernel's copy and waits for
    // the reader, and the layout fills that time instead of following it. Not
    // on every core: rayon's idle workers spin (sched_yield) whenever the
    // writer waits on the pipe, and on two cores that time is the reader's
    // (`| wc -c` of 3.2 GB: 2.8–5.5 s with the pool, 2.1–2.4 s without).
    // A few buffers go back and forth, so memory stays a few chunks whatever
    // the answer's size.
    const BUFFERS: usize = 4;
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Vec<u8>>(BUFFERS);
        let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
        for _ in 0..BUFFERS {
            // The receiver lives until this scope ends.
            let _ = empty_tx.send(Vec::new());
        }
        let lay_out = &lay_out;
        scope.spawn(move || {
            for rows in rows.chunks(chunk) {
                // Either channel closes when the writer stops (an error such as
                // a closed pipe): then there is nothing left to lay out for.
                let Ok(mut buf) = empty_rx.recv() else {
                    return;
                };
                lay_out(&mut buf, rows);
                if full_tx.send(buf).is_err() {
                    return;
                }
            }
        });
        for buf in full_rx {
            out.write_all(&buf[skip..])?;
            skip = 0;
            let _ = empty_tx.send(buf);
        }
        Ok::<(), io::Error>(())
    })?;
    match layout {
        Layout::Document if rows.is_empty() => out.write_all(b"]"),
        Layout::Document => out.write_all(b"\n  ]"),
        Layout::Lines => Ok(()),
    }
}

/// Values keyed by a dense index (claims, actors, issues), each written once.
struct Dense<K> {
    layout: Layout,
    /// Each index's place in `keys`, or `u32::MAX` when not cited.
    slot: Vec<u32>,
    keys: Vec<K>,
    text: Vec<String>,
}

impl<K: Copy + Sync> Dense<K> {
    fn new(size: usize, layout: Layout) -> Self {
        Dense {
            layout,
            slot: vec![u32::MAX; size],
            keys: vec![],
            text: vec![],
        }
    }

    fn add(&mut self, at: usize, key: K) {
        if self.slot[at] == u32::MAX {
            self.slot[at] = self.keys.len() as u32;
            self.keys.push(key);
        }
    }

    /// Writes every key's value once, in parallel (claims are many).
    fn write<T: Serialize>(&mut self, value: impl Fn(K) -> T + Sync) -> io::Result<()> {
        self.text = self
            .keys
            .par_iter()
            .map(|&k| self.layout.value(&value(k)))
            .collect::<io::Result<_>>()?;
        Ok(())
    }

    fn get(&self, at: usize) -> &[u8] {
        self.text[self.slot[at] as usize].as_bytes()
    }
}

/// A few distinct values (kinds, severities, directions, reasons), each
/// written once; found by a short scan.
struct Few<K> {
    layout: Layout,
    keys: Vec<K>,
    text: Vec<String>,
}

impl<K: PartialEq + Copy + Serialize> Few<K> {
    fn new(layout: Layout) -> Self {
        Few {
            layout,
            keys: vec![],
            text: vec![],
        }
    }

    fn add(&mut self, key: K) -> io::Result<()> {
        if !self.keys.contains(&key) {
            self.text.push(self.layout.value(&key)?);
            self.keys.push(key);
        }
        Ok(())
    }

    fn get(&self, key: K) -> &[u8] {
        let at = self.keys.iter().position(|&k| k == key);
        self.text[at.expect("every row's values are added before rows are laid out")].as_bytes()
    }
}

/// A row's reason, one of a few literals: told apart by address, not by
/// comparing text on every row (two equal literals at two addresses are only
/// written twice).
#[derive(Clone, Copy, Serialize)]
#[serde(transparent)]
struct Static(&'static str);

impl PartialEq for Static {
    fn eq(&self, other: &Static) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// The claims, actors and issues the rows cite, each written once.
struct Parts<'r> {
    record: &'r Record,
    claims: Dense<ClaimId>,
    actors: Dense<ActorIdx>,
    issues: Dense<IssueIdx>,
}

impl<'r> Parts<'r> {
    fn new(record: &'r Record, layout: Layout) -> Self {
        let claims = record.positions.len() + record.demands.len() + record.concessions.len();
        Parts {
            record,
            claims: Dense::new(claims, layout),
            actors: Dense::new(record.actors.len(), layout),
            issues: Dense::new(record.issues.len(), layout),
        }
    }

    /// A claim's place among every claim of the record, kinds one after another.
    fn claim_at(&self, c: ClaimId) -> usize {
        let r = self.record;
        match c {
            ClaimId::Position(p) => p.index(),
            ClaimId::Demand(d) => r.positions.len() + d.index(),
            ClaimId::Concession(x) => r.positions.len() + r.demands.len() + x.index(),
        }
    }

    fn add(&mut self, issue: IssueIdx, (a, b): (ActorIdx, ActorIdx), claims: [ClaimId; 2]) {
        self.issues.add(issue.index(), issue);
        self.actors.add(a.index(), a);
        self.actors.add(b.index(), b);
        for c in claims {
            self.claims.add(self.claim_at(c), c);
        }
    }

    fn write(&mut self, state: &NegotiationState) -> io::Result<()> {
        let r = self.record;
        self.claims.write(|c| Claim::of(state, c))?;
        self.actors.write(|a| ActorRef::new(r, a))?;
        self.issues.write(|i| r.issue(i).id.as_str())
    }

    fn claim(&self, c: ClaimId) -> &[u8] {
        self.claims.get(self.claim_at(c))
    }

    fn actor(&self, a: ActorIdx) -> &[u8] {
        self.actors.get(a.index())
    }

    fn issue(&self, i: IssueIdx) -> &[u8] {
        self.issues.get(i.index())
    }
}

#[cfg(test)]
mod tests;
