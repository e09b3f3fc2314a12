//! The warm cache's whole-record entry: the validated record, every diagnostic
//! and the ids it defines, so a run on an unchanged record skips YAML *and*
//! validation (the per-file trees stay for a record edited in one place).
//!
//! The entry is keyed by everything validation depends on: every file's name (in
//! reading order, so diagnostics' file indices stay right) and content hash, the
//! limits, the program's version and the entry format. Its diagnostics are those
//! of the run that stored it, so a warm run reports exactly what a cold one did.
//! Like a tree entry it is never trusted: a wrong magic, format, version, key or
//! checksum, or bytes that do not decode, make it ignored and rewritten.

use super::{checksum, content_key, Cache, VERSION};
use crate::diagnostic::Diagnostic;
use crate::load::{Known, Limits, SourceFiles};
use crate::model::{Actor, Concession, Demand, Event, Issue, Position, Record};
use std::hash::Hasher;

const MAGIC: &[u8; 8] = b"STMPRECD";
/// Bumped whenever the layout below, the model or the diagnostics change shape.
const FORMAT: u32 = 1;

/// What a validation run produced, as the whole-record entry keeps it.
#[derive(Debug)]
pub struct Validated {
    pub record: Option<Record>,
    pub diagnostics: Vec<Diagnostic>,
    pub known: Known,
}

/// The record's parts in [`Record::new`]'s order; its name indexes are rebuilt.
type Parts<A, I, P, D, C, E> = (A, I, P, D, C, E);

/// The key of a record made of `files` (all of them, in reading order) under `limits`.
pub fn record_key(files: &SourceFiles, limits: &Limits) -> u128 {
    let mut words = Vec::new();
    for file in files.iter() {
        words.extend_from_slice(&(file.name.len() as u64).to_le_bytes());
        words.extend_from_slice(file.name.as_bytes());
        words.extend_from_slice(&content_key(&file.text).to_le_bytes());
        words.extend_from_slice(&(file.text.len() as u64).to_le_bytes());
    }
    // Debug output names every limit: a new limit changes the key by itself.
    let settings = format!("{FORMAT} {VERSION} {limits:?}");
    let half = |seed: u8| {
        let mut h = std::hash::DefaultHasher::new();
        h.write_u8(seed);
        h.write(settings.as_bytes());
        h.write(&words);
        h.finish() as u128
    };
    (half(1) << 64) | half(2)
}

impl Cache {
    fn record_entry(&self, key: u128) -> Option<std::path::PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key:032x}.record")))
    }

    /// The validated record stored under `key`, if a sound entry exists.
    pub fn get_record(&self, key: u128) -> Option<Validated> {
        let bytes = std::fs::read(self.record_entry(key)?).ok()?;
        decode(&bytes, key, VERSION)
    }

    /// Stores a validation run's outcome under `key`; any failure is ignored.
    pub fn put_record(&self, key: u128, validated: &Validated) {
        let Some(path) = self.record_entry(key) else {
            return;
        };
        if let Some(bytes) = encode(validated, key, VERSION) {
            self.write(&path, &bytes);
        }
    }
}

fn encode(validated: &Validated, key: u128, version: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(version.len() as u32).to_le_bytes());
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    let record = validated.record.as_ref().map(|r| {
        (
            &r.actors,
            &r.issues,
            &r.positions,
            &r.demands,
            &r.concessions,
            &r.events,
        )
    });
    let stored = (record, &validated.diagnostics, &validated.known);
    let mut out = postcard::to_extend(&stored, out).ok()?;
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Some(out)
}

