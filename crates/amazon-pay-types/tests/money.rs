//! Amounts and prices: per-currency validation, minor units, string and number input.

use amazon_pay_types::{Amount, Currency, MoneyError, Price, from_json_str};

#[test]
fn accepted_amounts_per_currency() {
    let table: &[(&str, Currency, i64)] = &[
        ("14.00", Currency::Usd, 1400),
        ("1.40", Currency::Usd, 140),
        ("1", Currency::Usd, 100),
        ("0.5", Currency::Eur, 50),
        ("0", Currency::Gbp, 0),
        ("100000", Currency::Gbp, 10_000_000),
        ("150000.00", Currency::Eur, 15_000_000),
        ("705", Currency::Jpy, 705),
        ("10000000", Currency::Jpy, 10_000_000),
        ("12.99", Currency::Aud, 1299),
        ("3.5", Currency::Chf, 350),
    ];
    for (text, currency, minor) in table {
        let price = Price::new(text, currency.clone())
            .unwrap_or_else(|e| panic!("{text} {currency} rejected: {e}"));
        assert_eq!(price.amount.as_str(), *text, "text kept exactly");
        assert_eq!(price.to_minor_units(), Ok(*minor), "{text} {currency}");
    }
}

#[test]
fn rejected_amounts_per_currency() {
    let table: &[(&str, Currency, MoneyError)] = &[
        ("64615.90", Currency::Jpy, too_many(Currency::Jpy, 0, 2)),
        ("705.00", Currency::Jpy, too_many(Currency::Jpy, 0, 2)),
        ("705.", Currency::Jpy, MoneyError::Syntax),
        ("7.7225", Currency::Usd, too_many(Currency::Usd, 2, 4)),
        ("1.234", Currency::Eur, too_many(Currency::Eur, 2, 3)),
        ("0.001", Currency::Gbp, too_many(Currency::Gbp, 2, 3)),
        ("", Currency::Usd, MoneyError::Syntax),
        ("-1", Currency::Usd, MoneyError::Syntax),
        ("+1", Currency::Usd, MoneyError::Syntax),
        ("1e3", Currency::Usd, MoneyError::Syntax),
        (".5", Currency::Usd, MoneyError::Syntax),
        ("1,50", Currency::Eur, MoneyError::Syntax),
        (" 1", Currency::Usd, MoneyError::Syntax),
        ("NaN", Currency::Usd, MoneyError::Syntax),
        ("1234567890123456", Currency::Usd, MoneyError::TooLarge),
    ];
    for (text, currency, error) in table {
        assert_eq!(
            Price::new(text, currency.clone()).as_ref(),
            Err(error),
            "{text:?} {currency}"
        );
    }
}

fn too_many(currency: Currency, allowed: u32, found: u32) -> MoneyError {
    MoneyError::TooManyFractionDigits {
        currency,
        allowed,
        found,
    }
}

#[test]
fn minor_units_round_trip() {
    let cases: &[(i64, Currency, &str)] = &[
        (1450, Currency::Usd, "14.50"),
        (5, Currency::Usd, "0.05"),
        (0, Currency::Eur, "0.00"),
        (705, Currency::Jpy, "705"),
        (15_000_000, Currency::Gbp, "150000.00"),
    ];
    for (minor, currency, text) in cases {
        let price = Price::from_minor_units(*minor, currency.clone()).unwrap();
        assert_eq!(price.amount.as_str(), *text);
        assert_eq!(price.to_minor_units(), Ok(*minor));
    }
    assert_eq!(
        Price::from_minor_units(-1, Currency::Usd),
        Err(MoneyError::Negative)
    );
}

