//! The record as written: YAML deserialised into structs that keep every span.
//!
//! Nothing is checked here beyond YAML shape. Every field is optional and every
//! keyword is kept as text, so one pass of `validate` can report *all* missing
//! fields, unknown words and dangling references at once, each at its own place.
//! The structs are read from the located tree by `de`, which reports an unknown
//! field (a typo'd name must never be silently dropped) and goes on.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

/// Where a value was written: its byte offset and length in its file (8 bytes, which
/// matters when a large record holds millions of fields; line and column are
/// worked out only for the few places a diagnostic points at).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub offset: u32,
    pub len: u32,
}

/// A value with the place it was written (where it is referenced, for aliases).
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub at: At,
}

/// The struct name by which `Spanned` asks the tree deserializer for a location.
pub const SPANNED: &str = "$stancemap::Spanned";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a located value")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
                // The tree deserializer gives the location first, then the value.
                map.next_key::<IgnoredAny>()?;
                let at: u64 = map.next_value()?;
                map.next_key::<IgnoredAny>()?;
                let value = map.next_value()?;
                Ok(Spanned {
                    value,
                    at: At {
                        offset: (at >> 32) as u32,
                        len: at as u32,
                    },
                })
            }
        }

        deserializer.deserialize_struct(SPANNED, &["at", "value"], SpannedVisitor(PhantomData))
    }
}

pub type Text = Spanned<Str>;

/// A scalar's text as written, shared with every other occurrence of the same
/// text in its file. A large record repeats a few thousand ids, keywords, dates
/// and document names hundreds of thousands of times (every position names an
/// actor, an issue, a stance, a date, a document); one allocation each, rather
/// than one per occurrence, is most of what the raw entries of a file weigh, and
/// they are all alive together before validation (docs/scaling.md, "Memory").
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str(Arc<str>);

impl Str {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[cfg(test)]
    pub fn same_allocation(&self, other: &Str) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// The text shared with its earlier occurrences in the file being read (see
    /// [`sharing`]); a fresh allocation outside a read.
    fn shared(text: &str) -> Str {
        SHARED.with(|shared| match shared.borrow_mut().as_mut() {
            Some(set) => match set.get(text) {
                Some(found) => Str(Arc::clone(found)),
                None => {
                    let new: Arc<str> = Arc::from(text);
                    set.insert(Arc::clone(&new));
                    Str(new)
                }
            },
            None => Str(Arc::from(text)),
        })
    }
}

thread_local! {
    /// The texts read so far in the file this thread is reading, if any.
    static SHARED: RefCell<Option<HashSet<Arc<str>>>> = const { RefCell::new(None) };
}

/// Runs `read` with equal texts shared (see [`Str`]): within one file, read on
/// one thread, so the table is this thread's and is dropped at the end.
pub fn sharing<R>(read: impl FnOnce() -> R) -> R {
    let outer = SHARED.with(|shared| shared.borrow_mut().replace(HashSet::new()));
    let result = read();
    SHARED.with(|shared| *shared.borrow_mut() = outer);
    result
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;

        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str::shared(v))
            }
        }

        deserializer.deserialize_string(StrVisitor)
    }
}

