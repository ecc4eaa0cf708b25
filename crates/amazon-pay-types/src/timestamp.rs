//! UTC timestamps (`YYYYMMDDTHHMMSSZ`) and the timestamps of disputes (epoch or ISO 8601).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Why a timestamp was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// Neither `YYYYMMDDTHHMMSSZ` nor `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    #[error("timestamp {0:?} is not in the form YYYYMMDDTHHMMSSZ or YYYY-MM-DDTHH:MM:SS[.fff]Z")]
    Format(String),
    /// Well-formed but not a real date or time (month 13, 25 o'clock, …).
    #[error("timestamp {0:?} is not a valid date and time")]
    OutOfRange(String),
}

/// A UTC instant with seconds precision.
///
/// Written in the ISO 8601 basic form `YYYYMMDDTHHMMSSZ` (`20191015T195655Z`);
/// read in the basic form and in the extended form (`2019-10-15T19:56:55Z`,
/// fractions of a second dropped, offsets converted to UTC).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The instant `secs` seconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(secs: i64) -> Result<Self, TimestampError> {
        OffsetDateTime::from_unix_timestamp(secs)
            .map(Self)
            .map_err(|_| TimestampError::OutOfRange(secs.to_string()))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The underlying date-time (always UTC).
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// Converts any date-time to UTC and drops sub-second precision.
    pub fn from_offset_date_time(dt: OffsetDateTime) -> Self {
        let utc = dt.to_offset(UtcOffset::UTC);
        Self(utc.replace_nanosecond(0).unwrap_or(utc))
    }

    /// The instant plus `secs` seconds (negative to go back); `None` on overflow.
    pub fn checked_add_seconds(&self, secs: i64) -> Option<Self> {
        self.0.checked_add(time::Duration::seconds(secs)).map(Self)
    }

    /// Parses the basic or the extended ISO 8601 form.
    pub fn parse(s: &str) -> Result<Self, TimestampError> {
        let b = s.as_bytes();
        let fmt_err = || TimestampError::Format(s.to_owned());
        let num = |range: std::ops::Range<usize>| -> Result<u32, TimestampError> {
            let part = b.get(range).ok_or_else(fmt_err)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return Err(fmt_err());
            }
            Ok(part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
        };
        let (date, clock, rest) = if b.len() == 16 && b.get(8) == Some(&b'T') {
            // YYYYMMDDTHHMMSSZ
            (
                (num(0..4)?, num(4..6)?, num(6..8)?),
                (num(9..11)?, num(11..13)?, num(13..15)?),
                &b[15..],
            )
        } else if b.len() >= 20
            && b[4] == b'-'
            && b[7] == b'-'
            && (b[10] == b'T' || b[10] == b't')
            && b[13] == b':'
            && b[16] == b':'
        {
            // YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)
            let mut rest = &b[19..];
            if rest.first() == Some(&b'.') {
                let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits == 0 {
                    return Err(fmt_err());
                }
                rest = &rest[1 + digits..];
            }
            (
                (num(0..4)?, num(5..7)?, num(8..10)?),
                (num(11..13)?, num(14..16)?, num(17..19)?),
                rest,
            )
        } else {
            return Err(fmt_err());
        };
        let offset_secs: i32 = match rest {
            b"Z" | b"z" => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let digits = [*h1, *h2, *m1, *m2];
                if !digits.iter().all(u8::is_ascii_digit) {
                    return Err(fmt_err());
                }
                let v = |i: usize| i32::from(digits[i] - b'0');
                let (hours, minutes) = (v(0) * 10 + v(1), v(2) * 10 + v(3));
                if hours > 23 || minutes > 59 {
                    return Err(TimestampError::OutOfRange(s.to_owned()));
                }
                let secs = hours * 3600 + minutes * 60;
                if *sign == b'-' { -secs } else { secs }
            }
            _ => return Err(fmt_err()),
        };
        let range_err = || TimestampError::OutOfRange(s.to_owned());
        let month = u8::try_from(date.1)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(range_err)?;
        let date = Date::from_calendar_date(date.0 as i32, month, date.2 as u8)
            .map_err(|_| range_err())?;
        let clock =
            Time::from_hms(clock.0 as u8, clock.1 as u8, clock.2 as u8).map_err(|_| range_err())?;
        let offset = UtcOffset::from_whole_seconds(offset_secs).map_err(|_| range_err())?;
        let dt = PrimitiveDateTime::new(date, clock).assume_offset(offset);
        Ok(Self(dt.to_offset(UtcOffset::UTC)))
    }

    /// The extended form `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_extended_string(&self) -> String {
        let d = self.0;
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )
    }
}

