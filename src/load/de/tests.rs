//! The deserializer on small files: every mistake of a file reported in one
//! pass, each at its place, with the words a reader relies on.

use super::*;
use crate::load::raw::RawFile;
use crate::load::tree;

fn read_file(text: &str) -> (RawFile, Marks, Vec<Problem>) {
    let (tree, problems) = tree::build(text, &Limits::default());
    assert!(problems.is_empty(), "{problems:?}");
    let tree = tree.unwrap();
    read(&tree, tree.roots.first().copied(), text, &Limits::default())
}

#[test]
fn every_unknown_field_is_reported_with_a_suggestion() {
    let (raw, _, problems) =
        read_file("positions:\n  - actor: a\n    stnace: support\n    isue: x\n    summary: s\n");
    let positions = raw.positions.unwrap();
    assert_eq!(positions[0].value.actor.as_ref().unwrap().value, "a");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].hint.contains("did you mean `stance`"),
        "{problems:?}"
    );
    assert!(
        problems[1].hint.contains("did you mean `issue`"),
        "{problems:?}"
    );
}

#[test]
fn a_wrong_shape_is_reported_marked_and_reading_goes_on() {
    let (raw, marks, problems) = read_file("actors:\n  - id: [a, b]\n    name: N\n  - just text\n");
    let actors = raw.actors.unwrap();
    assert_eq!(actors.len(), 2);
    assert_eq!(actors[0].value.name.as_ref().unwrap().value, "N");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0]
        .message
        .contains("expected text here, found a list"));
    assert!(
        problems[1].message.contains("an actor entry"),
        "{problems:?}"
    );
    assert!(marks.spoiled.contains(&(actors[0].at.offset, "id")));
    assert!(marks.spoiled.contains(&(actors[1].at.offset, "*")));
}

#[test]
fn a_null_field_is_marked() {
    let (raw, marks, problems) = read_file("actors:\n  - id: a\n    name: null\n");
    assert!(problems.is_empty());
    let actor = &raw.actors.unwrap()[0];
    assert!(actor.value.name.is_none());
    assert!(marks.nulls.contains_key(&(actor.at.offset, "name")));
}

#[test]
fn nested_aliases_are_walked_within_the_budget() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{prev}, {prev}, {prev}, {prev}]\n"));
    }
    let (tree, _) = tree::build(&text, &Limits::default());
    let tree = tree.unwrap();
    assert!(tree.nodes.len() < 200);
    let (_, _, problems) =
        read::<serde_json::Value>(&tree, Some(tree.roots[0]), &text, &Limits::default());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::LimitExceeded);
}
