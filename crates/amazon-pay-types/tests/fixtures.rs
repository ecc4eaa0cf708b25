//! Every fixture decodes into its type and encodes back to the same JSON value.
//!
//! Normalisation before comparing (both sides):
//! - object keys whose value is `null` are removed: the types skip `None` on
//!   output, and the API treats an absent field like `null`;
//! - `null` entries of arrays are removed (the service has sent `[null]`);
//! - the JSON-string entries of `shippingAddressList` are parsed, so that two
//!   texts of the same address compare equal;
//! - the documented forms the types read but write in one canonical form: an
//!   `amount` given as a JSON number (the .NET SDK writes `12.34`) is compared
//!   as its decimal text (`"12.34"`), a numeric string `value` (the docs'
//!   recurring `frequency.value: "1"`) as a number, and the strings `"true"` /
//!   `"false"` as booleans.
//!
//! No code or enum value of a sample from the docs or an official SDK decodes into an
//! `Unknown` variant: every value the corpus shows is named.
//!
//! Every fixture notes its source in the `SOURCES.md` of its folder: a doc page
//! URL (`doc_`), the SDK repository, path and line (`sdk_`), the doc page or SDK
//! README a seed document of the project reproduces (`seed`), the signing test
//! vector it is the body of (`signing_`), or, for a sample written for this
//! project (`table_`, `api_`, `ipn_`), the doc page whose field table it follows.

use std::path::{Path, PathBuf};

use amazon_pay_types::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn normalise(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("shippingAddressList", v) => parse_string_entries(v),
                        ("amount", Value::Number(n)) => Value::String(n.to_string()),
                        ("value", Value::String(text)) if text.parse::<u64>().is_ok() => {
                            Value::Number(text.parse::<u64>().expect("checked").into())
                        }
                        (_, Value::String(text)) if text == "true" || text == "false" => {
                            Value::Bool(text == "true")
                        }
                        (_, v) => v,
                    };
                    (k, normalise(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .filter(|v| !v.is_null())
                .map(normalise)
                .collect(),
        ),
        other => other,
    }
}

fn parse_string_entries(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| match item {
                    Value::String(text) => serde_json::from_str(&text).expect("entry is JSON"),
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}

/// Fixtures whose name contains one of these carry fields on purpose that the
/// types do not model; every other fixture must decode into modelled fields
/// only (checked through the `Debug` output, where a non-empty `extra` map
/// shows up as `extra: {"…`).
const WITH_UNMODELLED_FIELDS: [&str; 3] = ["unknown", "future", "undocumented"];

/// Samples written for this project (`table_`, `api_`, `ipn_`) may carry, on purpose, a code or
/// enum value no page names (to check that it is kept); every code and enum value of a sample
/// taken from the docs or an official SDK is named, so it never decodes into an `Unknown`
/// variant.
fn unnamed_values(debug: &str, name: &str) -> Result<(), String> {
    let written = ["table_", "api_", "ipn_"]
        .iter()
        .any(|p| name.starts_with(p));
    if debug.contains("Unknown(\"") && !written {
        Err(format!(
            "a documented value lands in an Unknown variant: {debug}"
        ))
    } else {
        Ok(())
    }
}

fn roundtrip<T: DeserializeOwned + Serialize + std::fmt::Debug>(
    bytes: &[u8],
    name: &str,
) -> Result<(), String> {
    let decoded: T = from_json(bytes).map_err(|e| format!("decode: {e}"))?;
    // `from_json` reads response objects strictly first; plain serde_json reads them
    // tolerantly (buffered) from the start: both give the same value.
    let direct: T = serde_json::from_slice(bytes).map_err(|e| format!("serde_json: {e}"))?;
    if format!("{direct:?}") != format!("{decoded:?}") {
        return Err("serde_json::from_slice and from_json differ".into());
    }
    let debug = format!("{decoded:?}");
    let has_extra = debug.contains("extra: {\"");
    let expects_extra = WITH_UNMODELLED_FIELDS.iter().any(|w| name.contains(w));
    if has_extra != expects_extra {
        return Err(format!(
            "unmodelled fields: found {has_extra}, expected {expects_extra}: {debug}"
        ));
    }
    unnamed_values(&debug, name)?;
    let encoded = serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))?;
    let expected: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let (expected, encoded) = (normalise(expected), normalise(encoded));
    if expected == encoded {
        Ok(())
    } else {
        Err(format!(
            "round trip differs\nexpected: {expected:#}\nencoded:  {encoded:#}"
        ))
    }
}

fn roundtrip_notification(bytes: &[u8], name: &str) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let message = NotificationMessage::parse(text).map_err(|e| e.to_string())?;
    let notification = message.as_notification().ok_or("not a v2 notification")?;
    unnamed_values(&format!("{notification:?}"), name)?;
    let encoded = serde_json::to_value(notification).map_err(|e| e.to_string())?;
    let expected: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if normalise(expected) == normalise(encoded) {
        Ok(())
    } else {
        Err("notification round trip differs".into())
    }
}

