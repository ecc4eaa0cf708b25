//! One bad field never fails a whole response unless it is essential.
//!
//! A field that does not decode and is not essential reads as absent and is kept as received,
//! under its wire name, in the `extra` map of the object that holds it; the rest decodes and
//! re-encoding writes the value back. Essential fields (ids, states, amounts charged, captured
//! or refunded, required fields) still fail with their path.

use amazon_pay_types::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// `doc` with the value at the JSON pointer `at` replaced by `with`.
fn replaced(doc: &Value, at: &str, with: &Value) -> Value {
    let mut doc = doc.clone();
    *doc.pointer_mut(at)
        .unwrap_or_else(|| panic!("{at} is in the document")) = with.clone();
    doc
}

/// Each `(pointer, value)` of `bad` decodes: the document re-encodes exactly (the value is
/// given back) and the value sits in an `extra` map under the last name of its pointer (shown
/// by `Debug`, which lists the keys of `extra`).
fn tolerated<T: DeserializeOwned + Serialize + std::fmt::Debug>(
    base: &Value,
    bad: &[(&str, Value)],
) {
    let decoded: T = from_json(base.to_string().as_bytes()).expect("the base document decodes");
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        *base,
        "base is canonical"
    );
    assert!(
        !format!("{decoded:?}").contains("extra: {\""),
        "base is fully modelled"
    );
    for (at, value) in bad {
        let doc = replaced(base, at, value);
        let decoded: T =
            from_json(doc.to_string().as_bytes()).unwrap_or_else(|e| panic!("{at} = {value}: {e}"));
        assert_eq!(
            serde_json::to_value(&decoded).unwrap(),
            doc,
            "{at} = {value}"
        );
        let key = at.rsplit('/').next().unwrap();
        let debug = format!("{decoded:?}");
        assert!(
            debug.contains(&format!("extra: {{\"{key}\"")),
            "{at} = {value} is kept in extra: {debug}"
        );
        assert_eq!(debug.matches("extra: {\"").count(), 1, "{at}: {debug}");
    }
}

/// Each `(pointer, value, path)` of `bad` fails the decode at `path`.
fn refused<T: DeserializeOwned + std::fmt::Debug>(base: &Value, bad: &[(&str, Value, &str)]) {
    for (at, value, path) in bad {
        let doc = replaced(base, at, value);
        let err = from_json::<T>(doc.to_string().as_bytes())
            .expect_err(&format!("{at} = {value} is essential"));
        assert_eq!(err.path(), *path, "{at} = {value}: {err}");
        assert_eq!(err.kind(), DecodeErrorKind::Data);
    }
}

fn price() -> Value {
    json!({"amount": "14.00", "currencyCode": "USD"})
}

fn checkout_session() -> Value {
    json!({
        "checkoutSessionId": "bd504926-f659-4ad7-a1a9-9a747aaf5275",
        "webCheckoutDetails": {
            "checkoutReviewReturnUrl": "https://a.com/merchant-review-page",
            "amazonPayRedirectUrl": "https://pay.amazon.com/checkout?id=1"
        },
        "productType": "PayAndShip",
        "paymentDetails": {
            "paymentIntent": "Authorize",
            "canHandlePendingAuthorization": false,
            "chargeAmount": price(),
            "presentmentCurrency": "USD"
        },
        "chargePermissionType": "Recurring",
        "recurringMetadata": {"frequency": {"unit": "Month", "value": 1}, "amount": price()},
        "merchantMetadata": {"merchantReferenceId": "Order-1", "merchantStoreName": "Store"},
        "buyer": {"buyerId": "amzn1.account.AH1", "name": "Susie Smith", "email": "s@example.com"},
        "shippingAddress": {"name": "Susie Smith", "addressLine1": "10 Ditka Ave", "city": "Chicago", "countryCode": "US"},
        "paymentPreferences": [{"paymentDescriptor": "Visa ****1111"}],
        "statusDetails": {"state": "Open", "reasonCode": "BuyerCanceled", "lastUpdatedTimestamp": "20191015T195655Z"},
        "constraints": [{"constraintId": "BuyerNotAssociated", "description": "no buyer yet"}],
        "creationTimestamp": "20191015T195655Z",
        "expirationTimestamp": "20191016T195655Z",
        "chargePermissionId": "S01-5105180-3221187",
        "chargeId": "S01-5105180-3221187-C056351",
        "storeId": "amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId",
        "releaseEnvironment": "Sandbox",
        "scopes": ["name", "email"],
        "deliverySpecifications": {"specialRestrictions": ["RestrictPOBoxes"]}
    })
}

