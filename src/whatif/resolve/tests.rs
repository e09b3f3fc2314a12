//! Added claims as the model sees them once played: what the command-line
//! answers cannot show (an added position's conditions, the claim an added
//! demand's `conflicts_with` points at after a removal renumbered the record).

use crate::load::{load_texts, Limits, SourceFiles};
use crate::model::*;
use crate::whatif::{apply, scenario};

const RECORD: &str = "\
actors:
  - {id: alpha, name: Alpha, kind: state, sources: [{doc: d.txt, quote: q}]}
  - {id: beta, name: Beta, kind: state, sources: [{doc: d.txt, quote: q}]}
issues:
  - {id: treaty, title: The treaty is signed, category: process}
  - {id: aid, title: Aid is sent, category: economy}
positions:
  - {id: p-alpha, actor: alpha, issue: treaty, stance: support, strength: firm, summary: Alpha wants it., date: 2025-01-10, sources: [{doc: d.txt, quote: q}]}
  - {id: p-beta, actor: beta, issue: aid, stance: oppose, strength: firm, summary: Beta is against aid., date: 2025-01-10, sources: [{doc: d.txt, quote: q}]}
";

fn played(moves: &str) -> Record {
    let record = load_texts(
        [("r.yaml".to_string(), RECORD.to_string())],
        &Limits::default(),
    )
    .record
    .expect("a valid record");
    let mut files = SourceFiles::default();
    let text = format!("date: 2025-02-01\nmoves:\n{moves}");
    let s = scenario::read(
        &record,
        &mut files,
        "s.yaml".into(),
        text,
        &Limits::default(),
    )
    .unwrap_or_else(|d| panic!("{d:?}"));
    let date = s.date.expect("dated");
    apply::play(&record, &s.moves, date)
}

#[test]
fn an_added_position_keeps_its_id_conditions_and_date() {
    let after = played(
        "  - add: {positions: [{id: p-beta-deal, actor: beta, issue: treaty, stance: conditional, strength: flexible, summary: Beta would sign for aid., conditions: aid first, date: 2025-01-20}]}\n",
    );
    let p = after.positions.last().unwrap();
    assert_eq!(p.id.as_deref(), Some("p-beta-deal"));
    assert_eq!(p.conditions.as_deref(), Some("aid first"));
    assert_eq!(p.date.to_string(), "2025-01-20");
    assert_eq!(
        (p.stance, p.strength),
        (Stance::Conditional, Strength::Flexible)
    );
    // Without them: the move's own id and date, no conditions.
    let after = played("  - add: {positions: [{actor: beta, issue: treaty, stance: support}]}\n");
    let p = after.positions.last().unwrap();
    assert_eq!(p.id.as_deref(), Some("whatif-1"));
    assert_eq!(p.date.to_string(), "2025-02-01");
    assert_eq!(p.conditions, None);
}

#[test]
fn an_added_demands_conflicts_with_follows_renumbering() {
    // The removal of p-alpha moves p-beta to place 0; an added position named
    // by a later demand is found too.
    let after = played(
        "  - remove: p-alpha\n  - add: {positions: [{id: p-alpha-new, actor: alpha, issue: aid, stance: support}]}\n  - add: {demands: [{id: d-no-aid, by: beta, of: [alpha], issue: treaty, stance: oppose, text: No treaty., conflicts_with: [p-beta, p-alpha-new]}]}\n",
    );
    let d = after.demands.iter().find(|d| d.id == "d-no-aid").unwrap();
    let named: Vec<&str> = d
        .conflicts_with
        .iter()
        .map(|c| match *c {
            ClaimRef::Position(p) => after.position(p).id.as_deref().unwrap(),
            ClaimRef::Demand(x) => after.demand(x).id.as_str(),
        })
        .collect();
    assert_eq!(named, ["p-beta", "p-alpha-new"]);
}
