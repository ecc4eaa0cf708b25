//! Behaviour of the models: open enums, unknown fields, PII redaction,
//! `shippingAddressList`, delivery specifications, queries, button payloads,
//! request serialization and retry classification.

use amazon_pay_types::*;

#[test]
fn unknown_enum_values_round_trip() {
    let state: ChargeState = serde_json::from_str("\"SomethingNew\"").unwrap();
    assert_eq!(state, ChargeState::Unknown("SomethingNew".into()));
    assert_eq!(state.as_str(), "SomethingNew");
    assert_eq!(serde_json::to_string(&state).unwrap(), "\"SomethingNew\"");
    assert_eq!("Captured".parse::<ChargeState>(), Ok(ChargeState::Captured));
    assert_eq!(ChargeState::Captured.to_string(), "Captured");
    assert_eq!(Scope::PostalCode.as_str(), "postalCode");
    assert_eq!(
        ReasonCode::from("InvalidAPIVersion"),
        ReasonCode::InvalidApiVersion
    );
    assert_eq!(
        SpecialRestriction::RestrictPoBoxes.as_str(),
        "RestrictPOBoxes"
    );
    for v in CheckoutSessionState::KNOWN {
        assert_eq!(CheckoutSessionState::parse(v.as_str()), *v);
    }
}

#[test]
fn unknown_fields_round_trip() {
    let json = r#"{"refundId":"R1","newTopLevel":{"a":[1,2]},"statusDetails":{"state":"Refunded","newNested":"x"},"refundAmount":{"amount":"1.00","currencyCode":"USD","precision":2}}"#;
    let refund: Refund = from_json_str(json).unwrap();
    assert_eq!(refund.extra["newTopLevel"]["a"][1], 2);
    let status = refund.status_details.as_ref().unwrap();
    assert_eq!(status.state, RefundState::Refunded);
    assert_eq!(status.extra["newNested"], "x");
    let back: serde_json::Value = serde_json::to_value(&refund).unwrap();
    let original: serde_json::Value = serde_json::from_str(json).unwrap();
    // `precision` sits inside Price, which has no extra map: it is dropped.
    let mut expected = original.clone();
    expected["refundAmount"]
        .as_object_mut()
        .unwrap()
        .remove("precision");
    assert_eq!(back, expected);
}

#[test]
fn pii_is_redacted_in_debug() {
    let json = include_str!("fixtures/checkout_session/seed001_update_response.json");
    let session: CheckoutSession = from_json_str(json).unwrap();
    let debug = format!("{session:?}");
    for secret in [
        "name-1",
        "name@amazon.com",
        "800-000-0000",
        "10 Ditka Ave",
        "Chicago",
        "440 Terry Ave",
        "98121",
        "Susie",
    ] {
        assert_eq!(
            debug.contains(secret),
            cfg!(feature = "pii-debug"),
            "{secret} in {debug}"
        );
    }
    assert!(debug.contains("bd504926-f659-4ad7-a1a9-9a747aaf5275"));
    assert!(debug.contains("Open"));
    let token = format!("{:?}", BuyerToken::new("very-secret-token"));
    assert!(!token.contains("very-secret"), "{token}");
    let scan = MerchantScanRequest::new("scan-secret", "ref", "US", Currency::Usd);
    assert_eq!(
        format!("{scan:?}").contains("scan-secret"),
        cfg!(feature = "pii-debug")
    );
}

