//! Time windows for network series: `30d`, `3m`, `1y` spans, stepped from a start
//! date to an end date.
//!
//! A window is the half-open day interval `[start, end)`. A claim falls in it by
//! the first day of its date (a month-precision `2025-02` counts on 1 February),
//! so every claim lands in exactly one window of a series whose step equals its
//! span. Day arithmetic is done on day numbers (days since 1970-01-01), which
//! makes spans and steps plain integer additions; months and years step by the
//! calendar (31 January + 1 month = 28 February).

use crate::model::Date;
use std::fmt;

/// A length of time: a number of days, months or years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Months(u32),
    Years(u32),
}

impl Span {
    /// Parses `30d`, `3m`, `1y` (also `2w` for weeks); the error says what is wrong.
    pub fn parse(text: &str) -> Result<Span, String> {
        let text = text.trim();
        let (number, unit) = text.split_at(text.len().saturating_sub(1));
        let n: u32 = number
            .parse()
            .ok()
            .filter(|&n| n > 0 && n <= 100_000)
            .ok_or_else(|| {
                format!("`{text}` is not a span: write a positive number and a unit, as in 30d, 2w, 3m or 1y")
            })?;
        match unit {
            "d" => Ok(Span::Days(n)),
            "w" => Ok(Span::Days(n * 7)),
            "m" => Ok(Span::Months(n)),
            "y" => Ok(Span::Years(n)),
            _ => Err(format!(
                "`{text}` has no unit: end it with d (days), w (weeks), m (months) or y (years)"
            )),
        }
    }

    /// The day `n` of these spans after `day`.
    pub fn add(self, day: i64, n: i64) -> i64 {
        match self {
            Span::Days(d) => day + n * i64::from(d),
            Span::Months(m) => add_months(day, n * i64::from(m)),
            Span::Years(y) => add_months(day, n * 12 * i64::from(y)),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Days(d) => write!(f, "{d}d"),
            Span::Months(m) => write!(f, "{m}m"),
            Span::Years(y) => write!(f, "{y}y"),
        }
    }
}

/// One window of a series: days `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn contains(&self, day: i64) -> bool {
        self.start <= day && day < self.end
    }

    /// The first day, as a date.
    pub fn start_date(&self) -> Date {
        date_of(self.start)
    }

    /// The last day inside the window (the day before `end`), as a date.
    pub fn last_date(&self) -> Date {
        date_of(self.end - 1)
    }
}

/// Windows of `span` every `step` from `first` while they start on or before
/// `last`; at most `max` of them (a series longer than that is a usage error the
/// caller reports, never an unbounded loop).
pub fn series(
    first: i64,
    last: i64,
    span: Span,
    step: Span,
    max: usize,
) -> Result<Vec<Window>, usize> {
    let mut out = Vec::new();
    let mut k = 0;
    loop {
        let start = step.add(first, k);
        if start > last {
            return Ok(out);
        }
        if out.len() == max {
            // Count the rest cheaply for the message: steps are at least a day.
            return Err(max + 1);
        }
        out.push(Window {
            start,
            end: span.add(start, 1),
        });
        k += 1;
    }
}

/// The day number (days since 1970-01-01) of a date's first day.
pub fn day_number(date: Date) -> i64 {
    let start = date.start();
    days_from_civil(
        i64::from(start.year()),
        i64::from(start.month().unwrap_or(1)),
        i64::from(start.day().unwrap_or(1)),
    )
}

/// The date of a day number, at day precision.
pub fn date_of(day: i64) -> Date {
    let (y, m, d) = civil_from_days(day);
    Date::from_parts(y as u16, m as u8, d as u8)
}

fn add_months(day: i64, months: i64) -> i64 {
    let (y, m, d) = civil_from_days(day);
    let total = y * 12 + (m - 1) + months;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let last = days_in_month(ny, nm);
    days_from_civil(ny, nm, d.min(last))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(y + (m / 12), m % 12 + 1, 1) - days_from_civil(y, m, 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the era-based
/// conversion: a 400-year era has a fixed 146,097 days).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        day_number(Date::parse(s).unwrap())
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("2025-03-01") - day("2025-02-28"), 1);
        assert_eq!(day("2024-03-01") - day("2024-02-28"), 2);
        for d in [-1000, 0, 20_000, 20_150, 30_000] {
            assert_eq!(day_number(date_of(d)), d);
        }
        assert_eq!(day("2025-02"), day("2025-02-01"));
    }

    #[test]
    fn spans_parse_and_step_by_the_calendar() {
        assert_eq!(Span::parse("30d"), Ok(Span::Days(30)));
        assert_eq!(Span::parse("2w"), Ok(Span::Days(14)));
        assert_eq!(Span::parse("3m"), Ok(Span::Months(3)));
        assert_eq!(Span::parse("1y"), Ok(Span::Years(1)));
        for bad in ["", "d", "0d", "3", "3x", "-1m"] {
            assert!(Span::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            date_of(Span::Months(1).add(day("2025-01-31"), 1)).to_string(),
            "2025-02-28"
        );
        assert_eq!(
            date_of(Span::Years(1).add(day("2024-02-29"), 1)).to_string(),
            "2025-02-28"
        );
    }

    #[test]
    fn a_series_covers_first_to_last_and_is_bounded() {
        let w = series(
            day("2025-01-01"),
            day("2025-12-31"),
            Span::Months(1),
            Span::Months(1),
            100,
        )
        .unwrap();
        assert_eq!(w.len(), 12);
        assert_eq!(w[11].start_date().to_string(), "2025-12-01");
        assert_eq!(w[11].last_date().to_string(), "2025-12-31");
        assert!(series(0, 1_000_000, Span::Days(1), Span::Days(1), 10).is_err());
    }
}
