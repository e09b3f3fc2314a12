//! Problems found in a user's record.
//!
//! Problems in the data are not Rust errors: `check` collects every one of them,
//! each with a stable kebab-case code, a location (file, byte range, line, column),
//! a message, and a hint saying what to do. Codes are part of the interface —
//! scripts filter on them — so they never change meaning once released.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Defines the diagnostic codes with their spelling, severity and description.
macro_rules! codes {
    ($($variant:ident => $text:literal, $severity:ident, $description:literal;)+) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($variant),+
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text),+ }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),+ }
            }

            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description),+ }
            }
        }
    };
}

codes! {
    YamlSyntax => "yaml-syntax", Error, "The file is not well-formed YAML (tabs for indentation, an unclosed bracket or quote, …).";
    DuplicateKey => "duplicate-key", Error, "A mapping has the same key twice; YAML tools that keep the last one silently lose data.";
    UnknownField => "unknown-field", Error, "A field the record format does not have, usually a typo.";
    WrongType => "wrong-type", Error, "A value of the wrong shape: a list where text is expected, a mapping where a list is expected, …";
    MissingField => "missing-field", Error, "A required field is absent or empty.";
    BadValue => "bad-value", Error, "A keyword field holds a word outside its vocabulary (stance, strength, kind, …).";
    BadId => "bad-id", Error, "An id is not a lowercase slug of letters, digits and `-`.";
    DuplicateId => "duplicate-id", Error, "Two entries of one section share an id.";
    BadDate => "bad-date", Error, "A date is not ISO 8601 (YYYY-MM-DD or YYYY-MM) or does not exist.";
    UnknownActor => "unknown-actor", Error, "A reference to an actor id that no actor has.";
    UnknownIssue => "unknown-issue", Error, "A reference to an issue id that no issue has.";
    UnknownDemand => "unknown-demand", Error, "`answers` names a demand id that no demand has.";
    UnknownEvent => "unknown-event", Error, "`event` names an event id that no event has.";
    UnknownClaim => "unknown-claim", Error, "`conflicts_with` names an id that is neither a demand nor a position id.";
    SelfDemand => "self-demand", Error, "A demand is addressed to the actor who makes it.";
    SelfConcession => "self-concession", Error, "A concession is given to the actor who makes it.";
    DuplicatePosition => "duplicate-position", Warning, "The same actor, issue, date and stance are recorded twice; merge their sources into one entry.";
    IssueCycle => "issue-cycle", Error, "Issues are their own ancestors through `parent`.";
    MembershipCycle => "membership-cycle", Error, "Actors are members of themselves through `member_of`.";
    MissingSource => "missing-source", Warning, "A claim cites no source; the record cannot show where it comes from.";
    AmbiguousName => "ambiguous-name", Warning, "Two actors share a name or alias, so looking one up by it is ambiguous.";
    ConfusableNames => "confusable-names", Warning, "Two names or aliases look the same but are different text (look-alike letters from another script, or NFC vs NFD).";
    AnswerMismatch => "answer-mismatch", Warning, "A concession answers a demand on another issue, or one not addressed to the conceder.";
    HistoryOutOfOrder => "history-out-of-order", Error, "A status `history` is not in strictly increasing date order; each entry is a later change.";
    HistoryBeforeClaim => "history-before-claim", Error, "A status `history` entry is dated before the demand or concession itself.";
    HistoryStatusMismatch => "history-status-mismatch", Error, "The last status in `history` differs from the claim's `status`, which is where it stands now.";
    AnswerBeforeDemand => "answer-before-demand", Warning, "A concession is dated (its interval starts) before a demand it `answers`; that answer is not counted.";
    PolarityWithoutParent => "polarity-without-parent", Error, "An issue has `polarity` but no `parent`; polarity says how a sub-issue reads on its parent.";
    ContradictoryClaims => "contradictory-claims", Warning, "One party (its people folded in) states opposite directions on one issue at one date.";
    QuoteNotFound => "quote-not-found", Error, "With --sources: a quote does not occur in the document it cites.";
    MissingDocument => "missing-document", Error, "With --sources: a cited document is not in the sources directory.";
    UnsafeDocument => "unsafe-document", Error, "With --sources: a cited document is not a regular file inside the sources directory (a link, pipe, device or folder), is larger than --max-source-size, or cannot be read.";
    InvalidUtf8 => "invalid-utf8", Error, "A record file is not UTF-8 text.";
    LimitExceeded => "limit-exceeded", Error, "A file or the record is past a limit (size, nesting depth, aliases, YAML nodes, files, claims); the message names the --max-… flag that raises it.";
    EmptyFile => "empty-file", Warning, "A record file holds no sections.";
    EmptyRecord => "empty-record", Error, "The record directory holds no YAML files.";
    IgnoredFile => "ignored-file", Warning, "A file in the record directory is not YAML (.yaml/.yml) and was skipped.";
}

