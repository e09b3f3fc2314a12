//! Answers must not come before the question.
//!
//! A concession whose date starts before the start of a demand it `answers` may
//! predate that demand, so it cannot be shown to answer it. The answer is moved from
//! `answers` to `answers_too_early` with an `answer-before-demand` warning: every
//! query reads `answers` and so applies the rule without knowing of it, while the
//! record keeps what the analyst wrote. Interval starts are compared, so a
//! concession dated `2025-02` answering a demand of 2025-02-10 is flagged: the
//! month may have begun before the demand, and the hint asks for the day.

use super::{Code, Concession, Demand, DemandIdx, Diagnostic, Order, TextList, Validator};
use crate::load::raw::RawConcession;

impl Validator<'_> {
    pub(super) fn check_answer_dates(
        &mut self,
        concessions: &mut [Concession],
        demands: &[Demand],
        order: &Order<'_, RawConcession>,
    ) {
        if concessions.len() != order.len() {
            return;
        }
        for (c, (_, (file, entry))) in concessions.iter_mut().zip(order.iter()) {
            let (kept, early): (Vec<DemandIdx>, Vec<DemandIdx>) = c.answers.iter().partition(|d| {
                demands
                    .get(d.index())
                    .is_none_or(|d| c.date.start() >= d.date.start())
            });
            if early.is_empty() {
                continue;
            }
            for demand in early.iter().copied() {
                let d = &demands[demand.index()];
                let items = entry
                    .value
                    .answers
                    .as_ref()
                    .map(TextList::items)
                    .unwrap_or_default();
                let at = items
                    .iter()
                    .find(|(name, _)| name.trim() == d.id)
                    .map_or(entry.at, |(_, at)| *at);
                let location = self.loc(*file, &at);
                let hint = if c.date.is_precise() && d.date.is_precise() {
                    "check both dates: a concession answers a demand made before it; if it came first, remove the demand from `answers`".to_string()
                } else {
                    "check both dates, and give the day where the source has it: a month or year may start before the demand".to_string()
                };
                self.report(
                    Diagnostic::new(
                        Code::AnswerBeforeDemand,
                        Some(location),
                        format!(
                            "concession `{}` ({}) is dated before demand `{}` ({}) that it answers; the answer is not counted",
                            c.id, c.date, d.id, d.date
                        ),
                    )
                    .label("answers a later demand")
                    .hint(hint),
                );
            }
            c.answers = kept;
            c.answers_too_early = early;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, load, located};
    use crate::model::DemandIdx;

    fn record(concession_date: &str) -> String {
        format!(
            "demands:\n  - {{id: d1, by: russia, of: [ukraine], issue: land, stance: oppose, text: t, priority: core, status: open, date: 2025-02-10, sources: [{{doc: d.txt, quote: q}}]}}\nconcessions:\n  - id: c1\n    by: ukraine\n    to: [russia]\n    issue: land\n    answers: [d1]\n    text: t\n    status: offered\n    date: {concession_date}\n    sources: [{{doc: d.txt, quote: q}}]\n"
        )
    }

    #[test]
    fn a_concession_dated_before_a_demand_does_not_answer_it() {
        let text = record("2025-02-09");
        let loaded = load(&text);
        assert_eq!(
            located(&loaded),
            vec![format!(
                "answer-before-demand@{}",
                at(&text, "answers: [d1]", "d1")
            )]
        );
        let record = loaded.record.expect("a warning keeps the record");
        assert!(record.concessions[0].answers.is_empty());
        assert_eq!(record.concessions[0].answers_too_early, vec![DemandIdx(0)]);
    }

    #[test]
    fn a_month_that_may_start_before_the_demand_asks_for_the_day() {
        let loaded = load(&record("2025-02"));
        assert_eq!(loaded.diagnostics.len(), 1);
        assert!(loaded.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("give the day"));
    }

    #[test]
    fn a_concession_on_or_after_the_demand_answers_it() {
        for date in ["2025-02-10", "2025-03", "2026"] {
            let loaded = load(&record(date));
            assert!(
                loaded.diagnostics.is_empty(),
                "{date}: {:?}",
                located(&loaded)
            );
            let record = loaded.record.unwrap();
            assert_eq!(record.concessions[0].answers, vec![DemandIdx(0)], "{date}");
        }
    }
}