#[test]
fn checkout_session_reads_past_bad_non_essential_fields() {
    tolerated::<CheckoutSession>(
        &checkout_session(),
        &[
            ("/paymentDetails/canHandlePendingAuthorization", json!("no")),
            ("/paymentDetails/presentmentCurrency", json!(840)),
            ("/expirationTimestamp", json!(12)),
            ("/creationTimestamp", json!("yesterday")),
            ("/recurringMetadata", json!("x")),
            (
                "/recurringMetadata/frequency",
                json!({"unit": "Month", "value": -1}),
            ),
            ("/paymentPreferences", json!(3)),
            ("/merchantMetadata/merchantStoreName", json!(5)),
            ("/buyer/email", json!({"x": 1})),
            ("/shippingAddress", json!("10 Ditka Ave, Chicago")),
            ("/shippingAddress/city", json!(["Chicago"])),
            ("/statusDetails/lastUpdatedTimestamp", json!("nope")),
            ("/statusDetails/reasonCode", json!(3)),
            ("/constraints/0/constraintId", json!([])),
            ("/constraints", json!("none")),
            ("/webCheckoutDetails/checkoutReviewReturnUrl", json!(true)),
            ("/productType", json!(1)),
            ("/releaseEnvironment", json!(false)),
            ("/scopes", json!("name")),
            (
                "/deliverySpecifications/specialRestrictions",
                json!({"a": 1}),
            ),
        ],
    );
}

#[test]
fn checkout_session_essential_fields_still_fail_with_their_path() {
    refused::<CheckoutSession>(
        &checkout_session(),
        &[
            ("/checkoutSessionId", json!(5), "checkoutSessionId"),
            ("/chargeId", json!(5), "chargeId"),
            ("/chargePermissionId", json!({}), "chargePermissionId"),
            ("/storeId", json!([]), "storeId"),
            ("/statusDetails", json!("Open"), "statusDetails"),
            ("/statusDetails/state", json!(7), "statusDetails.state"),
            (
                "/statusDetails",
                json!({"reasonCode": "BuyerCanceled"}),
                "statusDetails",
            ),
            ("/paymentDetails", json!(1), "paymentDetails"),
            (
                "/paymentDetails/chargeAmount",
                json!("14.00"),
                "paymentDetails.chargeAmount",
            ),
            (
                "/paymentDetails/chargeAmount/amount",
                json!("1.2.3"),
                "paymentDetails.chargeAmount.amount",
            ),
            (
                "/paymentDetails/chargeAmount/currencyCode",
                json!(5),
                "paymentDetails.chargeAmount.currencyCode",
            ),
        ],
    );
}

#[test]
fn a_bad_leaf_takes_out_only_the_smallest_non_essential_object_around_it() {
    // `frequency.value` is required in a frequency: the frequency goes, the recurring amount stays.
    let doc = replaced(
        &checkout_session(),
        "/recurringMetadata/frequency/value",
        &json!(-1),
    );
    let session: CheckoutSession = from_json(doc.to_string().as_bytes()).unwrap();
    let recurring = session.recurring_metadata.as_ref().unwrap();
    assert_eq!(recurring.frequency, None);
    assert_eq!(
        recurring.extra["frequency"],
        json!({"unit": "Month", "value": -1})
    );
    assert_eq!(recurring.amount.as_ref().unwrap().amount.as_str(), "14.00");
    assert_eq!(serde_json::to_value(&session).unwrap(), doc);

    // A bad buyer id fails the buyer (ids are essential), and the buyer is not essential to
    // the session: it is kept whole, and `Debug` shows only its key.
    let doc = replaced(&checkout_session(), "/buyer/buyerId", &json!(12));
    let session: CheckoutSession = from_json(doc.to_string().as_bytes()).unwrap();
    assert_eq!(session.buyer, None);
    assert_eq!(session.extra["buyer"]["name"], json!("Susie Smith"));
    let debug = format!("{session:?}");
    assert_eq!(
        debug.contains("Susie"),
        cfg!(feature = "pii-debug"),
        "{debug}"
    );
    assert_eq!(serde_json::to_value(&session).unwrap(), doc);

    // Several bad fields at once.
    let mut doc = checkout_session();
    doc["productType"] = json!(1);
    doc["scopes"] = json!(2);
    doc["paymentDetails"]["canHandlePendingAuthorization"] = json!("no");
    let session: CheckoutSession = from_json(doc.to_string().as_bytes()).unwrap();
    assert_eq!(session.product_type, None);
    assert_eq!(session.scopes, None);
    assert_eq!(session.extra.len(), 2);
    assert_eq!(session.state(), Some(&CheckoutSessionState::Open));
    assert_eq!(serde_json::to_value(&session).unwrap(), doc);
}

