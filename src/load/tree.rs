//! YAML text → a located tree, straight from the parser's events.
//!
//! The tree is an arena of small fixed-size nodes: every node knows its byte span
//! in the file, a scalar's text is a range of the file (or, when escapes or folding
//! changed it, of the tree's own string buffer), and a collection's children are a
//! range of one shared child list. An alias is a copy of its anchor's node with the
//! alias's own span, so `*name` costs one node however large its target: an alias
//! bomb cannot grow the tree, and walking it is bounded by the walk's own budget.
//!
//! Problems the YAML layer can see are found here, in the same single pass over
//! the events: syntax errors, duplicate keys, tags outside the core schema however
//! they are spelt (`!!binary`, `!<tag:yaml.org,2002:binary>`, a `%TAG` shorthand, a
//! local `!binary`), and the depth, node and alias limits.
//! Mapping the tree onto the record's fields is `de`'s business.

use super::Limits;
use crate::diagnostic::Code;
use granit_parser::{Event, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashMap;

/// What a node is; scalars keep their style so null and text can be told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A plain scalar (unquoted): may be null, a boolean, a number or text.
    Plain = 0,
    /// A quoted or block scalar, or one tagged `!!str`: always text. (A scalar
    /// tagged `!!null`, `!!int`, … is read by its text like a plain one.)
    Text = 1,
    Seq = 2,
    Map = 3,
}

/// Scalar text lives in the file (`IN_FILE`) or in the tree's own buffer.
pub const IN_FILE: u8 = 1;

/// One node: 20 bytes, whatever it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    pub flags: u8,
    /// Byte span in the file.
    pub offset: u32,
    pub len: u32,
    /// Scalar: start and length of its text. Collection: start and count in `children`.
    pub a: u32,
    pub b: u32,
}

/// One file's YAML as a located tree.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// Children of every collection, each collection's contiguous; a mapping's
    /// alternate key, value.
    pub children: Vec<u32>,
    /// Scalar texts that differ from their source (escapes, folding, block scalars).
    pub strings: String,
    /// One root per YAML document (`---`); `new --append` may add documents.
    pub roots: Vec<u32>,
}

impl Tree {
    pub fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize]
    }

    /// The text of a scalar node.
    pub fn text<'a>(&'a self, file: &'a str, node: &Node) -> &'a str {
        let (start, end) = (node.a as usize, node.a as usize + node.b as usize);
        let from = if node.flags & IN_FILE != 0 {
            file
        } else {
            &self.strings
        };
        from.get(start..end).unwrap_or("")
    }

    pub fn kids(&self, node: &Node) -> &[u32] {
        let (start, end) = (node.a as usize, node.a as usize + node.b as usize);
        self.children.get(start..end).unwrap_or(&[])
    }
}

/// A problem found while reading the YAML: the file stops being read there.
#[derive(Debug)]
pub struct YamlProblem {
    pub code: Code,
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub label: &'static str,
    pub hint: String,
}

/// Which limit a problem broke, so its message can name the flag.
fn limit(offset: usize, message: String, hint: &str) -> YamlProblem {
    YamlProblem {
        code: Code::LimitExceeded,
        offset,
        len: 0,
        message,
        label: "limit reached here",
        hint: hint.to_string(),
    }
}

struct Open {
    node: u32,
    /// Where this collection's children start in `pending`.
    first: usize,
}

