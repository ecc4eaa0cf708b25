//! Strict in what we send, tolerant in what we read: every documented form of a
//! scalar decodes, and encoding always writes the one canonical form.

use amazon_pay_types::*;
use serde_json::{Value, json};

fn reencode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("encodes")
}

#[test]
fn recurring_frequency_value_reads_a_number_or_a_numeric_string() {
    for value in [json!(1), json!("1")] {
        let body = json!({
            "chargePermissionId": "S01-1234567-1234567",
            "chargePermissionType": "Recurring",
            "recurringMetadata": {
                "frequency": {"unit": "Month", "value": value},
                "amount": {"amount": "12.99", "currencyCode": "USD"}
            },
            "statusDetails": {"state": "Chargeable", "reasonCodes": null, "lastUpdatedTimestamp": "20190714T155300Z"}
        });
        let permission: ChargePermission = from_json(body.to_string().as_bytes()).unwrap();
        let frequency = permission
            .recurring_metadata
            .as_ref()
            .and_then(|r| r.frequency.as_ref())
            .unwrap();
        assert_eq!(frequency.value, 1);
        assert_eq!(
            reencode(&permission)["recurringMetadata"]["frequency"]["value"],
            json!(1),
            "written back as a JSON number"
        );
    }
}

#[test]
fn frequency_value_refuses_what_is_not_an_integer() {
    for bad in [
        json!("1.5"),
        json!("+1"),
        json!(" 1"),
        json!(""),
        json!(1.5),
        json!(-1),
        json!(true),
        json!(null),
    ] {
        let body = json!({"unit": "Month", "value": bad});
        let err = from_json::<Frequency>(body.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.path(), "value", "{bad}");
    }
}

#[test]
fn booleans_read_true_or_the_string_true() {
    for (value, expected) in [
        (json!(true), Some(true)),
        (json!("true"), Some(true)),
        (json!(false), Some(false)),
        (json!("false"), Some(false)),
        (json!(null), None),
    ] {
        let body = json!({
            "chargeAmount": {"amount": "10", "currencyCode": "USD"},
            "canHandlePendingAuthorization": value,
            "allowOvercharge": value,
            "extendExpiration": value
        });
        let details: PaymentDetails = from_json(body.to_string().as_bytes()).unwrap();
        assert_eq!(details.can_handle_pending_authorization, expected);
        assert_eq!(details.allow_overcharge, expected);
        assert_eq!(details.extend_expiration, expected);
        let out = reencode(&details);
        match expected {
            Some(b) => assert_eq!(out["canHandlePendingAuthorization"], json!(b)),
            None => assert!(out.get("canHandlePendingAuthorization").is_none()),
        }
    }
    // Any other value is not a boolean: the field is not essential, so it reads as absent and
    // is kept as received.
    for bad in [json!("yes"), json!("TRUE"), json!(1), json!({})] {
        let body = json!({"canHandlePendingAuthorization": bad});
        let details = from_json::<PaymentDetails>(body.to_string().as_bytes()).unwrap();
        assert_eq!(details.can_handle_pending_authorization, None, "{bad}");
        assert_eq!(details.extra["canHandlePendingAuthorization"], bad);
        assert_eq!(reencode(&details), body);
    }
}

#[test]
fn requests_with_nulls_numeric_strings_and_string_booleans_decode() {
    // What the docs' samples send: a string boolean and explicit nulls.
    let body = json!({
        "chargePermissionId": "S01-1234567-1234567",
        "chargeAmount": {"amount": "14.00", "currencyCode": "USD"},
        "captureNow": "true",
        "canHandlePendingAuthorization": "false",
        "softDescriptor": null,
        "merchantMetadata": null
    });
    let request: CreateChargeRequest = from_json(body.to_string().as_bytes()).unwrap();
    assert_eq!(request.capture_now, Some(true));
    assert_eq!(request.can_handle_pending_authorization, Some(false));
    let out = reencode(&request);
    assert_eq!(out["captureNow"], json!(true));
    assert_eq!(out["canHandlePendingAuthorization"], json!(false));
    assert!(out.get("softDescriptor").is_none());

    let setup: PaymentMethodOnFileMetadata = from_json(br#"{"setupOnly": "true"}"#).unwrap();
    assert_eq!(setup.setup_only, Some(true));
    let schedule: CreateReportScheduleRequest = from_json(
        br#"{"reportType":"_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_","scheduleFrequency":"P1D","deleteExistingSchedule":"false"}"#,
    )
    .unwrap();
    assert_eq!(schedule.delete_existing_schedule, Some(false));
    let upload: FileUpload = from_json(br#"{"id":"f-1","size":"2048"}"#).unwrap();
    assert_eq!(upload.size, Some(2048));
}

#[test]
fn requests_built_in_code_still_send_one_canonical_form() {
    let frequency = Frequency::new("Month", 1u32);
    assert_eq!(reencode(&frequency), json!({"unit": "Month", "value": 1}));
}

#[test]
fn a_converted_amount_shown_as_a_string_is_kept_raw_and_the_charge_decodes() {
    let body = json!({
        "chargeId": "S01-1234567-1234567-C123456",
        "chargeAmount": {"amount": "14.00", "currencyCode": "USD"},
        "convertedAmount": "14.00",
        "statusDetails": {"state": "Authorized", "lastUpdatedTimestamp": "20190714T155300Z"}
    });
    let charge: Charge = from_json(body.to_string().as_bytes()).unwrap();
    assert_eq!(charge.converted_amount, None);
    assert_eq!(charge.extra["convertedAmount"], json!("14.00"));
    assert_eq!(
        charge.status_details.as_ref().unwrap().state,
        ChargeState::Authorized
    );
    assert_eq!(reencode(&charge)["convertedAmount"], json!("14.00"));

    let body = json!({
        "chargeId": "S01-1234567-1234567-C123456",
        "convertedAmount": {"amount": "12.00", "currencyCode": "EUR"}
    });
    let charge: Charge = from_json(body.to_string().as_bytes()).unwrap();
    let converted = charge.converted_amount.unwrap();
    assert_eq!(converted.amount.as_str(), "12.00");
    assert!(charge.extra.is_empty());
}

#[test]
fn essential_fields_still_fail_with_their_path() {
    let err = from_json::<Charge>(
        br#"{"chargeId":"S01-1","chargeAmount":"14.00","convertedAmount":"14.00"}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "chargeAmount");
    let err = from_json::<Charge>(br#"{"chargeId":7}"#).unwrap_err();
    assert_eq!(err.path(), "chargeId");
}

#[test]
fn documented_names_are_known() {
    assert!(!ReasonCode::parse("InvalidInputFormat").is_unknown());
    assert!(
        !ReportType::parse("_GET_CSV_CUSTOM_OFFAMAZONPAYMENTS_MULTI_CURRENCY_PAYMENTS_DATA_")
            .is_unknown()
    );
}

#[test]
fn a_merchant_scan_without_merchant_coe_decodes() {
    let scan: MerchantScanRequest = from_json(
        br#"{"scanData":"UKhrmatMeKdlfY6b","scanReferenceId":"0b8fb271","ledgerCurrency":"USD"}"#,
    )
    .unwrap();
    assert_eq!(scan.merchant_coe, None);
    assert!(reencode(&scan).get("merchantCOE").is_none());
}
