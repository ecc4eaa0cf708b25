//! Malformed JSON of every kind gives a decode error naming the field path.

use amazon_pay_types::{
    Charge, ChargePermission, CheckoutSession, DecodeErrorKind, ErrorBody, Refund, SnsMessage,
    from_json, from_json_str,
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
            r#"{"checkoutSessionId":"a","paymentDetails":{"canHandlePendingAuthorization":"no"}}"#,
            "paymentDetails.canHandlePendingAuthorization",
        ),
        (
            r#"{"checkoutSessionId":"a","statusDetails":{"state":"Open","lastUpdatedTimestamp":"nope"}}"#,
            "statusDetails.lastUpdatedTimestamp",
        ),
        (
            r#"{"checkoutSessionId":"a","statusDetails":{"state":7}}"#,
            "statusDetails.state",
        ),
        (
            r#"{"checkoutSessionId":"a","constraints":[{"constraintId":"X"},{"constraintId":[]}]}"#,
            "constraints",
        ),
        (
            r#"{"checkoutSessionId":"a","buyer":{"email":{"x":1}}}"#,
            "buyer.email",
        ),
        (
            r#"{"checkoutSessionId":"a","recurringMetadata":{"frequency":{"unit":"Month","value":-1}}}"#,
            "recurringMetadata.frequency.value",
        ),
        (r#"{"checkoutSessionId":"a","scopes":"name"}"#, "scopes"),
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
        r#"{"chargePermissionId":"S01","statusDetails":{"state":"Closed","reasons":[{"reasonCode":"MerchantClosed"},{"reasonCode":3}]}}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "statusDetails.reasons[1].reasonCode");

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
fn shipping_address_list_errors_are_reported() {
    let err = from_json_str::<CheckoutSession>(
        r#"{"checkoutSessionId":"a","shippingAddressList":["not json"]}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "shippingAddressList");
    assert!(err.message().contains("shippingAddressList[0]"), "{err}");
    let err =
        from_json_str::<CheckoutSession>(r#"{"checkoutSessionId":"a","shippingAddressList":[42]}"#)
            .unwrap_err();
    assert!(err.path().starts_with("shippingAddressList"), "{err}");
}

#[test]
fn messages_never_quote_input_strings() {
    let secret = "Susie Smith secret@example.com";
    let json = format!(
        r#"{{"checkoutSessionId":"a","buyer":{{"buyerId":"b","primeMembershipTypes":"{secret}"}}}}"#
    );
    let err = from_json_str::<CheckoutSession>(&json).unwrap_err();
    let text = err.to_string();
    assert!(!text.contains("Susie"), "{text}");
    assert!(!text.contains("secret@"), "{text}");
    assert_eq!(err.path(), "buyer.primeMembershipTypes");

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
