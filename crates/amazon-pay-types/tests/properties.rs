//! Property tests of tolerant reading: decoding arbitrary JSON never panics, and whatever
//! decodes is stable: decode → encode → decode gives the same value, encoded the same way.
//!
//! Inputs are arbitrary JSON documents and documented samples (the fixture corpus) with one
//! value replaced by an arbitrary one, so the odd values land where the types look.

use std::path::Path;

use amazon_pay_types::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Arbitrary JSON with the scalars the docs use in odd places: numeric and boolean strings,
/// timestamps, nulls.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop_oneof![
            Just("1".to_owned()),
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("20191015T195655Z".to_owned()),
            Just("2019-10-15T19:56:55.123+02:00".to_owned()),
            Just("1704164645".to_owned()),
            Just("14.00".to_owned()),
            Just("USD".to_owned()),
            ".{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Field names of the API (so objects hit modelled fields) and a few others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("chargeId".to_owned()),
        Just("chargeAmount".to_owned()),
        Just("amount".to_owned()),
        Just("currencyCode".to_owned()),
        Just("statusDetails".to_owned()),
        Just("state".to_owned()),
        Just("value".to_owned()),
        Just("frequency".to_owned()),
        Just("recurringMetadata".to_owned()),
        Just("canHandlePendingAuthorization".to_owned()),
        Just("convertedAmount".to_owned()),
        Just("creationTimestamp".to_owned()),
        Just("merchantResponseDeadline".to_owned()),
        Just("shippingAddressList".to_owned()),
        "[a-zA-Z]{1,8}",
    ]
}

/// Decodes into `T`; when it decodes, encoding and decoding again must give the same encoding.
fn check<T: DeserializeOwned + Serialize>(text: &str) -> Result<(), TestCaseError> {
    let Ok(first) = from_json_str::<T>(text) else {
        return Ok(());
    };
    let encoded = serde_json::to_string(&first).map_err(|e| TestCaseError::fail(e.to_string()));
    let Ok(encoded) = encoded else {
        // A decoded value the types refuse to send (an amount with more digits than its
        // currency allows) is a typed serialization error, not a panic.
        return Ok(());
    };
    let second = from_json_str::<T>(&encoded)
        .map_err(|e| TestCaseError::fail(format!("re-decode of {encoded}: {e}")))?;
    let again = serde_json::to_string(&second).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(encoded, again);
    Ok(())
}

fn check_all(text: &str) -> Result<(), TestCaseError> {
    check::<CheckoutSession>(text)?;
    check::<ChargePermission>(text)?;
    check::<Charge>(text)?;
    check::<Refund>(text)?;
    check::<Dispute>(text)?;
    check::<Report>(text)?;
    check::<ErrorBody>(text)?;
    check::<CreateCheckoutSessionRequest>(text)?;
    check::<UpdateCheckoutSessionRequest>(text)?;
    check::<CreateChargeRequest>(text)?;
    check::<MerchantScanRequest>(text)?;
    check::<MerchantAccountResponse>(text)?;
    let _ = NotificationMessage::parse(text);
    let _ = SnsMessage::parse(text.as_bytes());
    Ok(())
}

/// Every documented sample of the fixture corpus, read once.
fn corpus() -> &'static [Value] {
    static CORPUS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut samples = Vec::new();
    for dir in std::fs::read_dir(root).expect("fixtures").flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&path).expect("readable");
                samples.push(serde_json::from_str(&text).expect("fixture is JSON"));
            }
        }
    }
    samples.sort_by_key(|v: &Value| v.to_string());
    samples
}

/// Replaces the `n`-th value of `doc` (depth first, the document itself counted) by `with`.
fn replace_nth(doc: &mut Value, n: &mut usize, with: &Value) -> bool {
    if *n == 0 {
        *doc = with.clone();
        return true;
    }
    *n -= 1;
    match doc {
        Value::Object(map) => map.values_mut().any(|v| replace_nth(v, n, with)),
        Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, n, with)),
        _ => false,
    }
}

/// The fixtures of the main response objects, with the folder they come from.
fn responses() -> &'static [(&'static str, Value)] {
    static RESPONSES: std::sync::OnceLock<Vec<(&'static str, Value)>> = std::sync::OnceLock::new();
    RESPONSES.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut samples = Vec::new();
        for kind in ["checkout_session", "charge_permission", "charge", "refund"] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(kind))
                .expect("fixture folder")
                .flatten()
                .map(|f| f.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for path in files {
                let text = std::fs::read_to_string(&path).expect("readable");
                samples.push((kind, serde_json::from_str(&text).expect("fixture is JSON")));
            }
        }
        samples
    })
}

