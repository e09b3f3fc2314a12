//! Completion: field names, closed words and ids, each from where it is defined.
//!
//! Field names and closed words come from the record's JSON Schema
//! (`crate::schema`, itself built from the model's keyword enums), walked along
//! the keys above the cursor; which kinds of id a field takes comes from the
//! loader's table of references; the ids themselves from the last check. So a
//! field or word added to the record format is offered without a change here.
//! Only the cursor's place is read from the text (it is often unparsable while
//! being typed): the keys above it by indentation, and the key it is a value of.

use super::analysis::Workspace;
use super::text::{Encoding, LineIndex};
use crate::load::{reference_kinds, IdKind};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};
use serde_json::Value;
use std::collections::BTreeMap;

/// Where the cursor is, as far as completion cares.
#[derive(Debug, PartialEq, Eq)]
pub enum Slot {
    /// Typing a field name of the object at `path` (keys from the top).
    Key { path: Vec<String>, start: usize },
    /// Typing the value of `field` of the object at `path`.
    Value {
        path: Vec<String>,
        field: String,
        start: usize,
    },
}

/// The slot at byte `offset` of `text`.
pub fn slot_at(text: &str, offset: usize, schema: &Value) -> Option<Slot> {
    let offset = floor_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    if line.trim_start().starts_with('#') {
        return None;
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let content = &line[indent..];
    let (is_item, body, body_at) = match content.strip_prefix("- ") {
        Some(rest) => {
            let blanks = rest.len() - rest.trim_start().len();
            (true, rest.trim_start(), indent + 2 + blanks)
        }
        None => (false, content, indent),
    };
    let word_start = line_start + word_start_in(line);
    let mut path = ancestors(&text[..line_start], indent);

    // Flow collections on this line: `of: [nato, |` or `- {doc: a, confidence: |`.
    if let Some(open) = unmatched_open(body) {
        let inside = &body[open + 1..];
        let segment = &inside[inside.rfind(',').map_or(0, |i| i + 1)..];
        let before = body[..open].trim_end();
        if body.as_bytes()[open] == b'[' {
            let field = before.strip_suffix(':')?.trim();
            let field = field.rsplit([' ', '{', ',']).next()?.to_string();
            return Some(Slot::Value {
                path,
                field,
                start: word_start,
            });
        }
        // Inside `{…}`: a mapping; on a `- {` line, an item of the key above.
        return Some(match segment.split_once(':') {
            Some((key, _)) => Slot::Value {
                path,
                field: key.trim().to_string(),
                start: word_start,
            },
            None => Slot::Key {
                path,
                start: word_start,
            },
        });
    }
    if let Some((key, _)) = body.split_once(':') {
        if !key.contains([' ', '"', '\'']) && line_start + body_at + key.len() < offset {
            return Some(Slot::Value {
                path,
                field: key.to_string(),
                start: word_start,
            });
        }
    }
    if is_item {
        // `- |`: a new entry of a list of objects, or an item of a list of ids.
        let object = node_at(schema, &path);
        if object.is_some_and(|o| o.get("properties").is_some()) {
            return Some(Slot::Key {
                path,
                start: word_start,
            });
        }
        let field = path.pop()?;
        return Some(Slot::Value {
            path,
            field,
            start: word_start,
        });
    }
    Some(Slot::Key {
        path,
        start: word_start,
    })
}

/// Completion items for the slot at `offset` of file `file` of `workspace`.
pub fn complete(
    workspace: &Workspace,
    text: &str,
    offset: usize,
    schema: &Value,
    documents: &[String],
    encoding: Encoding,
) -> Vec<CompletionItem> {
    let Some(slot) = slot_at(text, offset, schema) else {
        return Vec::new();
    };
    let index = LineIndex::new(text, encoding);
    let offset = floor_boundary(text, offset);
    let edit_range = |start: usize| Range::new(index.position(start), index.position(offset));
    let item = |label: String, detail: Option<String>, kind, start: usize| CompletionItem {
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            edit_range(start),
            label.clone(),
        ))),
        label,
        detail,
        kind: Some(kind),
        ..CompletionItem::default()
    };
    match slot {
        Slot::Key { path, start } => {
            let Some(properties) = node_at(schema, &path)
                .and_then(|n| n.get("properties"))
                .and_then(Value::as_object)
            else {
                return Vec::new();
            };
            properties
                .iter()
                .map(|(name, property)| {
                    let description = property
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    let mut it = item(name.clone(), description, CompletionItemKind::FIELD, start);
                    if let Some(CompletionTextEdit::Edit(edit)) = &mut it.text_edit {
                        edit.new_text = format!("{name}: ");
                    }
                    it
                })
                .collect()
        }
        Slot::Value { path, field, start } => {
            let section = path.first().map(String::as_str).unwrap_or_default();
            if let Some(kinds) = reference_kinds(section, &field) {
                return ids_of(workspace, kinds)
                    .into_iter()
                    .map(|(id, detail)| {
                        item(id, Some(detail), CompletionItemKind::REFERENCE, start)
                    })
                    .collect();
            }
            let mut field_path = path.clone();
            field_path.push(field.clone());
            if let Some(words) = node_at(schema, &field_path)
                .and_then(|n| n.get("enum"))
                .and_then(Value::as_array)
            {
                return words
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|w| item(w.to_string(), None, CompletionItemKind::ENUM_MEMBER, start))
                    .collect();
            }
            if field == "doc" && path.last().is_some_and(|p| p == "sources") {
                return documents
                    .iter()
                    .map(|d| item(d.clone(), None, CompletionItemKind::FILE, start))
                    .collect();
            }
            Vec::new()
        }
    }
}