#[test]
fn shipping_address_list_is_json_strings_on_the_wire() {
    let json = include_str!("fixtures/checkout_session/api_shipping_address_list.json");
    let session: CheckoutSession = from_json_str(json).unwrap();
    let list = session.shipping_address_list.as_ref().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].address_id.as_ref().unwrap().as_str(),
        "amzn1.address.EXAMPLE1"
    );
    assert_eq!(list[0].city.as_deref(), Some("Chiyoda-ku"));
    assert_eq!(list[0].address().postal_code.as_deref(), Some("100-0001"));
    let out = serde_json::to_value(&session).unwrap();
    let entry = out["shippingAddressList"][0]
        .as_str()
        .expect("a JSON string");
    let inner: serde_json::Value = serde_json::from_str(entry).unwrap();
    assert_eq!(inner["addressId"], "amzn1.address.EXAMPLE1");
    // Objects instead of strings are accepted too.
    let lenient =
        r#"{"checkoutSessionId":"a","shippingAddressList":[{"addressId":"x","city":"c"}]}"#;
    let s: CheckoutSession = from_json_str(lenient).unwrap();
    assert_eq!(
        s.shipping_address_list.unwrap()[0].city.as_deref(),
        Some("c")
    );
}

#[test]
fn delivery_specification_helpers() {
    let spec = DeliverySpecifications::new()
        .restrict(SpecialRestriction::RestrictPoBoxes)
        .address_restrictions(
            AddressRestrictions::allowed()
                .states_or_regions("US", ["WA"])
                .zip_codes("US", ["95050", "93405"])
                .zip_codes("GB", ["72046", "72047"])
                .states_or_regions("IN", ["AP"])
                .country("JP"),
        );
    let expected: serde_json::Value = serde_json::from_str(include_str!(
        "fixtures/delivery_specifications/api_delivery_specifications.json"
    ))
    .unwrap();
    assert_eq!(serde_json::to_value(&spec).unwrap(), expected);

    let at = |country: &str, state: &str, zip: &str| {
        Address::new()
            .country_code(country)
            .state_or_region(state)
            .postal_code(zip)
    };
    assert!(spec.permits(&at("US", "WA", "98101")));
    assert!(spec.permits(&at("US", "CA", "95050")));
    assert!(!spec.permits(&at("US", "CA", "90001")));
    assert!(spec.permits(&at("JP", "Tokyo", "100-0001")));
    assert!(!spec.permits(&at("DE", "BE", "10115")));

    let only_us = DeliverySpecifications::new().allow_countries(["US", "CA"]);
    assert!(only_us.permits(&at("CA", "ON", "K1A")));
    assert!(!only_us.permits(&at("MX", "X", "1")));
    let not_alaska = DeliverySpecifications::new().address_restrictions(
        AddressRestrictions::not_allowed().states_or_regions("US", ["AK", "HI"]),
    );
    assert!(!not_alaska.permits(&at("US", "AK", "99501")));
    assert!(not_alaska.permits(&at("US", "WA", "98101")));
    let no_de = DeliverySpecifications::new().forbid_countries(["DE"]);
    assert!(!no_de.permits(&at("DE", "BE", "10115")));
    assert_eq!(
        serde_json::to_string(&no_de).unwrap(),
        r#"{"addressRestrictions":{"type":"NotAllowed","restrictions":{"DE":{}}}}"#
    );
}

#[test]
fn requests_never_serialize_none() {
    let req = CreateChargeRequest::new("S01-1", Price::new("14.00", Currency::Usd).unwrap())
        .capture_now(true);
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"chargePermissionId":"S01-1","chargeAmount":{"amount":"14.00","currencyCode":"USD"},"captureNow":true}"#
    );
    assert_eq!(
        serde_json::to_string(&CompleteCheckoutSessionRequest::empty()).unwrap(),
        "{}"
    );
    let finalize = FinalizeCheckoutSessionRequest::new().can_handle_pending_authorization(false);
    assert_eq!(
        serde_json::to_string(&finalize).unwrap(),
        r#"{"canHandlePendingAuthorization":false}"#
    );
    let store = CreateStoreRequest::new().allowed_redirect_urls(vec!["https://a".to_owned()]);
    assert_eq!(
        serde_json::to_string(&store).unwrap(),
        r#"{"allowedRedirectURLs":["https://a"]}"#
    );
    let scan = MerchantScanRequest::new("d", "r", "US", Currency::Usd);
    assert!(
        serde_json::to_string(&scan)
            .unwrap()
            .contains("\"merchantCOE\":\"US\"")
    );
}