/// What reading a file noted for `validate`, by entry (its offset) and field name:
/// values of the wrong shape, already reported (`"*"`: the whole entry), and nulls.
#[derive(Debug, Default)]
pub struct Marks {
    pub spoiled: HashSet<(u32, &'static str)>,
    pub nulls: HashMap<(u32, &'static str), At>,
}

/// One YAML file of the record.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub actors: Option<Vec<Spanned<RawActor>>>,
    pub issues: Option<Vec<Spanned<RawIssue>>>,
    pub positions: Option<Vec<Spanned<RawPosition>>>,
    pub demands: Option<Vec<Spanned<RawDemand>>>,
    pub concessions: Option<Vec<Spanned<RawConcession>>>,
    pub events: Option<Vec<Spanned<RawEvent>>>,
    /// Filled by the loader after reading, never from the YAML.
    #[serde(skip)]
    pub marks: Marks,
}

impl RawFile {
    /// The documents of one file as one: each section's entries in document order.
    pub fn merge(docs: Vec<RawFile>) -> RawFile {
        fn join<T>(into: &mut Option<Vec<T>>, more: Option<Vec<T>>) {
            if let Some(more) = more {
                into.get_or_insert_with(Vec::new).extend(more);
            }
        }
        let mut out = RawFile::default();
        for doc in docs {
            join(&mut out.actors, doc.actors);
            join(&mut out.issues, doc.issues);
            join(&mut out.positions, doc.positions);
            join(&mut out.demands, doc.demands);
            join(&mut out.concessions, doc.concessions);
            join(&mut out.events, doc.events);
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub doc: Option<Text>,
    pub quote: Option<Text>,
    pub confidence: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub kind: Option<Text>,
    pub aliases: Option<Spanned<TextList>>,
    pub member_of: Option<Spanned<TextList>>,
    pub role: Option<Text>,
    /// Text, not bool: a wrong word then gets `bad-value` with the words to use.
    pub observer: Option<Text>,
    pub notes: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIssue {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub category: Option<Text>,
    pub description: Option<Text>,
    pub parent: Option<Text>,
    pub polarity: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

/// The fields most positions leave out are boxed: a large record holds hundreds
/// of thousands of positions, and an absent boxed field costs 8 bytes, not 32.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    pub id: Option<Box<Text>>,
    pub actor: Option<Text>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub strength: Option<Text>,
    pub summary: Option<Text>,
    pub date: Option<Text>,
    pub conditions: Option<Box<Text>>,
    pub event: Option<Box<Text>>,
    pub notes: Option<Box<Text>>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    pub id: Option<Text>,
    pub by: Option<Text>,
    pub of: Option<Spanned<TextList>>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub text: Option<Text>,
    pub priority: Option<Text>,
    pub status: Option<Text>,
    pub history: Option<Vec<Spanned<RawStatusChange>>>,
    pub date: Option<Text>,
    pub conflicts_with: Option<Spanned<TextList>>,
    pub event: Option<Text>,
    pub notes: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcession {
    pub id: Option<Text>,
    pub by: Option<Text>,
    pub to: Option<Spanned<TextList>>,
    pub issue: Option<Text>,
    pub stance: Option<Text>,
    pub answers: Option<Spanned<TextList>>,
    pub text: Option<Text>,
    pub status: Option<Text>,
    pub history: Option<Vec<Spanned<RawStatusChange>>>,
    pub date: Option<Text>,
    pub event: Option<Text>,
    pub notes: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

/// One entry of a demand's or concession's `history`: a dated change of status.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatusChange {
    pub date: Option<Text>,
    pub status: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: Option<Text>,
    pub kind: Option<Text>,
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub place: Option<Text>,
    pub participants: Option<Spanned<TextList>>,
    pub notes: Option<Text>,
    pub sources: Option<Vec<Spanned<RawSource>>>,
}

/// A field that takes one item or a list (`of: nato` or `of: [nato, eu]`).
#[derive(Debug)]
pub enum TextList {
    /// A single scalar; its location is the enclosing `Spanned`'s.
    One(Str),
    Many(Vec<Text>),
}

impl TextList {
    /// The items with their locations; a single scalar takes the field's location.
    pub fn items(list: &Spanned<TextList>) -> Vec<(&str, At)> {
        match &list.value {
            TextList::One(text) => vec![(text.as_str(), list.at)],
            TextList::Many(items) => items
                .iter()
                .map(|item| (item.value.as_str(), item.at))
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;

        impl<'de> Visitor<'de> for ListVisitor {
            type Value = TextList;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one item or a list of items")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextList, E> {
                Ok(TextList::One(Str::shared(v)))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<TextList, E> {
                Ok(TextList::One(Str::shared(&v.to_string())))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TextList, E> {
                Ok(TextList::One(Str::shared(&v.to_string())))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TextList, E> {
                Ok(TextList::One(Str::shared(&v.to_string())))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<TextList, E> {
                Ok(TextList::One(Str::shared(&v.to_string())))
            }

            fn visit_unit<E: de::Error>(self) -> Result<TextList, E> {
                Ok(TextList::Many(Vec::new()))
            }

            fn visit_none<E: de::Error>(self) -> Result<TextList, E> {
                Ok(TextList::Many(Vec::new()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextList, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element::<Text>()? {
                    items.push(item);
                }
                Ok(TextList::Many(items))
            }
        }

        deserializer.deserialize_any(ListVisitor)
    }
}
