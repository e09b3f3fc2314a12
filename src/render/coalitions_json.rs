//! `coalitions` as JSON, at millions of links.
//!
//! The answer lists every pair of parties that agrees or conflicts: on a large
//! record millions of links between a few thousand parties, nearly all of the
//! document. Written by serde, each link cloned and escaped its two parties'
//! ids and names again. So, as for `--pairs` ([`super::pairs_json`]), each
//! party and each count is written once by serde_json for its place in the
//! document, and the links are laid out from those bytes on every core; the
//! coalitions and camps, small, are written by serde. The bytes are those of
//! [`super::query_json::write`] of [`CoalitionRows::collect`] (the tests below
//! compare them).

use super::pairs_json::{pretty_at, write_list, Layout, CHUNK};
use crate::query::coalitions::CoalitionRows;
use crate::query::ActorRef;
use std::io::{self, BufWriter, Write};

/// How deep a link's values sit: `{ "links": [ { "a": …`.
const VALUE_DEPTH: usize = 3;

/// Writes the answer as one pretty JSON document: the same bytes as
/// [`super::query_json::write`] of [`CoalitionRows::collect`].
pub fn write(out: &mut dyn Write, answer: &CoalitionRows) -> io::Result<()> {
    let state = answer.state();
    let r = state.record;
    // Every party a link names (links join parties), and every count up to the
    // largest, each written once.
    let mut actors = vec![String::new(); r.actors.len()];
    for &a in &state.parties {
        actors[a.index()] = pretty_at(&ActorRef::new(r, a), VALUE_DEPTH)?;
    }
    let most = answer
        .links
        .iter()
        .map(|l| l.agreements.max(l.conflicts))
        .max()
        .unwrap_or(0);
    let counts: Vec<String> = (0..=most).map(|n| n.to_string()).collect();

    let mut out = BufWriter::with_capacity(1 << 16, out);
    // The fields in the order `Coalitions` declares them.
    write!(
        out,
        "{{\n  \"coalitions\": {},\n  \"links\": ",
        pretty_at(&answer.coalitions, 1)?
    )?;
    write_list(
        &mut out,
        Layout::Document,
        ["a", "b", "agreements", "conflicts"],
        &answer.links,
        CHUNK,
        |l| {
            [
                actors[l.a.index()].as_bytes(),
                actors[l.b.index()].as_bytes(),
                counts[l.agreements as usize].as_bytes(),
                counts[l.conflicts as usize].as_bytes(),
            ]
        },
    )?;
    writeln!(
        out,
        ",\n  \"camps\": {},\n  \"truncated\": {}\n}}",
        pretty_at(&answer.camps, 1)?,
        answer.truncated
    )?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, load_texts, Limits};
    use crate::model::{ActorIdx, IssueIdx, Record};
    use crate::query::Filter;
    use crate::render::query_json;
    use crate::state::NegotiationState;
    use crate::synth::{generate, SynthSpec};

    fn serde_bytes(answer: &CoalitionRows) -> String {
        let mut out = vec![];
        query_json::write(&mut out, &answer.collect()).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn written(answer: &CoalitionRows) -> String {
        let mut out = vec![];
        write(&mut out, answer).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The writer against serde on the record under several filters: the
    /// whole answer, an actor's, an issue's with its camps. Returns how many
    /// links, coalitions and camps were compared.
    fn same_bytes_as_serde(record: &Record) -> [usize; 3] {
        let mut seen = [0; 3];
        let filters = [
            Filter::default(),
            Filter {
                actor: Some(ActorIdx(0)),
                ..Filter::default()
            },
            Filter {
                issues: Some(record.issue_with_descendants(IssueIdx(0))),
                ..Filter::default()
            },
        ];
        for filter in filters {
            let state = NegotiationState::build(record, &filter);
            let camps_for = filter.issues.as_ref().map(|_| IssueIdx(0));
            let answer = CoalitionRows::find(&state, camps_for);
            seen[0] += answer.links.len();
            seen[1] += answer.coalitions.len();
            seen[2] += answer.camps.len();
            assert_eq!(written(&answer), serde_bytes(&answer), "filter {filter:?}");
            // The same answer from the state's relation, when it is built.
            let _ = state.relation();
            let again = CoalitionRows::find(&state, camps_for);
            assert_eq!(written(&again), serde_bytes(&answer), "built, {filter:?}");
        }
        seen
    }

    #[test]
    fn coalitions_are_the_bytes_serde_writes_on_a_synthetic_record() {
        let spec = SynthSpec {
            actors: 150,
            issues: 12,
            positions: 600,
            demands: 120,
            concessions: 60,
            seed: 7,
            files: 3,
        };
        let loaded = load_texts(generate(&spec), &Limits::default());
        let record = loaded.record.expect("the synthetic record is valid");
        let [links, coalitions, camps] = same_bytes_as_serde(&record);
        // More links than a chunk, so chunks join.
        assert!(links > CHUNK, "{links} links");
        assert!(
            coalitions > 0 && camps > 0,
            "{coalitions} coalitions, {camps} camps"
        );
    }

    #[test]
    fn coalitions_are_the_bytes_serde_writes_on_the_bundled_record() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let loaded = load(&dir, &Limits::default(), None).expect("data/ loads");
        let record = loaded.record.expect("data/ is valid");
        let [links, coalitions, camps] = same_bytes_as_serde(&record);
        assert!(links > 0 && coalitions > 0 && camps > 0);
    }

    #[test]
    fn an_empty_answer_is_the_bytes_serde_writes() {
        let record = Record::default();
        let state = NegotiationState::build(&record, &Filter::default());
        let answer = CoalitionRows::find(&state, None);
        assert!(answer.links.is_empty() && answer.coalitions.is_empty());
        assert_eq!(written(&answer), serde_bytes(&answer));
    }
}