#[test]
fn button_payloads() {
    let one_time = CreateCheckoutSessionRequest::one_time(
        "amzn1.application-oa2-client.000000000000000000000000000000000",
        "https://example.com/review",
    );
    assert_eq!(
        one_time.to_payload_json(),
        r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://example.com/review"},"storeId":"amzn1.application-oa2-client.000000000000000000000000000000000"}"#
    );
    let recurring = CreateCheckoutSessionRequest::recurring(
        "amzn1.application-oa2-client.000000000000000000000000000000000",
        "https://example.com/review.html",
        Frequency::new(FrequencyUnit::Variable, 2u32),
        Some(Price::new("12.34", Currency::Usd).unwrap()),
    );
    let expected: serde_json::Value = serde_json::from_str(include_str!(
        "fixtures/create_checkout_session_request/table_recurring_button.json"
    ))
    .unwrap();
    assert_eq!(serde_json::to_value(&recurring).unwrap(), expected);

    let pmof = CreateCheckoutSessionRequest::payment_method_on_file("s", "https://r", true);
    let v = serde_json::to_value(&pmof).unwrap();
    assert_eq!(v["chargePermissionType"], "PaymentMethodOnFile");
    assert_eq!(v["paymentMethodOnFileMetadata"]["setupOnly"], true);
    assert_eq!(v["paymentDetails"]["paymentIntent"], "Confirm");

    let apb = CreateCheckoutSessionRequest::additional_payment_button(
        "s",
        "https://r",
        PaymentDetails::new()
            .payment_intent(PaymentIntent::AuthorizeWithCapture)
            .charge_amount(Price::new("10", Currency::Usd).unwrap()),
        AddressDetails::new().name("Paul Smith").country_code("US"),
    );
    let v = serde_json::to_value(&apb).unwrap();
    assert_eq!(v["webCheckoutDetails"]["checkoutMode"], "ProcessOrder");
    assert_eq!(v["addressDetails"]["name"], "Paul Smith");

    let sign_in = SignInPayload::new("https://example.com/account.html", "s")
        .sign_in_scopes(vec![Scope::Name, Scope::Email]);
    assert_eq!(
        sign_in.to_payload_json(),
        r#"{"signInReturnUrl":"https://example.com/account.html","storeId":"s","signInScopes":["name","email"]}"#
    );
    let config = ButtonConfig::new(sign_in.to_payload_json(), "sig", "KEY")
        .algorithm("AMZN-PAY-RSASSA-PSS-V2");
    let v = serde_json::to_value(&config).unwrap();
    assert_eq!(v["payloadJSON"], sign_in.to_payload_json());
    assert_eq!(v["publicKeyId"], "KEY");
}

#[test]
fn query_pairs() {
    let since = Timestamp::parse("2024-01-01T00:00:00Z").unwrap();
    let q = ReportsQuery::new()
        .report_type(ReportType::SettlementData)
        .report_type(ReportType::RefundData)
        .processing_status(ProcessingStatus::Completed)
        .created_since(since)
        .page_size(10)
        .next_token("tok");
    assert_eq!(
        q.to_query_pairs(),
        vec![
            (
                "reportTypes",
                "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_".to_owned()
            ),
            ("processingStatuses", "COMPLETED".to_owned()),
            ("createdSince", "20240101T000000Z".to_owned()),
            ("pageSize", "10".to_owned()),
            ("nextToken", "tok".to_owned()),
        ]
    );
    assert!(ReportsQuery::new().to_query_pairs().is_empty());
    assert_eq!(
        ReportSchedulesQuery::new()
            .report_type(ReportType::CaptureData)
            .to_query_pairs(),
        vec![(
            "reportTypes",
            "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_".to_owned()
        )]
    );
    let until = Timestamp::parse("20240131T000000Z").unwrap();
    assert_eq!(
        DisbursementsQuery::new(since, until)
            .page_size(5)
            .to_query_pairs(),
        vec![
            ("startTime", "20240101T000000Z".to_owned()),
            ("endTime", "20240131T000000Z".to_owned()),
            ("pageSize", "5".to_owned()),
        ]
    );
}

