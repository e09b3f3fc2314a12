//! Calendar dates at day or month precision.
//!
//! Sources often give only a month ("last month", "in February"), so a date may
//! lack its day. A month-precision date sorts before every day of its month: that
//! makes `--as-of 2025-02-01` keep a claim dated `2025-02`, which is what an analyst
//! filtering "what was known by the start of February" expects.

use std::fmt;

/// A date with an optional day. Ordering is chronological (month precision first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    /// 0 for month precision.
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` or `YYYY-MM`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let well_formed = matches!(parts.len(), 2 | 3)
            && parts[0].len() == 4
            && parts[1..].iter().all(|p| p.len() == 2)
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!(
                "`{text}` is not an ISO 8601 date: write YYYY-MM-DD, or YYYY-MM for month precision"
            ));
        }
        let year: u16 = parts[0].parse().map_err(|_| "bad year".to_string())?;
        let month: u8 = parts[1].parse().map_err(|_| "bad month".to_string())?;
        if !(1..=12).contains(&month) {
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

    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, or `None` for a month-precision date.
    pub fn day(self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    /// Builds a date from parts the caller knows to be valid (day 0 = month precision).
    pub fn from_parts(year: u16, month: u8, day: u8) -> Date {
        debug_assert!((1..=12).contains(&month) && day <= days_in_month(year, month));
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
        match self.day() {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_and_month_precision() {
        assert_eq!(Date::parse("2025-02-18").unwrap().to_string(), "2025-02-18");
        assert_eq!(Date::parse("2025-02").unwrap().to_string(), "2025-02");
        assert_eq!(Date::parse("2025-02").unwrap().day(), None);
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-02-30",
            "2025-13-01",
            "25-02-01",
            "2025/02/01",
            "2025",
            "2025-2-1",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2025-02-29").is_err());
    }

    #[test]
    fn month_precision_sorts_before_its_days() {
        let month = Date::parse("2025-02").unwrap();
        assert!(month < Date::parse("2025-02-01").unwrap());
        assert!(month > Date::parse("2025-01-31").unwrap());
    }
}
