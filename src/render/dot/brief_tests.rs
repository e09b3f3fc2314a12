//! The briefing grade, checked on every map of the bundled record: a legend and
//! a title that states record, date and filters; every label readable (WCAG AA,
//! computed); no two kinds of edge told apart by colour alone; caps said.

use super::brief::{draw, label_contrasts, Briefing};
use super::style::{shape_key, EdgeLook, MIN_CONTRAST};
use super::tests::caps;
use super::MapKind;
use crate::model::*;
use crate::state::{Filter, NegotiationState};
use std::collections::{BTreeMap, BTreeSet};

fn bundled() -> Record {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    crate::load::load(&root, &crate::load::Limits::default(), None)
        .expect("data/ loads")
        .record
        .expect("data/ is valid")
}

/// Every map `render --all` writes, plus a filtered one.
fn every_kind(record: &Record) -> Vec<MapKind> {
    let mut kinds = vec![
        MapKind::Overview,
        MapKind::Conflicts,
        MapKind::Coalitions,
        MapKind::Demands,
        MapKind::Timeline,
    ];
    for (i, issue) in record.issues.iter().enumerate() {
        if issue.parent.is_none() {
            kinds.push(MapKind::Issue(IssueIdx(i as u32)));
        }
    }
    for i in 0..record.actors.len() {
        kinds.push(MapKind::Actor(ActorIdx(i as u32)));
    }
    kinds
}

fn brief() -> Briefing {
    Briefing {
        record: "data".into(),
        as_of: "2025-04".into(),
        as_of_given: false,
        filters: vec![],
        cuts: vec![],
    }
}

fn get<'a>(attrs: &'a super::Attrs, key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .rev()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn every_map_has_a_legend_and_a_title_that_states_record_date_and_filters() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    for kind in every_kind(&record) {
        let map = draw(&st, &kind, &brief(), &caps(150, 400)).map;
        let dot = map.to_dot();
        // The overview grid has no edges but a legend of its marks.
        if map.edges.is_empty() && map.name != "overview" {
            continue;
        }
        assert!(dot.contains("<B>Legend</B>"), "{}: no legend", map.name);
        let title = get(&map.graph_attrs, "label").unwrap();
        assert!(
            title.contains("Record: data · as of 2025-04 (latest claim) · no filters"),
            "{}: {title}",
            map.name
        );
    }
    let mut filtered = brief();
    filtered.filters = vec!["category territory".into()];
    filtered.as_of = "2025-03-01".into();
    filtered.as_of_given = true;
    let map = draw(&st, &MapKind::Conflicts, &filtered, &caps(150, 400)).map;
    assert!(get(&map.graph_attrs, "label")
        .unwrap()
        .contains("as of 2025-03-01 · filters: category territory"));
}

#[test]
fn every_label_reaches_wcag_aa_against_its_fill() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    let mut checked = 0;
    for kind in every_kind(&record) {
        let map = draw(&st, &kind, &brief(), &caps(150, 400)).map;
        for c in label_contrasts(&map) {
            checked += 1;
            assert!(
                c.ratio >= MIN_CONTRAST,
                "{}: {} is {} on {}: {:.2}:1",
                map.name,
                c.what,
                c.text.hex(),
                c.fill.hex(),
                c.ratio
            );
        }
    }
    assert!(checked > 500, "only {checked} labels checked");
}

#[test]
fn no_edge_is_told_apart_by_colour_alone() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    // Across all maps: one line style, arrowhead, direction and width means one colour.
    let mut colours: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut looks = BTreeSet::new();
    for kind in every_kind(&record) {
        let map = draw(&st, &kind, &brief(), &caps(150, 400)).map;
        for e in map
            .edges
            .iter()
            .filter(|e| get(&e.attrs, "style") != Some("invis"))
        {
            let class = get(&e.attrs, "class").unwrap_or_default();
            let look = EdgeLook::from_class(class)
                .unwrap_or_else(|| panic!("{}: edge {} -> {} has no look", map.name, e.from, e.to));
            looks.insert(look);
            colours
                .entry(shape_key(&e.attrs))
                .or_default()
                .insert(get(&e.attrs, "color").unwrap_or("black").to_string());
        }
    }
    for (shape, set) in &colours {
        assert_eq!(
            set.len(),
            1,
            "{shape} is drawn in {set:?}: colour alone tells them apart"
        );
    }
    assert!(looks.len() >= 8, "only {looks:?} drawn");
}

