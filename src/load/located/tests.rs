use super::*;

/// A record that uses every reference field once.
const RECORD: &str = "\
actors:
  - id: russia
    name: Russia
    kind: state
    aliases: [Moscow]
  - id: lavrov
    name: Sergei Lavrov
    kind: person
    member_of: [russia]
  - id: ukraine
    name: Ukraine
    kind: state
issues:
  - id: territory
    title: Ukraine regains its territory
    category: territory
  - id: occupied
    title: Russia keeps the occupied land
    category: territory
    parent: territory
events:
  - id: talks
    kind: talks
    title: Talks
    date: 2025-02-18
    participants: [russia, ukraine]
positions:
  - id: p-russia
    actor: russia
    issue: occupied
    stance: support
    strength: firm
    summary: keeps it
    date: 2025-02
    event: talks
demands:
  - id: d-ukraine
    by: ukraine
    of: russia
    issue: occupied
    stance: oppose
    text: Russia withdraws
    priority: core
    status: open
    date: 2025-02
    conflicts_with: [p-russia]
    event: talks
concessions:
  - id: c-russia
    by: russia
    to: [ukraine]
    issue: occupied
    answers: [d-ukraine]
    text: a pause
    status: floated
    date: 2025-03
    event: talks
";

fn load_one(text: &str) -> (tempfile::TempDir, Located) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("record.yaml"), text).unwrap();
    let located = load_located(
        dir.path(),
        &HashMap::new(),
        &Limits::default(),
        None,
        &mut LoadCache::default(),
    )
    .unwrap();
    (dir, located)
}

#[test]
fn every_reference_field_is_located_and_resolves_to_its_kind() {
    let (_dir, located) = load_one(RECORD);
    assert!(
        located.loaded.record.is_some(),
        "{:?}",
        located.loaded.diagnostics
    );
    for (section, field, kinds) in REFERENCE_FIELDS {
        let uses: Vec<&IdSite> = located
            .ids
            .iter()
            .filter(|s| !s.definition && s.section == *section && s.field == *field)
            .collect();
        assert!(!uses.is_empty(), "no use of {section}.{field}");
        for site in uses {
            assert!(kinds.contains(&site.kind), "{section}.{field}");
            let text = located.loaded.files.text(site.location.file);
            assert_eq!(&text[site.location.range.clone()], site.id);
            assert!(located
                .ids
                .iter()
                .any(|d| d.definition && d.kind == site.kind && d.id == site.id));
        }
    }
    let conflict = located
        .ids
        .iter()
        .find(|s| s.field == "conflicts_with")
        .unwrap();
    assert_eq!(conflict.kind, IdKind::Position);
    let russia = located
        .ids
        .iter()
        .find(|s| s.definition && s.id == "russia")
        .unwrap();
    assert_eq!(
        (russia.detail.as_str(), russia.aliases.clone()),
        ("Russia", vec!["Moscow".to_string()])
    );
}

/// The table says what `validate` resolves: a wrong id in any listed field is an
/// `unknown-…` diagnostic exactly where the located parse puts the use.
#[test]
fn the_reference_table_matches_the_validator() {
    let (_dir, located) = load_one(RECORD);
    for site in located.ids.iter().filter(|s| !s.definition) {
        let range = site.location.range.clone();
        let broken = format!(
            "{}nosuch-id{}",
            &RECORD[..range.start],
            &RECORD[range.end..]
        );
        let (_dir, reloaded) = load_one(&broken);
        assert!(
            reloaded
                .loaded
                .diagnostics
                .iter()
                .any(|d| d.code.as_str().starts_with("unknown-")
                    && d.location.as_ref().map(|l| l.range.start) == Some(range.start)),
            "{}.{} at {range:?}: {:?}",
            site.section,
            site.field,
            reloaded.loaded.diagnostics
        );
    }
}

#[test]
fn an_unsaved_buffer_replaces_its_file_and_only_it_is_parsed_again() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    let (actors, rest) = RECORD.split_at(RECORD.find("issues:").unwrap());
    std::fs::write(&a, actors).unwrap();
    std::fs::write(&b, rest).unwrap();
    let mut cache = LoadCache::default();
    let limits = Limits::default();
    let first = load_located(dir.path(), &HashMap::new(), &limits, None, &mut cache).unwrap();
    assert!(first.loaded.record.is_some());
    let mut overrides = HashMap::new();
    overrides.insert(b.clone(), rest.replace("actor: russia", "actor: rusia"));
    let second = load_located(dir.path(), &overrides, &limits, None, &mut cache).unwrap();
    let unknown = second
        .loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownActor)
        .expect("the misspelt actor is reported");
    assert_eq!(unknown.hint.as_deref(), Some("did you mean `russia`?"));
    assert_eq!(unknown.location.as_ref().unwrap().file, 1);
    assert_eq!(second.paths[second.ids[0].location.file], a);
    // The cached parse of a.yaml is the same as a fresh one.
    let fresh = load_located(
        dir.path(),
        &overrides,
        &limits,
        None,
        &mut LoadCache::default(),
    )
    .unwrap();
    assert_eq!(fresh.loaded.diagnostics, second.loaded.diagnostics);
    assert_eq!(fresh.ids.len(), second.ids.len());
}

#[test]
fn a_new_unsaved_file_joins_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut overrides = HashMap::new();
    overrides.insert(dir.path().join("new.yaml"), RECORD.to_string());
    let located = load_located(
        dir.path(),
        &overrides,
        &Limits::default(),
        None,
        &mut LoadCache::default(),
    )
    .unwrap();
    assert!(located.loaded.record.is_some());
}
