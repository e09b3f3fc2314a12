//! The serde access types the tree deserializer hands out: a sequence's items,
//! a mapping read as a map, a record entry's fields (where unknown, repeated,
//! spoiled and null fields are handled), and the two entries of `Spanned<T>`.
//! Kept apart from the `Deserializer` itself, which decides what each node is.

use super::*;

/// The items of a sequence.
pub(super) struct Items<'w, 't> {
    pub(super) de: NodeDe<'w, 't>,
    pub(super) kids: &'t [u32],
    pub(super) i: usize,
}

impl<'w, 't> Items<'w, 't> {
    pub(super) fn new(de: NodeDe<'w, 't>, node: &Node) -> Self {
        Items {
            de,
            kids: de.w.tree.kids(node),
            i: 0,
        }
    }

    pub(super) fn empty(de: NodeDe<'w, 't>) -> Self {
        Items {
            de,
            kids: &[],
            i: 0,
        }
    }
}

impl<'de, 'w, 't> SeqAccess<'de> for Items<'w, 't> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stop> {
        let Some(&id) = self.kids.get(self.i) else {
            return Ok(None);
        };
        self.i += 1;
        seed.deserialize(NodeDe { w: self.de.w, id }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.kids.len() - self.i)
    }
}

/// The entries of a mapping read as a map (not a struct of known fields).
pub(super) struct Entries<'w, 't> {
    pub(super) de: NodeDe<'w, 't>,
    pub(super) kids: &'t [u32],
    pub(super) i: usize,
}

impl<'w, 't> Entries<'w, 't> {
    pub(super) fn new(de: NodeDe<'w, 't>, node: &Node) -> Self {
        Entries {
            de,
            kids: de.w.tree.kids(node),
            i: 0,
        }
    }

    pub(super) fn empty(de: NodeDe<'w, 't>) -> Self {
        Entries {
            de,
            kids: &[],
            i: 0,
        }
    }
}

impl<'de, 'w, 't> MapAccess<'de> for Entries<'w, 't> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let Some(&id) = self.kids.get(self.i) else {
            return Ok(None);
        };
        seed.deserialize(NodeDe { w: self.de.w, id }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let id = self.kids[self.i + 1];
        self.i += 2;
        seed.deserialize(NodeDe { w: self.de.w, id })
    }
}

/// The fields of a record entry: unknown ones reported and skipped, repeated ones
/// (reported by the tree) skipped, spoiled and null ones marked for `validate`.
pub(super) struct Fields<'w, 't> {
    pub(super) de: NodeDe<'w, 't>,
    pub(super) node: Node,
    pub(super) i: usize,
    pub(super) name: &'static str,
    pub(super) fields: &'static [&'static str],
    pub(super) seen: Vec<bool>,
    pub(super) field: &'static str,
    pub(super) value: u32,
}

impl<'de, 'w, 't> MapAccess<'de> for Fields<'w, 't> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let w = self.de.w;
        let kids = w.tree.kids(&self.node);
        while self.i + 1 < kids.len() {
            let (key, value) = (*w.tree.node(kids[self.i]), kids[self.i + 1]);
            self.i += 2;
            if matches!(key.kind, Kind::Seq | Kind::Map) {
                w.problem(
                    Code::WrongType,
                    &key,
                    "a field name must be a word, not a list or a mapping".into(),
                    "not a field name",
                    "write `field: value`".into(),
                );
                continue;
            }
            let word = w.tree.text(w.text, &key);
            let Some(j) = self.fields.iter().position(|f| *f == word) else {
                let what = if self.name == "RawFile" {
                    "a section of a record file".to_string()
                } else {
                    format!(
                        "a field of {}",
                        entry_name(self.name).split(" (").next().unwrap_or("")
                    )
                };
                let allowed = self.fields.join(", ");
                let hint = match did_you_mean(word, self.fields.iter().copied()) {
                    Some(h) => format!("{h} (allowed here: {allowed})"),
                    None => format!("allowed here: {allowed}"),
                };
                w.problem(
                    Code::UnknownField,
                    &key,
                    format!("`{word}` is not {what}"),
                    "unknown field",
                    hint,
                );
                continue;
            };
            if std::mem::replace(&mut self.seen[j], true) {
                continue; // a duplicate key, reported with the tree
            }
            self.field = self.fields[j];
            self.value = value;
            let value_node = w.tree.node(value);
            if value_node.kind == Kind::Plain && is_null(w.tree.text(w.text, value_node)) {
                w.marks
                    .borrow_mut()
                    .nulls
                    .insert((self.node.offset, self.field), Walk::at(value_node));
            }
            return seed.deserialize(self.field.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let before = self.de.w.spoils.get();
        let value = seed.deserialize(NodeDe {
            w: self.de.w,
            id: self.value,
        })?;
        if self.de.w.spoils.get() != before {
            self.de
                .w
                .marks
                .borrow_mut()
                .spoiled
                .insert((self.node.offset, self.field));
        }
        Ok(value)
    }
}

/// The two entries `Spanned<T>` asks for: where the node is, and its value.
pub(super) struct SpannedAccess<'w, 't> {
    pub(super) de: NodeDe<'w, 't>,
    pub(super) at: Option<u64>,
}

impl<'de, 'w, 't> MapAccess<'de> for SpannedAccess<'w, 't> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let key = if self.at.is_some() { "at" } else { "value" };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        match self.at.take() {
            Some(at) => seed.deserialize(at.into_deserializer()),
            None => seed.deserialize(self.de),
        }
    }
}
