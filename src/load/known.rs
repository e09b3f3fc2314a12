//! The ids and names a record defines, read from the raw files even when the
//! record has errors: `new --append` checks a new entry's references against
//! them, so an analyst can add the very entry an error is missing.

use super::raw::{RawFile, Spanned, TextList};

/// An actor as far as lookups need it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KnownActor {
    pub id: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
}

/// Every id defined in the record, per section, in reading order.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Known {
    pub actors: Vec<KnownActor>,
    pub issues: Vec<String>,
    pub positions: Vec<String>,
    pub demands: Vec<String>,
    pub concessions: Vec<String>,
    pub events: Vec<String>,
}

fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Known {
    pub(super) fn collect<'a>(files: impl IntoIterator<Item = &'a RawFile>) -> Known {
        fn ids<T>(
            out: &mut Vec<String>,
            section: &Option<Vec<Spanned<T>>>,
            id: impl Fn(&T) -> Option<&str>,
        ) {
            out.extend(
                section
                    .iter()
                    .flatten()
                    .filter_map(|e| id(&e.value))
                    .map(|s| s.trim().to_string()),
            );
        }
        let mut k = Known::default();
        for raw in files {
            for a in raw.actors.iter().flatten() {
                let Some(id) = &a.value.id else { continue };
                let aliases = a
                    .value
                    .aliases
                    .as_ref()
                    .map(|l| {
                        TextList::items(l)
                            .into_iter()
                            .map(|(s, _)| s.to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                k.actors.push(KnownActor {
                    id: id.value.trim().to_string(),
                    name: a.value.name.as_ref().map(|n| n.value.to_string()),
                    aliases,
                });
            }
            ids(&mut k.issues, &raw.issues, |i| {
                i.id.as_ref().map(|t| t.value.as_str())
            });
            ids(&mut k.positions, &raw.positions, |p| {
                p.id.as_ref().map(|t| t.value.as_str())
            });
            ids(&mut k.demands, &raw.demands, |d| {
                d.id.as_ref().map(|t| t.value.as_str())
            });
            ids(&mut k.concessions, &raw.concessions, |c| {
                c.id.as_ref().map(|t| t.value.as_str())
            });
            ids(&mut k.events, &raw.events, |e| {
                e.id.as_ref().map(|t| t.value.as_str())
            });
        }
        k
    }

    /// An actor's id by id, name or alias, ignoring case (ids win over names,
    /// names over aliases, as in the model).
    pub fn find_actor(&self, name: &str) -> Option<&str> {
        let key = fold(name);
        let by = |f: &dyn Fn(&KnownActor) -> bool| self.actors.iter().find(|a| f(a));
        by(&|a| fold(&a.id) == key)
            .or_else(|| by(&|a| a.name.as_deref().is_some_and(|n| fold(n) == key)))
            .or_else(|| by(&|a| a.aliases.iter().any(|x| fold(x) == key)))
            .map(|a| a.id.as_str())
    }

    /// Every name an actor may be called by (case-folded, as lookups compare
    /// them), for "did you mean".
    pub fn actor_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .actors
            .iter()
            .flat_map(|a| {
                std::iter::once(a.id.as_str())
                    .chain(a.name.as_deref())
                    .chain(a.aliases.iter().map(String::as_str))
            })
            .map(fold)
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// An issue's id, ignoring case.
    pub fn find_issue(&self, id: &str) -> Option<&str> {
        let key = fold(id);
        self.issues
            .iter()
            .find(|i| fold(i) == key)
            .map(String::as_str)
    }
}
