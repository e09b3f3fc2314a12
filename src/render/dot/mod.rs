//! Position maps as Graphviz DOT.
//!
//! A map is first built as a small neutral model ([`Map`]: nodes, clusters,
//! edges, each with attributes) and then written by one writer. Keeping the model
//! apart from the text means the `--max-nodes` cap can drop nodes after the map is
//! built, and means there is exactly one place where record text becomes DOT:
//! [`quote`]. Every name and every attribute value goes through it; attribute keys
//! are `&'static str` written in this crate, so no record text can reach the output
//! unquoted.
//!
//! Output is deterministic: nodes, clusters and edges are sorted before writing,
//! and node names are derived from record ids (`actor_russia`).

mod actor;
pub mod brief;
pub mod coalitions;
pub mod conflicts;
mod demands;
mod issue;
mod maps;
pub mod overview;
pub mod scenario;
pub mod style;
mod timeline;
mod view;

pub use brief::{cap_edges, draw, finish, label_contrasts, Briefing, Drawn};
pub use maps::{build, MapKind, MapOptions};
pub use view::{View, ViewOptions};

use crate::render::xml_chars::{is_xml_char, REPLACEMENT};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Longest label line, in characters, before a label is wrapped.
const WRAP: usize = 28;
/// Longest label, in characters, before it is cut with an ellipsis.
const MAX_LABEL: usize = 120;

/// Longest text, in characters, that [`quote`] writes: 2,000 × 5 bytes stays
/// well under `dot`'s 16,384-byte limit on one quoted string.
pub const MAX_QUOTED: usize = 2_000;