/// Reads one file into a tree, with the problems found. A problem other than a
/// duplicate key stops the file: then there is no tree.
pub fn build(text: &str, limits: &Limits) -> (Option<Tree>, Vec<YamlProblem>) {
    let options = granit_parser::options! {
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: limits.max_depth,
    };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut tree = Tree::default();
    let mut pending: Vec<u32> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, u32> = HashMap::new();
    let mut problems = Vec::new();
    let mut aliases = 0usize;
    let base = text.as_ptr() as usize;

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(err) => {
                problems.push(syntax(text, &err, limits));
                return (None, problems);
            }
        };
        let (offset, len) = span_of(&span, text.len());
        let node = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let forced_text = match tag.as_deref() {
                    None => false,
                    Some(tag) if tag.is_yaml_core_schema_tag("str") => true,
                    Some(tag) if tag.is_yaml_core_schema() => false,
                    Some(tag) => return (None, refuse_tag(problems, text, &span, tag)),
                };
                let kind = if forced_text || style != ScalarStyle::Plain {
                    Kind::Text
                } else {
                    Kind::Plain
                };
                let (flags, a, b) = match &value {
                    Cow::Borrowed(s)
                        if (s.as_ptr() as usize) >= base
                            && (s.as_ptr() as usize) + s.len() <= base + text.len() =>
                    {
                        (IN_FILE, (s.as_ptr() as usize - base) as u32, s.len() as u32)
                    }
                    _ => {
                        let start = tree.strings.len() as u32;
                        tree.strings.push_str(&value);
                        (0, start, value.len() as u32)
                    }
                };
                let id = push(&mut tree, kind, flags, offset, len, a, b);
                if anchor != 0 {
                    anchors.insert(anchor, id);
                }
                id
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if let Some(tag) = tag.as_deref() {
                    if !tag.is_yaml_core_schema() {
                        return (None, refuse_tag(problems, text, &span, tag));
                    }
                }
                if open.len() >= limits.max_depth {
                    problems.push(depth(offset, limits));
                    return (None, problems);
                }
                let kind = match &event {
                    Event::SequenceStart(..) => Kind::Seq,
                    _ => Kind::Map,
                };
                let id = push(&mut tree, kind, 0, offset, len, 0, 0);
                if anchor != 0 {
                    anchors.insert(anchor, id);
                }
                open.push(Open {
                    node: id,
                    first: pending.len(),
                });
                if tree.nodes.len() > limits.max_nodes {
                    problems.push(nodes(offset, limits));
                    return (None, problems);
                }
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = open.pop() else { continue };
                let start = tree.children.len() as u32;
                let count = (pending.len() - frame.first) as u32;
                if tree.nodes[frame.node as usize].kind == Kind::Map {
                    duplicate_keys(&tree, text, &pending[frame.first..], &mut problems);
                }
                tree.children.extend(pending.drain(frame.first..));
                let end = (offset + len) as u32;
                let node = &mut tree.nodes[frame.node as usize];
                node.len = end.saturating_sub(node.offset);
                node.a = start;
                node.b = count;
                frame.node
            }
            Event::Alias(anchor) => {
                aliases += 1;
                if aliases > limits.max_aliases {
                    problems.push(limit(
                        offset,
                        format!(
                            "more alias references than the limit of {} aliases (max-aliases)",
                            limits.max_aliases
                        ),
                        "write the values out instead of using `&anchor`/`*alias`, or raise the limit with --max-aliases N",
                    ));
                    return (None, problems);
                }
                let Some(&target) = anchors.get(&anchor) else {
                    problems.push(syntax_at(
                        offset,
                        len,
                        "this alias names no anchor defined before it",
                    ));
                    return (None, problems);
                };
                if open.iter().any(|o| o.node == target) {
                    problems.push(YamlProblem {
                        code: Code::YamlSyntax,
                        offset,
                        len,
                        message: "this alias refers to a list or mapping that contains it".into(),
                        label: "alias inside its own anchor",
                        hint: "a record cannot refer to itself: write the value out".into(),
                    });
                    return (None, problems);
                }
                let copy = Node {
                    offset: offset as u32,
                    len: len as u32,
                    ..tree.nodes[target as usize]
                };
                tree.nodes.push(copy);
                (tree.nodes.len() - 1) as u32
            }
            _ => continue,
        };
        if tree.nodes.len() > limits.max_nodes {
            problems.push(nodes(offset, limits));
            return (None, problems);
        }
        if open.is_empty() {
            tree.roots.push(node);
        } else {
            pending.push(node);
        }
    }
    (Some(tree), problems)
}

fn push(tree: &mut Tree, kind: Kind, flags: u8, offset: usize, len: usize, a: u32, b: u32) -> u32 {
    tree.nodes.push(Node {
        kind,
        flags,
        offset: offset as u32,
        len: len as u32,
        a,
        b,
    });
    (tree.nodes.len() - 1) as u32
}

fn span_of(span: &Span, text_len: usize) -> (usize, usize) {
    let start = span.start.byte_offset().unwrap_or(0).min(text_len);
    let end = span
        .end
        .byte_offset()
        .unwrap_or(start)
        .clamp(start, text_len);
    (start, end - start)
}

/// Reports a second key equal to an earlier one in the same mapping. Small
/// mappings (every record entry) compare pairwise; large ones use a hash set, so
/// a hostile mapping of a million keys stays linear.
fn duplicate_keys(tree: &Tree, text: &str, kids: &[u32], problems: &mut Vec<YamlProblem>) {
    let keys = kids.iter().step_by(2).map(|&k| tree.node(k));
    let key_text = |n: &Node| match n.kind {
        Kind::Plain | Kind::Text => Some(tree.text(text, n)),
        _ => None,
    };
    let mut report = |n: &Node, key: &str| {
        problems.push(YamlProblem {
            code: Code::DuplicateKey,
            offset: n.offset as usize,
            len: n.len as usize,
            message: format!("the key `{key}` appears twice in this mapping"),
            label: "second occurrence",
            hint: "remove one of the two keys: YAML keeps only one value per key".into(),
        })
    };
    if kids.len() <= 32 {
        let keys: Vec<&Node> = keys.collect();
        for (i, n) in keys.iter().enumerate() {
            let Some(key) = key_text(n) else { continue };
            if keys[..i].iter().any(|m| key_text(m) == Some(key)) {
                report(n, key);
            }
        }
    } else {
        let mut seen = std::collections::HashSet::new();
        for n in keys {
            if let Some(key) = key_text(n) {
                if !seen.insert(key) {
                    report(n, key);
                }
            }
        }
    }
}

