//! The deserializer on small files: every mistake of a file reported in one
//! pass, each at its place, with the words a reader relies on.

use super::*;
use crate::load::raw::{RawFile, RawPosition, Text};
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
    assert_eq!(
        positions[0].value.actor.as_ref().unwrap().value.as_str(),
        "a"
    );
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
    assert_eq!(actors[0].value.name.as_ref().unwrap().value.as_str(), "N");
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

#[test]
fn equal_texts_of_a_file_share_one_allocation_and_keep_their_places() {
    let text = "positions:\n  - actor: eu\n    issue: tariffs\n  - actor: eu\n    issue: \"tariffs\"\n  - actor: us\n";
    let (raw, _, problems) = read_file(text);
    assert!(problems.is_empty(), "{problems:?}");
    let positions = raw.positions.unwrap();
    let field =
        |i: usize, f: fn(&RawPosition) -> &Option<Text>| f(&positions[i].value).clone().unwrap();
    let (eu0, eu1, us) = (
        field(0, |p| &p.actor),
        field(1, |p| &p.actor),
        field(2, |p| &p.actor),
    );
    assert!(eu0.value.same_allocation(&eu1.value));
    assert!(!eu0.value.same_allocation(&us.value));
    // A quoted spelling of the same text is the same text.
    assert!(field(0, |p| &p.issue)
        .value
        .same_allocation(&field(1, |p| &p.issue).value));
    // Each occurrence keeps its own place in the file.
    assert_ne!(eu0.at, eu1.at);
    assert_eq!(&text[eu1.at.offset as usize..][..eu1.at.len as usize], "eu");
    // Another file (another read) shares nothing with this one.
    let (other, _, _) = read_file("positions:\n  - actor: eu\n");
    let other = other.positions.unwrap()[0].value.actor.clone().unwrap();
    assert!(!other.value.same_allocation(&eu0.value));
}
