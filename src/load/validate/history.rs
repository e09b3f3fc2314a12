//! A demand's or concession's `history`: dated changes of status.
//!
//! Each entry is converted like a claim's own fields (date, keyword, sources) and
//! then the list is checked as a whole: strictly increasing dates, none before the
//! claim's date, and the last status equal to the claim's `status`, which is where
//! the claim stands now. The model's `status_at` relies on all three.

use super::{At, Code, Date, Diagnostic, Keyword, Spanned, StatusChange, Validator};
use crate::load::raw::RawStatusChange;
use std::fmt::Display;

impl Validator<'_> {
    /// Converts and checks `history`; `None` when an entry could not be converted
    /// (each problem reported). `date` and `status` are the claim's, when valid.
    pub(super) fn history<S: Keyword + PartialEq + Display>(
        &mut self,
        file: usize,
        what: &str,
        raw: &Option<Vec<Spanned<RawStatusChange>>>,
        date: Option<Date>,
        status: Option<(S, At)>,
    ) -> Option<Vec<StatusChange<S>>> {
        let Some(raw) = raw else {
            return Some(Vec::new());
        };
        let mut out = Vec::with_capacity(raw.len());
        let mut located = Vec::with_capacity(raw.len());
        let mut ok = true;
        for entry in raw {
            let at = &entry.at;
            let change_date = self.date(file, at, "history entry", &entry.value.date);
            let change_status: Option<S> =
                self.required_keyword(file, at, "history entry", "status", &entry.value.status);
            let sources = self.sources(file, at, "status change", &entry.value.sources, true);
            match (change_date, change_status, sources) {
                (Some(date), Some(status), Some(sources)) => {
                    let date_at = entry.value.date.as_ref().map_or(*at, |d| d.at);
                    out.push(StatusChange {
                        date,
                        status,
                        sources,
                    });
                    located.push((date_at, entry.at));
                }
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        self.check_history_order(file, what, &out, &located, date);
        if let (Some(last), Some((status, status_at))) = (out.last(), status) {
            if last.status != status {
                let entry_at = located.last().map_or(status_at, |l| l.1);
                let location = self.loc(file, &entry_at);
                let d = Diagnostic::new(
                    Code::HistoryStatusMismatch,
                    Some(location),
                    format!(
                        "this {what}'s history ends with `{}` but its status is `{status}`",
                        last.status
                    ),
                )
                .label("last change")
                .hint(format!(
                    "`status:` is where the {what} stands now: make it `{}`, or add the later change that led to `{status}`",
                    last.status
                ))
                .related(self.loc(file, &status_at), "current status");
                self.report(d);
            }
        }
        Some(out)
    }

    fn check_history_order<S>(
        &mut self,
        file: usize,
        what: &str,
        changes: &[StatusChange<S>],
        located: &[(At, At)],
        claim_date: Option<Date>,
    ) {
        for (i, change) in changes.iter().enumerate() {
            let at = located[i].0;
            if let Some(claim_date) = claim_date {
                if change.date < claim_date {
                    let location = self.loc(file, &at);
                    self.report(
                        Diagnostic::new(
                            Code::HistoryBeforeClaim,
                            Some(location),
                            format!(
                                "this status change ({}) is dated before the {what} itself ({claim_date})",
                                change.date
                            ),
                        )
                        .label("before the claim")
                        .hint(format!(
                            "a change happens on or after the {what}'s `date`; fix the date, or move the {what}'s `date` back to when it was first made"
                        )),
                    );
                    continue;
                }
            }
            if i > 0 && change.date <= changes[i - 1].date {
                let location = self.loc(file, &at);
                let d = Diagnostic::new(
                    Code::HistoryOutOfOrder,
                    Some(location),
                    format!(
                        "this status change ({}) is not later than the one before it ({})",
                        change.date,
                        changes[i - 1].date
                    ),
                )
                .label("out of order")
                .hint("list the changes oldest first, one per date (a month-precision date sorts before the days of its month)")
                .related(self.loc(file, &located[i - 1].0), "previous change");
                self.report(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, load, located};
    use crate::model::{ConcessionStatus, Date, DemandStatus, Transition};

    const SRC: &str = "sources: [{doc: d.txt, quote: q}]";

    fn demand(status: &str, history: &str) -> String {
        format!(
            "demands:\n  - id: d1\n    by: russia\n    of: [ukraine]\n    issue: land\n    stance: oppose\n    text: t\n    priority: core\n    status: {status}\n    date: 2025-02-10\n    {SRC}\n    history:\n{history}"
        )
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn as_of_before_a_dated_rejection_shows_the_demand_open() {
        let text = demand(
            "rejected",
            &format!("      - {{date: 2025-02-20, status: rejected, {SRC}}}\n"),
        );
        let loaded = load(&text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", located(&loaded));
        let record = loaded.record.expect("valid");
        let demand = &record.demands[0];
        assert_eq!(demand.status_at(d("2025-02-09")), None);
        assert_eq!(demand.status_at(d("2025-02-10")), Some(DemandStatus::Open));
        assert_eq!(demand.status_at(d("2025-02-19")), Some(DemandStatus::Open));
        assert!(demand.is_open_at(d("2025-02-19")));
        assert_eq!(
            demand.status_at(d("2025-02-20")),
            Some(DemandStatus::Rejected)
        );
        // A month as-of date means "by the end of February".
        assert_eq!(demand.status_at(d("2025-02")), Some(DemandStatus::Rejected));
        assert_eq!(
            demand.transitions(),
            vec![Transition {
                date: d("2025-02-20"),
                from: DemandStatus::Open,
                to: DemandStatus::Rejected
            }]
        );
    }

    #[test]
    fn without_history_the_status_holds_from_the_claims_date() {
        let loaded = load(&demand("met", "").replace("    history:\n", ""));
        let record = loaded.record.expect("valid");
        assert_eq!(
            record.demands[0].status_at(d("2025-02-10")),
            Some(DemandStatus::Met)
        );
        assert!(record.demands[0].transitions().is_empty());
    }

    #[test]
    fn a_first_change_on_the_claims_date_sets_its_first_status() {
        let text = "concessions:\n  - id: c1\n    by: ukraine\n    to: [russia]\n    issue: land\n    text: t\n    status: withdrawn\n    date: 2025-03\n    sources: [{doc: d.txt, quote: q}]\n    history:\n      - {date: 2025-03, status: made, sources: [{doc: d.txt, quote: q}]}\n      - {date: 2025-04-02, status: withdrawn, sources: [{doc: d.txt, quote: q}]}\n";
        let loaded = load(text);
        let record = loaded.record.expect("valid");
        let c = &record.concessions[0];
        assert_eq!(c.initial_status(), ConcessionStatus::Made);
        assert_eq!(c.status_at(d("2025-03-01")), Some(ConcessionStatus::Made));
        assert_eq!(
            c.status_at(d("2025-04-02")),
            Some(ConcessionStatus::Withdrawn)
        );
        assert_eq!(c.transitions().len(), 1);
    }

    #[test]
    fn out_of_order_changes_are_located() {
        let text = demand(
            "met",
            &format!(
                "      - {{date: 2025-03-01, status: rejected, {SRC}}}\n      - {{date: 2025-02-20, status: met, {SRC}}}\n"
            ),
        );
        let loaded = load(&text);
        assert!(loaded.record.is_none());
        assert_eq!(
            located(&loaded),
            vec![format!(
                "history-out-of-order@{}",
                at(&text, "2025-02-20, status: met", "2025-02-20")
            )]
        );
        let diagnostic = &loaded.diagnostics[0];
        assert!(diagnostic.hint.as_deref().unwrap().contains("oldest first"));
        assert_eq!(diagnostic.related.len(), 1);
    }

    #[test]
    fn a_change_before_the_claim_is_located() {
        let text = demand(
            "rejected",
            &format!("      - {{date: 2025-02, status: rejected, {SRC}}}\n"),
        );
        let loaded = load(&text);
        assert_eq!(
            located(&loaded),
            vec![format!(
                "history-before-claim@{}",
                at(&text, "{date: 2025-02,", "2025-02")
            )]
        );
    }

    #[test]
    fn a_history_ending_elsewhere_than_the_status_is_located() {
        let text = demand(
            "open",
            &format!("      - {{date: 2025-02-20, status: rejected, {SRC}}}\n"),
        );
        let loaded = load(&text);
        assert_eq!(
            located(&loaded),
            vec![format!(
                "history-status-mismatch@{}",
                at(&text, "{date: 2025-02-20", "{date")
            )]
        );
        assert!(loaded.diagnostics[0]
            .message
            .contains("ends with `rejected` but its status is `open`"));
    }

    #[test]
    fn an_entry_without_a_status_or_source_is_reported() {
        let text = demand("open", "      - {date: 2025-02-20}\n");
        let codes: Vec<String> = located(&load(&text))
            .into_iter()
            .map(|c| c.split('@').next().unwrap().to_string())
            .collect();
        assert_eq!(codes, ["missing-field", "missing-source"]);
    }
}
