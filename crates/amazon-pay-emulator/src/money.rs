//! Amounts as the emulator stores them: integer minor units of a currency.
//!
//! Parsing, per-currency digit rules, formatting and the charge and refund
//! limits come from [`amazon_pay_types::money`]; this module only reads a
//! price out of a request body, turns a [`MoneyError`] into the service's
//! `InvalidParameterValue` answer, and knows which currencies a store's region can charge.

use std::fmt;

use amazon_pay_signing::Region;
use amazon_pay_types::{Amount, Currency, MoneyError, Price};
use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// The currency codes the emulator accepts as `currencyCode`: the types crate's
/// [`Currency::KNOWN`], in its order.
pub(crate) fn currency_codes() -> Vec<&'static str> {
    Currency::KNOWN.iter().map(Currency::as_str).collect()
}

/// Whether a store registered in `region` can charge `currency`.
///
/// "By default, you can only charge your buyer using the currency in which you receive your
/// disbursements" and multi-currency needs an account "registered in the EU or UK"
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/multi-currency-integration.html>):
/// a US store charges USD, a Japanese store JPY, a European one any supported currency.
pub(crate) fn chargeable_in(region: Region, currency: &Currency) -> bool {
    match region {
        Region::Na => *currency == Currency::Usd,
        Region::Jp => *currency == Currency::Jpy,
        Region::Eu => !currency.is_unknown(),
    }
}

/// `InvalidParameterValue` (the docs' code for "an invalid value for at least one of the
/// parameters", <https://developer.amazon.com/docs/amazon-pay-api-v2/error-handling.html>)
/// unless a store of `region` can charge `currency`.
pub(crate) fn require_chargeable(
    region: Region,
    field: &str,
    currency: &Currency,
) -> ApiResult<()> {
    if chargeable_in(region, currency) {
        Ok(())
    } else {
        Err(ApiError::invalid_value(
            field,
            format!("a store of the {region} region cannot charge {currency}"),
        ))
    }
}

/// An amount with its currency, held as an integer of minor units.
///
/// Two amounts are equal when their value and currency are (`"1"` equals `"1.00"`).
#[derive(Debug, Clone)]
pub(crate) struct Money {
    pub(crate) minor: i64,
    pub(crate) currency: Currency,
    /// The decimal text the merchant wrote, echoed back as the service does (`"1"` stays
    /// `"1"`); `None` for computed amounts.
    written: Option<String>,
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.minor == other.minor && self.currency == other.currency
    }
}

impl Eq for Money {}

impl Money {
    /// A computed amount of `minor` units.
    pub(crate) fn new(minor: i64, currency: Currency) -> Self {
        Self {
            minor,
            currency,
            written: None,
        }
    }

    pub(crate) fn zero(currency: &Currency) -> Self {
        Self::new(0, currency.clone())
    }

    /// The largest single charge in `currency`: the documented maximum, or the
    /// USD figure (150,000) for currencies without one.
    pub(crate) fn max_charge(currency: &Currency) -> Self {
        let max = Price::max_charge(currency).or_else(|| Price::max_charge(&Currency::Usd));
        Self {
            // The maxima are whole numbers, valid in every currency.
            minor: max
                .and_then(|m| m.amount.to_minor_units(currency).ok())
                .unwrap_or(i64::MAX),
            currency: currency.clone(),
            written: None,
        }
    }