/// The defined ids of `kinds`, each with its name, title or text (and an actor's
/// aliases) as detail.
fn ids_of(workspace: &Workspace, kinds: &[IdKind]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for site in workspace
        .ids()
        .iter()
        .filter(|s| s.definition && kinds.contains(&s.kind))
    {
        let mut detail = format!("{}: {}", site.kind.as_str(), site.detail);
        if !site.aliases.is_empty() {
            detail.push_str(&format!(" (also {})", site.aliases.join(", ")));
        }
        out.entry(site.id.clone()).or_insert(detail);
    }
    out
}

/// The schema node of the object or value at `path`, following `$ref`s,
/// optional values and list items.
pub fn node_at<'s>(schema: &'s Value, path: &[String]) -> Option<&'s Value> {
    let mut node = resolve(schema, schema)?;
    for key in path {
        let property = node.get("properties")?.get(key)?;
        node = resolve(schema, property)?;
        if let Some(items) = node.get("items") {
            node = resolve(schema, items)?;
        } else if let Some(variants) = node.get("anyOf").and_then(Value::as_array) {
            // One item or a list: the item.
            node = variants.first()?;
        }
    }
    Some(node)
}

fn resolve<'s>(schema: &'s Value, mut node: &'s Value) -> Option<&'s Value> {
    for _ in 0..16 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference.strip_prefix("#/$defs/")?;
            node = schema.get("$defs")?.get(name)?;
        } else if let Some(variants) = node.get("anyOf").and_then(Value::as_array) {
            let not_null: Vec<&Value> = variants
                .iter()
                .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            match not_null.as_slice() {
                [only] => node = only,
                _ => return Some(node),
            }
        } else {
            return Some(node);
        }
    }
    None
}

/// The keys of the mappings enclosing a line indented by `indent`, outermost
/// first, read from the lines above (`before`) by their indentation.
fn ancestors(before: &str, indent: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut threshold = indent;
    for line in before.lines().rev() {
        if threshold == 0 {
            break;
        }
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let line_indent = line.len() - content.len();
        if line_indent >= threshold {
            continue;
        }
        threshold = line_indent;
        if content.starts_with("- ") || content == "-" {
            continue; // an item of the sequence whose key is further up
        }
        if let Some((key, _)) = content.split_once(':') {
            keys.push(key.trim().to_string());
        }
    }
    keys.reverse();
    keys
}

/// Where the word being typed starts in `line`.
fn word_start_in(line: &str) -> usize {
    line.rfind([' ', '[', '{', ',', ':', '"', '\''])
        .map_or(0, |i| i + 1)
}

/// The byte index of the last `[` or `{` in `body` not closed before its end.
fn unmatched_open(body: &str) -> Option<usize> {
    let mut stack = Vec::new();
    let mut quote: Option<char> = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => stack.push(i),
            (None, ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests;