#[test]
fn disbursements_are_lenient() {
    let json = include_str!("fixtures/disbursement_list/table_disbursements.json");
    let list: DisbursementList = from_json_str(json).unwrap();
    assert_eq!(list.disbursements.len(), 1);
    assert_eq!(
        list.disbursements[0].amount.as_ref().unwrap().as_str(),
        "100.00"
    );
    assert_eq!(list.next_token.as_ref().unwrap().as_str(), "next-1");
    let odd: DisbursementList =
        from_json_str(r#"{"items":[{"sellerId":"S","amount":"x"},{"sellerId":"T"}]}"#).unwrap();
    assert_eq!(odd.disbursements.len(), 1, "bad record skipped, raw kept");
    assert_eq!(odd.raw["items"][0]["amount"], "x");
}

#[test]
fn retry_classification() {
    for status in [408, 425, 429, 500, 502, 503, 504] {
        assert!(is_retryable_status(status));
        assert_eq!(classify(status, None), RetryClass::Transient);
    }
    for status in [400, 401, 403, 404, 405, 409, 422, 426, 501] {
        assert!(!is_retryable_status(status), "{status}");
    }
    // Status first: a 500 carrying ResourceNotFound is still transient.
    let body = ErrorBody::new("ResourceNotFound", "outage");
    assert_eq!(body.classify(500), RetryClass::Transient);
    assert!(body.classify(500).is_retryable());
    assert_eq!(body.classify(404), RetryClass::Permanent);
    assert_eq!(
        ErrorBody::new(ReasonCode::SoftDeclined, "").classify(422),
        RetryClass::CallerDecides
    );
    assert!(!RetryClass::CallerDecides.is_retryable());
    assert_eq!(
        ErrorBody::new(ReasonCode::HardDeclined, "").classify(422),
        RetryClass::Permanent
    );
    let parsed: ErrorBody =
        from_json_str(r#"{"reasonCode":"BrandNewCode","message":"m"}"#).unwrap();
    assert_eq!(parsed.reason_code.as_str(), "BrandNewCode");
    assert_eq!(parsed.classify(400), RetryClass::Permanent);
}

#[test]
fn typed_fields_of_the_seed_session() {
    let json = include_str!("fixtures/checkout_session/seed001_update_response.json");
    let s: CheckoutSession = from_json_str(json).unwrap();
    assert_eq!(s.state(), Some(&CheckoutSessionState::Open));
    assert_eq!(s.product_type, Some(ProductType::PayAndShip));
    let pd = s.payment_details.as_ref().unwrap();
    assert_eq!(pd.payment_intent, Some(PaymentIntent::AuthorizeWithCapture));
    assert_eq!(pd.charge_amount.as_ref().unwrap().to_minor_units(), Ok(100));
    assert_eq!(
        s.creation_timestamp.unwrap().to_string(),
        "20191015T195655Z"
    );
    assert_eq!(
        s.expiration_timestamp.unwrap().unix_seconds()
            - s.creation_timestamp.unwrap().unix_seconds(),
        86_400
    );
    assert_eq!(
        s.buyer.as_ref().unwrap().email.as_deref(),
        Some("name@amazon.com")
    );
    assert_eq!(
        s.payment_preferences.as_ref().unwrap()[0]
            .payment_descriptor
            .as_deref(),
        Some("Visa ****1111 (Amazon Pay)")
    );
    let spec = s.delivery_specifications.as_ref().unwrap();
    assert_eq!(
        spec.address_restrictions.as_ref().unwrap().r#type,
        Some(RestrictionType::Allowed)
    );
    assert!(s.constraints.as_ref().unwrap().is_empty());
    assert_eq!(s.release_environment, Some(ReleaseEnvironment::Sandbox));
}
