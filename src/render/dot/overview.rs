//! The overview map: who stands where, as a parties × issues grid.
//!
//! One HTML-like table node: a row per issue, grouped under its top-level
//! topic (the topic's own row in bold, its sub-issues indented under it), a
//! column per party, each cell the party's camp on that issue as the state
//! holds it (the `camps` command's grid). A cell tells its camp by a mark and a
//! word, the tint only repeats it, so it reads in black and white; a stance
//! taken from the party's bloc is marked `*`, one folded from sub-issues `†`.
//! A grid stays one screen high where a graph of every position ran to a strip
//! thousands of pixels long; past [`MAX_ROWS`] issues or [`MAX_COLUMNS`]
//! parties (those with the most stances are kept) the map says what it cut.

use super::maps::topic_of;
use super::{html_text, Map, MapNode};
use crate::model::*;
use crate::state::{Basis, Camp, NegotiationState};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Most issue rows drawn.
pub const MAX_ROWS: usize = 60;
/// Most party columns drawn.
pub const MAX_COLUMNS: usize = 16;

/// A camp's mark, word and tint (light, so black text reads on every one).
pub fn cell(camp: Camp) -> (&'static str, &'static str, &'static str) {
    match camp {
        Camp::For => ("▲", "for", "#CFE3F1"),
        Camp::Conditional => ("◆", "cond.", "#DDF0FB"),
        Camp::Against => ("▼", "against", "#F8DCCB"),
        Camp::Mixed => ("◐", "mixed", "#F3EFC0"),
        Camp::Ambiguous => ("○", "unclear", "#E8E8E8"),
    }
}

/// The `n` keys that appear most often in `counts` (ties by key), in key order.
fn most<K: Ord + Copy + std::hash::Hash>(counts: &HashMap<K, usize>, n: usize) -> BTreeSet<K> {
    let mut order: Vec<(&K, &usize)> = counts.iter().collect();
    order.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    order.into_iter().take(n).map(|(k, _)| *k).collect()
}

pub fn overview(st: &NegotiationState, map: &mut Map) {
    let record = st.record;
    let mut per_party: HashMap<ActorIdx, usize> = HashMap::new();
    let mut per_issue: HashMap<IssueIdx, usize> = HashMap::new();
    for s in st.stances() {
        if st.keeps(&[s.party]) {
            *per_party.entry(s.party).or_default() += 1;
            *per_issue.entry(s.issue).or_default() += 1;
        }
    }
    if per_party.is_empty() {
        return;
    }
    let kept_parties = most(&per_party, MAX_COLUMNS);
    let kept_issues = most(&per_issue, MAX_ROWS);
    let mut parties: Vec<ActorIdx> = kept_parties.iter().copied().collect();
    parties.sort_by_key(|&a| st.actor_rank(a));
    // Topics in id order, each followed by its sub-issues in id order.
    let mut topics: BTreeMap<&str, (IssueIdx, Vec<IssueIdx>)> = BTreeMap::new();
    for &i in &kept_issues {
        let t = topic_of(record, i);
        let entry = topics
            .entry(record.issue(t).id.as_str())
            .or_insert((t, vec![]));
        if i != t {
            entry.1.push(i);
        }
    }
    let mut html = String::from(
        "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"2\" COLOR=\"#BBBBBB\">",
    );
    html.push_str("<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#F4F4F4\"><B>Issue \\ party</B></TD>");
    for &a in &parties {
        html.push_str(&format!(
            "<TD BGCOLOR=\"#F4F4F4\" TITLE=\"{}\">{}</TD>",
            attr_text(&record.actor(a).name),
            bold(&html_text(&wrap(&record.actor(a).name, 12)))
        ));
    }
    html.push_str("</TR>");
    for (topic, subs) in topics.values() {
        let mut rows = vec![(*topic, true)];
        rows.extend(subs.iter().map(|&i| (i, false)));
        for (i, is_topic) in rows {
            let title = record.issue(i).title.as_str();
            let shown = shorten(title, 64);
            let name = if is_topic {
                bold(&html_text(&shown))
            } else {
                format!("&#160;&#160;↳ {}", html_text(&shown))
            };
            let bg = if is_topic { "#FAFAFA" } else { "#FFFFFF" };
            html.push_str(&format!(
                "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"{bg}\" TITLE=\"{}\">{name}</TD>",
                attr_text(title)
            ));
            for &a in &parties {
                match st.stance(a, i) {
                    Some(s) => {
                        let (mark, word, tint) = cell(s.camp);
                        let basis = match s.basis {
                            Basis::Own => "",
                            Basis::Bloc(_) => "*",
                            Basis::SubIssues { .. } => "†",
                        };
                        html.push_str(&format!(
                            "<TD BGCOLOR=\"{tint}\" TITLE=\"{}: {} on {}\">{mark} {word}{basis}</TD>",
                            attr_text(&record.actor(a).name),
                            s.camp.as_str(),
                            attr_text(title)
                        ));
                    }
                    None => html.push_str(&format!("<TD BGCOLOR=\"{bg}\"> </TD>")),
                }
            }
            html.push_str("</TR>");
        }
    }
    html.push_str("</TABLE>");
    map.nodes.push(MapNode {
        name: "grid".into(),
        attrs: vec![
            ("html_label", html),
            ("shape", "plaintext".into()),
            ("fontsize", "9".into()),
            ("id", "grid".into()),
            ("class", "grid".into()),
        ],
        cluster: None,
        pinned: true,
    });
    let (cut_rows, cut_cols) = (
        per_issue.len() - kept_issues.len(),
        per_party.len() - kept_parties.len(),
    );
    if cut_rows > 0 {
        map.cuts.push(format!(
            "{cut_rows} issue{} with the fewest stances left out (at most {MAX_ROWS} rows)",
            if cut_rows == 1 { "" } else { "s" }
        ));
    }
    if cut_cols > 0 {
        map.cuts.push(format!(
            "{cut_cols} part{} with the fewest stances left out (at most {MAX_COLUMNS} columns)",
            if cut_cols == 1 { "y" } else { "ies" }
        ));
    }
}

/// Wraps a short name at `width` characters, on word boundaries.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// `text` on one line, cut at `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// Text as an HTML-like label's attribute value: on one line (a `<BR/>` is
/// no markup inside an attribute), escaped.
fn attr_text(text: &str) -> String {
    html_text(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Bold text; Graphviz rejects an empty `<B></B>`, so blank text is a space.
fn bold(html: &str) -> String {
    if html.trim().is_empty() {
        " ".into()
    } else {
        format!("<B>{html}</B>")
    }
}