impl fmt::Display for Timestamp {
    /// The basic form `YYYYMMDDTHHMMSSZ`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, TimestampError> {
        Self::parse(s)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(dt: OffsetDateTime) -> Self {
        Self::from_offset_date_time(dt)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UTC timestamp string (YYYYMMDDTHHMMSSZ)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A timestamp of the dispute API, where the docs disagree on the form.
///
/// The field tables of <https://developer.amazon.com/docs/amazon-pay-api-v2/dispute.html>
/// define `creationTimestamp` and `merchantResponseDeadline` as ISO 8601 date-times,
/// while the official samples and SDK tests show integers (seconds in some,
/// milliseconds in others) and sometimes numeric strings. Every form is read:
/// an integer or numeric string is kept exactly as [`DisputeTimestamp::Epoch`]
/// (written back as a JSON number); an ISO 8601 string (basic or extended form)
/// becomes [`DisputeTimestamp::DateTime`] (written back in the extended form).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DisputeTimestamp {
    /// An integer epoch; the unit (seconds or milliseconds) is not settled.
    Epoch(i64),
    /// An ISO 8601 date-time.
    DateTime(Timestamp),
}

impl DisputeTimestamp {
    /// The raw integer, when the value was an epoch.
    pub fn epoch(&self) -> Option<i64> {
        match self {
            Self::Epoch(value) => Some(*value),
            Self::DateTime(_) => None,
        }
    }

    /// The instant, reading an epoch integer as seconds.
    pub fn as_seconds(&self) -> Result<Timestamp, TimestampError> {
        match self {
            Self::Epoch(value) => Timestamp::from_unix_seconds(*value),
            Self::DateTime(at) => Ok(*at),
        }
    }

    /// The instant, reading an epoch integer as milliseconds.
    pub fn as_milliseconds(&self) -> Result<Timestamp, TimestampError> {
        match self {
            Self::Epoch(value) => Timestamp::from_unix_seconds(value.div_euclid(1000)),
            Self::DateTime(at) => Ok(*at),
        }
    }
}

impl From<i64> for DisputeTimestamp {
    fn from(value: i64) -> Self {
        Self::Epoch(value)
    }
}

impl From<Timestamp> for DisputeTimestamp {
    fn from(at: Timestamp) -> Self {
        Self::DateTime(at)
    }
}

impl fmt::Display for DisputeTimestamp {
    /// The epoch integer, or the extended ISO 8601 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Epoch(value) => write!(f, "{value}"),
            Self::DateTime(at) => f.write_str(&at.to_extended_string()),
        }
    }
}

impl Serialize for DisputeTimestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Epoch(value) => serializer.serialize_i64(*value),
            Self::DateTime(at) => serializer.serialize_str(&at.to_extended_string()),
        }
    }
}

impl<'de> Deserialize<'de> for DisputeTimestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = DisputeTimestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an epoch integer or an ISO 8601 date-time string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DisputeTimestamp, E> {
                Ok(DisputeTimestamp::Epoch(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DisputeTimestamp, E> {
                i64::try_from(v)
                    .map(DisputeTimestamp::Epoch)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DisputeTimestamp, E> {
                if let Some(epoch) = crate::tolerant::integer_text(v) {
                    return Ok(DisputeTimestamp::Epoch(epoch));
                }
                Timestamp::parse(v)
                    .map(DisputeTimestamp::DateTime)
                    .map_err(E::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}
