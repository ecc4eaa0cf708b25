//! Money: exact decimal amounts, currencies and prices.
//!
//! Amounts are kept as the exact decimal string received or built; arithmetic
//! goes through integer minor units. No floating point is used for values.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::macros::open_enum;

open_enum! {
    /// An ISO 4217 currency code (`currencyCode`, `ledgerCurrency`, `presentmentCurrency`).
    ///
    /// The known variants are the twelve currencies Amazon Pay charges in (the four ledger
    /// currencies and the multi-currency presentment currencies,
    /// <https://developer.amazon.com/docs/amazon-pay-checkout/multi-currency-integration.html>).
    /// Reading keeps any other code as `Unknown`, so a response always decodes; a price is only
    /// written with a known code, exactly as the API spells it (`USD`, never `usd`: see
    /// [`Currency::check_supported`]).
    Currency {
        /// US dollar.
        Usd = "USD",
        /// Euro.
        Eur = "EUR",
        /// Pound sterling.
        Gbp = "GBP",
        /// Japanese yen.
        Jpy = "JPY",
        /// Australian dollar.
        Aud = "AUD",
        /// Danish krone.
        Dkk = "DKK",
        /// Hong Kong dollar.
        Hkd = "HKD",
        /// New Zealand dollar.
        Nzd = "NZD",
        /// Norwegian krone.
        Nok = "NOK",
        /// South African rand.
        Zar = "ZAR",
        /// Swedish krona.
        Sek = "SEK",
        /// Swiss franc.
        Chf = "CHF",
    }
}

impl Currency {
    /// Number of fraction digits the API accepts: 0 for JPY, 2 for the others.
    pub fn minor_digits(&self) -> u32 {
        match self {
            Currency::Jpy => 0,
            _ => 2,
        }
    }

    /// Refuses a code Amazon Pay does not accept: anything but the twelve known variants,
    /// compared case-sensitively as the API does (`usd`, `XYZ` and `""` are refused).
    pub fn check_supported(&self) -> Result<(), MoneyError> {
        match self {
            Currency::Unknown(code) => Err(MoneyError::UnsupportedCurrency {
                code: code.chars().take(16).collect(),
            }),
            _ => Ok(()),
        }
    }

    /// Whether this is one of the four ledger currencies (USD, EUR, GBP, JPY).
    pub fn is_ledger_currency(&self) -> bool {
        matches!(
            self,
            Currency::Usd | Currency::Eur | Currency::Gbp | Currency::Jpy
        )
    }
}

/// Why an amount or price was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The text is not a plain non-negative decimal (`123` or `123.45`).
    #[error("amount is not a plain non-negative decimal number")]
    Syntax,
    /// Too many digits to be represented in minor units.
    #[error("amount is too large")]
    TooLarge,
    /// More fraction digits than the currency allows.
    #[error("{currency} amounts allow at most {allowed} fraction digits, got {found}")]
    TooManyFractionDigits {
        /// The currency.
        currency: Currency,
        /// Digits allowed.
        allowed: u32,
        /// Digits found.
        found: u32,
    },
    /// A negative number of minor units.
    #[error("amount is negative")]
    Negative,
    /// Two prices in different currencies were combined.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: Currency,
        /// Currency of the right operand.
        right: Currency,
    },
    /// An addition overflowed or a subtraction went below zero.
    #[error("amount out of range")]
    OutOfRange,
    /// The currency code is not one Amazon Pay accepts (shown cut to 16 characters).
    #[error(
        "`{code}` is not a currency code Amazon Pay accepts (case-sensitive ISO 4217: AUD, CHF, \
         DKK, EUR, GBP, HKD, JPY, NOK, NZD, SEK, USD, ZAR)"
    )]
    UnsupportedCurrency {
        /// The code as given.
        code: String,
    },
    /// Above the per-region maximum charge.
    #[error("amount exceeds the maximum charge of {max}")]
    AboveChargeLimit {
        /// The maximum for the currency.
        max: Box<Price>,
    },
}

/// An exact non-negative decimal amount as written on the wire (`"14.00"`, `"1"`).
///
/// The text is kept exactly (`"1.40"` stays `"1.40"`). Reads a JSON string or
/// number; always writes a string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Amount(String);

