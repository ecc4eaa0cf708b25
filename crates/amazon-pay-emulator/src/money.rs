//! Exact amounts in minor units, with the API's currency rules.

use std::fmt;

use serde_json::Value;

use crate::error::{ApiError, ApiResult};

/// Currencies the emulator accepts as `currencyCode`.
pub(crate) const CURRENCIES: &[&str] = &[
    "AUD", "GBP", "DKK", "EUR", "HKD", "JPY", "NZD", "NOK", "ZAR", "SEK", "CHF", "USD",
];

/// An amount with its currency, held as an integer of minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Money {
    pub(crate) minor: i64,
    pub(crate) currency: String,
}

/// Number of fraction digits of a currency (JPY has none).
pub(crate) fn decimals(currency: &str) -> u32 {
    if currency == "JPY" { 0 } else { 2 }
}

impl Money {
    pub(crate) fn zero(currency: &str) -> Self {
        Self {
            minor: 0,
            currency: currency.to_owned(),
        }
    }

    /// Reads a Price object (`{"amount": "1.00" | 1.0, "currencyCode": "USD"}`) already shape-checked.
    pub(crate) fn from_price(field: &str, price: &Value) -> ApiResult<Self> {
        let currency = price
            .get("currencyCode")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "MissingParameterValue",
                    format!("{field}.currencyCode is required"),
                )
            })?;
        if !CURRENCIES.contains(&currency) {
            return Err(ApiError::invalid_value(
                &format!("{field}.currencyCode"),
                format!("unknown currency {currency}"),
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
        let minor = parse_minor(&text, decimals(currency))
            .map_err(|why| ApiError::invalid_value(&amount_field, why))?;
        Ok(Self {
            minor,
            currency: currency.to_owned(),
        })
    }

    pub(crate) fn to_json(&self) -> Value {
        serde_json::json!({ "amount": self.amount_string(), "currencyCode": self.currency })
    }

    pub(crate) fn amount_string(&self) -> String {
        let d = decimals(&self.currency);
        if d == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(d);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let scale = scale.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = d as usize
        )
    }

    pub(crate) fn with_minor(&self, minor: i64) -> Self {
        Self {
            minor,
            currency: self.currency.clone(),
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

/// The largest single charge per currency (documented maxima; others use the USD figure).
pub(crate) fn max_charge_minor(currency: &str) -> i64 {
    match currency {
        "JPY" => 10_000_000,
        _ => 15_000_000,
    }
}

/// The extra a refund may exceed the captured amount by: the lesser of 15% and
/// 75 USD/GBP/EUR (8,400 JPY; other currencies: 15% only).
pub(crate) fn refund_allowance_minor(captured: &Money) -> i64 {
    let pct = captured.minor.saturating_mul(15) / 100;
    match captured.currency.as_str() {
        "USD" | "GBP" | "EUR" => pct.min(7_500),
        "JPY" => pct.min(8_400),
        _ => pct,
    }
}

fn parse_minor(text: &str, decimals: u32) -> Result<i64, String> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(format!("'{text}' is not a positive decimal amount"));
    }
    if text.contains('.') && frac.is_empty() {
        return Err(format!("'{text}' is not a decimal amount"));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return Err(if decimals == 0 {
            format!("'{text}' has decimals; this currency has no fraction digits")
        } else {
            format!("'{text}' has more than {decimals} decimal places")
        });
    }
    let scale = 10_i64.pow(decimals);
    let whole: i64 = whole
        .parse()
        .map_err(|_| format!("'{text}' is too large"))?;
    let mut frac_minor: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| format!("'{text}' is invalid"))?
    };
    for _ in frac.len()..decimals as usize {
        frac_minor *= 10;
    }
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac_minor))
        .ok_or_else(|| format!("'{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn price(v: Value) -> ApiResult<Money> {
        Money::from_price("chargeAmount", &v)
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
            price(json!({"amount": "705.00", "currencyCode": "JPY"})).map(|m| m.minor),
            Ok(705)
        );
    }

    #[test]
    fn rejects_what_the_service_rejects() {
        for bad in [
            json!({"amount": "64615.90", "currencyCode": "JPY"}),
            json!({"amount": "7.7225", "currencyCode": "USD"}),
            json!({"amount": "-1", "currencyCode": "USD"}),
            json!({"amount": "1e3", "currencyCode": "USD"}),
            json!({"amount": "1.", "currencyCode": "USD"}),
            json!({"amount": "1.00", "currencyCode": "XXX"}),
        ] {
            let err = price(bad.clone()).expect_err("must be rejected");
            assert_eq!(err.reason_code, "InvalidParameterValue", "{bad}");
        }
    }

    #[test]
    fn formats_per_currency() {
        assert_eq!(
            Money {
                minor: 1400,
                currency: "USD".into()
            }
            .amount_string(),
            "14.00"
        );
        assert_eq!(
            Money {
                minor: 5,
                currency: "EUR".into()
            }
            .amount_string(),
            "0.05"
        );
        assert_eq!(
            Money {
                minor: 8400,
                currency: "JPY".into()
            }
            .amount_string(),
            "8400"
        );
    }

    #[test]
    fn refund_allowance_is_the_lesser_of_percent_and_cap() {
        assert_eq!(
            refund_allowance_minor(&Money {
                minor: 10_000,
                currency: "USD".into()
            }),
            1_500
        );
        assert_eq!(
            refund_allowance_minor(&Money {
                minor: 100_000,
                currency: "USD".into()
            }),
            7_500
        );
        assert_eq!(
            refund_allowance_minor(&Money {
                minor: 100_000,
                currency: "JPY".into()
            }),
            8_400
        );
    }
}
