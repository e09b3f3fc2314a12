//! The pair writers against serde's own output, byte for byte.

use super::*;
use crate::load::{load, load_texts, Limits};
use crate::query::{conflicts, overlaps, Filter};
use crate::render::query_json;
use crate::synth::{generate, SynthSpec};
use serde_json::value::RawValue;

#[test]
fn a_value_written_for_its_depth_serialises_like_the_value_in_its_place() {
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
    let raw = RawValue::from_string(pretty_at(&inner(), 3).unwrap()).unwrap();
    let fast = serde_json::to_string_pretty(&Outer {
        rows: vec![Row { n: 1, claim: raw }],
    })
    .unwrap();
    assert_eq!(plain, fast);
}

fn serde_bytes<T: Serialize>(value: &T) -> String {
    let mut out = vec![];
    query_json::write(&mut out, value).unwrap();
    String::from_utf8(out).unwrap()
}

fn written(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = vec![];
    write(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Each row of the answer compact on its own line, as serde writes it.
fn serde_lines<T: Serialize>(value: &T) -> String {
    let mut out = vec![];
    if query_json::write_lines(&mut out, value).is_err() {
        panic!("a --pairs answer is one list of rows");
    }
    String::from_utf8(out).unwrap()
}

/// One writer against serde: `answer` (its `len` rows) as a document and as
/// lines.
fn same_as_serde<T: Serialize>(
    what: &str,
    len: usize,
    answer: &T,
    write: impl Fn(&mut dyn Write, Layout) -> io::Result<()>,
) {
    let lines = serde_lines(answer);
    assert_eq!(lines.lines().count(), len, "{what}");
    assert_eq!(
        written(|out| write(out, Layout::Document)),
        serde_bytes(answer),
        "{what}"
    );
    assert_eq!(
        written(|out| write(out, Layout::Lines)),
        lines,
        "{what} as lines"
    );
}

/// Both writers against serde on one state, as a document and as lines:
/// all rows, a few, none.
fn same_bytes_as_serde(state: &NegotiationState) -> usize {
    let mut rows = 0;
    for limit in [None, Some(5), Some(1), Some(0)] {
        let answer = ConflictRows::find(state, limit);
        rows += answer.len();
        same_as_serde(
            &format!("conflicts, limit {limit:?}"),
            answer.len(),
            &answer.collect(),
            |out, layout| write_conflict_pairs(out, &answer, layout),
        );
        let answer = OverlapRows::find(state, limit);
        rows += answer.len();
        same_as_serde(
            &format!("overlaps, limit {limit:?}"),
            answer.len(),
            &answer.collect(),
            |out, layout| write_overlap_pairs(out, &answer, layout),
        );
    }
    rows
}

#[test]
fn pairs_are_the_bytes_serde_writes_on_a_synthetic_record() {
    let spec = SynthSpec {
        actors: 60,
        issues: 12,
        positions: 600,
        demands: 120,
        concessions: 60,
        seed: 7,
        files: 3,
    };
    let loaded = load_texts(generate(&spec), &Limits::default());
    let record = loaded.record.expect("the synthetic record is valid");
    let state = NegotiationState::build(&record, &Filter::default());
    assert!(conflicts::find(&state).conflicts.len() > CHUNK / 8);
    assert!(overlaps::find(&state).overlaps.len() > CHUNK / 8);
    assert!(same_bytes_as_serde(&state) > 0);
    let focus = Filter {
        actor: Some(ActorIdx(0)),
        ..Filter::default()
    };
    same_bytes_as_serde(&NegotiationState::build(&record, &focus));
}

#[test]
fn pairs_are_the_bytes_serde_writes_on_the_bundled_record() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let loaded = load(&dir, &Limits::default(), None).expect("data/ loads");
    let record = loaded.record.expect("data/ is valid");
    let state = NegotiationState::build(&record, &Filter::default());
    assert!(same_bytes_as_serde(&state) > 0);
}

#[test]
fn chunks_and_batches_join_without_changing_a_byte() {
    let rows: Vec<u32> = (0..23).collect();
    let texts: Vec<String> = rows.iter().map(|n| n.to_string()).collect();
    let lay_out = |chunk| {
        written(|out| {
            write_rows(out, Layout::Document, "rows", ["n"], &rows, chunk, |&n| {
                [texts[n as usize].as_bytes()]
            })
        })
    };
    #[derive(Serialize)]
    struct Doc {
        rows: Vec<N>,
    }
    #[derive(Serialize)]
    struct N {
        n: u32,
    }
    let expected = serde_bytes(&Doc {
        rows: rows.iter().map(|&n| N { n }).collect(),
    });
    for chunk in [1, 2, 3, 5, 23, 100] {
        assert_eq!(lay_out(chunk), expected, "chunks of {chunk}");
    }
    let lines: String = rows.iter().map(|n| format!("{{\"n\":{n}}}\n")).collect();
    for chunk in [1, 2, 5, 23, 100] {
        let got = written(|out| {
            write_rows(out, Layout::Lines, "rows", ["n"], &rows, chunk, |&n| {
                [texts[n as usize].as_bytes()]
            })
        });
        assert_eq!(got, lines, "lines in chunks of {chunk}");
    }
}