fn refuse_tag(
    mut problems: Vec<YamlProblem>,
    text: &str,
    span: &Span,
    tag: &granit_parser::Tag,
) -> Vec<YamlProblem> {
    let at = span
        .tag_start
        .and_then(|m| m.byte_offset())
        .or(span.start.byte_offset())
        .unwrap_or(0)
        .min(text.len());
    let len = text[at..]
        .find(|c: char| c.is_whitespace())
        .unwrap_or(text.len() - at);
    let written = &text[at..at + len];
    let resolved = format!("{}{}", tag.handle(), tag.suffix());
    let also = if written == resolved || written.is_empty() {
        String::new()
    } else {
        format!(" (`{resolved}`)")
    };
    problems.push(YamlProblem {
        code: Code::YamlSyntax,
        offset: at,
        len,
        message: format!(
            "YAML tags such as `{written}`{also} are not allowed in a record: the text a reader sees must be the value stancemap reads"
        ),
        label: "tag",
        hint: "write the value as plain text without the tag".into(),
    });
    problems
}

fn depth(offset: usize, limits: &Limits) -> YamlProblem {
    limit(
        offset,
        format!(
            "nesting deeper than the limit of {} levels (max-depth)",
            limits.max_depth
        ),
        "a record needs only a few levels: check for runaway nesting, or raise the limit with --max-depth N",
    )
}

fn nodes(offset: usize, limits: &Limits) -> YamlProblem {
    limit(
        offset,
        format!(
            "more YAML nodes than the limit of {} per file (max-yaml-nodes)",
            limits.max_nodes
        ),
        "split the file, or raise the limit with --max-yaml-nodes N if the record is genuine",
    )
}

fn syntax_at(offset: usize, len: usize, message: &str) -> YamlProblem {
    YamlProblem {
        code: Code::YamlSyntax,
        offset,
        len,
        message: message.to_string(),
        label: "here",
        hint: "fix the YAML syntax here (an unclosed bracket or quote, a bad indent, …)".into(),
    }
}

/// A parser error in our words, at its place.
fn syntax(text: &str, err: &granit_parser::ScanError, limits: &Limits) -> YamlProblem {
    let marker = err.marker();
    let offset = marker
        .byte_offset()
        .unwrap_or_else(|| {
            text.char_indices()
                .nth(marker.index())
                .map_or(text.len(), |(i, _)| i)
        })
        .min(text.len());
    let info = err.info();
    let message = if info.is_empty() {
        "the YAML is malformed here".to_string()
    } else {
        info
    };
    if message.contains("nesting") || message.contains("recursion") {
        return depth(offset, limits);
    }
    let hint = if message.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else {
        "fix the YAML syntax here (an unclosed bracket or quote, a bad indent, …)"
    };
    YamlProblem {
        code: Code::YamlSyntax,
        offset,
        len: 0,
        message,
        label: "here",
        hint: hint.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Tree {
        let (tree, problems) = build(text, &Limits::default());
        assert!(problems.is_empty(), "{problems:?}");
        tree.expect("valid YAML")
    }

    #[test]
    fn scalars_point_into_the_file_when_unchanged() {
        let text = "a: [x, \"y\\n\"]\n";
        let t = tree(text);
        let root = t.node(t.roots[0]);
        assert_eq!(root.kind, Kind::Map);
        let kids = t.kids(root);
        assert_eq!(t.text(text, t.node(kids[0])), "a");
        let list = t.node(kids[1]);
        let items = t.kids(list);
        assert_eq!(t.node(items[0]).flags & IN_FILE, IN_FILE);
        assert_eq!(t.text(text, t.node(items[1])), "y\n");
        assert_eq!(t.node(items[1]).kind, Kind::Text);
    }

    #[test]
    fn an_alias_is_one_node_however_large_its_anchor() {
        let text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n";
        let t = tree(text);
        assert_eq!(t.nodes.len(), 1 + (1 + 4) + 2 + 2);
    }

    #[test]
    fn every_spelling_of_a_foreign_tag_is_refused() {
        for text in [
            "a: !!binary aGVsbG8=\n",
            "a: !<tag:yaml.org,2002:binary> aGVsbG8=\n",
            "%TAG !y! tag:yaml.org,2002:\n---\na: !y!binary aGVsbG8=\n",
            "a: !binary aGVsbG8=\n",
            "a: !!set {x: null}\n",
        ] {
            let (tree, problems) = build(text, &Limits::default());
            assert!(tree.is_none(), "{text}");
            assert_eq!(problems[0].code, Code::YamlSyntax, "{text}");
            assert!(problems[0].message.contains("tags"), "{text}");
            assert_eq!(
                &text[problems[0].offset..problems[0].offset + 1],
                "!",
                "{text}"
            );
        }
        tree("a: !!str 12\nb: !!int 3\n");
    }

    #[test]
    fn duplicate_keys_are_found_in_small_and_large_mappings() {
        let (_, problems) = build("a: 1\nb: 2\na: 3\n", &Limits::default());
        assert_eq!(problems[0].code, Code::DuplicateKey);
        assert_eq!(problems[0].offset, 10);
        let mut big: String = (0..100).map(|i| format!("k{i}: 1\n")).collect();
        big.push_str("k7: 2\n");
        let (_, problems) = build(&big, &Limits::default());
        assert_eq!(problems.len(), 1);
    }
}
