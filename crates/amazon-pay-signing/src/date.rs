//! `x-amz-pay-date` formatting and parsing.

use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use crate::Error;

const BASIC: &[FormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");
const EXTENDED: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// Formats a time as `YYYYMMDDTHHMMSSZ` (UTC, ISO 8601 basic), the form the SDK sends.
///
/// Fails for times before 1970 or after 9999.
pub fn format_amz_date(time: SystemTime) -> Result<String, Error> {
    /// 9999-12-31T23:59:59Z.
    const LAST: u64 = 253_402_300_799;
    let secs = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Error::TimeOutOfRange)?
        .as_secs();
    if secs > LAST {
        return Err(Error::TimeOutOfRange);
    }
    let secs = i64::try_from(secs).map_err(|_| Error::TimeOutOfRange)?;
    OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|_| Error::TimeOutOfRange)?
        .format(BASIC)
        .map_err(|_| Error::TimeOutOfRange)
}

/// Parses an `x-amz-pay-date` in the basic (`20240102T030405Z`) or extended
/// (`2024-01-02T03:04:05Z`) ISO 8601 form, as the service accepts both.
pub fn parse_amz_date(value: &str) -> Result<SystemTime, Error> {
    let format = if value.contains('-') { EXTENDED } else { BASIC };
    let parsed = PrimitiveDateTime::parse(value, format)
        .map_err(|_| Error::InvalidDate(value.to_owned()))?;
    Ok(parsed.assume_utc().into())
}
