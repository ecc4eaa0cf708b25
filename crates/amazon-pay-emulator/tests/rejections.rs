//! Each rejection the service makes, and each tolerance the official SDKs rely on.

mod common;

use std::time::{Duration, SystemTime};

use amazon_pay_emulator::KeyIdKind;
use amazon_pay_signing::{Algorithm, Region, Signer as _, canonical_request, string_to_sign};
use base64::Engine as _;
use bytes::Bytes;
use common::{Answer, Api, Call, assert_reason, builder, unique_key};
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::{Value, json};

/// A change made to a call before it is signed.
type EditCall = fn(&mut Call<'_>);

/// A Create Checkout Session body whose review URL is `review_url`.
fn session_body(api: &Api, review_url: &str) -> Value {
    json!({ "storeId": api.emu.store_id(), "webCheckoutDetails": { "checkoutReviewReturnUrl": review_url } })
}

#[tokio::test]
async fn bad_signature_is_403_with_the_string_to_sign() {
    let api = Api::default().await;
    let body = session_body(&api, "https://m.example/r");
    let call = api.post_call("/checkoutSessions", &body, unique_key());
    let a = api
        .send_with(call, |req| {
            *req.body_mut() = Full::new(Bytes::from_static(b"{\"storeId\":\"tampered\"}"))
        })
        .await;
    assert_reason(&a, StatusCode::FORBIDDEN, "InvalidRequestSignature");
    assert!(
        a.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("AMZN-PAY-RSASSA-PSS-V2\n")
    );

    assert!(api.emu.remove_public_key(api.emu.public_key_id().as_str()));
    assert_reason(
        &api.get("/charges/S01-0000000-0000000-C000000").await,
        StatusCode::FORBIDDEN,
        "InvalidRequestSignature",
    );
}

#[tokio::test]
async fn missing_headers_are_400_missing_header() {
    let api = Api::default().await;
    for name in [
        "authorization",
        "accept",
        "content-type",
        "x-amz-pay-date",
        "x-amz-pay-host",
        "x-amz-pay-region",
    ] {
        let call = api.call(Method::GET, "/charges/S01-0000000-0000000-C000000");
        let a = api
            .send_with(call, |req| drop(req.headers_mut().remove(name)))
            .await;
        assert_reason(&a, StatusCode::BAD_REQUEST, "MissingHeader");
        assert!(
            a.body["message"]
                .as_str()
                .unwrap_or_default()
                .contains(name)
        );
    }
}

#[tokio::test]
async fn stale_or_future_dates_are_refused() {
    let api = Api::default().await;
    for time in [
        SystemTime::now() - Duration::from_secs(16 * 60),
        SystemTime::now() + Duration::from_secs(16 * 60),
    ] {
        let mut call = api.call(Method::GET, "/charges/S01-0000000-0000000-C000000");
        call.time = time;
        assert_reason(
            &api.send(call).await,
            StatusCode::BAD_REQUEST,
            "InvalidHeaderValue",
        );
    }
    let mut call = api.call(Method::GET, "/charges/S01-0000000-0000000-C000000");
    call.time = SystemTime::now() - Duration::from_secs(14 * 60);
    assert_reason(
        &api.send(call).await,
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
    );
}

#[tokio::test]
async fn region_and_host_must_belong_together() {
    let api = Api::default().await;
    let cases: [(&str, EditCall, StatusCode, &str); 3] = [
        (
            "the EU region with the NA host",
            |c| c.region = Region::Eu,
            StatusCode::BAD_REQUEST,
            "InvalidHeaderValue",
        ),
        (
            "the EU host with the NA region",
            |c| c.host = "pay-api.amazon.eu".into(),
            StatusCode::BAD_REQUEST,
            "InvalidHeaderValue",
        ),
        (
            "the NA host with the NA region",
            |c| c.host = "pay-api.amazon.com".into(),
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
        ),
    ];
    for (case, edit, status, reason) in cases {
        let mut call = api.call(Method::GET, "/charges/x");
        edit(&mut call);
        let a = api.send(call).await;
        assert_eq!(
            (a.status, a.reason()),
            (status, reason),
            "{case}: {:?}",
            a.body
        );
    }
}

#[tokio::test]
async fn environment_path_must_match_the_key_id() {
    let api = Api::default().await;
    let classic = Api::start(builder().key_id_kind(KeyIdKind::Classic)).await;
    assert!(classic.emu.public_key_id().environment().is_none());
    let cases = [
        (
            "a sandbox key id on the live path",
            &api,
            "/live/v2/charges/x",
            StatusCode::BAD_REQUEST,
            "InvalidRequest",
        ),
        (
            "a sandbox key id on the sandbox path",
            &api,
            "/sandbox/v2/charges/x",
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
        ),
        (
            "a classic key id without an environment in the path",
            &classic,
            "/v2/charges/x",
            StatusCode::BAD_REQUEST,
            "InvalidRequest",
        ),
        (
            "a classic key id on the sandbox path",
            &classic,
            "/sandbox/v2/charges/x",
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
        ),
    ];
    for (case, api, path, status, reason) in cases {
        let mut call = api.call(Method::GET, "/charges/x");
        call.path = path.into();
        let a = api.send(call).await;
        assert_eq!(
            (a.status, a.reason()),
            (status, reason),
            "{case}: {:?}",
            a.body
        );
    }
}

#[tokio::test]
async fn bodies_are_judged() {
    let api = Api::default().await;
    let post = |body: &str| {
        let mut call = api.call(Method::POST, "/checkoutSessions");
        call.body = Some(body.to_owned());
        call.headers
            .push(("x-amz-pay-idempotency-key", unique_key()));
        call
    };
    let store = api.emu.store_id().to_owned();
    let unknown = format!(
        r#"{{"storeId":"{store}","webCheckoutDetails":{{"checkoutReviewReturnUrl":"https://m.example/r"}},"checkoutMode":"ProcessOrder"}}"#
    );
    assert_reason(
        &api.send(post(&unknown)).await,
        StatusCode::BAD_REQUEST,
        "UnrecognizedField",
    );
    // A null field is an absent one; a null under an unknown name is still unknown.
    let null = format!(
        r#"{{"storeId":"{store}","webCheckoutDetails":{{"checkoutReviewReturnUrl":"https://m.example/r"}},"platformId":null}}"#
    );
    let created = api.send(post(&null)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["platformId"], serde_json::Value::Null);
    let unknown_null = format!(
        r#"{{"storeId":"{store}","webCheckoutDetails":{{"checkoutReviewReturnUrl":"https://m.example/r"}},"platformIdentifier":null}}"#
    );
    assert_reason(
        &api.send(post(&unknown_null)).await,
        StatusCode::BAD_REQUEST,
        "UnrecognizedField",
    );
    assert_reason(
        &api.send(post("{\"storeId\":")).await,
        StatusCode::BAD_REQUEST,
        "InvalidRequestFormat",
    );
    let yen = format!(
        r#"{{"storeId":"{store}","webCheckoutDetails":{{"checkoutReviewReturnUrl":"https://m.example/r"}},"paymentDetails":{{"chargeAmount":{{"amount":"705.50","currencyCode":"JPY"}}}}}}"#
    );
    assert_reason(
        &api.send(post(&yen)).await,
        StatusCode::BAD_REQUEST,
        "InvalidParameterValue",
    );
    let missing = r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://m.example/r"}}"#;
    assert_reason(
        &api.send(post(missing)).await,
        StatusCode::BAD_REQUEST,
        "MissingParameterValue",
    );
}

#[tokio::test]
async fn idempotency_keys_are_required_and_bounded() {
    let api = Api::default().await;
    let body = session_body(&api, "https://m.example/r");
    let mut call = api.call(Method::POST, "/checkoutSessions");
    call.body = Some(body.to_string());
    assert_reason(
        &api.send(call).await,
        StatusCode::BAD_REQUEST,
        "MissingHeader",
    );
    let call = api.post_call("/checkoutSessions", &body, "a".repeat(33));
    assert_reason(
        &api.send(call).await,
        StatusCode::BAD_REQUEST,
        "InvalidHeaderValue",
    );
    let key = "a".repeat(32);
    let first = api
        .send(api.post_call("/checkoutSessions", &body, key.clone()))
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let other = session_body(&api, "https://m.example/other");
    let call = api.post_call("/checkoutSessions", &other, key);
    assert_reason(
        &api.send(call).await,
        StatusCode::BAD_REQUEST,
        "DuplicateIdempotencyKey",
    );
}

/// Header name and value pairs.
type Headers<'a> = &'a [(&'a str, &'a str)];

/// Signs exactly the given headers over the given wire path and query, as an SDK would.
async fn sdk_style(
    api: &Api,
    method: &str,
    wire_path: &str,
    query: &[(&str, &str)],
    (signed, unsigned): (Headers<'_>, Headers<'_>),
    body: &str,
    algorithm: Algorithm,
) -> Answer {
    let canonical = canonical_request(method, wire_path, query, signed, body.as_bytes());
    let sts = string_to_sign(algorithm, &canonical);
    let sig = api
        .emu
        .private_key()
        .sign(algorithm, sts.as_bytes())
        .expect("sign");
    let names: Vec<&str> = signed.iter().map(|(n, _)| *n).collect();
    let mut names = names.clone();
    names.sort();
    let auth = format!(
        "{} PublicKeyId={}, SignedHeaders={}, Signature={}",
        algorithm.as_str(),
        api.emu.public_key_id().as_str(),
        names.join(";"),
        base64::engine::general_purpose::STANDARD.encode(sig)
    );
    let q: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(',', "%2C")))
        .collect();
    let uri = if q.is_empty() {
        format!("{}{wire_path}", api.emu.base_url())
    } else {
        format!("{}{wire_path}?{}", api.emu.base_url(), q.join("&"))
    };
    let mut b = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", auth);
    for (k, v) in signed.iter().chain(unsigned) {
        if *k != "content-length" {
            b = b.header(*k, *v);
        }
    }
    api.raw(
        b.body(Full::new(Bytes::from(body.to_owned())))
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn accepts_what_the_official_sdks_send() {
    let api = Api::default().await;
    let now = time::OffsetDateTime::now_utc();
    let extended = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let basic = extended.replace(['-', ':'], "");
    let base = |date: &'static str, region: &'static str| {
        vec![
            ("accept", "application/json"),
            ("content-type", "application/json"),
            ("x-amz-pay-date", date),
            ("x-amz-pay-host", "127.0.0.1"),
            ("x-amz-pay-region", region),
        ]
    };
    let extended: &'static str = Box::leak(extended.into_boxed_str());
    let basic: &'static str = Box::leak(basic.into_boxed_str());

    // Node.js: extended date, signed user-agent, signed auth token, comma list in the query.
    let mut signed = base(extended, "na");
    signed.push((
        "user-agent",
        "amazon-pay-api-sdk-nodejs/2.3.4 (JS/20.20.2; linux)",
    ));
    signed.push(("x-amz-pay-authtoken", "tok"));
    let a = sdk_style(&api, "GET", "/v2/reports", &[("pageSize", "10"), ("reportTypes", "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_")], (&signed, &[]), "", Algorithm::V2).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);

    // Java: upper-case region, trailing slash, V1; the `us` alias too.
    for region in ["NA", "us"] {
        let a = sdk_style(
            &api,
            "GET",
            "/v2/refunds/S01-1234567-1234567-R123456/",
            &[],
            (&base(basic, region), &[]),
            "",
            Algorithm::V1,
        )
        .await;
        assert_reason(&a, StatusCode::NOT_FOUND, "ResourceNotFound");
    }

    // PHP: auth token and simulation code unsigned; Ruby: /{env}/ segment with a prefixed key id.
    let a = sdk_style(
        &api,
        "GET",
        "/sandbox/v2/reports",
        &[],
        (
            &base(basic, "na"),
            &[
                ("x-amz-pay-authtoken", "tok"),
                ("x-amz-pay-simulation-code", ""),
            ],
        ),
        "",
        Algorithm::V2,
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);

    // .NET: trailing slash on a POST and a numeric amount.
    let id = api.approved_session("106.98", "Authorize", "approve").await;
    let key = unique_key();
    let mut signed = base(basic, "na");
    signed.push(("x-amz-pay-idempotency-key", key.as_str()));
    let body = r#"{"chargeAmount":{"amount":106.98,"currencyCode":"USD"}}"#;
    let a = sdk_style(
        &api,
        "POST",
        &format!("/v2/checkoutSessions/{id}/complete/"),
        &[],
        (&signed, &[]),
        body,
        Algorithm::V1,
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["paymentDetails"]["chargeAmount"]["amount"], "106.98");
}
