use super::*;

fn schema() -> Value {
    serde_json::from_str(&crate::schema::schema_json()).unwrap()
}

/// The slot at the `|` of `text`.
fn slot(text: &str) -> Option<Slot> {
    let offset = text.find('|').unwrap();
    let text = text.replace('|', "");
    slot_at(&text, offset, &schema())
}

fn value(path: &[&str], field: &str) -> (Vec<String>, String) {
    (path.iter().map(|s| s.to_string()).collect(), field.into())
}

fn as_value(slot: Option<Slot>) -> Option<(Vec<String>, String)> {
    match slot? {
        Slot::Value { path, field, .. } => Some((path, field)),
        Slot::Key { .. } => None,
    }
}

#[test]
fn a_value_after_its_key() {
    let text = "positions:\n  - actor: ru|\n";
    assert_eq!(as_value(slot(text)), Some(value(&["positions"], "actor")));
    let text = "positions:\n  - actor: russia\n    stance: |\n";
    assert_eq!(as_value(slot(text)), Some(value(&["positions"], "stance")));
}

#[test]
fn values_in_lists_and_flow_collections() {
    let text = "demands:\n  - id: d\n    of: [nato, |\n";
    assert_eq!(as_value(slot(text)), Some(value(&["demands"], "of")));
    let text = "demands:\n  - id: d\n    of:\n      - nato\n      - |\n";
    assert_eq!(as_value(slot(text)), Some(value(&["demands"], "of")));
    let text = "positions:\n  - actor: a\n    sources:\n      - {doc: a.txt, confidence: |\n";
    assert_eq!(
        as_value(slot(text)),
        Some(value(&["positions", "sources"], "confidence"))
    );
}

#[test]
fn keys_of_the_entry_being_written() {
    let text = "positions:\n  - actor: a\n    iss|\n";
    assert!(matches!(slot(text), Some(Slot::Key { path, .. }) if path == ["positions"]));
    let text = "positions:\n  - |\n";
    assert!(matches!(slot(text), Some(Slot::Key { path, .. }) if path == ["positions"]));
    let text = "pos|";
    assert!(matches!(slot(text), Some(Slot::Key { path, .. }) if path.is_empty()));
}

#[test]
fn closed_words_and_fields_come_from_the_schema() {
    let schema = schema();
    let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let words = |p: &[&str]| -> Vec<String> {
        node_at(&schema, &path(p)).unwrap()["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        words(&["positions", "stance"]),
        crate::model::Stance::spellings()
    );
    assert_eq!(
        words(&["demands", "stance"]),
        crate::model::Direction::spellings()
    );
    assert_eq!(
        words(&["positions", "sources", "confidence"]),
        crate::model::Confidence::spellings()
    );
    let fields = node_at(&schema, &path(&["positions"])).unwrap()["properties"]
        .as_object()
        .unwrap()
        .clone();
    assert!(fields.contains_key("actor") && fields.contains_key("strength"));
}