/// A location in one of the loaded files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Index into the loader's file list.
    pub file: usize,
    /// Byte range in that file's text, for underlining.
    pub range: Range<usize>,
    /// 1-based line and column (columns count characters).
    pub line: usize,
    pub column: usize,
}

/// A secondary location with its own label ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub location: Location,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// `None` only for problems with no place in a file (an empty directory).
    pub location: Option<Location>,
    /// The short text printed under the caret.
    pub label: String,
    pub hint: Option<String>,
    pub related: Vec<Note>,
}

impl Diagnostic {
    pub fn new(code: Code, location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            location,
            label: String::new(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        if hint.is_some() {
            self.hint = hint;
        }
        self
    }

    pub fn related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push(Note {
            location,
            label: label.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// "did you mean `x`?" for the closest of `candidates` to `wrong`, if any is close.
/// For many look-ups among the same candidates, prepare them once with
/// [`Suggestions::new`].
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    Suggestions::new(candidates).suggest(wrong)
}

/// Candidates for "did you mean", prepared once for any number of look-ups.
///
/// Each look-up does bounded work, whatever the record's size or the typo's
/// length (a 200,000-character typo once took seconds against every id): the typo
/// is compared only up to [`Suggestions::MAX_TYPO`] characters, only with
/// candidates whose length differs from it by at most a third (at least 3), and
/// with at most [`Suggestions::MAX_COMPARED`] of them, nearest in length first.
/// A typo is a slip of a few characters, so the cut-offs lose no useful hint.
#[derive(Debug, Default, Clone)]
pub struct Suggestions {
    /// (lowercased, as written), sorted: completions are one range of it.
    by_text: Vec<(String, String)>,
    /// (length in characters, index into `by_text`), sorted.
    by_len: Vec<(u32, u32)>,
}

impl Suggestions {
    /// Typos longer than this many characters get no edit-distance suggestion.
    pub const MAX_TYPO: usize = 64;
    /// Most candidates one look-up compares (or scans for a completion).
    pub const MAX_COMPARED: usize = 256;

    pub fn new<S: AsRef<str>>(candidates: impl IntoIterator<Item = S>) -> Suggestions {
        let mut by_text: Vec<(String, String)> = candidates
            .into_iter()
            .map(|c| (c.as_ref().to_lowercase(), c.as_ref().to_string()))
            .collect();
        by_text.sort();
        by_text.dedup();
        let mut by_len: Vec<(u32, u32)> = by_text
            .iter()
            .enumerate()
            .map(|(i, (lower, _))| (lower.chars().count() as u32, i as u32))
            .collect();
        by_len.sort();
        Suggestions { by_text, by_len }
    }

    /// The hint for `wrong`, if a candidate is close.
    pub fn suggest(&self, wrong: &str) -> Option<String> {
        self.closest(wrong)
            .map(|candidate| format!("did you mean `{candidate}`?"))
    }

    /// The closest candidate to `wrong`, as written.
    pub fn closest(&self, wrong: &str) -> Option<&str> {
        // Only a prefix can matter: a completion must start with the typo, and
        // a typo past MAX_TYPO characters gets no edit-distance match.
        let cut = wrong
            .char_indices()
            .nth(Self::MAX_TYPO)
            .map_or(wrong.len(), |(i, _)| i);
        let typo = wrong[..cut].to_lowercase();
        let long = cut < wrong.len();
        self.completion(&typo, long, wrong)
            .or_else(|| if long { None } else { self.nearest(&typo) })
    }

    /// A shortened id (`ukraine-nato` for `ukraine-nato-membership`) is the
    /// likeliest slip, and edit distance ranks it below ids of the same length:
    /// the shortest candidate that starts with the typo (then the first by text).
    fn completion(&self, typo: &str, long: bool, wrong: &str) -> Option<&str> {
        if typo.chars().count() < 3 {
            return None;
        }
        let from = self.by_text.partition_point(|(c, _)| c.as_str() < typo);
        let full = long.then(|| wrong.to_lowercase());
        self.by_text[from..]
            .iter()
            .take_while(|(c, _)| c.starts_with(typo))
            .take(Self::MAX_COMPARED)
            .inspect(|_| crate::work::tick(1))
            .filter(|(c, _)| full.as_deref().is_none_or(|f| c.starts_with(f)))
            .map(|(_, original)| original.as_str())
            .min_by_key(|c| (c.len(), *c))
    }

    /// The best Jaro–Winkler match of at least 0.8 among candidates of a
    /// similar length, nearest in length first; ties go to the alphabetically
    /// first, so hints are deterministic.
    fn nearest(&self, typo: &str) -> Option<&str> {
        let len = typo.chars().count() as u32;
        let spread = (len / 3).max(3);
        let lo = self
            .by_len
            .partition_point(|&(l, _)| l < len.saturating_sub(spread));
        let hi = self.by_len.partition_point(|&(l, _)| l <= len + spread);
        let window = &self.by_len[lo..hi];
        // Walk outwards from the typo's own length: the nearest lengths first.
        let mid = window.partition_point(|&(l, _)| l < len);
        let (mut left, mut right) = (mid, mid);
        let mut best: Option<(f64, &str)> = None;
        for _ in 0..Self::MAX_COMPARED.min(window.len()) {
            let take_right = if right < window.len()
                && (left == 0 || window[right].0 - len <= len - window[left - 1].0)
            {
                true
            } else if left > 0 {
                false
            } else {
                break;
            };
            let at = if take_right {
                right += 1;
                window[right - 1].1
            } else {
                left -= 1;
                window[left].1
            };
            let (lower, original) = &self.by_text[at as usize];
            crate::work::tick(1);
            let score = strsim::jaro_winkler(typo, lower);
            let better = match best {
                None => true,
                Some((s, c)) => score > s || (score == s && original.as_str() < c),
            };
            if better {
                best = Some((score, original));
            }
        }
        match best {
            Some((score, candidate)) if score >= 0.8 => Some(candidate),
            _ => None,
        }
    }
}

/// The replacement a "did you mean" hint proposes, for editors' quick fixes.
pub fn suggested_replacement(hint: &str) -> Option<&str> {
    let rest = hint.strip_prefix("did you mean `")?;
    let end = rest.find("`?")?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_shortened_id_suggests_its_completion() {
        let ids = [
            "ukraine-denazification",
            "ukraine-nato-membership",
            "russia",
        ];
        assert_eq!(
            did_you_mean("ukraine-nato", ids).as_deref(),
            Some("did you mean `ukraine-nato-membership`?")
        );
        assert_eq!(
            did_you_mean("rusia", ids).as_deref(),
            Some("did you mean `russia`?")
        );
        assert_eq!(did_you_mean("zz", ids), None);
        let hint = did_you_mean("rusia", ids).unwrap();
        assert_eq!(suggested_replacement(&hint), Some("russia"));
        assert_eq!(suggested_replacement("define the actor first"), None);
    }

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "code {text} defined twice");
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{text}"
            );
            assert!(!code.description().is_empty());
        }
    }

    #[test]
    fn near_miss_gets_a_suggestion() {
        let ids = ["russia", "ukraine", "united-states"];
        assert_eq!(
            did_you_mean("rusia", ids).as_deref(),
            Some("did you mean `russia`?")
        );
        assert_eq!(did_you_mean("qqqq", ids), None);
    }
}
