//! Every request sample of the official docs pages and the official SDKs' READMEs and tests
//! (`tests/data/documented_samples.json`, each with its source), signed and replayed against the
//! emulator: each is accepted, or refused with the reason code the docs give.

mod common;

use amazon_pay_signing::{Algorithm, Region};
use common::{Api, builder, unique_key};
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize)]
struct Sample {
    source: String,
    #[serde(default)]
    region: Option<String>,
    method: String,
    path: String,
    body: Value,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Expect {
    /// `"accepted"`: any 2xx.
    Accepted(String),
    Refused {
        status: u16,
        #[serde(rename = "reasonCode")]
        reason_code: String,
    },
}

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currencyCode": "USD" })
}

/// A session the buyer has approved, for `amount` with `intent`: ready for Complete or Finalize.
async fn approved_session(api: &Api, amount: Value, intent: &str) -> String {
    let created = api
        .post(
            "/checkoutSessions",
            json!({
                "storeId": api.emu.store_id(),
                "webCheckoutDetails": { "checkoutResultReturnUrl": "https://merchant.example/result" },
                "paymentDetails": { "paymentIntent": intent, "chargeAmount": amount }
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.id("checkoutSessionId");
    api.emu
        .approve_checkout(&id, "approve".parse().expect("method"))
        .expect("approve");
    id
}

/// A completed checkout's session, with extra top-level fields.
async fn completed(api: &Api, amount: &str, intent: &str, extra: Value) -> Value {
    let mut body = json!({
        "storeId": api.emu.store_id(),
        "webCheckoutDetails": { "checkoutResultReturnUrl": "https://merchant.example/result" },
        "paymentDetails": { "paymentIntent": intent, "chargeAmount": usd(amount) }
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let id = api
        .post("/checkoutSessions", body)
        .await
        .id("checkoutSessionId");
    api.emu
        .approve_checkout(&id, "approve".parse().expect("method"))
        .expect("approve");
    let done = api.complete(&id, amount).await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    done.body
}

async fn charge(api: &Api, capture: bool) -> String {
    let done = completed(api, "1000.00", "Confirm", json!({})).await;
    let created = api
        .post(
            "/charges",
            json!({
                "chargePermissionId": done["chargePermissionId"],
                "chargeAmount": usd("500.00"),
                "captureNow": capture
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    created.id("chargeId")
}

/// The object a placeholder names, made fresh for one sample.
async fn fixture(api: &Api, name: &str, sample: &Sample) -> String {
    match name {
        "storeId" => api.emu.store_id().to_owned(),
        "openSession" => api
            .post(
                "/checkoutSessions",
                json!({
                    "storeId": api.emu.store_id(),
                    "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" }
                }),
            )
            .await
            .id("checkoutSessionId"),
        "approvedSession" => {
            let amount = sample.body["chargeAmount"].clone();
            let intent = sample.body["paymentIntent"].as_str().unwrap_or("Authorize");
            approved_session(api, amount, intent).await
        }
        "chargePermission" => completed(api, "1000.00", "Confirm", json!({})).await
            ["chargePermissionId"]
            .as_str()
            .expect("permission")
            .to_owned(),
        "recurringChargePermission" => completed(
            api,
            "14.00",
            "Confirm",
            json!({
                "chargePermissionType": "Recurring",
                "recurringMetadata": { "frequency": { "unit": "Month", "value": 1 } }
            }),
        )
        .await["chargePermissionId"]
            .as_str()
            .expect("permission")
            .to_owned(),
        "authorizedCharge" => charge(api, false).await,
        "capturedCharge" => charge(api, true).await,
        other => panic!("{}: no fixture named {other}", sample.source),
    }
}

/// Replaces each `{name}` in `text` by its fixture.
async fn fill(api: &Api, text: &str, sample: &Sample) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push_str(&rest[..=start]);
            rest = &rest[start + 1..];
            continue;
        }
        out.push_str(&rest[..start]);
        out.push_str(&fixture(api, name, sample).await);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn every_documented_sample_is_accepted_or_refused_as_documented() {
    let samples: Vec<Sample> =
        serde_json::from_str(include_str!("data/documented_samples.json")).expect("samples");
    assert!(samples.len() >= 20, "{} samples", samples.len());
    let mut apis: Vec<(Region, Api)> = Vec::new();
    let mut failures = Vec::new();
    for (i, sample) in samples.iter().enumerate() {
        let region: Region = sample
            .region
            .as_deref()
            .unwrap_or("na")
            .parse()
            .expect("region");
        if !apis.iter().any(|(r, _)| *r == region) {
            apis.push((region, Api::start(builder().region(region)).await));
        }
        let api = apis
            .iter()
            .find(|(r, _)| *r == region)
            .map(|(_, a)| a)
            .expect("started");
        let path = fill(api, &sample.path, sample).await;
        let body = fill(api, &sample.body.to_string(), sample).await;
        let method: Method = sample.method.parse().expect("method");
        let mut call = api.call(method.clone(), &path);
        call.body = Some(body);
        // Both signature algorithms, and an idempotency key where the SDKs send one.
        call.algorithm = if i % 2 == 0 {
            Algorithm::V2
        } else {
            Algorithm::V1
        };
        if method == Method::POST {
            call.headers
                .push(("x-amz-pay-idempotency-key", unique_key()));
        }
        let answer = api.send(call).await;
        let ok = match &sample.expect {
            Expect::Accepted(word) => {
                assert_eq!(word, "accepted", "{}", sample.source);
                answer.status.is_success()
            }
            Expect::Refused {
                status,
                reason_code,
            } => answer.status.as_u16() == *status && answer.reason() == reason_code,
        };
        if !ok {
            failures.push(format!(
                "{}: {} {}",
                sample.source, answer.status, answer.body
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
