//! The writer's rules: escaping, determinism, the node cap, and hostile record
//! text that must never break the DOT, the SVG or the HTML.

use super::*;
use crate::model::*;
use crate::state::{Filter, NegotiationState, Severity};
use proptest::prelude::*;
use std::process::Command;

#[test]
fn quote_escapes_what_dot_gives_meaning_to() {
    assert_eq!(quote(r#"a"b"#), r#""a\"b""#);
    assert_eq!(quote(r"a\b"), r#""a\\b""#);
    assert_eq!(quote("a\nb\r\nc"), r#""a\nb\nc""#);
    assert_eq!(quote("a\0b"), r#""a b""#);
    assert_eq!(quote("x & y"), r#""x &amp; y""#);
    assert_eq!(quote("{<b>}"), r#""{<b>}""#);
    // A trailing backslash must not swallow the closing quote.
    assert_eq!(quote("\\"), r#""\\""#);
    // dot rejects quoted strings over 16 KiB.
    let long = quote(&"&".repeat(20_000));
    assert!(long.len() < 16_384 && long.ends_with("…\""));
}

#[test]
fn labels_are_wrapped_and_cut() {
    assert_eq!(label("Ukraine joins NATO"), "Ukraine joins NATO");
    assert_eq!(
        label("Russia keeps control of the territories it has seized"),
        "Russia keeps control of the\nterritories it has seized"
    );
    let long = label(&"x".repeat(10_000));
    assert!(long.chars().count() < MAX_LABEL + 10);
    assert!(long.lines().all(|l| l.chars().count() <= WRAP + 1));
}

#[test]
fn node_names_come_from_ids() {
    assert_eq!(node_name("actor", "united-states"), "actor_united_states");
}

#[test]
fn cap_drops_the_least_connected_and_says_so() {
    let mut map = Map::new("m");
    for n in ["a", "b", "c", "d"] {
        map.add_node(n.into(), vec![("label", n.to_uppercase())], None);
    }
    map.add_edge("a".into(), "b".into(), vec![]);
    map.add_edge("a".into(), "c".into(), vec![]);
    // Degrees a 2, b 1, c 1, d 0: d goes, then b (ties go by name), leaving room for the note.
    let left_out = map.cap_nodes(3);
    assert_eq!(left_out, vec!["B".to_string(), "D".to_string()]);
    assert!(map.has_node("a") && map.has_node("c") && map.has_node("note_left_out"));
    assert_eq!(map.edges.len(), 1);
    assert!(map.to_dot().contains("2 nodes left out"));
}

fn source(quote: &str) -> Vec<Source> {
    vec![Source {
        doc: "doc.txt".into(),
        quote: quote.into(),
        confidence: Confidence::High,
    }]
}

/// A small record whose every free-text field is `text`.
fn hostile_record(text: &str) -> Record {
    let actor = |id: &str, kind, member_of| Actor {
        id: id.into(),
        name: text.into(),
        kind,
        aliases: vec![text.into(), format!("{text} 2")],
        member_of,
        role: Some(text.into()),
        observer: false,
        notes: Some(text.into()),
        sources: source(text),
    };
    let date = Date::from_parts(2025, 2, 18);
    let position = |a: u32, i: u32, stance, strength| Position {
        id: None,
        actor: ActorIdx(a),
        issue: IssueIdx(i),
        stance,
        strength,
        summary: text.into(),
        date,
        conditions: Some(text.into()),
        event: None,
        notes: None,
        sources: source(text),
    };
    Record::new(
        vec![
            actor("a", ActorKind::State, vec![]),
            actor("b", ActorKind::Person, vec![ActorIdx(0)]),
            actor("c", ActorKind::Bloc, vec![]),
            actor("d", ActorKind::Organisation, vec![ActorIdx(2)]),
        ],
        vec![
            Issue {
                id: "i".into(),
                title: text.into(),
                category: Category::Security,
                description: Some(text.into()),
                parent: None,
                polarity: Polarity::Same,
                sources: vec![],
            },
            Issue {
                id: "j".into(),
                title: text.into(),
                category: Category::Other,
                description: None,
                parent: Some(IssueIdx(0)),
                polarity: Polarity::Same,
                sources: vec![],
            },
        ],
        vec![
            position(0, 0, Stance::Support, Strength::RedLine),
            position(1, 1, Stance::Conditional, Strength::Floated),
            position(2, 0, Stance::Oppose, Strength::Firm),
            position(2, 1, Stance::Ambiguous, Strength::Flexible),
            position(3, 0, Stance::Oppose, Strength::Firm),
        ],
        vec![Demand {
            id: "d-1".into(),
            by: ActorIdx(0),
            of: vec![ActorIdx(2)],
            issue: IssueIdx(0),
            stance: Direction::Support,
            text: text.into(),
            priority: Priority::RedLine,
            status: DemandStatus::Open,
            history: Vec::new(),
            date,
            conflicts_with: vec![],
            event: None,
            notes: None,
            sources: source(text),
        }],
        vec![Concession {
            id: "c-1".into(),
            by: ActorIdx(2),
            to: vec![ActorIdx(0)],
            issue: IssueIdx(0),
            stance: Some(Direction::Support),
            answers: vec![DemandIdx(0)],
            answers_too_early: Vec::new(),
            text: text.into(),
            status: ConcessionStatus::Offered,
            history: Vec::new(),
            date,
            event: None,
            notes: None,
            sources: source(text),
        }],
        vec![],
    )
}

fn all_kinds() -> Vec<MapKind> {
    vec![
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Issue(IssueIdx(0)),
        MapKind::Actor(ActorIdx(0)),
    ]
}

fn dot_installed() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

fn run_dot_svg(dot: &str) -> Result<String, String> {
    graphviz_rust::exec_dot(
        dot.to_string(),
        vec![graphviz_rust::cmd::CommandArg::Format(
            graphviz_rust::cmd::Format::Svg,
        )],
    )
    .map(|b| String::from_utf8_lossy(&b).into_owned())
    .map_err(|e| e.to_string())
}

fn short(text: &str) -> String {
    let s = format!("{text:?}");
    s.chars().take(200).collect()
}

/// Every map of the hostile record parses, renders, and embeds safely.
fn check_hostile(text: &str, with_dot: bool) {
    let record = hostile_record(text);
    let st = NegotiationState::build(&record, &Filter::default());
    for kind in all_kinds() {
        // As the command draws it: built, capped, finished (legend, title, contrast).
        let drawn = || draw(&st, &kind, &Briefing::default(), &caps(150, 400)).map;
        let map = drawn();
        let dot = map.to_dot();
        assert_eq!(dot, drawn().to_dot(), "deterministic");
        if let Err(e) = graphviz_rust::parse(&dot) {
            panic!("graphviz-rust rejects {kind:?} for {}: {e}", short(text));
        }
        if with_dot {
            let svg = run_dot_svg(&dot).unwrap_or_else(|e| {
                panic!("dot rejects {kind:?} for {}: {}", short(text), short(&e))
            });
            assert!(!svg.to_lowercase().contains("<script"), "{}", short(text));
            let page = crate::render::html::map_page(&record, &View::of(&st), &map, &svg);
            assert_eq!(
                page.to_lowercase().matches("<script").count(),
                2,
                "{}",
                short(text)
            );
            assert_eq!(
                page.to_lowercase().matches("</script").count(),
                2,
                "{}",
                short(text)
            );
            // Outside the SVG, the page's own markup only: no comment opened by
            // the record, no record text with `<` left raw.
            let svg_start = page.find("<svg").expect("the page embeds the SVG");
            let svg_end = page.find("</svg>").expect("the SVG closes");
            let outside = format!("{}{}", &page[..svg_start], &page[svg_end..]);
            assert!(!outside.contains("<!--"), "{}", short(text));
            // A text such as `<` or `;<` also occurs in the page's own markup (an
            // escaped `&lt;` next to a tag makes `;<`), so the leak is looked for
            // with the text between marks no markup holds.
            if text.contains('<') {
                let marked = format!("\u{27E6}{text}\u{27E7}");
                let outside = outside_svg_of_page(&marked, &kind);
                assert!(
                    outside.contains('\u{27E6}'),
                    "the page shows the record's text"
                );
                assert!(!outside.contains(&marked), "{}", short(text));
            }
        }
    }
}

/// The page of `kind` for the hostile record holding `text`, outside its SVG.
fn outside_svg_of_page(text: &str, kind: &MapKind) -> String {
    let record = hostile_record(text);
    let st = NegotiationState::build(&record, &Filter::default());
    let map = draw(&st, kind, &Briefing::default(), &caps(150, 400)).map;
    let svg = run_dot_svg(&map.to_dot()).expect("dot draws the map");
    let page = crate::render::html::map_page(&record, &View::of(&st), &map, &svg);
    let (start, end) = (page.find("<svg").unwrap(), page.find("</svg>").unwrap());
    format!("{}{}", &page[..start], &page[end..])
}

const HOSTILE: &[&str] = &[
    "\"",
    "\\",
    "\\\"",
    "\n",
    "\r\n",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "{",
    "}",
    "]]>",
    "<!--",
    "-->",
    "\0",
    "\u{202E}",
    "\u{200F}",
    "&amp;",
    "&lt;script&gt;",
    "\\N",
    "\\G\\l",
    "<b>bold</b>",
    "<",
    "<div",
    ";<",
    "subgraph x { a -> b }",
    "\u{2028}",
    "'",
    ";",
    "=",
    "[label=x]",
];

#[test]
fn hostile_fixed_strings_are_safe() {
    let with_dot = dot_installed();
    if !with_dot {
        assert!(
            std::env::var_os("STANCEMAP_REQUIRE_TOOLS").is_none(),
            "Graphviz `dot` is missing, and STANCEMAP_REQUIRE_TOOLS is set"
        );
        eprintln!("notice: Graphviz `dot` not installed; checking DOT syntax only");
    }
    for text in HOSTILE {
        check_hostile(text, with_dot);
    }
    check_hostile(&HOSTILE.concat(), with_dot);
    check_hostile(&"<script>\"\\{".repeat(2_500), with_dot);
    check_hostile(&"x".repeat(10_000), with_dot);
}

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(HOSTILE).prop_map(str::to_string),
        proptest::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ];
    proptest::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_never_breaks_a_map(text in hostile_text()) {
        check_hostile(&text, dot_installed());
    }
}

/// The render command's caps.
pub(super) fn caps(max_nodes: usize, max_edges: usize) -> MapOptions {
    MapOptions {
        max_nodes,
        max_edges,
        history: false,
    }
}

#[test]
fn conflicts_fold_people_and_take_the_worst_severity() {
    let record = hostile_record("x");
    let st = NegotiationState::build(&record, &Filter::default());
    let mut pairs: Vec<(u32, u32, u32, Severity)> =
        conflicts::conflict_links(&st, &conflicts::conflict_ties(&st))
            .into_iter()
            .map(|c| (c.a.0, c.b.0, c.worst.0, c.severity))
            .collect();
    pairs.sort();
    // a (red line) against c and d on i: one red line each; the demand of a
    // against c's position adds nothing worse. b's conditional stance on j
    // meets only c's ambiguous one: no conflict. One edge per pair.
    assert_eq!(
        pairs,
        vec![(0, 2, 0, Severity::High), (0, 3, 0, Severity::High)]
    );
    let dot = build(&st, &MapKind::Conflicts, &MapOptions::default()).to_dot();
    assert_eq!(
        dot.matches("\"actor_a\" -> \"actor_c\"").count(),
        1,
        "{dot}"
    );
    assert!(dot.contains("high · "), "{dot}");
}

#[test]
fn coalitions_map_draws_the_coalitions_answer() {
    let record = hostile_record("x");
    let st = NegotiationState::build(&record, &Filter::default());
    let dot = build(&st, &MapKind::Coalitions, &MapOptions::default()).to_dot();
    // c and d both oppose i and never conflict: one coalition; a is in none.
    assert!(dot.contains("\"actor_c\" -> \"coalition_1\""), "{dot}");
    assert!(dot.contains("\"actor_d\" -> \"coalition_1\""), "{dot}");
    assert!(!dot.contains("\"actor_a\" -> "), "{dot}");
    assert!(!dot.contains("coalition_2"), "{dot}");
    // People fold into their party unless asked not to.
    assert!(!dot.contains("\"actor_b\""));
}

#[test]
fn as_of_keeps_the_latest_position_before_the_date() {
    let mut record = hostile_record("x");
    let mut later = record.positions[0].clone();
    later.stance = Stance::Oppose;
    later.date = Date::from_parts(2025, 3, 1);
    record.positions.insert(1, later);
    let now = View::new(&record, &ViewOptions::default());
    assert!(now.positions.contains(&PositionIdx(1)) && !now.positions.contains(&PositionIdx(0)));
    let before = View::new(
        &record,
        &ViewOptions {
            as_of: Some(Date::from_parts(2025, 2, 20)),
            ..ViewOptions::default()
        },
    );
    assert!(
        before.positions.contains(&PositionIdx(0)) && !before.positions.contains(&PositionIdx(1))
    );
}

#[test]
fn min_confidence_and_issue_filter() {
    let mut record = hostile_record("x");
    record.positions[0].sources[0].confidence = Confidence::Low;
    record.positions[2].sources.clear();
    let sure = View::new(
        &record,
        &ViewOptions {
            min_confidence: Some(Confidence::Medium),
            ..ViewOptions::default()
        },
    );
    assert!(!sure.positions.contains(&PositionIdx(0)));
    assert!(
        !sure.positions.contains(&PositionIdx(2)),
        "unsourced counts as low"
    );
    assert!(sure.positions.contains(&PositionIdx(4)));
    let sub = View::new(
        &record,
        &ViewOptions {
            issue: Some(IssueIdx(1)),
            ..ViewOptions::default()
        },
    );
    assert_eq!(sub.positions, vec![PositionIdx(1), PositionIdx(3)]);
    assert!(sub.demands.is_empty());
}

#[test]
fn issue_map_draws_each_party_once_in_its_camp() {
    let record = hostile_record("x");
    let st = NegotiationState::build(&record, &Filter::default());
    let dot = build(&st, &MapKind::Issue(IssueIdx(0)), &MapOptions::default()).to_dot();
    // c opposes i and is ambiguous on its sub-issue j: one node, in the camp
    // of its stance on i, with its own claim on j still drawn.
    assert_eq!(dot.matches("\"actor_c\" [label=").count(), 1, "{dot}");
    assert!(!dot.contains("actor_c__"), "{dot}");
    assert!(dot.contains("\"actor_c\" -> \"issue_j\""), "{dot}");
}
