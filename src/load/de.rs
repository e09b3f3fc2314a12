//! The located tree → the raw record structs, reporting every problem and going on.
//!
//! A serde `Deserializer` over the tree that never gives up on a value: an unknown
//! field is reported (with "did you mean" from the fields allowed there) and skipped;
//! a value of the wrong shape is reported and replaced by an empty one of the shape
//! asked for (no text, an empty list, a mapping without fields), and the entry and
//! field are *marked*, so `validate` does not report the same place again as a
//! missing field. A null where a field is written is marked too, so `validate` can
//! say "null: quote it" instead of "missing". The raw structs keep serde's derive:
//! a field added to them is read here without a line changed.
//!
//! Walking is budgeted: an alias is one node in the tree but is walked at every
//! use, so nested aliases could multiply the work; past `max-yaml-nodes` nodes
//! visited the file stops with a `limit-exceeded`.
//!
//! This file decides what each node is (the `Deserializer`); the access types it
//! hands to serde (items, entries, fields) are in `de/access.rs`.

mod access;
#[cfg(test)]
mod tests;

use super::raw::{At, Marks, SPANNED};
use super::tree::{Kind, Node, Tree};
use super::Limits;
use crate::diagnostic::{did_you_mean, Code};
use access::{Entries, Fields, Items, SpannedAccess};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::cell::{Cell, RefCell};
use std::fmt;

/// A problem found while mapping the tree: where, what, and what to do.
#[derive(Debug)]
pub struct Problem {
    pub code: Code,
    pub at: At,
    pub message: String,
    pub label: String,
    pub hint: String,
}

/// The one way this deserializer fails: the walk's budget ran out, or a type
/// outside the raw structs' vocabulary asked for something the tree cannot give.
#[derive(Debug)]
pub struct Stop(String);

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Stop(msg.to_string())
    }
}

/// Deserialises one document of a tree (its root node) into `T`, with the problems
/// found and the marks for `validate`.
pub fn read<'de, T: serde::Deserialize<'de> + Default>(
    tree: &Tree,
    root: Option<u32>,
    text: &str,
    limits: &Limits,
) -> (T, Marks, Vec<Problem>) {
    let walk = Walk {
        tree,
        text,
        problems: RefCell::new(Vec::new()),
        marks: RefCell::new(Marks::default()),
        visits: Cell::new(0),
        max_visits: limits.max_nodes,
        text_bytes: Cell::new(0),
        max_text_bytes: limits.max_file_bytes,
        spoils: Cell::new(0),
        current: Cell::new(root.unwrap_or(0)),
    };
    // Equal texts of the document share one allocation (see `raw::Str`).
    let value = super::raw::sharing(|| match root {
        None => T::default(),
        Some(root) => match T::deserialize(NodeDe { w: &walk, id: root }) {
            Ok(v) => v,
            Err(Stop(message)) => {
                if !message.is_empty() {
                    let node = *tree.node(walk.current.get());
                    walk.problem(
                        Code::WrongType,
                        &node,
                        message,
                        "here",
                        "check this value's shape against docs/record-format.md".into(),
                    );
                }
                T::default()
            }
        },
    });
    (value, walk.marks.into_inner(), walk.problems.into_inner())
}

struct Walk<'t> {
    tree: &'t Tree,
    text: &'t str,
    problems: RefCell<Vec<Problem>>,
    marks: RefCell<Marks>,
    visits: Cell<usize>,
    max_visits: usize,
    /// Bytes of text handed out: an alias of a long text is copied at every use.
    text_bytes: Cell<u64>,
    max_text_bytes: u64,
    /// How many values were replaced so far: a field whose reading raised it is marked.
    spoils: Cell<usize>,
    /// The node being read, to locate an error raised by a visitor.
    current: Cell<u32>,
}

impl<'t> Walk<'t> {
    fn at(node: &Node) -> At {
        At {
            offset: node.offset,
            len: node.len,
        }
    }

    fn problem(&self, code: Code, node: &Node, message: String, label: &str, hint: String) {
        self.problems.borrow_mut().push(Problem {
            code,
            at: Self::at(node),
            message,
            label: label.to_string(),
            hint,
        });
    }

    /// Reports a value of the wrong shape and counts it as replaced.
    fn spoil(&self, node: &Node, expected: &str) {
        let found = self.describe(node);
        self.problem(
            Code::WrongType,
            node,
            format!("expected {expected} here, found {found}"),
            "wrong shape",
            "check this value's shape against docs/record-format.md".into(),
        );
        self.spoils.set(self.spoils.get() + 1);
    }

    fn describe(&self, node: &Node) -> String {
        match node.kind {
            Kind::Seq => "a list".into(),
            Kind::Map => "a mapping".into(),
            Kind::Plain if is_null(self.tree.text(self.text, node)) => "null".into(),
            _ => {
                let text = self.tree.text(self.text, node);
                let short: String = text.chars().take(40).collect();
                let more = if short.len() < text.len() { "…" } else { "" };
                format!("the text `{short}{more}`")
            }
        }
    }
}