/// JSON pointers of the scalar leaves of `doc` (`null` included).
fn leaves(doc: &Value, at: String, out: &mut Vec<String>) {
    match doc {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// Whether the leaf at `pointer` is essential to an object of folder `kind`: an id, a state,
/// an amount charged, captured or refunded (the essential lists of the types crate README).
fn essential(kind: &str, pointer: &str) -> bool {
    let exact: &[&str] = match kind {
        "checkout_session" => &[
            "/checkoutSessionId",
            "/chargeId",
            "/chargePermissionId",
            "/storeId",
            "/platformId",
            "/statusDetails/state",
        ],
        "charge_permission" => &[
            "/chargePermissionId",
            "/chargePermissionReferenceId",
            "/platformId",
            "/statusDetails/state",
        ],
        "charge" => &[
            "/chargeId",
            "/chargePermissionId",
            "/platformId",
            "/statusDetails/state",
        ],
        "refund" => &["/refundId", "/chargeId", "/statusDetails/state"],
        _ => &[],
    };
    let objects: &[&str] = match kind {
        "checkout_session" => &[
            "/statusDetails",
            "/paymentDetails",
            "/paymentDetails/chargeAmount",
        ],
        "charge" => &[
            "/statusDetails",
            "/chargeAmount",
            "/captureAmount",
            "/refundedAmount",
        ],
        "charge_permission" => &["/statusDetails"],
        "refund" => &["/statusDetails", "/refundAmount"],
        _ => &[],
    };
    let amounts: &[&str] = match kind {
        "checkout_session" => &["/paymentDetails/chargeAmount/"],
        "charge" => &["/chargeAmount/", "/captureAmount/", "/refundedAmount/"],
        "refund" => &["/refundAmount/"],
        _ => &[],
    };
    // An essential object given as a scalar (`null`) is a leaf too.
    exact.contains(&pointer)
        || objects.contains(&pointer)
        || amounts.iter().any(|a| pointer.starts_with(a))
}

/// `/paymentDetails/chargeAmount/amount` as a decode path: `paymentDetails.chargeAmount.amount`
/// (`/constraints/0/x` is `constraints[0].x`).
fn dotted(pointer: &str) -> String {
    let mut path = String::new();
    for segment in pointer.split('/').skip(1) {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            path.push_str(&format!("[{segment}]"));
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(segment);
        }
    }
    path
}

fn decode_as(kind: &str, text: &str) -> Result<(), DecodeError> {
    match kind {
        "checkout_session" => from_json_str::<CheckoutSession>(text).map(drop),
        "charge_permission" => from_json_str::<ChargePermission>(text).map(drop),
        "charge" => from_json_str::<Charge>(text).map(drop),
        "refund" => from_json_str::<Refund>(text).map(drop),
        other => unreachable!("no type for {other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A leaf replaced by a value no field type reads (`[[]]`): where the leaf is not
    /// essential the document still decodes; where it is, the decode fails with its path.
    #[test]
    fn a_corrupted_leaf_fails_the_decode_only_where_it_is_essential(
        pick in any::<prop::sample::Index>(),
        leaf in any::<prop::sample::Index>(),
    ) {
        let (kind, doc) = pick.get(responses());
        let mut all = Vec::new();
        leaves(doc, String::new(), &mut all);
        let pointer = leaf.get(&all);
        let mut corrupted = doc.clone();
        *corrupted.pointer_mut(pointer).expect("a leaf") = serde_json::json!([[]]);
        let result = decode_as(kind, &corrupted.to_string());
        if essential(kind, pointer) {
            let err = result.expect_err(pointer);
            prop_assert_eq!(err.path(), dotted(pointer), "{} {}", kind, pointer);
        } else {
            prop_assert!(result.is_ok(), "{} {}: {:?}", kind, pointer, result);
        }
    }

    #[test]
    fn arbitrary_json_never_panics_and_round_trips(doc in json()) {
        check_all(&doc.to_string())?;
    }

    #[test]
    fn documented_samples_with_one_odd_value_never_panic_and_round_trip(
        pick in any::<prop::sample::Index>(),
        at in 0usize..64,
        with in json(),
    ) {
        let samples = corpus();
        let mut doc = pick.get(samples).clone();
        let mut n = at;
        replace_nth(&mut doc, &mut n, &with);
        check_all(&doc.to_string())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = from_json::<CheckoutSession>(&bytes);
        let _ = from_json::<Charge>(&bytes);
        let _ = SnsMessage::parse(&bytes);
    }
}
