//! Malformed JSON of every kind gives a decode error naming the field path.

use amazon_pay_types::{
    Charge, ChargePermission, CheckoutSession, DecodeErrorKind, ErrorBody, Refund, ReportList,
    SnsMessage, from_json, from_json_str,
};

#[test]
fn wrong_types_name_the_path() {
    let cases: &[(&str, &str)] = &[
        (r#"{"checkoutSessionId":5}"#, "checkoutSessionId"),
        (
            r#"{"checkoutSessionId":"a","paymentDetails":{"chargeAmount":{"amount":"1.2.3","currencyCode":"USD"}}}"#,
            "paymentDetails.chargeAmount.amount",
        ),
        (
            r#"{"checkoutSessionId":"a","paymentDetails":{"chargeAmount":{"amount":"1","currencyCode":5}}}"#,
            "paymentDetails.chargeAmount.currencyCode",
        ),
        (
            r#"{"checkoutSessionId":"a","statusDetails":{"state":7}}"#,
            "statusDetails.state",
        ),
        (
            r#"{"checkoutSessionId":"a","statusDetails":{"reasonCode":"Expired"}}"#,
            "statusDetails",
        ),
        (r#"{"checkoutSessionId":"a","chargeId":["x"]}"#, "chargeId"),
        (r#"{"webCheckoutDetails":{}}"#, "."),
    ];
    for (json, path) in cases {
        let err = from_json_str::<CheckoutSession>(json).unwrap_err();
        assert!(
            err.path().starts_with(path),
            "{json}: path {} (expected {path}); {err}",
            err.path()
        );
        assert_eq!(err.kind(), DecodeErrorKind::Data, "{json}");
        assert!(err.to_string().contains(err.path()), "{err}");
    }
}

#[test]
fn bad_values_in_non_essential_fields_decode() {
    // Not essential: each reads as absent and is kept in `extra` (tests/non_essential.rs).
    for json in [
        r#"{"checkoutSessionId":"a","paymentDetails":{"canHandlePendingAuthorization":"no"}}"#,
        r#"{"checkoutSessionId":"a","statusDetails":{"state":"Open","lastUpdatedTimestamp":"nope"}}"#,
        r#"{"checkoutSessionId":"a","constraints":[{"constraintId":"X"},{"constraintId":[]}]}"#,
        r#"{"checkoutSessionId":"a","buyer":{"email":{"x":1}}}"#,
        r#"{"checkoutSessionId":"a","recurringMetadata":{"frequency":{"unit":"Month","value":-1}}}"#,
        r#"{"checkoutSessionId":"a","scopes":"name"}"#,
    ] {
        from_json_str::<CheckoutSession>(json).unwrap_or_else(|e| panic!("{json}: {e}"));
    }
}

#[test]
fn syntax_errors_and_truncation() {
    let cases: &[(&[u8], DecodeErrorKind)] = &[
        (b"", DecodeErrorKind::Eof),
        (b"{", DecodeErrorKind::Eof),
        (br#"{"chargeId":"S01"#, DecodeErrorKind::Eof),
        (br#"{"chargeId":"S01",}"#, DecodeErrorKind::Syntax),
        (br#"{chargeId:"S01"}"#, DecodeErrorKind::Syntax),
        (br#"{"chargeId":"S01"} trailing"#, DecodeErrorKind::Syntax),
        (b"\xff\xfe", DecodeErrorKind::Syntax),
        (b"null", DecodeErrorKind::Data),
        (b"[]", DecodeErrorKind::Data),
        (b"\"text\"", DecodeErrorKind::Data),
        (br#"{"chargeId":"\ud800"}"#, DecodeErrorKind::Syntax),
    ];
    for (bytes, kind) in cases {
        let err = from_json::<Charge>(bytes).unwrap_err();
        assert_eq!(
            err.kind(),
            *kind,
            "{:?}: {err}",
            String::from_utf8_lossy(bytes)
        );
    }
    let err =
        from_json::<Charge>(br#"{"chargeId":"S01","chargeAmount":{"amount":"1""#).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::Eof);
    assert!(err.path().starts_with("chargeAmount"), "{}", err.path());
}

#[test]
fn nested_paths_in_lists_and_other_objects() {
    let err = from_json_str::<ChargePermission>(
        r#"{"chargePermissionId":"S01","statusDetails":{"state":"Closed","reasons":[{"reasonCode":"MerchantClosed"}]},"platformId":[3]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "platformId");

    let err = from_json_str::<ReportList>(
        r#"{"reports":[{"reportId":"R1"},{"reportId":"R2","processingStatus":3}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "reports[1].processingStatus");

    let err = from_json_str::<Refund>(
        r#"{"refundId":"R","refundAmount":{"amount":"1","currencyCode":false}}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "refundAmount.currencyCode");

    let err = from_json_str::<ErrorBody>(r#"{"message":"x"}"#).unwrap_err();
    assert!(err.message().contains("reasonCode"), "{err}");

    let err =
        from_json_str::<SnsMessage>(r#"{"Type":"Notification","MessageId":"m"}"#).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::Data);
}

#[test]
fn shipping_address_lists_that_do_not_decode_are_kept_as_received() {
    for json in [
        r#"{"checkoutSessionId":"a","shippingAddressList":["not json"]}"#,
        r#"{"checkoutSessionId":"a","shippingAddressList":[42]}"#,
    ] {
        let session = from_json_str::<CheckoutSession>(json).unwrap();
        assert_eq!(session.shipping_address_list, None);
        let expected: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            session.extra["shippingAddressList"],
            expected["shippingAddressList"]
        );
    }
}

#[test]
fn messages_never_quote_input_strings() {
    let secret = "Susie Smith secret@example.com";
    let json =
        format!(r#"{{"checkoutSessionId":"a","paymentDetails":{{"chargeAmount":"{secret}"}}}}"#);
    let err = from_json_str::<CheckoutSession>(&json).unwrap_err();
    let text = err.to_string();
    assert!(!text.contains("Susie"), "{text}");
    assert!(!text.contains("secret@"), "{text}");
    assert_eq!(err.path(), "paymentDetails.chargeAmount");

    let json = r#"{"checkoutSessionId":"a","paymentDetails":{"chargeAmount":{"amount":"Susie \"quoted\" 1","currencyCode":"USD"}}}"#;
    let text = from_json_str::<CheckoutSession>(json)
        .unwrap_err()
        .to_string();
    assert!(
        !text.contains("Susie") && !text.contains("quoted"),
        "{text}"
    );
}

#[test]
fn deeply_nested_input_does_not_panic() {
    let deep = "[".repeat(10_000);
    let json = format!(r#"{{"checkoutSessionId":"a","extraField":{deep}"#);
    assert!(from_json_str::<CheckoutSession>(&json).is_err());
}