/// Attributes of a node, edge, cluster or graph: keys are ours, values may be record text.
pub type Attrs = Vec<(&'static str, String)>;

#[derive(Clone, Debug, Default)]
pub struct Map {
    /// The graph's name, also the map's name (`overview`, `issue:ukraine-nato`).
    pub name: String,
    pub graph_attrs: Attrs,
    pub node_defaults: Attrs,
    pub edge_defaults: Attrs,
    pub clusters: Vec<Cluster>,
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    /// Groups of node names kept on one rank.
    pub same_rank: Vec<Vec<String>>,
    /// What the map builder left out to stay readable (said under the title).
    pub cuts: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Cluster {
    /// Node-name-like key; the writer prefixes `cluster_`.
    pub key: String,
    pub attrs: Attrs,
    /// The enclosing cluster, if nested.
    pub parent: Option<String>,
}

#[derive(Clone, Debug)]
pub struct MapNode {
    pub name: String,
    pub attrs: Attrs,
    pub cluster: Option<String>,
    /// Never dropped by the `--max-nodes` cap (the ego, the legend, notes).
    pub pinned: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MapEdge {
    pub from: String,
    pub to: String,
    pub attrs: Attrs,
}

impl Map {
    pub fn new(name: impl Into<String>) -> Map {
        Map {
            name: name.into(),
            ..Map::default()
        }
    }

    pub fn has_node(&self, name: &str) -> bool {
        self.nodes.iter().any(|n| n.name == name)
    }

    /// Adds a node unless one of that name is already there.
    pub fn add_node(&mut self, name: String, attrs: Attrs, cluster: Option<String>) {
        if !self.has_node(&name) {
            self.nodes.push(MapNode {
                name,
                attrs,
                cluster,
                pinned: false,
            });
        }
    }

    pub fn pin(&mut self, name: &str) {
        for n in self.nodes.iter_mut().filter(|n| n.name == name) {
            n.pinned = true;
        }
    }

    pub fn add_edge(&mut self, from: String, to: String, attrs: Attrs) {
        self.edges.push(MapEdge { from, to, attrs });
    }

    pub fn add_cluster(&mut self, key: String, mut attrs: Attrs, parent: Option<String>) {
        // Cluster titles would inherit the map title's size.
        if !attrs.iter().any(|(k, _)| *k == "fontsize") {
            attrs.push(("fontsize", "12".into()));
        }
        if !self.clusters.iter().any(|c| c.key == key) {
            self.clusters.push(Cluster { key, attrs, parent });
        }
    }

    /// Drops the least-connected unpinned nodes until at most `max` remain, and
    /// returns the names of what it left out (the caller says so on stderr). A
    /// note node in the map lists them too.
    pub fn cap_nodes(&mut self, max: usize) -> Vec<String> {
        let counted: Vec<&MapNode> = self.nodes.iter().filter(|n| !n.pinned).collect();
        let pinned = self.nodes.len() - counted.len();
        let room = max.saturating_sub(pinned);
        if counted.len() <= room {
            return Vec::new();
        }
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.edges {
            *degree.entry(e.from.as_str()).or_default() += 1;
            *degree.entry(e.to.as_str()).or_default() += 1;
        }
        let mut order: Vec<(usize, &str)> = counted
            .iter()
            .map(|n| {
                (
                    degree.get(n.name.as_str()).copied().unwrap_or(0),
                    n.name.as_str(),
                )
            })
            .collect();
        // Least connected first; ties by name, so the same nodes go every time.
        order.sort();
        // One place is kept for the note node.
        let drop_count = counted.len() - room.saturating_sub(1);
        let dropped: BTreeSet<String> = order
            .iter()
            .take(drop_count)
            .map(|(_, n)| n.to_string())
            .collect();
        let mut labels: Vec<String> = self
            .nodes
            .iter()
            .filter(|n| dropped.contains(&n.name))
            .map(|n| {
                n.attrs
                    .iter()
                    .find(|(k, _)| *k == "label")
                    .map(|(_, v)| v.replace('\n', " "))
                    .unwrap_or_else(|| n.name.clone())
            })
            .collect();
        labels.sort();
        self.nodes.retain(|n| !dropped.contains(&n.name));
        self.edges
            .retain(|e| !dropped.contains(&e.from) && !dropped.contains(&e.to));
        for group in &mut self.same_rank {
            group.retain(|n| !dropped.contains(n));
        }
        let shown: Vec<&str> = labels.iter().take(12).map(String::as_str).collect();
        let more = labels.len().saturating_sub(shown.len());
        let mut text = format!(
            "{} node{} left out (--max-nodes {max}):\n{}",
            labels.len(),
            if labels.len() == 1 { "" } else { "s" },
            shown.join("\n")
        );
        if more > 0 {
            let _ = write!(text, "\n… and {more} more");
        }
        self.nodes.push(MapNode {
            name: "note_left_out".into(),
            attrs: vec![
                ("label", text),
                ("shape", "note".into()),
                ("style", "filled".into()),
                ("fillcolor", "#fff8dc".into()),
            ],
            cluster: None,
            pinned: true,
        });
        labels
    }

    /// Writes the map as DOT. Same map, same bytes.
    pub fn to_dot(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph {} {{", quote(&self.name));
        write_attr_stmt(&mut out, "  ", "graph", &self.graph_attrs);
        write_attr_stmt(&mut out, "  ", "node", &self.node_defaults);
        write_attr_stmt(&mut out, "  ", "edge", &self.edge_defaults);

        let mut nodes: Vec<&MapNode> = self.nodes.iter().collect();
        nodes.sort_by(|a, b| a.name.cmp(&b.name));
        let mut clusters: Vec<&Cluster> = self.clusters.iter().collect();
        clusters.sort_by(|a, b| a.key.cmp(&b.key));
        let known: BTreeSet<&str> = clusters.iter().map(|c| c.key.as_str()).collect();

        // Free nodes first, then clusters by key (the legend's key sorts last), so
        // the legend sits below the map.
        for n in nodes.iter().filter(|n| home(&known, &n.cluster).is_none()) {
            write_node(&mut out, "  ", n);
        }
        self.write_clusters(&mut out, &clusters, &nodes, None, 1, &known);
        let present: BTreeSet<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        let mut ranks: Vec<Vec<&String>> = self
            .same_rank
            .iter()
            .map(|g| {
                let mut g: Vec<&String> =
                    g.iter().filter(|n| present.contains(n.as_str())).collect();
                g.sort();
                g.dedup();
                g
            })
            .filter(|g| g.len() > 1)
            .collect();
        ranks.sort();
        // Named subgraphs: graphviz-rust's parser does not take anonymous `{ … }`.
        for (i, group) in ranks.iter().enumerate() {
            let names: Vec<String> = group.iter().map(|n| quote(n)).collect();
            let _ = writeln!(
                out,
                "  subgraph {} {{ rank=\"same\"; {}; }}",
                quote(&format!("rank_{i}")),
                names.join("; ")
            );
        }
        let mut edges: Vec<&MapEdge> = self
            .edges
            .iter()
            .filter(|e| present.contains(e.from.as_str()) && present.contains(e.to.as_str()))
            .collect();
        edges.sort();
        edges.dedup();
        for e in edges {
            let _ = write!(out, "  {} -> {}", quote(&e.from), quote(&e.to));
            write_attr_list(&mut out, &e.attrs);
            out.push_str(";\n");
        }
        out.push_str("}\n");
        out
    }

    fn write_clusters(
        &self,
        out: &mut String,
        clusters: &[&Cluster],
        nodes: &[&MapNode],
        parent: Option<&str>,
        depth: usize,
        known: &BTreeSet<&str>,
    ) {
        let indent = "  ".repeat(depth);
        for c in clusters.iter().filter(|c| c.parent.as_deref() == parent) {
            let _ = writeln!(
                out,
                "{indent}subgraph {} {{",
                quote(&format!("cluster_{}", c.key))
            );
            for (k, v) in &c.attrs {
                let _ = writeln!(out, "{indent}  {k}={};", quote(v));
            }
            self.write_clusters(out, clusters, nodes, Some(&c.key), depth + 1, known);
            for n in nodes
                .iter()
                .filter(|n| home(known, &n.cluster) == Some(c.key.as_str()))
            {
                write_node(out, &format!("{indent}  "), n);
            }
            let _ = writeln!(out, "{indent}}}");
        }
    }
}

/// The cluster a node is drawn in: its own, if that cluster exists in the map.
fn home<'a>(known: &BTreeSet<&str>, cluster: &'a Option<String>) -> Option<&'a str> {
    cluster.as_deref().filter(|k| known.contains(k))
}

fn write_attr_stmt(out: &mut String, indent: &str, what: &str, attrs: &Attrs) {
    if attrs.is_empty() {
        return;
    }
    let _ = write!(out, "{indent}{what}");
    write_attr_list(out, attrs);
    out.push_str(";\n");
}

fn write_node(out: &mut String, indent: &str, n: &MapNode) {
    let _ = write!(out, "{indent}{}", quote(&n.name));
    write_attr_list(out, &n.attrs);
    out.push_str(";\n");
}

fn write_attr_list(out: &mut String, attrs: &Attrs) {
    if attrs.is_empty() {
        return;
    }
    // `html_label` is an HTML-like label built in this crate, with every piece
    // of record text passed through `html_text`; it is written between `<` `>`.
    let parts: Vec<String> = attrs
        .iter()
        .map(|(k, v)| match *k {
            "html_label" => format!("label=<{v}>"),
            _ => format!("{k}={}", quote(v)),
        })
        .collect();
    let _ = write!(out, " [{}]", parts.join(", "));
}

/// The one escaping function: any text as a DOT double-quoted string.
///
/// Inside quotes DOT gives meaning only to `"` and `\` (and Graphviz to escape
/// sequences like `\N` or `\l` in labels); a raw newline or NUL breaks parsers.
/// So: `\` → `\\`, `"` → `\"`, a line break → `\n` (a centred line break in a
/// label), other control characters → a space. Graphviz also decodes HTML
/// entities in labels (`&amp;` shows as `&`), so `&` → `&amp;` keeps the text as
/// written. `<`, `>` and braces need nothing inside quotes: Graphviz escapes them
/// when it writes SVG. Characters XML cannot carry (U+FFFE, …) become U+FFFD, so
/// every SVG is well-formed XML. `dot` rejects a quoted string over 16,384 bytes, so text
/// is cut at [`MAX_QUOTED`] characters (at most 5 bytes each once escaped).
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MAX_QUOTED) + 2);
    out.push('"');
    let cut = text.char_indices().nth(MAX_QUOTED).map(|(i, _)| i);
    let mut chars = text[..cut.unwrap_or(text.len())].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            // Graphviz copies it into the SVG, which it would make ill-formed.
            c if !is_xml_char(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    if cut.is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

/// Text as the content of an HTML-like label: `&`, `<`, `>`, `"` as entities,
/// a line break as `<BR/>`, control characters as spaces, cut at [`MAX_QUOTED`].
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars().take(MAX_QUOTED) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<BR/>"),
            c if c.is_control() => out.push(' '),
            // Graphviz parses HTML-like labels as XML: what XML cannot carry is replaced.
            c if !is_xml_char(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

/// A label for record text: cut to `MAX_LABEL` characters and wrapped at word
/// boundaries, so a long name cannot stretch the map. Escaping is `quote`'s job.
pub fn label(text: &str) -> String {
    label_wrapped(text, WRAP)
}

/// [`label`] wrapped at `wrap` characters a line: a map of short rows (the
/// demands map) takes wider, fewer lines.
pub fn label_wrapped(text: &str, wrap: usize) -> String {
    let wrap = wrap.max(8);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = flat.chars().take(MAX_LABEL).collect();
    if flat.chars().count() > MAX_LABEL {
        cut.push('…');
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in cut.split(' ') {
        let mut word = word.to_string();
        // A word longer than a line is split, so a 10,000-character name stays narrow.
        while word.chars().count() > wrap {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(wrap).collect();
            word = word.chars().skip(wrap).collect();
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > wrap {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// A stable node name from a record id: `actor_russia`, `issue_ukraine_nato`.
/// Slugs hold only `a-z0-9-`, so mapping `-` to `_` cannot merge two ids.
pub fn node_name(prefix: &str, id: &str) -> String {
    format!("{prefix}_{}", id.replace('-', "_"))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod brief_tests;