#[test]
fn reads_strings_and_numbers_writes_strings() {
    let cases = [
        (r#"{"amount":"14.00","currencyCode":"USD"}"#, "14.00"),
        (r#"{"amount":50,"currencyCode":"USD"}"#, "50"),
        (r#"{"amount":12.99,"currencyCode":"EUR"}"#, "12.99"),
        (r#"{"amount":0.1,"currencyCode":"EUR"}"#, "0.1"),
        (r#"{"amount":705,"currencyCode":"JPY"}"#, "705"),
    ];
    for (json, text) in cases {
        let price: Price = from_json_str(json).unwrap();
        assert_eq!(price.amount.as_str(), text);
        let out = serde_json::to_value(&price).unwrap();
        assert_eq!(out["amount"], serde_json::Value::String(text.into()));
    }
    for bad in [
        r#"{"amount":-1,"currencyCode":"USD"}"#,
        r#"{"amount":-1.5,"currencyCode":"USD"}"#,
        r#"{"amount":"abc","currencyCode":"USD"}"#,
        r#"{"amount":true,"currencyCode":"USD"}"#,
        r#"{"amount":null,"currencyCode":"USD"}"#,
    ] {
        let err = from_json_str::<Price>(bad).unwrap_err();
        assert_eq!(err.path(), "amount", "{bad}: {err}");
    }
}

#[test]
fn arithmetic_and_ordering_within_one_currency() {
    let a = Price::new("10.50", Currency::Usd).unwrap();
    let b = Price::new("0.5", Currency::Usd).unwrap();
    assert_eq!(a.checked_add(&b).unwrap().amount.as_str(), "11.00");
    assert_eq!(a.checked_sub(&b).unwrap().amount.as_str(), "10.00");
    assert_eq!(b.checked_sub(&a), Err(MoneyError::OutOfRange));
    assert_eq!(a.compare(&b), Some(std::cmp::Ordering::Greater));
    assert_eq!(
        Price::new("1.5", Currency::Usd)
            .unwrap()
            .compare(&Price::new("1.50", Currency::Usd).unwrap()),
        Some(std::cmp::Ordering::Equal)
    );
    let yen = Price::new("100", Currency::Jpy).unwrap();
    assert_eq!(a.compare(&yen), None);
    assert!(matches!(
        a.checked_add(&yen),
        Err(MoneyError::CurrencyMismatch { .. })
    ));
    assert_eq!(
        Amount::parse("09.10")
            .unwrap()
            .cmp_value(&Amount::parse("9.1").unwrap()),
        std::cmp::Ordering::Equal
    );
}

#[test]
fn charge_limits_per_region() {
    for (ok, over, currency) in [
        ("150000", "150000.01", Currency::Usd),
        ("150000.00", "150001", Currency::Gbp),
        ("150000", "150000.01", Currency::Eur),
        ("10000000", "10000001", Currency::Jpy),
    ] {
        assert_eq!(
            Price::new(ok, currency.clone())
                .unwrap()
                .check_charge_limit(),
            Ok(())
        );
        assert!(matches!(
            Price::new(over, currency.clone())
                .unwrap()
                .check_charge_limit(),
            Err(MoneyError::AboveChargeLimit { .. })
        ));
    }
    assert_eq!(Price::max_charge(&Currency::Aud), None);
}

#[test]
fn refund_allowance() {
    // 15% of 100.00 is 15.00, below the 75.00 cap.
    let p = Price::new("100.00", Currency::Usd).unwrap();
    assert_eq!(p.max_refund_total().unwrap().amount.as_str(), "115.00");
    // 15% of 1000.00 is 150.00; the cap of 75.00 wins.
    let p = Price::new("1000", Currency::Eur).unwrap();
    assert_eq!(p.max_refund_total().unwrap().amount.as_str(), "1075.00");
    // JPY cap is 8,400.
    let p = Price::new("100000", Currency::Jpy).unwrap();
    assert_eq!(p.max_refund_total().unwrap().amount.as_str(), "108400");
    let p = Price::new("1000", Currency::Jpy).unwrap();
    assert_eq!(p.max_refund_total().unwrap().amount.as_str(), "1150");
}

#[test]
fn a_price_the_service_would_refuse_reads_but_never_writes() {
    for (json, currency) in [
        (r#"{"amount":"1.234","currencyCode":"USD"}"#, "USD"),
        (r#"{"amount":"10.5","currencyCode":"JPY"}"#, "JPY"),
        (r#"{"amount":"10.00","currencyCode":"JPY"}"#, "JPY"),
    ] {
        let price: Price = serde_json::from_str(json).expect("lenient read");
        assert_eq!(price.currency_code.as_str(), currency);
        let err = serde_json::to_string(&price).expect_err(json);
        assert!(err.to_string().contains("fraction"), "{err}");
    }
    let ok: Price = serde_json::from_str(r#"{"amount":"10","currencyCode":"JPY"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&ok).unwrap(),
        r#"{"amount":"10","currencyCode":"JPY"}"#
    );
}

#[test]
fn normalized_drops_only_trailing_fraction_zeros() {
    let table: &[(&str, &str)] = &[
        ("705.00", "705"),
        ("1.50", "1.5"),
        ("1.05", "1.05"),
        ("14", "14"),
        ("100", "100"),
        ("0.0", "0"),
        ("64615.90", "64615.9"),
    ];
    for (text, expected) in table {
        let amount = Amount::parse(text).expect("valid amount");
        let normalized = amount.normalized();
        assert_eq!(normalized.as_str(), *expected, "{text}");
        assert_eq!(normalized.cmp_value(&amount), std::cmp::Ordering::Equal);
    }
    let jpy = Currency::Jpy;
    assert_eq!(
        Amount::parse("705.00").map(|a| a.normalized().to_minor_units(&jpy)),
        Ok(Ok(705))
    );
    assert!(matches!(
        Amount::parse("64615.90").map(|a| a.normalized().to_minor_units(&jpy)),
        Ok(Err(MoneyError::TooManyFractionDigits { found: 1, .. }))
    ));
}

/// Currency codes are checked as the API spells them before any price is built or sent;
/// responses with a code this version does not know still decode.
#[test]
fn unknown_or_misspelt_currencies_are_refused_for_requests_but_read_from_responses() {
    for code in ["usd", "Usd", "XYZ", "", "US", "USDX", " USD", "EURO"] {
        let currency = Currency::from(code);
        assert!(
            matches!(
                Price::new("1.00", currency.clone()),
                Err(MoneyError::UnsupportedCurrency { .. })
            ),
            "{code:?}"
        );
        let price = Price::from_minor_units(100, currency.clone()).expect("built unchecked");
        let err = serde_json::to_string(&price).expect_err(code);
        assert!(
            err.to_string().contains("not a currency code"),
            "{code:?}: {err}"
        );
        let mut details = amazon_pay_types::PaymentDetails::new();
        details.presentment_currency = Some(currency);
        assert!(serde_json::to_string(&details).is_err(), "{code:?}");
    }
    for currency in Currency::KNOWN {
        Price::new("1", currency.clone()).unwrap_or_else(|e| panic!("{currency}: {e}"));
    }
    let read: Price = serde_json::from_str(r#"{"amount":"1.00","currencyCode":"XYZ"}"#).unwrap();
    assert_eq!(read.currency_code, Currency::Unknown("XYZ".into()));
}

/// A charge amount above the documented maximum of its currency is refused when a request is
/// written; other prices (an order total, an annual sales volume) are not charges.
#[test]
fn charge_amounts_above_the_maximum_are_never_written() {
    use amazon_pay_types::{CaptureChargeRequest, CreateChargeRequest, PaymentDetails};
    let over = [
        ("150000.01", Currency::Usd),
        ("150001", Currency::Gbp),
        ("150000.01", Currency::Eur),
        ("10000001", Currency::Jpy),
    ];
    for (amount, currency) in over {
        let price = Price::new(amount, currency.clone()).expect("a valid price");
        let create = CreateChargeRequest::new("S01-1", price.clone());
        let err = serde_json::to_string(&create).expect_err(amount);
        assert!(err.to_string().contains("maximum charge"), "{err}");
        assert!(serde_json::to_string(&CaptureChargeRequest::new(price.clone())).is_err());
        let mut details = PaymentDetails::new();
        details.charge_amount = Some(price.clone());
        assert!(
            serde_json::to_string(&details).is_err(),
            "{amount} {currency}"
        );
        details.charge_amount = None;
        details.total_order_amount = Some(price.clone());
        serde_json::to_string(&details).expect("an order total is not a single charge");
    }
    let at_the_limit = Price::new("150000.00", Currency::Usd).unwrap();
    serde_json::to_string(&CreateChargeRequest::new("S01-1", at_the_limit)).expect("at the limit");
    // No maximum is documented for the other currencies.
    let aud = Price::new("900000", Currency::Aud).unwrap();
    serde_json::to_string(&CreateChargeRequest::new("S01-1", aud)).expect("AUD");
}