/// Integer digits allowed; keeps `to_minor_units` within `i64`.
const MAX_INT_DIGITS: usize = 15;

impl Amount {
    /// Parses a plain decimal: digits, optionally `.` and at least one digit.
    pub fn parse(s: &str) -> Result<Self, MoneyError> {
        Self::check(s)?;
        Ok(Self(s.to_owned()))
    }

    fn check(s: &str) -> Result<(), MoneyError> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
            return Err(MoneyError::Syntax);
        }
        if int.trim_start_matches('0').len() > MAX_INT_DIGITS || frac.is_some_and(|f| f.len() > 18)
        {
            return Err(MoneyError::TooLarge);
        }
        Ok(())
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The integer part and the fraction part (empty when there is none).
    fn parts(&self) -> (&str, &str) {
        self.0.split_once('.').unwrap_or((&self.0, ""))
    }

    /// The same value without trailing fraction zeros, and without the point
    /// when no fraction digit is left (`"705.00"` gives `"705"`, `"1.50"` gives
    /// `"1.5"`, `"14"` stays `"14"`).
    ///
    /// [`Amount::validate_for`] counts the digits as written; checking the
    /// normalized amount instead counts only the significant ones, so
    /// `"705.00"` passes for JPY while `"705.50"` does not.
    pub fn normalized(&self) -> Amount {
        let (int, frac) = self.parts();
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            Amount(int.to_owned())
        } else {
            Amount(format!("{int}.{frac}"))
        }
    }

    /// Number of fraction digits written.
    pub fn fraction_digits(&self) -> u32 {
        self.parts().1.len() as u32
    }

    /// Checks the fraction digits against the currency (JPY: none; others: at most 2).
    pub fn validate_for(&self, currency: &Currency) -> Result<(), MoneyError> {
        let found = self.fraction_digits();
        let allowed = currency.minor_digits();
        if found > allowed {
            return Err(MoneyError::TooManyFractionDigits {
                currency: currency.clone(),
                allowed,
                found,
            });
        }
        Ok(())
    }

    /// The value in minor units of `currency` (`"14.5"` USD is 1450).
    ///
    /// Fails when the amount has more fraction digits than the currency allows.
    pub fn to_minor_units(&self, currency: &Currency) -> Result<i64, MoneyError> {
        self.validate_for(currency)?;
        let (int, frac) = self.parts();
        let digits = currency.minor_digits() as usize;
        let mut value: i64 = 0;
        let padded = frac.bytes().chain(std::iter::repeat(b'0')).take(digits);
        for b in int.bytes().chain(padded) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        Ok(value)
    }

    /// Builds the amount for `minor` units of `currency` (`1450` USD is `"14.50"`).
    pub fn from_minor_units(minor: i64, currency: &Currency) -> Result<Self, MoneyError> {
        if minor < 0 {
            return Err(MoneyError::Negative);
        }
        let digits = currency.minor_digits();
        if digits == 0 {
            return Ok(Self(minor.to_string()));
        }
        let scale = 10i64.pow(digits);
        Ok(Self(format!(
            "{}.{:0width$}",
            minor / scale,
            minor % scale,
            width = digits as usize
        )))
    }

    /// Compares two amounts by value (`"1.5"` equals `"1.50"`).
    pub fn cmp_value(&self, other: &Amount) -> Ordering {
        let (ai, af) = self.parts();
        let (bi, bf) = other.parts();
        let ai = ai.trim_start_matches('0');
        let bi = bi.trim_start_matches('0');
        ai.len()
            .cmp(&bi.len())
            .then_with(|| ai.cmp(bi))
            .then_with(|| {
                let af = af.trim_end_matches('0');
                let bf = bf.trim_end_matches('0');
                af.cmp(bf)
            })
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Amount {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, MoneyError> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for Amount {
    type Error = MoneyError;
    fn try_from(s: &str) -> Result<Self, MoneyError> {
        Self::parse(s)
    }
}

impl From<u64> for Amount {
    fn from(v: u64) -> Self {
        Self(v.to_string())
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

struct AmountVisitor;

impl serde::de::Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative decimal amount as a string or number")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse(v).map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
        Amount::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
        if v < 0 {
            return Err(E::custom(MoneyError::Negative));
        }
        Amount::parse(&v.to_string()).map_err(E::custom)
    }

    /// A JSON number with a fraction. It is rendered with the shortest
    /// decimal text that reads back as the same number (`12.99` gives
    /// `"12.99"`), then checked as text; no arithmetic is done on it.
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
        if !v.is_finite() || v < 0.0 {
            return Err(E::custom(MoneyError::Syntax));
        }
        let text = v.to_string();
        Amount::parse(&text).map_err(E::custom)
    }
}

/// An amount with its currency (`{"amount": "14.00", "currencyCode": "USD"}`).
///
/// Reading is lenient (a string or a number, any fraction digits, any currency code), so a
/// response always decodes; writing checks the currency code and the fraction digits
/// ([`Price::validate`]) and fails for a price the service would refuse (`"1.234"` USD,
/// `"10.5"` JPY, `"usd"`, `"XYZ"`), so such a price is never sent. Charge amounts in requests
/// (`chargeAmount`, `captureAmount`, `chargeTotal`) are also checked against the maximum
/// charge of their currency ([`Price::check_charge_limit`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    /// The exact decimal amount.
    pub amount: Amount,
    /// The ISO 4217 currency.
    pub currency_code: Currency,
}