#[test]
fn a_bad_field_in_a_request_body_type_read_as_a_response_part_is_kept_too() {
    // Nested objects apply the rule wherever they are: the web checkout details of a request
    // body read by the emulator keep an odd value the same way.
    let body = json!({
        "webCheckoutDetails": {"checkoutReviewReturnUrl": 5},
        "storeId": "amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId"
    });
    let request: CreateCheckoutSessionRequest = from_json(body.to_string().as_bytes()).unwrap();
    assert_eq!(
        request.web_checkout_details.checkout_review_return_url,
        None
    );
    assert_eq!(
        request.web_checkout_details.extra["checkoutReviewReturnUrl"],
        json!(5)
    );
    // The request itself stays strict.
    let body = json!({"webCheckoutDetails": {}, "storeId": 5});
    let err = from_json::<CreateCheckoutSessionRequest>(body.to_string().as_bytes()).unwrap_err();
    assert_eq!(err.path(), "storeId");
}

fn charge_permission() -> Value {
    json!({
        "chargePermissionId": "S01-5105180-3221187",
        "chargePermissionReferenceId": "P-1",
        "chargePermissionType": "Recurring",
        "buyer": {"buyerId": "amzn1.account.AH1", "name": "Susie Smith"},
        "billingAddress": {"name": "Susie Smith", "countryCode": "US"},
        "paymentPreferences": [{"paymentDescriptor": "Visa ****1111"}],
        "statusDetails": {
            "state": "Chargeable",
            "reasons": [{"reasonCode": "BillingAddressDeleted", "reasonDescription": "x"}],
            "lastUpdatedTimestamp": "20191015T195655Z"
        },
        "creationTimestamp": "20191015T195655Z",
        "expirationTimestamp": "20201015T195655Z",
        "merchantMetadata": {"merchantReferenceId": "Order-1"},
        "releaseEnvironment": "Sandbox",
        "limits": {"amountLimit": price(), "amountBalance": price()},
        "presentmentCurrency": "USD",
        "recurringMetadata": {"frequency": {"unit": "Month", "value": 1}, "amount": price()}
    })
}

#[test]
fn charge_permission_reads_past_bad_non_essential_fields() {
    tolerated::<ChargePermission>(
        &charge_permission(),
        &[
            ("/chargePermissionType", json!(2)),
            ("/buyer", json!("Susie")),
            ("/billingAddress/countryCode", json!(1)),
            ("/paymentPreferences/0/paymentDescriptor", json!(4)),
            ("/statusDetails/reasons", json!("BillingAddressDeleted")),
            ("/statusDetails/reasons/0/reasonCode", json!(3)),
            ("/statusDetails/lastUpdatedTimestamp", json!(false)),
            ("/expirationTimestamp", json!(12)),
            ("/limits/amountBalance", json!("14.00")),
            ("/limits", json!([])),
            ("/presentmentCurrency", json!({})),
            ("/recurringMetadata", json!("x")),
        ],
    );
}

#[test]
fn charge_permission_essential_fields_still_fail_with_their_path() {
    refused::<ChargePermission>(
        &charge_permission(),
        &[
            ("/chargePermissionId", json!(5), "chargePermissionId"),
            (
                "/chargePermissionReferenceId",
                json!(5),
                "chargePermissionReferenceId",
            ),
            ("/statusDetails/state", json!(1), "statusDetails.state"),
            ("/statusDetails", json!([]), "statusDetails"),
        ],
    );
}

fn charge() -> Value {
    json!({
        "chargeId": "S01-5105180-3221187-C056351",
        "chargePermissionId": "S01-5105180-3221187",
        "chargeAmount": price(),
        "captureAmount": price(),
        "refundedAmount": {"amount": "0.00", "currencyCode": "USD"},
        "convertedAmount": {"amount": "12.00", "currencyCode": "EUR"},
        "conversionRate": "0.857",
        "softDescriptor": "Descriptor",
        "captureNow": true,
        "canHandlePendingAuthorization": false,
        "providerMetadata": {"providerReferenceId": "PR-1"},
        "merchantMetadata": {"merchantReferenceId": "Order-1"},
        "channel": "Web",
        "chargeInitiator": "CITU",
        "webCheckoutDetails": {"amazonPayRedirectUrl": "https://pay.amazon.com/x"},
        "statusDetails": {
            "state": "Captured",
            "reasonCode": "ExpiredUnused",
            "lastUpdatedTimestamp": "20191015T195655Z"
        },
        "creationTimestamp": "20191015T195655Z",
        "expirationTimestamp": "20191115T195655Z",
        "releaseEnvironment": "Sandbox"
    })
}

