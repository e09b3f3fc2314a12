//! Hostile strings through the whole path: written into a YAML record as a name,
//! alias, title, quote, summary and demand text, loaded, and rendered as every
//! map. The DOT must parse (graphviz-rust, and `dot` when installed) and the HTML
//! page must carry no markup from the record outside its own.

use proptest::prelude::*;
use stancemap::load::{load_texts, Limits};
use stancemap::model::{ActorIdx, IssueIdx};
use stancemap::render::dot::{MapKind, View, ViewOptions};
use std::process::Command;

const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "\n",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "{ } [ ]",
    "]]>",
    "<!-- x -->",
    "\0",
    "\u{202E}\u{200F}",
    "&amp; &lt;",
    "\\N \\G \\l",
    "subgraph x { a -> b }",
    "\u{2028}",
    "' ; = [label=x]",
];

/// A YAML double-quoted scalar holding `text` exactly (JSON escapes are YAML's).
fn yaml_str(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn record_texts(text: &str) -> Vec<(String, String)> {
    let t = yaml_str(text);
    let t2 = yaml_str(&format!("{text} (2)"));
    let yaml = format!(
        r#"actors:
  - id: a
    name: {t}
    kind: state
    aliases: [{t}]
    role: {t}
    sources:
      - {{doc: doc.txt, quote: {t}, confidence: high}}
  - id: b
    name: {t2}
    kind: state
    aliases: [{t2}]
issues:
  - id: i
    title: {t}
    category: security
    description: {t}
positions:
  - actor: a
    issue: i
    stance: support
    strength: red-line
    summary: {t}
    date: 2025-02-18
    sources:
      - {{doc: doc.txt, quote: {t}, confidence: high}}
  - actor: b
    issue: i
    stance: oppose
    strength: firm
    summary: {t}
    date: 2025-02-18
demands:
  - id: d-1
    by: a
    of: [b]
    issue: i
    stance: support
    text: {t}
    priority: red-line
    status: open
    date: 2025-02-18
"#
    );
    vec![("record.yaml".into(), yaml)]
}

fn dot_installed() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

fn short(text: &str) -> String {
    format!("{text:?}").chars().take(120).collect()
}

fn check(text: &str, with_dot: bool) {
    let loaded = load_texts(record_texts(text), &Limits::default());
    let Some(record) = &loaded.record else {
        // Refused: only with a located error.
        assert!(loaded.error_count() > 0, "{}", short(text));
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            assert!(d.location.is_some(), "{}: {d:?}", short(text));
        }
        return;
    };
    // Kept exactly, but for the surrounding white space the loader trims.
    assert_eq!(record.actors[0].name, text.trim(), "the name is kept");
    assert_eq!(record.actors[0].aliases, [text.trim()], "the alias is kept");
    let view = View::new(record, &ViewOptions::default());
    for kind in [
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Issue(IssueIdx(0)),
        MapKind::Actor(ActorIdx(0)),
    ] {
        let map = stancemap::render::dot::draw(
            record,
            &view,
            &kind,
            &stancemap::render::dot::Briefing::default(),
            150,
            400,
        )
        .map;
        let dot = map.to_dot();
        if let Err(e) = graphviz_rust::parse(&dot) {
            panic!("graphviz-rust rejects {kind:?} for {}: {e}", short(text));
        }
        if !with_dot {
            continue;
        }
        let svg = graphviz_rust::exec_dot(
            dot.clone(),
            vec![graphviz_rust::cmd::CommandArg::Format(
                graphviz_rust::cmd::Format::Svg,
            )],
        )
        .unwrap_or_else(|e| panic!("dot rejects {kind:?} for {}: {e}", short(text)));
        let svg = String::from_utf8_lossy(&svg).into_owned();
        assert!(!svg.to_lowercase().contains("<script"), "{}", short(text));
        let page = stancemap::render::html::map_page(record, &view, &map, &svg);
        let lower = page.to_lowercase();
        assert_eq!(lower.matches("<script").count(), 2, "{}", short(text));
        assert_eq!(lower.matches("</script").count(), 2, "{}", short(text));
        let (start, end) = (page.find("<svg").unwrap(), page.find("</svg>").unwrap());
        let outside = format!("{}{}", &page[..start], &page[end..]);
        assert!(!outside.contains("<!--"), "{}", short(text));
        assert!(!outside.contains("]]>"), "{}", short(text));
        if text.contains('<') || text.contains('&') {
            assert!(
                !outside.contains(text),
                "raw record text in the page: {}",
                short(text)
            );
        }
    }
}

fn with_dot() -> bool {
    let installed = dot_installed();
    if !installed {
        assert!(
            std::env::var_os("STANCEMAP_REQUIRE_TOOLS").is_none(),
            "Graphviz `dot` is missing, and STANCEMAP_REQUIRE_TOOLS is set"
        );
        eprintln!("notice: Graphviz `dot` not installed; checking DOT syntax only");
    }
    installed
}

#[test]
fn hostile_names_aliases_quotes_and_labels_from_yaml_are_safe() {
    let with_dot = with_dot();
    for text in HOSTILE {
        check(text, with_dot);
    }
    check(&HOSTILE.concat(), with_dot);
    check(&"<script>\"\\{]]>".repeat(700), with_dot);
    check(&"x".repeat(10_000), with_dot);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn any_text_from_yaml_renders_safely(
        pieces in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(HOSTILE).prop_map(str::to_string),
                any::<String>(),
            ],
            1..6,
        )
    ) {
        check(&pieces.concat(), dot_installed());
    }
}