impl Serialize for Price {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeStruct};
        self.validate().map_err(S::Error::custom)?;
        let mut price = serializer.serialize_struct("Price", 2)?;
        price.serialize_field("amount", &self.amount)?;
        price.serialize_field("currencyCode", &self.currency_code)?;
        price.end()
    }
}

impl Price {
    /// Builds a price from text, checking the currency code and the fraction digits.
    pub fn new(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let price = Self {
            amount: Amount::parse(amount)?,
            currency_code: currency,
        };
        price.validate()?;
        Ok(price)
    }

    /// Builds a price from minor units (`1450` USD is `"14.50"`, `705` JPY is `"705"`).
    pub fn from_minor_units(minor: i64, currency: Currency) -> Result<Self, MoneyError> {
        Ok(Self {
            amount: Amount::from_minor_units(minor, &currency)?,
            currency_code: currency,
        })
    }

    /// The value in minor units of its currency.
    pub fn to_minor_units(&self) -> Result<i64, MoneyError> {
        self.amount.to_minor_units(&self.currency_code)
    }

    /// Checks what a request may carry: a currency code Amazon Pay accepts
    /// ([`Currency::check_supported`]) and the currency's fraction-digit rule.
    pub fn validate(&self) -> Result<(), MoneyError> {
        self.currency_code.check_supported()?;
        self.amount.validate_for(&self.currency_code)
    }

    /// The currency.
    pub fn currency(&self) -> &Currency {
        &self.currency_code
    }

