//! What the caller asks the state to keep: the as-of date, the issues, the
//! surest sources, whether people stand apart and whether observers count.
//!
//! Ids are already indices here (the CLI resolves them first), so an unknown id
//! is a usage error before any state is built, never an empty answer.

use crate::model::*;

/// Resolved filters: every id is already an index.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// The issues kept (an issue with its sub-issues), sorted; `None` keeps all.
    pub issues: Option<Vec<IssueIdx>>,
    /// A focus rather than a filter: answers keep the rows that involve this
    /// party, but the state is built for everyone (a conflict needs both sides).
    pub actor: Option<ActorIdx>,
    pub category: Option<Category>,
    pub as_of: Option<Date>,
    /// With `as_of`: keep only what is dated wholly before it (a claim or a
    /// status change whose interval ends before the as-of date starts). `diff`
    /// builds its baseline so, leaving whatever overlaps its window to the window.
    pub strictly_before: bool,
    pub min_confidence: Option<Confidence>,
    /// Keep people apart from the party they belong to.
    pub people: bool,
    /// Count analysts and other observers as parties.
    pub include_observers: bool,
}

impl Filter {
    pub(crate) fn keeps_issue(&self, record: &Record, issue: IssueIdx) -> bool {
        self.issues
            .as_ref()
            .is_none_or(|list| list.binary_search(&issue).is_ok())
            && self
                .category
                .is_none_or(|c| record.issue(issue).category == c)
    }

    /// A claim is known at the as-of date when its date starts on or before it
    /// (ends before it, with `strictly_before`).
    pub(crate) fn keeps_date(&self, date: Date) -> bool {
        self.as_of
            .is_none_or(|limit| super::lifecycle::known(date, limit, self.strictly_before))
    }

    /// A claim without sources has no confidence at all, so any minimum drops it.
    pub(crate) fn keeps_sources(&self, sources: &[Source]) -> bool {
        match self.min_confidence {
            None => true,
            Some(min) => sources.iter().map(|s| s.confidence).max() >= Some(min),
        }
    }

    /// Everything a claim must pass to be seen at all.
    pub(crate) fn keeps_claim(
        &self,
        record: &Record,
        issue: IssueIdx,
        date: Date,
        sources: &[Source],
    ) -> bool {
        self.keeps_issue(record, issue) && self.keeps_date(date) && self.keeps_sources(sources)
    }
}
