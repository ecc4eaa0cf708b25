//! Tolerant reading of scalar fields: strict in what we send, tolerant in what we read.
//!
//! The official docs and SDK samples show some scalars in more than one form:
//! `recurringMetadata.frequency.value` is `"1"` in the recurring samples of
//! <https://developer.amazon.com/docs/amazon-pay-checkout/upgrading-from-onetime-to-recurring.html>,
//! booleans appear as `"true"`, and optional fields as explicit `null`. Fields
//! read through this module accept
//!
//! - numbers as JSON numbers or numeric strings (`1` or `"1"`),
//! - booleans as `true` / `false` or `"true"` / `"false"`,
//! - `null` for an optional field, read as absent;
//!
//! and are always written in the one canonical form (a JSON number, a JSON
//! boolean, an absent field for `None`).

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error, Unexpected, Visitor};

/// A scalar read in every documented form.
pub(crate) trait Scalar: Sized {
    /// What the error message says was expected.
    const EXPECTING: &'static str;

    /// From a JSON boolean.
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }

    /// From a JSON integer.
    fn from_integer(_value: i128) -> Option<Self> {
        None
    }

    /// From a JSON string.
    fn from_text(text: &str) -> Option<Self>;
}

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean (true, false, \"true\" or \"false\")";

    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }

    fn from_text(text: &str) -> Option<Self> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! integer_scalar {
    ($($ty:ty),+) => {$(
        impl Scalar for $ty {
            const EXPECTING: &'static str =
                concat!("an integer (", stringify!($ty), ") as a JSON number or a numeric string");

            fn from_integer(value: i128) -> Option<Self> {
                <$ty>::try_from(value).ok()
            }

            fn from_text(text: &str) -> Option<Self> {
                integer_text(text)
            }
        }
    )+};
}

integer_scalar!(u32, u64, i64);

/// An integer written as text: digits with an optional leading minus (no `+`,
/// spaces or fractions), within the range of `T`.
pub(crate) fn integer_text<T: std::str::FromStr>(text: &str) -> Option<T> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

struct ScalarVisitor<T>(PhantomData<T>);

impl<T: Scalar> Visitor<'_> for ScalarVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).ok_or_else(|| E::invalid_type(Unexpected::Bool(v), &self))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
        T::from_integer(i128::from(v)).ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
        T::from_integer(i128::from(v))
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
        Err(E::invalid_type(Unexpected::Float(v), &self))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
        T::from_text(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Scalar> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or {}", T::EXPECTING)
    }

    fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        scalar(deserializer).map(Some)
    }
}

/// Reads a required scalar in any documented form (`deserialize_with`).
pub(crate) fn scalar<'de, D: Deserializer<'de>, T: Scalar>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(ScalarVisitor(PhantomData))
}

/// Reads an optional scalar in any documented form; `null` is `None`.
/// Use with `#[serde(default, deserialize_with = "crate::tolerant::option")]`.
pub(crate) fn option<'de, D: Deserializer<'de>, T: Scalar>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_option(OptionVisitor(PhantomData))
}

/// A non-essential field whose value did not decode: the typed value when it did, otherwise the
/// JSON exactly as received, so one odd field never fails the whole object and a round trip
/// loses nothing.
///
/// Used where an official sample shows another shape than the field tables, for example a
/// charge's `convertedAmount` shown as a string instead of a price object. Essential fields (ids,
/// states, amounts charged) are never read this way: they fail with their path.
#[derive(Clone, Debug, PartialEq)]
pub enum OrRaw<T> {
    /// The value, decoded.
    Typed(T),
    /// The value as received, when it did not decode into `T`.
    Raw(serde_json::Value),
}

impl<T> OrRaw<T> {
    /// The decoded value, if it decoded.
    pub fn typed(&self) -> Option<&T> {
        match self {
            OrRaw::Typed(value) => Some(value),
            OrRaw::Raw(_) => None,
        }
    }

    /// The JSON as received, when it did not decode.
    pub fn raw(&self) -> Option<&serde_json::Value> {
        match self {
            OrRaw::Typed(_) => None,
            OrRaw::Raw(value) => Some(value),
        }
    }
}

impl<T> From<T> for OrRaw<T> {
    fn from(value: T) -> Self {
        OrRaw::Typed(value)
    }
}

impl<T: serde::Serialize> serde::Serialize for OrRaw<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrRaw::Typed(value) => value.serialize(serializer),
            OrRaw::Raw(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> serde::Deserialize<'de> for OrRaw<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(match T::deserialize(&value) {
            Ok(typed) => OrRaw::Typed(typed),
            Err(_) => OrRaw::Raw(value),
        })
    }
}