#[test]
fn the_edge_cap_keeps_the_heaviest_and_says_so_on_the_map() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    let russia = MapKind::Actor(record.find_actor("russia").unwrap());
    let full = draw(&st, &russia, &brief(), &caps(150, 10_000));
    let capped = draw(&st, &russia, &brief(), &caps(150, 5));
    assert_eq!(full.edges_cut, 0);
    assert_eq!(capped.map.edges.len(), 5);
    assert_eq!(capped.edges_cut, full.map.edges.len() - 5);
    let title = get(&capped.map.graph_attrs, "label").unwrap();
    assert!(
        title.contains(&format!(
            "{} thinnest edges left out (--max-edges 5)",
            capped.edges_cut
        )),
        "{title}"
    );
    let width = |e: &super::MapEdge| get(&e.attrs, "penwidth").unwrap().parse::<f64>().unwrap();
    let kept_min = capped.map.edges.iter().map(width).fold(f64::MAX, f64::min);
    let all_max_dropped = full
        .map
        .edges
        .iter()
        .filter(|e| !capped.map.edges.contains(e))
        .map(width)
        .fold(0.0, f64::max);
    assert!(kept_min >= all_max_dropped);
}

#[test]
fn the_conflicts_map_keeps_the_worst_links_and_says_how_many_it_cut() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    let ties = super::conflicts::conflict_ties(&st);
    let all = super::conflicts::conflict_links(&st, &ties);
    assert!(all.len() > 3);
    let capped = draw(&st, &MapKind::Conflicts, &brief(), &caps(150, 3));
    assert_eq!(capped.map.edges.len(), 3);
    let title = get(&capped.map.graph_attrs, "label").unwrap();
    assert!(
        title.contains(&format!(
            "{} weaker conflict links of {} left out (--max-edges 3)",
            all.len() - 3,
            all.len()
        )),
        "{title}"
    );
    // The worst pair (Russia and Ukraine, both red lines) is kept.
    assert!(capped
        .map
        .edges
        .iter()
        .any(|e| e.from == "actor_russia" && e.to == "actor_ukraine"));
}

#[test]
fn overview_cells_and_headers_reach_wcag_aa() {
    use super::style::{contrast, Rgb};
    use crate::state::Camp;
    // The grid's text is black; its tints are inside an HTML-like label, so
    // `label_contrasts` (which reads node attributes) cannot see them.
    let black = Rgb(0, 0, 0);
    let camps = [
        Camp::For,
        Camp::Conditional,
        Camp::Against,
        Camp::Mixed,
        Camp::Ambiguous,
    ];
    let tints = camps
        .iter()
        .map(|&c| super::overview::cell(c).2)
        .chain(["#F4F4F4", "#FAFAFA", "#FFFFFF"]);
    for tint in tints {
        let ratio = contrast(black, Rgb::parse(tint).unwrap());
        assert!(ratio >= MIN_CONTRAST, "black on {tint}: {ratio:.2}:1");
    }
    // Every tint in the drawn grid is one of these.
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    let map = draw(&st, &MapKind::Overview, &brief(), &caps(150, 400)).map;
    let grid = map.nodes.iter().find(|n| n.name == "grid").unwrap();
    let html = get(&grid.attrs, "html_label").unwrap();
    for part in html.split("BGCOLOR=\"").skip(1) {
        let tint = &part[..7];
        let ratio = contrast(black, Rgb::parse(tint).unwrap());
        assert!(ratio >= MIN_CONTRAST, "a cell on {tint}: {ratio:.2}:1");
    }
}

#[test]
fn overview_is_a_grid_of_the_states_camps_grouped_by_topic() {
    let record = bundled();
    let st = NegotiationState::build(&record, &Filter::default());
    let map = draw(&st, &MapKind::Overview, &brief(), &caps(150, 400)).map;
    let grid = map.nodes.iter().find(|n| n.name == "grid").unwrap();
    let html = get(&grid.attrs, "html_label").unwrap();
    // Russia against "Ukraine regains…", folded from its sub-issues.
    assert!(html.contains(
        "TITLE=\"Russia: against on Ukraine regains the territory Russia occupies\">▼ against†"
    ));
    // A sub-issue row comes after its topic's row.
    let topic = html
        .find("TITLE=\"Ukraine regains the territory Russia occupies\"")
        .unwrap();
    let sub = html
        .find("TITLE=\"Crimea stays under Russian control\"")
        .unwrap();
    assert!(topic < sub);
    // No observer is a column.
    for a in &record.actors {
        if a.is_observer() {
            assert!(
                !html.contains(&format!("TITLE=\"{}\"", a.name)),
                "{}",
                a.name
            );
        }
    }
}
