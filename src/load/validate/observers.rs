//! Who watches rather than negotiates.
//!
//! An actor marked `observer: true` (a newspaper, a scholar) comments on the
//! negotiation without being a party to it; an `analyst` is one by its kind. The
//! model answers [`crate::model::Actor::is_observer`] and
//! [`crate::model::Record::is_party`]; this file reads the field.

use super::{Code, Diagnostic, Validator};
use crate::load::raw::RawActor;

impl Validator<'_> {
    /// The actor's `observer:` flag (false when absent); `None` after reporting a
    /// word that is not `true` or `false`.
    pub(super) fn observer(&mut self, file: usize, raw: &RawActor) -> Option<bool> {
        let Some(text) = &raw.observer else {
            return Some(false);
        };
        match text.value.trim() {
            "true" => Some(true),
            "false" => Some(false),
            word => {
                let location = self.loc(file, &text.at);
                self.report(
                    Diagnostic::new(
                        Code::BadValue,
                        Some(location),
                        format!("`{word}` is not a valid observer flag"),
                    )
                    .label("not true or false")
                    .hint("observer is true (the actor comments but is no party) or false"),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::located;

    #[test]
    fn analysts_and_marked_observers_are_no_parties() {
        let text = "  - {id: nyt, name: The New York Times, kind: organisation, observer: true, sources: [{doc: d.txt, quote: q}]}\n  - {id: reporter, name: A Reporter, kind: person, member_of: [nyt], sources: [{doc: d.txt, quote: q}]}\n  - {id: nato-org, name: NATO, kind: organisation, observer: false, sources: [{doc: d.txt, quote: q}]}\n"
            .to_string();
        // The base text ends in `issues:`: the actors go in a file of their own.
        let loaded = crate::load::load_texts(
            [
                (
                    "r.yaml".to_string(),
                    super::super::test_support::BASE.to_string(),
                ),
                ("s.yaml".to_string(), format!("actors:\n{text}")),
            ],
            &crate::load::Limits::default(),
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", located(&loaded));
        let record = loaded.record.expect("valid");
        let id = |s| record.find_actor(s).unwrap();
        assert!(record.actor(id("korybko")).is_observer(), "analyst by kind");
        assert!(record.actor(id("nyt")).is_observer(), "marked");
        assert!(!record.actor(id("nato-org")).is_observer());
        assert!(!record.is_party(id("korybko")));
        assert!(!record.is_party(id("nyt")));
        assert!(
            !record.is_party(id("reporter")),
            "a person speaks for an observer"
        );
        assert!(record.is_party(id("lavrov")));
        assert!(record.is_party(id("russia")));
    }

    #[test]
    fn observer_takes_a_boolean() {
        let loaded = crate::load::load_texts(
            [(
                "s.yaml".to_string(),
                "actors:\n  - {id: nyt, name: NYT, kind: organisation, observer: maybe, sources: [{doc: d.txt, quote: q}]}\n".to_string(),
            )],
            &crate::load::Limits::default(),
        );
        assert_eq!(located(&loaded), ["bad-value@s.yaml:2:56"]);
        assert!(loaded.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("true"));
    }
}