fn check(kind: &str, name: &str, bytes: &[u8]) -> Result<(), String> {
    match kind {
        "authorization_token" => roundtrip::<AuthorizationToken>(bytes, name),
        "buyer" => roundtrip::<Buyer>(bytes, name),
        "cancel_charge_request" => roundtrip::<CancelChargeRequest>(bytes, name),
        "capture_charge_request" => roundtrip::<CaptureChargeRequest>(bytes, name),
        "charge" => roundtrip::<Charge>(bytes, name),
        "charge_permission" => roundtrip::<ChargePermission>(bytes, name),
        "checkout_session" => roundtrip::<CheckoutSession>(bytes, name),
        "claim_merchant_account_request" => roundtrip::<ClaimMerchantAccountRequest>(bytes, name),
        "close_charge_permission_request" => roundtrip::<CloseChargePermissionRequest>(bytes, name),
        "complete_checkout_session_request" => {
            roundtrip::<CompleteCheckoutSessionRequest>(bytes, name)
        }
        "contest_dispute_request" => roundtrip::<ContestDisputeRequest>(bytes, name),
        "create_charge_request" => roundtrip::<CreateChargeRequest>(bytes, name),
        "create_checkout_session_request" => roundtrip::<CreateCheckoutSessionRequest>(bytes, name),
        "create_dispute_request" => roundtrip::<CreateDisputeRequest>(bytes, name),
        "create_merchant_account_request" => roundtrip::<CreateMerchantAccountRequest>(bytes, name),
        "create_refund_request" => roundtrip::<CreateRefundRequest>(bytes, name),
        "create_report_request" => roundtrip::<CreateReportRequest>(bytes, name),
        "create_report_response" => roundtrip::<CreateReportResponse>(bytes, name),
        "create_report_schedule_request" => roundtrip::<CreateReportScheduleRequest>(bytes, name),
        "create_report_schedule_response" => roundtrip::<CreateReportScheduleResponse>(bytes, name),
        "create_store_request" => roundtrip::<CreateStoreRequest>(bytes, name),
        "delivery_specifications" => roundtrip::<DeliverySpecifications>(bytes, name),
        "delivery_tracker" => roundtrip::<DeliveryTracker>(bytes, name),
        "delivery_tracker_request" => roundtrip::<DeliveryTrackerRequest>(bytes, name),
        "disbursement_list" => roundtrip::<DisbursementList>(bytes, name),
        "dispute" => roundtrip::<Dispute>(bytes, name),
        "error_body" => roundtrip::<ErrorBody>(bytes, name),
        "file_upload" => roundtrip::<FileUpload>(bytes, name),
        "finalize_checkout_session_request" => {
            roundtrip::<FinalizeCheckoutSessionRequest>(bytes, name)
        }
        "instore_charge_request" => roundtrip::<InStoreChargeRequest>(bytes, name),
        "instore_charge_response" => roundtrip::<InStoreChargeResponse>(bytes, name),
        "instore_refund_request" => roundtrip::<InStoreRefundRequest>(bytes, name),
        "instore_refund_response" => roundtrip::<InStoreRefundResponse>(bytes, name),
        "merchant_account_response" => roundtrip::<MerchantAccountResponse>(bytes, name),
        "merchant_scan_request" => roundtrip::<MerchantScanRequest>(bytes, name),
        "merchant_scan_response" => roundtrip::<MerchantScanResponse>(bytes, name),
        "notification" => roundtrip_notification(bytes, name),
        "price" => roundtrip::<Price>(bytes, name),
        "refund" => roundtrip::<Refund>(bytes, name),
        "register_amazon_pay_account_request" => {
            roundtrip::<RegisterAmazonPayAccountRequest>(bytes, name)
        }
        "report" => roundtrip::<Report>(bytes, name),
        "report_document" => roundtrip::<ReportDocument>(bytes, name),
        "report_list" => roundtrip::<ReportList>(bytes, name),
        "report_schedule" => roundtrip::<ReportSchedule>(bytes, name),
        "report_schedule_list" => roundtrip::<ReportScheduleList>(bytes, name),
        "sign_in_payload" => roundtrip::<SignInPayload>(bytes, name),
        "sns_message" => roundtrip::<SnsMessage>(bytes, name),
        "store" => roundtrip::<Store>(bytes, name),
        "update_amazon_pay_account_request" => {
            roundtrip::<UpdateAmazonPayAccountRequest>(bytes, name)
        }
        "update_charge_permission_request" => {
            roundtrip::<UpdateChargePermissionRequest>(bytes, name)
        }
        "update_charge_request" => roundtrip::<UpdateChargeRequest>(bytes, name),
        "update_checkout_session_request" => roundtrip::<UpdateCheckoutSessionRequest>(bytes, name),
        "update_dispute_request" => roundtrip::<UpdateDisputeRequest>(bytes, name),
        "update_merchant_account_request" => roundtrip::<UpdateMerchantAccountRequest>(bytes, name),
        "update_store_request" => roundtrip::<UpdateStoreRequest>(bytes, name),
        "upload_file_request" => roundtrip::<UploadFileRequest>(bytes, name),
        other => Err(format!("no type registered for fixture folder `{other}`")),
    }
}

#[test]
fn every_fixture_round_trips() {
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut sourced = 0;
    for dir in dirs {
        let kind = dir.file_name().unwrap().to_string_lossy().into_owned();
        let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap_or_default();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture kind folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            count += 1;
            let bytes = std::fs::read(&file).expect("fixture readable");
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            let listed = format!("`{name}.json`");
            if !sources.contains(&listed) {
                failures.push(format!("{}: no source in SOURCES.md", file.display()));
            } else if name.starts_with("sdk_") || name.starts_with("doc_") {
                sourced += 1;
            }
            if let Err(e) = check(&kind, &name, &bytes) {
                failures.push(format!("{}: {e}", file.display()));
            }
        }
    }
    assert!(
        count >= 190,
        "expected at least 190 fixtures, found {count}"
    );
    assert!(
        sourced >= 100,
        "expected at least 100 samples from the official docs and SDKs, found {sourced}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