#[test]
fn charge_reads_past_bad_non_essential_fields() {
    tolerated::<Charge>(
        &charge(),
        &[
            ("/convertedAmount", json!("14.00")),
            ("/conversionRate", json!(["0.857"])),
            ("/softDescriptor", json!(7)),
            ("/captureNow", json!("yes")),
            ("/canHandlePendingAuthorization", json!("no")),
            ("/merchantMetadata", json!(1)),
            ("/providerMetadata", json!("PR-1")),
            ("/channel", json!(3)),
            ("/webCheckoutDetails/amazonPayRedirectUrl", json!(1)),
            ("/statusDetails/reasonCode", json!({})),
            ("/creationTimestamp", json!("12")),
            ("/expirationTimestamp", json!(1.5)),
        ],
    );
}

#[test]
fn charge_essential_fields_still_fail_with_their_path() {
    refused::<Charge>(
        &charge(),
        &[
            ("/chargeId", json!(5), "chargeId"),
            ("/chargePermissionId", json!(5), "chargePermissionId"),
            ("/chargeAmount", json!("14.00"), "chargeAmount"),
            ("/chargeAmount/amount", json!("1,00"), "chargeAmount.amount"),
            (
                "/captureAmount/currencyCode",
                json!(5),
                "captureAmount.currencyCode",
            ),
            ("/refundedAmount", json!(0), "refundedAmount"),
            ("/statusDetails/state", json!(false), "statusDetails.state"),
            ("/statusDetails", json!({}), "statusDetails"),
        ],
    );
}

fn refund() -> Value {
    json!({
        "refundId": "S01-5105180-3221187-R022311",
        "chargeId": "S01-5105180-3221187-C056351",
        "refundAmount": price(),
        "softDescriptor": "Descriptor",
        "creationTimestamp": "20191015T195655Z",
        "statusDetails": {"state": "RefundInitiated", "lastUpdatedTimestamp": "20191015T195655Z"},
        "releaseEnvironment": "Sandbox"
    })
}

#[test]
fn refund_reads_past_bad_non_essential_fields_and_fails_on_essential_ones() {
    tolerated::<Refund>(
        &refund(),
        &[
            ("/softDescriptor", json!(1)),
            ("/creationTimestamp", json!({})),
            ("/statusDetails/lastUpdatedTimestamp", json!("later")),
            ("/releaseEnvironment", json!(0)),
        ],
    );
    refused::<Refund>(
        &refund(),
        &[
            ("/refundId", json!(5), "refundId"),
            ("/chargeId", json!(5), "chargeId"),
            ("/refundAmount/amount", json!("ten"), "refundAmount.amount"),
            (
                "/refundAmount/currencyCode",
                json!(false),
                "refundAmount.currencyCode",
            ),
            ("/statusDetails/state", json!([]), "statusDetails.state"),
        ],
    );
}

fn dispute() -> Value {
    json!({
        "disputeId": "P01-1234567-1234567-D123456",
        "chargeId": "S01-5105180-3221187-C056351",
        "disputeAmount": price(),
        "filingReason": "ProductNotReceived",
        "filingTimestamp": 1704164645,
        "statusDetails": {"state": "Closed", "resolution": "MerchantWon", "reasonCode": "MerchantAcceptedDispute", "reasonDescription": "x"},
        "merchantResponseDeadline": 1704769445,
        "providerMetadata": {"providerDisputeId": "PD-1"},
        "merchantEvidences": [{"evidenceType": "TrackingNumber", "fileId": "F-1", "evidenceText": "1Z"}],
        "releaseEnvironment": "Sandbox"
    })
}

#[test]
fn dispute_reads_past_bad_non_essential_fields_and_fails_on_essential_ones() {
    tolerated::<Dispute>(
        &dispute(),
        &[
            ("/filingReason", json!(1)),
            ("/filingTimestamp", json!("soon")),
            ("/merchantResponseDeadline", json!([])),
            ("/statusDetails/resolution", json!(1)),
            ("/statusDetails/reasonDescription", json!(2)),
            ("/providerMetadata", json!("PD-1")),
            ("/merchantEvidences/0/evidenceText", json!(3)),
            ("/merchantEvidences", json!({})),
        ],
    );
    refused::<Dispute>(
        &dispute(),
        &[
            ("/disputeId", json!(5), "disputeId"),
            ("/chargeId", json!(5), "chargeId"),
            ("/disputeAmount/amount", json!("x"), "disputeAmount.amount"),
            ("/statusDetails/state", json!(1), "statusDetails.state"),
        ],
    );
}