    fn same_currency(&self, other: &Price) -> Result<(), MoneyError> {
        if self.currency_code == other.currency_code {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency_code.clone(),
                right: other.currency_code.clone(),
            })
        }
    }

    /// Sum of two prices of the same currency.
    pub fn checked_add(&self, other: &Price) -> Result<Price, MoneyError> {
        self.same_currency(other)?;
        let sum = self
            .to_minor_units()?
            .checked_add(other.to_minor_units()?)
            .ok_or(MoneyError::OutOfRange)?;
        Price::from_minor_units(sum, self.currency_code.clone())
    }

    /// Difference of two prices of the same currency; fails below zero.
    pub fn checked_sub(&self, other: &Price) -> Result<Price, MoneyError> {
        self.same_currency(other)?;
        let diff = self.to_minor_units()? - other.to_minor_units()?;
        if diff < 0 {
            return Err(MoneyError::OutOfRange);
        }
        Price::from_minor_units(diff, self.currency_code.clone())
    }

    /// Compares by value within one currency; `None` across currencies.
    pub fn compare(&self, other: &Price) -> Option<Ordering> {
        (self.currency_code == other.currency_code).then(|| self.amount.cmp_value(&other.amount))
    }

    /// A zero price in `currency`.
    pub fn zero(currency: Currency) -> Price {
        Price {
            amount: Amount("0".to_owned()),
            currency_code: currency,
        }
    }

    /// The maximum single charge for the currency (US $150,000, UK £150,000,
    /// DE €150,000, JP ¥10,000,000, the `chargeAmount` row of
    /// <https://developer.amazon.com/docs/amazon-pay-api-v2/charge.html>); `None` for the
    /// currencies that page gives no maximum for.
    pub fn max_charge(currency: &Currency) -> Option<Price> {
        let (amount, currency) = match currency {
            Currency::Usd => ("150000", Currency::Usd),
            Currency::Gbp => ("150000", Currency::Gbp),
            Currency::Eur => ("150000", Currency::Eur),
            Currency::Jpy => ("10000000", Currency::Jpy),
            _ => return None,
        };
        Some(Price {
            amount: Amount(amount.to_owned()),
            currency_code: currency,
        })
    }

    /// Validates the price as a charge amount: fraction digits and the
    /// per-region maximum (when the currency has one).
    pub fn check_charge_limit(&self) -> Result<(), MoneyError> {
        self.validate()?;
        if let Some(max) = Price::max_charge(&self.currency_code)
            && self.amount.cmp_value(&max.amount) == Ordering::Greater
        {
            return Err(MoneyError::AboveChargeLimit { max: Box::new(max) });
        }
        Ok(())
    }

    /// The most that may be refunded in total on a charge that captured
    /// `self`: the capture plus 15% or 75 USD/GBP/EUR or 8,400 JPY,
    /// whichever is less. Other currencies get the 15% allowance only.
    pub fn max_refund_total(&self) -> Result<Price, MoneyError> {
        let captured = self.to_minor_units()?;
        let pct = captured / 100 * 15 + (captured % 100) * 15 / 100;
        let cap = match self.currency_code {
            Currency::Usd | Currency::Gbp | Currency::Eur => Some(7_500),
            Currency::Jpy => Some(8_400),
            _ => None,
        };
        let extra = cap.map_or(pct, |c| pct.min(c));
        let total = captured.checked_add(extra).ok_or(MoneyError::OutOfRange)?;
        Price::from_minor_units(total, self.currency_code.clone())
    }
}

/// Writes a charge amount of a request (`chargeAmount`, `captureAmount`, `chargeTotal`): what
/// [`Price`] itself checks, plus the maximum charge of its currency
/// ([`Price::check_charge_limit`]). For `#[serde(serialize_with)]`; reading is unaffected.
pub(crate) fn serialize_charge<S: Serializer>(
    price: &Price,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_checked(price, price.check_charge_limit(), serializer)
}

/// [`serialize_charge`] for an optional field (with `skip_serializing_if = "Option::is_none"`).
pub(crate) fn serialize_optional_charge<S: Serializer>(
    price: &Option<Price>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_optional(price.as_ref(), serializer, serialize_charge)
}

/// Writes a currency code of a request (`ledgerCurrency`, `presentmentCurrency`): only a code
/// Amazon Pay accepts ([`Currency::check_supported`]). For `#[serde(serialize_with)]`.
pub(crate) fn serialize_currency<S: Serializer>(
    currency: &Currency,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_checked(currency, currency.check_supported(), serializer)
}

/// [`serialize_currency`] for an optional field (with `skip_serializing_if = "Option::is_none"`).
pub(crate) fn serialize_optional_currency<S: Serializer>(
    currency: &Option<Currency>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_optional(currency.as_ref(), serializer, serialize_currency)
}

/// Writes `value` if `check` passed, else fails the serialization with the check's error.
fn write_checked<T: Serialize, S: Serializer>(
    value: &T,
    check: Result<(), MoneyError>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    check.map_err(S::Error::custom)?;
    value.serialize(serializer)
}

/// What a serializer returns.
type Written<S> = Result<<S as Serializer>::Ok, <S as Serializer>::Error>;

/// Writes `Some` with `write`, `None` as JSON `null`.
fn write_optional<T, S: Serializer>(
    value: Option<&T>,
    serializer: S,
    write: fn(&T, S) -> Written<S>,
) -> Written<S> {
    match value {
        Some(value) => write(value, serializer),
        None => serializer.serialize_none(),
    }
}

impl fmt::Display for Price {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency_code)
    }
}