    /// Reads a Price object (`{"amount": "1.00" | 1.0, "currencyCode": "USD"}`) already shape-checked.
    ///
    /// The fraction digits are counted as written: `"705.00"` JPY is refused as the service
    /// refuses it (reference: amzn/amazon-pay-api-sdk-php #31), and so is `"14.000"` USD.
    pub(crate) fn from_price(field: &str, price: &Value) -> ApiResult<Self> {
        let code = price
            .get("currencyCode")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "MissingParameterValue",
                    format!("{field}.currencyCode is required"),
                )
            })?;
        let currency = Currency::parse(code);
        if currency.is_unknown() {
            return Err(ApiError::invalid_value(
                &format!("{field}.currencyCode"),
                format!("unknown currency {code}"),
            ));
        }
        let amount_field = format!("{field}.amount");
        let text = match price.get("amount") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                return Err(ApiError::bad_request(
                    "MissingParameterValue",
                    format!("{amount_field} is required"),
                ));
            }
        };
        let minor = Amount::parse(&text)
            .and_then(|a| a.to_minor_units(&currency))
            .map_err(|e| ApiError::invalid_value(&amount_field, rejection(&text, &e)))?;
        Ok(Self {
            minor,
            currency,
            written: Some(text),
        })
    }

    /// The Price object: the amount as the merchant wrote it, or the decimal text of a
    /// computed amount.
    pub(crate) fn to_json(&self) -> Value {
        let amount = self.written.clone().unwrap_or_else(|| self.amount_string());
        serde_json::json!({ "amount": amount, "currencyCode": self.currency })
    }

    /// The decimal text of the amount (`"14.00"`, `"8400"` JPY, `"-0.05"`).
    pub(crate) fn amount_string(&self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        // Only `i64::MIN` has no absolute value; it is never a stored amount.
        match self
            .minor
            .checked_abs()
            .and_then(|m| Amount::from_minor_units(m, &self.currency).ok())
        {
            Some(abs) => format!("{sign}{abs}"),
            None => self.minor.to_string(),
        }
    }

    pub(crate) fn with_minor(&self, minor: i64) -> Self {
        Self {
            minor,
            currency: self.currency.clone(),
            written: None,
        }
    }

    /// The most that may be refunded in total on a charge that captured
    /// `self` (see [`Price::max_refund_total`]).
    pub(crate) fn max_refund_total(&self) -> Self {
        let total = Price::from_minor_units(self.minor, self.currency.clone())
            .and_then(|p| p.max_refund_total())
            .and_then(|p| p.to_minor_units());
        // A negative or overflowing capture never occurs; it allows no extra.
        self.with_minor(total.unwrap_or(self.minor))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// The detail of an `InvalidParameterValue` answer for a rejected amount text.
fn rejection(text: &str, error: &MoneyError) -> String {
    match error {
        MoneyError::Syntax | MoneyError::Negative => {
            format!("'{text}' is not a positive decimal amount")
        }
        MoneyError::TooManyFractionDigits { allowed: 0, .. } => {
            format!("'{text}' has decimals; this currency has no fraction digits")
        }
        MoneyError::TooManyFractionDigits { allowed, .. } => {
            format!("'{text}' has more than {allowed} decimal places")
        }
        MoneyError::TooLarge | MoneyError::OutOfRange => format!("'{text}' is too large"),
        other => format!("'{text}' is invalid: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn price(v: Value) -> ApiResult<Money> {
        Money::from_price("chargeAmount", &v)
    }

    fn usd(minor: i64) -> Money {
        Money::new(minor, Currency::Usd)
    }

    #[test]
    fn accepted_currencies_are_the_known_ones() {
        for code in currency_codes() {
            let amount = if code == "JPY" { "100" } else { "1.00" };
            let parsed = price(json!({"amount": amount, "currencyCode": code}));
            assert_eq!(
                parsed.map(|m| m.currency.as_str().to_owned()),
                Ok(code.to_owned())
            );
        }
        assert_eq!(currency_codes().len(), Currency::KNOWN.len());
        assert!(price(json!({"amount": "1.00", "currencyCode": "XYZ"})).is_err());
    }

    #[test]
    fn parses_strings_and_numbers() {
        assert_eq!(
            price(json!({"amount": "14.00", "currencyCode": "USD"})).map(|m| m.minor),
            Ok(1400)
        );
        assert_eq!(
            price(json!({"amount": 106.98, "currencyCode": "EUR"})).map(|m| m.minor),
            Ok(10698)
        );
        assert_eq!(
            price(json!({"amount": "1", "currencyCode": "USD"})).map(|m| m.minor),
            Ok(100)
        );
        assert_eq!(
            price(json!({"amount": "100000", "currencyCode": "JPY"})).map(|m| m.minor),
            Ok(100_000)
        );
        assert_eq!(
            price(json!({"amount": "705", "currencyCode": "JPY"})).map(|m| m.minor),
            Ok(705)
        );
    }

    #[test]
    fn rejects_what_the_service_rejects() {
        for (bad, detail) in [
            (
                json!({"amount": "64615.90", "currencyCode": "JPY"}),
                "'64615.90' has decimals; this currency has no fraction digits",
            ),
            (
                json!({"amount": "705.00", "currencyCode": "JPY"}),
                "'705.00' has decimals; this currency has no fraction digits",
            ),
            (
                json!({"amount": "14.000", "currencyCode": "USD"}),
                "'14.000' has more than 2 decimal places",
            ),
            (
                json!({"amount": "7.7225", "currencyCode": "USD"}),
                "'7.7225' has more than 2 decimal places",
            ),
            (
                json!({"amount": "-1", "currencyCode": "USD"}),
                "'-1' is not a positive decimal amount",
            ),
            (
                json!({"amount": "1e3", "currencyCode": "USD"}),
                "'1e3' is not a positive decimal amount",
            ),
            (
                json!({"amount": "1.", "currencyCode": "USD"}),
                "'1.' is not a positive decimal amount",
            ),
            (
                json!({"amount": "99999999999999999999", "currencyCode": "USD"}),
                "'99999999999999999999' is too large",
            ),
            (
                json!({"amount": "1.00", "currencyCode": "XXX"}),
                "unknown currency XXX",
            ),
        ] {
            let err = price(bad.clone()).expect_err("must be rejected");
            assert_eq!(err.reason_code, "InvalidParameterValue", "{bad}");
            assert!(err.message.ends_with(detail), "{bad}: {}", err.message);
        }
    }

    #[test]
    fn echoes_the_written_amount_and_formats_computed_ones() {
        let one = price(json!({"amount": "1", "currencyCode": "USD"})).expect("valid");
        assert_eq!(one.to_json(), json!({"amount": "1", "currencyCode": "USD"}));
        assert_eq!(one, usd(100));
        assert_eq!(
            one.with_minor(100).to_json(),
            json!({"amount": "1.00", "currencyCode": "USD"})
        );
        let number = price(json!({"amount": 106.98, "currencyCode": "EUR"})).expect("valid");
        assert_eq!(number.to_json()["amount"], "106.98");
    }

    #[test]
    fn regions_charge_their_currencies() {
        assert!(chargeable_in(Region::Na, &Currency::Usd));
        assert!(!chargeable_in(Region::Na, &Currency::Jpy));
        assert!(chargeable_in(Region::Jp, &Currency::Jpy));
        assert!(!chargeable_in(Region::Jp, &Currency::Usd));
        assert!(chargeable_in(Region::Eu, &Currency::Chf));
        assert!(chargeable_in(Region::Eu, &Currency::Gbp));
        let e = require_chargeable(Region::Na, "chargeAmount.currencyCode", &Currency::Jpy)
            .expect_err("JPY on a US store");
        assert_eq!(e.reason_code, "InvalidParameterValue");
    }

    #[test]
    fn formats_per_currency() {
        assert_eq!(usd(1400).amount_string(), "14.00");
        assert_eq!(usd(-150).amount_string(), "-1.50");
        assert_eq!(usd(5).with_minor(5).to_string(), "0.05 USD");
        let jpy = Money::new(8400, Currency::Jpy);
        assert_eq!(jpy.amount_string(), "8400");
    }

    #[test]
    fn max_charge_falls_back_to_the_usd_figure() {
        assert_eq!(Money::max_charge(&Currency::Usd).minor, 15_000_000);
        assert_eq!(Money::max_charge(&Currency::Jpy).minor, 10_000_000);
        assert_eq!(Money::max_charge(&Currency::Aud).minor, 15_000_000);
    }

    #[test]
    fn refund_allowance_is_the_lesser_of_percent_and_cap() {
        assert_eq!(usd(10_000).max_refund_total().minor, 11_500);
        assert_eq!(usd(100_000).max_refund_total().minor, 107_500);
        let jpy = Money::new(100_000, Currency::Jpy);
        assert_eq!(jpy.max_refund_total().minor, 108_400);
        let aud = Money::new(100_000, Currency::Aud);
        assert_eq!(aud.max_refund_total().minor, 115_000);
    }
}
