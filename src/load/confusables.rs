//! The `confusable-names` rule: two actors whose names or aliases look the same
//! but are different text — `Ѕergey` with a Cyrillic `Ѕ` beside `Sergey`, or an
//! `é` written as one character in one file and as `e` + accent in another.
//! Lookups compare text, so the two never meet; on a map or in a table they read
//! as one. Names are compared by Unicode's confusable skeleton (UTS #39) of their
//! NFC form, case-folded; a pair with the same skeleton but different text is a
//! warning at the later one.

use super::raw::{At, RawActor, Spanned, TextList};
use crate::diagnostic::{Code, Diagnostic, Location};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// One name or alias of an actor, where it is written.
pub struct Name<'a> {
    pub actor: &'a str,
    pub text: &'a str,
    pub location: Location,
}

fn fold(text: &str) -> String {
    text.trim().nfc().collect::<String>().to_lowercase()
}

/// The rule over the record's actors (`loc` turns a place in a file into a location).
pub(super) fn check_actors(
    actors: &[(usize, &Spanned<RawActor>)],
    loc: impl Fn(usize, &At) -> Location,
) -> Vec<Diagnostic> {
    let mut names = Vec::new();
    for (file, entry) in actors {
        let Some(id) = &entry.value.id else { continue };
        if let Some(n) = &entry.value.name {
            names.push(Name {
                actor: id.value.trim(),
                text: &n.value,
                location: loc(*file, &n.at),
            });
        }
        for (alias, at) in entry
            .value
            .aliases
            .as_ref()
            .map(TextList::items)
            .unwrap_or_default()
        {
            names.push(Name {
                actor: id.value.trim(),
                text: alias,
                location: loc(*file, &at),
            });
        }
    }
    check(names)
}

/// Warnings for names of different actors (or of one actor) that are confusable.
pub fn check(names: Vec<Name<'_>>) -> Vec<Diagnostic> {
    // skeleton → the distinct written forms seen, with their first place.
    let mut seen: BTreeMap<String, Vec<(String, &Name)>> = BTreeMap::new();
    let mut out = Vec::new();
    for name in &names {
        let folded = name.text.trim().to_lowercase();
        let key: String = skeleton(&fold(name.text))
            .collect::<String>()
            .to_lowercase();
        let forms = seen.entry(key).or_default();
        if forms.iter().any(|(f, _)| *f == folded) {
            continue; // the same text: `ambiguous-name`'s concern, not this rule's
        }
        if let Some((_, first)) = forms.first() {
            let how = if fold(first.text) == fold(name.text) {
                "the same letters composed differently (NFC vs NFD)"
            } else {
                "look-alike characters from another script"
            };
            out.push(
                Diagnostic::new(
                    Code::ConfusableNames,
                    Some(name.location.clone()),
                    format!(
                        "`{}` of actor `{}` looks like `{}` of actor `{}` but is different text: {how}",
                        name.text.escape_debug(),
                        name.actor,
                        first.text.escape_debug(),
                        first.actor
                    ),
                )
                .label("looks the same, is not")
                .related(first.location.clone(), "the look-alike")
                .hint("retype the name in one script (and NFC), or make the difference visible if both are meant"),
            );
        }
        forms.push((folded, name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<'a>(actor: &'a str, text: &'a str) -> Name<'a> {
        Name {
            actor,
            text,
            location: Location {
                file: 0,
                range: 0..0,
                line: 1,
                column: 1,
            },
        }
    }

    #[test]
    fn cyrillic_and_nfd_lookalikes_are_warned_plain_names_are_not() {
        let d = check(vec![name("a", "Sergey"), name("b", "\u{405}ergey")]);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("another script"), "{}", d[0].message);
        let d = check(vec![name("a", "Bogotá"), name("b", "Bogota\u{301}")]);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("NFC"), "{}", d[0].message);
        assert!(check(vec![
            name("a", "Russia"),
            name("b", "Ukraine"),
            name("c", "russia")
        ])
        .is_empty());
    }
}
