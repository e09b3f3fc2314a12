//! Calendar dates at day, month or year precision, read as intervals.
//!
//! Sources often give only a month ("in February") or a year, so a date may lack
//! its day or month. Such a date stands for the whole month or year: `2025-02` is
//! the interval 2025-02-01 ..= 2025-02-28. The questions the negotiation state asks
//! are interval questions and are named as such ([`Date::starts_by`] for `--as-of`,
//! [`Date::overlaps`] for `diff`), so no reader compares an imprecise date as if it
//! were a day.
//!
//! `Ord` stays a total, deterministic order for sorting: chronological by start,
//! and among dates that start on the same day the wider first (`2025` <
//! `2025-01` < `2025-01-01`). Sorting by `Ord` therefore also sorts by `start()`.

use std::fmt;

/// A date with an optional month and day. See the module header for its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    /// 0 for year precision.
    month: u8,
    /// 0 for month or year precision.
    day: u8,
}

/// How much of a date the source gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Date {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let well_formed = matches!(parts.len(), 1..=3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!(
                "`{text}` is not an ISO 8601 date: write YYYY-MM-DD, or YYYY-MM or YYYY when the source gives only the month or year"
            ));
        }
        let year: u16 = parts[0].parse().map_err(|_| "bad year".to_string())?;
        let month: u8 = match parts.get(1) {
            None => 0,
            Some(m) => m.parse().map_err(|_| "bad month".to_string())?,
        };
        if parts.len() >= 2 && !(1..=12).contains(&month) {
            return Err(format!(
                "`{text}` has month {month}: months run from 01 to 12"
            ));
        }
        let day: u8 = match parts.get(2) {
            None => 0,
            Some(d) => d.parse().map_err(|_| "bad day".to_string())?,
        };
        if parts.len() == 3 && (day == 0 || day > days_in_month(year, month)) {
            return Err(format!(
                "`{text}` does not exist: {year}-{month:02} has {} days",
                days_in_month(year, month)
            ));
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, or `None` for a year-precision date.
    pub fn month(self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// The day of the month, or `None` for a month- or year-precision date.
    pub fn day(self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// Whether the date names one day (not a whole month or year).
    pub fn is_precise(self) -> bool {
        self.precision() == Precision::Day
    }

    /// The first day of the interval (the date itself when precise).
    pub fn start(self) -> Date {
        Date {
            year: self.year,
            month: self.month.max(1),
            day: self.day.max(1),
        }
    }

    /// The last day of the interval (the date itself when precise).
    pub fn end(self) -> Date {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year, month)
        } else {
            self.day
        };
        Date {
            year: self.year,
            month,
            day,
        }
    }

    /// "Known by `as_of`": the interval starts on or before the last day of `as_of`.
    /// This is `--as-of`'s test. A claim dated `2025-02` is known by 2025-02-01 (it
    /// may have been made that day); `--as-of 2025-02` keeps everything of February.
    pub fn starts_by(self, as_of: Date) -> bool {
        self.start() <= as_of.end()
    }

    /// Whether the interval shares a day with the window `from ..= to` (each end an
    /// interval too, so `--from 2025-02 --to 2025-03` covers both months). This is
    /// `diff`'s test; a caller marks a kept imprecise date with [`Date::is_precise`].
    pub fn overlaps(self, from: Date, to: Date) -> bool {
        self.start() <= to.end() && self.end() >= from.start()
    }

    /// Whether every day of this interval comes before every day of `other`.
    pub fn wholly_before(self, other: Date) -> bool {
        self.end() < other.start()
    }

    /// Builds a date from parts the caller knows to be valid (day 0 = month
    /// precision; month 0 and day 0 = year precision).
    pub fn from_parts(year: u16, month: u8, day: u8) -> Date {
        debug_assert!(
            (month == 0 && day == 0)
                || ((1..=12).contains(&month) && day <= days_in_month(year, month))
        );
        Date { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month(), self.day()) {
            (Some(month), Some(day)) => write!(f, "{:04}-{:02}-{:02}", self.year, month, day),
            (Some(month), None) => write!(f, "{:04}-{:02}", self.year, month),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

// Its spelling back: how the loader's cache reads a validated record.
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Spelling;
        impl serde::de::Visitor<'_> for Spelling {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Spelling)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn parses_day_month_and_year_precision() {
        assert_eq!(d("2025-02-18").to_string(), "2025-02-18");
        assert_eq!(d("2025-02").to_string(), "2025-02");
        assert_eq!(d("2025").to_string(), "2025");
        assert_eq!(d("2025-02").day(), None);
        assert_eq!(d("2025").month(), None);
        assert_eq!(d("2025").precision(), Precision::Year);
        assert!(d("2025-02-18").is_precise() && !d("2025-02").is_precise());
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "2025-00",
            "25-02-01",
            "2025/02/01",
            "202",
            "2025-2-1",
            "2025-02-18-01",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2025-02-29").is_err());
    }

    #[test]
    fn intervals_have_first_and_last_days() {
        assert_eq!(
            (d("2025-02").start(), d("2025-02").end()),
            (d("2025-02-01"), d("2025-02-28"))
        );
        assert_eq!(
            (d("2024").start(), d("2024").end()),
            (d("2024-01-01"), d("2024-12-31"))
        );
        assert_eq!(d("2024-02").end(), d("2024-02-29"));
        assert_eq!(d("2025-02-18").start(), d("2025-02-18"));
        assert_eq!(d("2025-02-18").end(), d("2025-02-18"));
    }

    #[test]
    fn order_is_by_start_then_wider_first() {
        let month = d("2025-02");
        assert!(month < d("2025-02-01"));
        assert!(month > d("2025-01-31"));
        assert!(d("2025") < d("2025-01") && d("2025-01") < d("2025-01-01"));
        assert!(d("2025") > d("2024-12-31"));
    }

    #[test]
    fn as_of_keeps_a_month_from_its_first_day() {
        assert!(d("2025-02").starts_by(d("2025-02-01")));
        assert!(!d("2025-02").starts_by(d("2025-01-31")));
        assert!(d("2025-02-20").starts_by(d("2025-02")));
        assert!(!d("2025-03-01").starts_by(d("2025-02")));
    }

    #[test]
    fn a_month_overlaps_a_window_inside_it() {
        // The case: a `2025-02` claim in a diff from 02-10 to 02-20.
        assert!(d("2025-02").overlaps(d("2025-02-10"), d("2025-02-20")));
        assert!(d("2025").overlaps(d("2025-06-01"), d("2025-06-02")));
        assert!(!d("2025-02-09").overlaps(d("2025-02-10"), d("2025-02-20")));
        assert!(!d("2025-03").overlaps(d("2025-02-10"), d("2025-02-20")));
        assert!(d("2025-02-20").overlaps(d("2025-02-10"), d("2025-02-20")));
    }

    #[test]
    fn wholly_before_needs_every_day_earlier() {
        assert!(d("2025-01").wholly_before(d("2025-02-01")));
        assert!(!d("2025-02").wholly_before(d("2025-02-10")));
        assert!(!d("2025-02-10").wholly_before(d("2025-02-10")));
    }
}