/// Whether a plain scalar is YAML's null (core schema).
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// "RawPosition" → "a position entry", for messages.
fn entry_name(name: &str) -> String {
    match name {
        "RawFile" => "a mapping of sections (actors:, issues:, …)".into(),
        _ => {
            let word = name.strip_prefix("Raw").unwrap_or(name).to_lowercase();
            let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {word} entry (a mapping of fields)")
        }
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'w, 't> {
    w: &'w Walk<'t>,
    id: u32,
}

impl<'w, 't> NodeDe<'w, 't> {
    fn enter(&self) -> Result<Node, Stop> {
        let visits = self.w.visits.get() + 1;
        self.w.visits.set(visits);
        self.w.current.set(self.id);
        let node = *self.w.tree.node(self.id);
        if visits > self.w.max_visits {
            self.w.problem(
                Code::LimitExceeded,
                &node,
                format!(
                    "more YAML nodes than the limit of {} per file (max-yaml-nodes), aliases expanded",
                    self.w.max_visits
                ),
                "limit reached here",
                "write the values out instead of repeating `*alias`es, split the file, or raise the limit with --max-yaml-nodes N".into(),
            );
            return Err(Stop(String::new()));
        }
        Ok(node)
    }

    fn text(&self, node: &Node) -> &'t str {
        self.w.tree.text(self.w.text, node)
    }

    fn is_null(&self, node: &Node) -> bool {
        node.kind == Kind::Plain && is_null(self.text(node))
    }
}

impl<'de, 'w, 't> de::Deserializer<'de> for NodeDe<'w, 't> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = self.enter()?;
        match node.kind {
            Kind::Seq => visitor.visit_seq(Items::new(self, &node)),
            Kind::Map => visitor.visit_map(Entries::new(self, &node)),
            _ if self.is_null(&node) => visitor.visit_unit(),
            // Every value of the record is text: a number or a boolean keeps its spelling.
            _ => visitor.visit_str(self.text(&node)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = self.enter()?;
        match node.kind {
            Kind::Plain if is_null(self.text(&node)) => {
                self.w.problem(
                    Code::WrongType,
                    &node,
                    "null where text belongs: quote it (`\"null\"`) if the word is meant, or give a value".into(),
                    "null",
                    "YAML reads an empty value, `~` and `null` as null".into(),
                );
                self.w.spoils.set(self.w.spoils.get() + 1);
                visitor.visit_str("")
            }
            Kind::Plain | Kind::Text => {
                let text = self.text(&node);
                let total = self.w.text_bytes.get() + text.len() as u64;
                self.w.text_bytes.set(total);
                if total > self.w.max_text_bytes {
                    self.w.problem(
                        Code::LimitExceeded,
                        &node,
                        format!(
                            "more text than the per-file limit of {} bytes (max-file-mib {}), aliases expanded",
                            self.w.max_text_bytes,
                            super::read::mib(self.w.max_text_bytes)
                        ),
                        "limit reached here",
                        "write the values out instead of repeating a long `*alias`, split the file, or raise the limit with --max-file-mib N".into(),
                    );
                    return Err(Stop(String::new()));
                }
                visitor.visit_str(text)
            }
            _ => {
                self.w.spoil(&node, "text");
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = *self.w.tree.node(self.id);
        if self.is_null(&node) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = self.enter()?;
        if node.kind == Kind::Seq {
            visitor.visit_seq(Items::new(self, &node))
        } else {
            self.w.spoil(&node, "a list");
            visitor.visit_seq(Items::empty(self))
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = self.enter()?;
        if node.kind == Kind::Map {
            visitor.visit_map(Entries::new(self, &node))
        } else {
            self.w.spoil(&node, "a mapping");
            visitor.visit_map(Entries::empty(self))
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        if name == SPANNED {
            // An entry is pointed at by its start, not underlined whole.
            let node = *self.w.tree.node(self.id);
            let len = if node.kind == Kind::Map { 0 } else { node.len };
            return visitor.visit_map(SpannedAccess {
                de: self,
                at: Some(((node.offset as u64) << 32) | len as u64),
            });
        }
        let node = self.enter()?;
        if node.kind == Kind::Map {
            visitor.visit_map(Fields {
                de: self,
                node,
                i: 0,
                name,
                fields,
                seen: vec![false; fields.len()],
                field: "",
                value: 0,
            })
        } else {
            self.w.spoil(&node, &entry_name(name));
            self.w.marks.borrow_mut().spoiled.insert((node.offset, "*"));
            visitor.visit_map(Entries::empty(self))
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        let node = self.enter()?;
        match node.kind {
            Kind::Plain | Kind::Text => {
                let word = self.text(&node);
                if let Some(v) = variants.iter().find(|v| **v == word) {
                    visitor.visit_enum(v.into_deserializer())
                } else {
                    Err(Stop(format!(
                        "`{word}` is not one of: {}",
                        variants.join(", ")
                    )))
                }
            }
            _ => Err(Stop(format!("expected one of: {}", variants.join(", ")))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit_struct newtype_struct tuple tuple_struct
    }
}
