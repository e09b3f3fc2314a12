//! A sub-issue's `polarity`: how its proposition reads on its parent's.
//!
//! Only a sub-issue has a parent to relate to, so `polarity` on a top-level issue
//! is an error rather than a silently ignored word: the analyst meant something.

use super::{Code, Diagnostic, Polarity, Validator};
use crate::load::raw::RawIssue;

impl Validator<'_> {
    /// The issue's polarity (`same` when absent); `None` after reporting a problem.
    pub(super) fn polarity(&mut self, file: usize, raw: &RawIssue) -> Option<Polarity> {
        let Some(text) = &raw.polarity else {
            return Some(Polarity::Same);
        };
        let polarity = self.keyword(file, text, "polarity")?;
        if raw.parent.is_none() {
            let location = self.loc(file, &text.at);
            self.report(
                Diagnostic::new(
                    Code::PolarityWithoutParent,
                    Some(location),
                    "this issue has a `polarity` but no `parent`",
                )
                .label("polarity of what?")
                .hint("`polarity` says how a sub-issue reads on its parent: add `parent:`, or remove `polarity:`"),
            );
            return None;
        }
        Some(polarity)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, load, located};
    use crate::model::{IssueIdx, Polarity};

    #[test]
    fn polarity_multiplies_along_the_parent_chain() {
        let text = "  - {id: crimea, title: Crimea stays Russian, category: territory, parent: land, polarity: opposite}\n  - {id: crimea-bridge, title: The Kerch bridge stays open, category: territory, parent: crimea, polarity: opposite}\n  - {id: donbas, title: Donbas returns to Ukraine, category: territory, parent: land}\n";
        let loaded = load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", located(&loaded));
        let record = loaded.record.expect("valid");
        let id = |s| record.find_issue(s).unwrap();
        assert_eq!(record.issue(id("crimea")).polarity, Polarity::Opposite);
        assert_eq!(
            record.polarity_to(id("crimea"), id("land")),
            Some(Polarity::Opposite)
        );
        assert_eq!(
            record.polarity_to(id("crimea-bridge"), id("crimea")),
            Some(Polarity::Opposite)
        );
        assert_eq!(
            record.polarity_to(id("crimea-bridge"), id("land")),
            Some(Polarity::Same)
        );
        assert_eq!(
            record.polarity_to(id("donbas"), id("land")),
            Some(Polarity::Same)
        );
        assert_eq!(
            record.polarity_to(id("land"), id("land")),
            Some(Polarity::Same)
        );
        assert_eq!(record.polarity_to(id("land"), id("crimea")), None);
        assert_eq!(
            record.polarity_to(id("donbas"), IssueIdx(99).min(id("nato"))),
            None
        );
    }

    #[test]
    fn polarity_without_a_parent_is_a_located_error() {
        let text = "  - {id: crimea, title: Crimea stays Russian, category: territory, polarity: opposite}\n";
        let loaded = load(text);
        assert!(loaded.record.is_none());
        assert_eq!(
            located(&loaded),
            vec![format!(
                "polarity-without-parent@{}",
                at(text, "id: crimea", "opposite")
            )]
        );
    }

    #[test]
    fn an_unknown_polarity_suggests_the_words() {
        let text = "  - {id: crimea, title: Crimea stays Russian, category: territory, parent: land, polarity: oposite}\n";
        let loaded = load(text);
        assert_eq!(
            located(&loaded),
            vec![format!("bad-value@{}", at(text, "id: crimea", "oposite"))]
        );
        assert!(loaded.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("same, opposite"));
    }
}
