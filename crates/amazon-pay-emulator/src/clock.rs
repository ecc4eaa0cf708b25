//! The emulator's controllable clock.
//!
//! Object lifecycles (pending authorizations, expiries, refunds) follow this clock, so tests
//! move time forward instead of sleeping. Request freshness (`x-amz-pay-date`) is judged against
//! the real clock, because clients sign with theirs.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use time::OffsetDateTime;

/// Wall-clock time plus an adjustable offset.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// The emulated now.
    pub(crate) fn now(&self) -> OffsetDateTime {
        let offset = time::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed));
        truncate_to_millis(OffsetDateTime::now_utc() + offset)
    }

    /// Moves the emulated time forward.
    pub(crate) fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX / 2);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }

    /// Makes the emulated time equal `to` now (it keeps running from there).
    pub(crate) fn set(&self, to: OffsetDateTime) {
        let delta = to - OffsetDateTime::now_utc();
        let ms = i64::try_from(delta.whole_milliseconds()).unwrap_or(0);
        self.offset_ms.store(ms, Ordering::Relaxed);
    }

    /// Back to the real time.
    pub(crate) fn reset(&self) {
        self.offset_ms.store(0, Ordering::Relaxed);
    }

    /// The current offset from the real clock.
    pub(crate) fn offset(&self) -> time::Duration {
        time::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }
}

fn truncate_to_millis(t: OffsetDateTime) -> OffsetDateTime {
    let ms = t.millisecond();
    t.replace_millisecond(ms).unwrap_or(t)
}

/// Formats a time in the API's basic ISO 8601 form, `YYYYMMDDTHHMMSSZ`.
pub(crate) fn api_timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Formats a time as RFC 3339 with milliseconds (`2024-01-02T03:04:05.678Z`), as SNS does.
pub(crate) fn sns_timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// `t` plus `months` calendar months, the day clamped to the length of the month reached
/// (a 31 January plus one month is 28 or 29 February).
pub(crate) fn add_months(t: OffsetDateTime, months: u32) -> OffsetDateTime {
    let index = i64::from(u8::from(t.month()) - 1) + i64::from(months);
    let year = i32::try_from(i64::from(t.year()) + index / 12).unwrap_or(t.year());
    let month = time::Month::January.nth_next(u8::try_from(index % 12).unwrap_or(0));
    let day = t.day().min(month.length(year));
    time::Date::from_calendar_date(year, month, day).map_or(t, |d| t.replace_date(d))
}

/// Parses a basic (`20240102T030405Z`) or extended (`2024-01-02T03:04:05Z`) UTC timestamp.
pub(crate) fn parse_timestamp(s: &str) -> Option<OffsetDateTime> {
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect::<String>();
    let digits = digits.strip_suffix('Z')?;
    let (date, clock) = digits.split_once('T')?;
    let clock = clock.split('.').next()?;
    if date.len() != 8
        || clock.len() != 6
        || !date
            .bytes()
            .chain(clock.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let year = i32::try_from(num(&date[0..4])?).ok()?;
    let month = time::Month::try_from(u8::try_from(num(&date[4..6])?).ok()?).ok()?;
    let day = u8::try_from(num(&date[6..8])?).ok()?;
    let hour = u8::try_from(num(&clock[0..2])?).ok()?;
    let minute = u8::try_from(num(&clock[2..4])?).ok()?;
    let second = u8::try_from(num(&clock[4..6])?).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let time = time::Time::from_hms(hour, minute, second).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_in_both_forms() {
        let t = parse_timestamp("20240102T030405Z").expect("basic form");
        assert_eq!(api_timestamp(t), "20240102T030405Z");
        assert_eq!(parse_timestamp("2024-01-02T03:04:05Z"), Some(t));
        assert_eq!(
            parse_timestamp("2024-01-02T03:04:05.678Z")
                .map(api_timestamp)
                .as_deref(),
            Some("20240102T030405Z")
        );
        assert_eq!(sns_timestamp(t), "2024-01-02T03:04:05.000Z");
        assert!(parse_timestamp("20241302T030405Z").is_none());
        assert!(parse_timestamp("yesterday").is_none());
        assert!(parse_timestamp("20240102T030405").is_none());
    }

    #[test]
    fn months_are_calendar_months() {
        let t = time::macros::datetime!(2025-01-31 10:00 UTC);
        assert_eq!(
            add_months(t, 1),
            time::macros::datetime!(2025-02-28 10:00 UTC)
        );
        assert_eq!(
            add_months(t, 13),
            time::macros::datetime!(2026-02-28 10:00 UTC)
        );
        assert_eq!(
            add_months(t, 12),
            time::macros::datetime!(2026-01-31 10:00 UTC)
        );
        let leap = time::macros::datetime!(2027-01-31 00:00 UTC);
        assert_eq!(
            add_months(leap, 13),
            time::macros::datetime!(2028-02-29 00:00 UTC)
        );
    }

    #[test]
    fn advance_moves_time_forward() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= time::Duration::hours(1));
        clock.reset();
        assert!(clock.now() - before < time::Duration::minutes(1));
    }
}