fn report_list() -> Value {
    json!({
        "reports": [{
            "reportId": "R-1",
            "reportType": "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_",
            "startTime": "20221114T074550Z",
            "endTime": "20221114T074550Z",
            "createdTime": "20221114T074550Z",
            "processingStatus": "COMPLETED",
            "reportDocumentId": "D-1"
        }],
        "nextToken": "abc"
    })
}

#[test]
fn reports_read_past_bad_non_essential_fields_and_fail_on_essential_ones() {
    tolerated::<ReportList>(
        &report_list(),
        &[
            ("/reports/0/reportType", json!(1)),
            ("/reports/0/startTime", json!("then")),
            ("/reports/0/createdTime", json!({})),
        ],
    );
    refused::<ReportList>(
        &report_list(),
        &[
            ("/reports", json!("R-1"), "reports"),
            ("/reports/0/reportId", json!(1), "reports[0].reportId"),
            (
                "/reports/0/processingStatus",
                json!(1),
                "reports[0].processingStatus",
            ),
            (
                "/reports/0/reportDocumentId",
                json!([]),
                "reports[0].reportDocumentId",
            ),
            ("/nextToken", json!(2), "nextToken"),
        ],
    );
}

#[test]
fn other_responses_read_past_bad_non_essential_fields_and_fail_on_essential_ones() {
    let store = json!({
        "storeId": "amzn1.application-oa2-client.1",
        "allowedOriginDomains": ["https://a.com"],
        "storeName": "Store"
    });
    tolerated::<Store>(
        &store,
        &[
            ("/allowedOriginDomains", json!("https://a.com")),
            ("/storeName", json!(1)),
        ],
    );
    refused::<Store>(&store, &[("/storeId", json!(1), "storeId")]);

    let tracker = json!({
        "chargePermissionId": "S01-5105180-3221187",
        "deliveryDetails": [{"trackingNumber": "1Z", "carrierCode": "UPS"}]
    });
    tolerated::<DeliveryTracker>(&tracker, &[("/deliveryDetails", json!("1Z"))]);
    refused::<DeliveryTracker>(
        &tracker,
        &[("/chargePermissionId", json!(1), "chargePermissionId")],
    );

    let account = json!({"uniqueReferenceId": "U-1", "merchantAccountId": "M-1"});
    refused::<MerchantAccountResponse>(
        &account,
        &[
            ("/uniqueReferenceId", json!(1), "uniqueReferenceId"),
            ("/merchantAccountId", json!(1), "merchantAccountId"),
        ],
    );

    let charge = json!({
        "chargeId": "S01-5105180-3221187-C056351",
        "chargeStatus": {"state": "Captured", "reasonCode": "x", "reasonDescription": "y"}
    });
    tolerated::<InStoreChargeResponse>(&charge, &[("/chargeStatus/reasonCode", json!(1))]);
    refused::<InStoreChargeResponse>(
        &charge,
        &[
            ("/chargeId", json!(1), "chargeId"),
            ("/chargeStatus/state", json!(1), "chargeStatus.state"),
        ],
    );

    let disbursement = json!({
        "settlementId": "S-1",
        "amazonDisbursementReferenceId": "D-1",
        "amount": "10.00",
        "currencyCode": "USD",
        "transactionTime": "20221114T074550Z"
    });
    tolerated::<Disbursement>(&disbursement, &[("/transactionTime", json!("now"))]);
    // In a list, a record with an odd non-essential field is kept, the field in its `extra`.
    let mut odd = disbursement.clone();
    odd["transactionTime"] = json!("now");
    let list = json!({"disbursements": [disbursement, odd], "nextToken": "n"});
    let read: DisbursementList = from_json(list.to_string().as_bytes()).unwrap();
    assert_eq!(read.disbursements.len(), 2);
    assert_eq!(read.disbursements[1].transaction_time, None);
    assert_eq!(read.disbursements[1].extra["transactionTime"], json!("now"));
    refused::<Disbursement>(
        &disbursement,
        &[
            ("/amount", json!("ten"), "amount"),
            ("/currencyCode", json!(1), "currencyCode"),
            ("/settlementId", json!(1), "settlementId"),
        ],
    );
}
