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
//!
//! Response objects are read with one more rule ([`tolerant!`]): a field that does
//! not decode and is not essential is taken out of its typed field (it reads as absent)
//! and kept, as received and under its wire name, in the object's `extra` map, so the
//! rest of the object decodes and re-encoding writes the value back. Essential fields
//! (ids, states, amounts charged, captured or refunded, and every required field) still
//! fail the object with their path.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::decode;

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

/// A response object read by the rule of [`tolerant!`].
pub(crate) trait Tolerant: Sized {
    /// Wire names of the fields whose failure fails the object.
    const ESSENTIAL: &'static [&'static str];

    /// The strict reading, derived with `#[serde(remote = "Self")]`.
    fn strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// The object's map of fields this version does not model.
    fn extra(&mut self) -> &mut Map<String, Value>;
}

thread_local! {
    /// Set while [`strictly`] runs: response objects are read by their strict reading alone.
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode` with every response object read by its strict reading, straight from the
/// input (no buffer): the fast first attempt of [`crate::from_json`]. When it succeeds, the
/// tolerant reading would give the same value (no field to set aside); when it fails, the
/// caller decodes again without it.
pub(crate) fn strictly<R>(decode: impl FnOnce() -> R) -> R {
    reading(true, decode)
}

/// Runs `decode` with response objects read tolerantly, also inside [`strictly`]: for a
/// reader that keeps going past a value that does not decode (the records of
/// [`crate::DisbursementList`]), where a strict failure would not fail the document and
/// so would not lead to the tolerant second attempt.
pub(crate) fn tolerantly<R>(decode: impl FnOnce() -> R) -> R {
    reading(false, decode)
}

/// Runs `decode` with [`STRICT`] set to `strict`, and puts it back afterwards.
fn reading<R>(strict: bool, decode: impl FnOnce() -> R) -> R {
    /// Puts the previous mode back, also on unwinding.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|mode| mode.set(self.0));
        }
    }
    let _restore = Restore(STRICT.with(|mode| mode.replace(strict)));
    decode()
}

/// Reads `T` from a buffered JSON object: whenever the strict reading fails in a field
/// that is not essential, that field moves to a side map and the reading runs again (at
/// most once per field); the side map ends in `extra`. Any other failure is returned with
/// its path below `T` (see [`decode::below`]), so that paths stay whole through nested
/// objects.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Tolerant>(deserializer: D) -> Result<T, D::Error> {
    if STRICT.with(Cell::get) {
        return T::strict(deserializer);
    }
    let mut value = Value::deserialize(deserializer)?;
    let mut set_aside = Map::new();
    let mut removed: Vec<(String, Failure)> = Vec::new();
    loop {
        let failure = match T::strict(&value) {
            Ok(mut object) => {
                object.extra().append(&mut set_aside);
                return Ok(object);
            }
            Err(untracked) => Failure::locate::<T>(&value, untracked),
        };
        let field = failure
            .field
            .as_deref()
            .filter(|f| !T::ESSENTIAL.contains(f));
        if let Some((field, raw)) = field.and_then(|f| value.as_object_mut()?.remove_entry(f)) {
            set_aside.insert(field.clone(), raw);
            removed.push((field, failure));
            continue;
        }
        // Missing once taken out: the field was required, and its own failure is the one to
        // report.
        let missing = failure.missing_field();
        let failure = removed
            .into_iter()
            .find(|(field, _)| missing == Some(field.as_str()))
            .map_or(failure, |(_, original)| original);
        return Err(D::Error::custom(decode::below(
            &failure.path,
            &failure.message,
        )));
    }
}

/// Where and why a strict reading failed.
struct Failure {
    /// The field of the object the failure is in, if it is in one.
    field: Option<String>,
    /// The path of the failure below the object (`.` for the object itself).
    path: String,
    /// The problem.
    message: String,
}

impl Failure {
    /// Reads `value` again with path tracking to find where `untracked` happened.
    fn locate<T: Tolerant>(value: &Value, untracked: serde_json::Error) -> Self {
        let mut track = serde_path_to_error::Track::new();
        let error = match T::strict(serde_path_to_error::Deserializer::new(value, &mut track)) {
            Ok(_) => untracked,
            Err(tracked) => tracked,
        };
        let path = track.path();
        let field = match path.iter().next() {
            Some(serde_path_to_error::Segment::Map { key }) => Some(key.clone()),
            _ => None,
        };
        let full = error.to_string();
        let (inner, message) = decode::split_below(&full);
        Failure {
            field,
            path: decode::join_paths(&path.to_string(), inner),
            message: message.to_owned(),
        }
    }

    /// The field a "missing field" failure names.
    fn missing_field(&self) -> Option<&str> {
        if self.path != "." {
            return None;
        }
        self.message
            .strip_prefix("missing field `")?
            .strip_suffix('`')
    }
}

/// Implements reading by the rule of this module for a response object whose strict
/// reading is derived with `#[serde(remote = "Self")]` (which derives `serialize` and
/// `deserialize` as inherent functions): `Deserialize` reads tolerantly, `Serialize`
/// writes as derived. The object keeps unmodelled fields in `extra`; `essential` lists the
/// wire names of the optional fields whose failure must fail the object (required fields
/// always do).
macro_rules! tolerant {
    ($name:ident $(<$param:ident>)? { essential: [$($field:literal),* $(,)?] }) => {
        impl<'de $(, $param: ::serde::de::DeserializeOwned)?> ::serde::Deserialize<'de>
            for $name $(<$param>)?
        {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<Self, __D::Error> {
                $crate::tolerant::read(deserializer)
            }
        }

        impl $(<$param: ::serde::Serialize>)? ::serde::Serialize for $name $(<$param>)? {
            fn serialize<__S: ::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> Result<__S::Ok, __S::Error> {
                $name::serialize(self, serializer)
            }
        }

        impl $(<$param: ::serde::de::DeserializeOwned>)? $crate::tolerant::Tolerant
            for $name $(<$param>)?
        {
            const ESSENTIAL: &'static [&'static str] = &[$($field),*];

            fn strict<'de, __D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<Self, __D::Error> {
                $name::deserialize(deserializer)
            }

            fn extra(&mut self) -> &mut ::serde_json::Map<String, ::serde_json::Value> {
                &mut self.extra
            }
        }
    };
}

pub(crate) use tolerant;
