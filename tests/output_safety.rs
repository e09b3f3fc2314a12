//! Hostile strings through the whole path: written into a YAML record as a name,
//! alias, title, quote, summary and demand text, loaded, and rendered as every
//! map. The DOT must parse (graphviz-rust, and `dot` when installed) and the HTML
//! page must carry no markup from the record outside its own.

use proptest::prelude::*;
use stancemap::load::{load_texts, Limits};
use stancemap::model::{ActorIdx, IssueIdx};
use stancemap::render::dot::{MapKind, MapOptions};
use stancemap::state::{Filter, NegotiationState};

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
    let st = NegotiationState::build(record, &Filter::default());
    for kind in [
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Issue(IssueIdx(0)),
        MapKind::Actor(ActorIdx(0)),
    ] {
        let map = stancemap::render::dot::draw(
            &st,
            &kind,
            &stancemap::render::dot::Briefing::default(),
            &MapOptions::default(),
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
        let page = stancemap::render::html::map_page(
            record,
            &stancemap::render::dot::View::of(&st),
            &map,
            &svg,
        );
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

/// Whether to run Graphviz too; without it only the DOT syntax is checked (a
/// notice locally, a failure in CI).
fn with_dot() -> bool {
    support::require_dot()
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
        check(&pieces.concat(), with_dot());
    }
}

// ---- issue 21: well-formed XML whatever the record holds ----

#[path = "support/mod.rs"]
mod support;

/// The small record with U+FFFE, U+FFFF, U+0001 and ESC in a name, an alias, an
/// issue title, a summary, a demand text and a quote.
fn record_with_non_xml_characters() -> tempfile::TempDir {
    let dir = support::copy_fixture("small");
    let odd = "x\u{FFFE}y\u{FFFF}z\u{1}w\u{1b}v";
    let q = |s: &str| stancemap::write::yaml::quote(s);
    std::fs::write(
        dir.path().join("odd.yaml"),
        format!(
            "actors:\n  - {{id: odd, name: {n}, kind: state, aliases: [{a}]}}\n\
             issues:\n  - {{id: odd-issue, title: {t}, category: security}}\n\
             positions:\n  - {{actor: odd, issue: odd-issue, stance: support, strength: firm, summary: {s}, date: 2025-02,\n      sources: [{{doc: doc-a.txt, quote: {qt}, confidence: low}}]}}\n  \
             - {{actor: russia, issue: odd-issue, stance: oppose, strength: firm, summary: {s}, date: 2025-02}}\n\
             demands:\n  - {{id: d-odd, by: odd, of: [russia], issue: odd-issue, stance: support, text: {s}, priority: core, status: open, date: 2025-02}}\n",
            n = q(&format!("Name {odd}")),
            a = q(&format!("Alias; {odd}")),
            t = q(&format!("Title {odd}")),
            s = q(&format!("Summary {odd}")),
            qt = q(&format!("Quote {odd}")),
        ),
    )
    .unwrap();
    support::sm(["check", dir.path().to_str().unwrap()])
        .run()
        .success();
    dir
}

fn assert_well_formed(what: &str, xml: &str) {
    if let Err(e) = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    ) {
        panic!("{what} is not well-formed XML: {e}");
    }
}

#[test]
fn every_svg_of_a_record_holding_u_fffe_is_well_formed_xml() {
    let record = record_with_non_xml_characters();
    let r = record.path().to_str().unwrap();
    // GraphML and GEXF need no Graphviz.
    for format in ["graphml", "gexf"] {
        let out = support::sm(["export", "--format", format, r])
            .run()
            .success();
        assert_well_formed(format, &out.stdout());
    }
    if !support::require_dot() {
        return;
    }
    let maps = tempfile::tempdir().unwrap();
    support::sm(["render", r, "--all", maps.path().to_str().unwrap()])
        .run()
        .success();
    let mut svgs = 0;
    for entry in std::fs::read_dir(maps.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            assert_well_formed(
                &path.display().to_string(),
                &std::fs::read_to_string(&path).unwrap(),
            );
            svgs += 1;
        }
    }
    assert!(svgs >= 6, "{svgs} maps");
    // The HTML page: its SVG element is XML, and nothing raw is left in it.
    let page = maps.path().join("odd.html");
    support::sm([
        "render",
        r,
        "--map",
        "issue:odd-issue",
        "-o",
        page.to_str().unwrap(),
    ])
    .run()
    .success();
    let html = std::fs::read_to_string(&page).unwrap();
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap() + 6];
    // In HTML the xlink prefix needs no declaration; as XML it does.
    let svg = if svg.contains("xmlns:xlink") {
        svg.to_string()
    } else {
        svg.replacen(
            "<svg",
            "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
            1,
        )
    };
    assert_well_formed("the page's map", &svg);
    assert!(!html.contains(['\u{FFFE}', '\u{FFFF}', '\u{1}']));
}