fn decode(bytes: &[u8], key: u128, version: &str) -> Option<Validated> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let body = body.strip_prefix(MAGIC)?;
    let (format, body) = body.split_at_checked(4)?;
    if u32::from_le_bytes(format.try_into().ok()?) != FORMAT {
        return None;
    }
    let (len, body) = body.split_at_checked(4)?;
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let body = body
        .strip_prefix(version.as_bytes())
        .filter(|_| len == version.len())?;
    let (stored_key, body) = body.split_at_checked(16)?;
    if u128::from_le_bytes(stored_key.try_into().ok()?) != key {
        return None;
    }
    type Owned =
        Parts<Vec<Actor>, Vec<Issue>, Vec<Position>, Vec<Demand>, Vec<Concession>, Vec<Event>>;
    let (record, diagnostics, known): (Option<Owned>, Vec<Diagnostic>, Known) =
        match postcard::take_from_bytes(body) {
            Ok((stored, [])) => stored,
            _ => return None,
        };
    let record = record.map(|(a, i, p, d, c, e)| Record::new(a, i, p, d, c, e));
    Some(Validated {
        record,
        diagnostics,
        known,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_texts;

    fn validated(text: &str) -> Validated {
        let loaded = load_texts(
            [("r.yaml".to_string(), text.to_string())],
            &Limits::default(),
        );
        Validated {
            record: loaded.record,
            diagnostics: loaded.diagnostics,
            known: loaded.known,
        }
    }

    const VALID: &str = "actors:\n  - {id: russia, name: Russia, kind: state, aliases: [RU]}\nissues:\n  - {id: land, title: Land, category: territory}\npositions:\n  - {actor: russia, issue: land, stance: support, strength: firm, summary: s, date: 2025-02, sources: [{doc: d.txt, quote: q}]}\n";

    #[test]
    fn a_record_and_its_diagnostics_round_trip() {
        let v = validated(&VALID.replace(", sources: [{doc: d.txt, quote: q}]", ""));
        assert!(v.record.is_some() && !v.diagnostics.is_empty(), "{v:?}");
        let back = decode(&encode(&v, 7, VERSION).unwrap(), 7, VERSION).unwrap();
        assert_eq!(back.diagnostics, v.diagnostics);
        assert_eq!(format!("{:?}", back.known), format!("{:?}", v.known));
        let (a, b) = (v.record.unwrap(), back.record.unwrap());
        // The vectors; the name indexes (hash maps, in no order) are rebuilt.
        let parts = |r: &Record| {
            format!(
                "{:?}",
                (
                    &r.actors,
                    &r.issues,
                    &r.positions,
                    &r.demands,
                    &r.concessions,
                    &r.events
                )
            )
        };
        assert_eq!(parts(&a), parts(&b));
        assert_eq!(b.find_actor("ru"), a.find_actor("ru"));
        assert!(b.find_actor("ru").is_some());
    }

    #[test]
    fn an_invalid_record_keeps_its_errors() {
        let v = validated(&VALID.replace("kind: state", "kind: stat"));
        assert!(v.record.is_none());
        let back = decode(&encode(&v, 7, VERSION).unwrap(), 7, VERSION).unwrap();
        assert!(back.record.is_none());
        assert_eq!(back.diagnostics, v.diagnostics);
    }

    #[test]
    fn an_entry_of_another_key_version_or_damaged_is_refused() {
        let v = validated(VALID);
        let bytes = encode(&v, 7, VERSION).unwrap();
        assert!(decode(&bytes, 8, VERSION).is_none(), "another key");
        let older = encode(&v, 7, "0.0.1-older").unwrap();
        assert!(decode(&older, 7, VERSION).is_none(), "another version");
        for at in [0, 9, 20, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(decode(&damaged, 7, VERSION).is_none(), "byte {at}");
        }
        assert!(decode(&bytes[..bytes.len() - 3], 7, VERSION).is_none());
        assert!(decode(&[], 7, VERSION).is_none());
    }

    #[test]
    fn the_key_follows_names_texts_and_limits() {
        let files = |name: &str, text: &str| {
            let mut f = SourceFiles::default();
            f.add(name.to_string(), text.to_string());
            f
        };
        let limits = Limits::default();
        let key = record_key(&files("a.yaml", "x"), &limits);
        assert_eq!(key, record_key(&files("a.yaml", "x"), &limits));
        assert_ne!(key, record_key(&files("b.yaml", "x"), &limits));
        assert_ne!(key, record_key(&files("a.yaml", "y"), &limits));
        let tighter = Limits {
            max_claims: 10,
            ..Limits::default()
        };
        assert_ne!(key, record_key(&files("a.yaml", "x"), &tighter));
    }
}
