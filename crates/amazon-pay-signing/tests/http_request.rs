//! `sign_http_request` (feature `http`).
#![cfg(feature = "http")]

mod common;

use amazon_pay_signing::{
    Algorithm, Error, PublicKeyId, ReceivedRequest, Region, SignableHttpRequest, SigningParams,
    sign_http_request, verify_request,
};

#[test]
fn signs_an_http_request_in_place_and_it_verifies() {
    let key = common::test_key();
    let body = br#"{"a":1}"#;
    let mut request = http::Request::builder()
        .method("POST")
        .uri("https://pay-api.amazon.com/v2/reports?reportTypes=A,B&pageSize=10")
        .header("x-amz-pay-idempotency-key", "k1")
        .header("user-agent", "test")
        .body(body.to_vec())
        .expect("request");
    let params = SigningParams::new(
        Region::Na,
        PublicKeyId::new("LIVE-TEST").expect("id"),
        Algorithm::V1,
        common::fixed_time(),
    );
    let signed = sign_http_request(&mut request, &params, &key).expect("signs");
    assert_eq!(
        request.uri().to_string(),
        "https://pay-api.amazon.com/v2/reports?pageSize=10&reportTypes=A%2CB"
    );
    assert!(request.headers()["authorization"].is_sensitive());
    assert_eq!(request.headers()["x-amz-pay-date"], "20240102T030405Z");
    assert!(
        signed
            .signed_headers()
            .contains("x-amz-pay-idempotency-key")
    );
    assert!(!signed.signed_headers().contains("user-agent"));

    // Signing again (a retry) replaces the previous signature headers.
    sign_http_request(&mut request, &params, &key).expect("re-signs");
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);

    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().expect("ascii")))
        .collect();
    let public = key.public_key();
    verify_request(
        &ReceivedRequest {
            method: request.method().as_str(),
            path: request.uri().path(),
            query: request.uri().query().unwrap_or(""),
            headers: &headers,
            body,
        },
        &|_: &str| Some(public.clone()),
    )
    .expect("verifies");
}

fn get(uri: &str) -> http::Request<Vec<u8>> {
    http::Request::get(uri).body(Vec::new()).expect("request")
}

#[test]
fn uris_that_cannot_be_signed_as_sent_are_refused() {
    for uri in [
        "https://pay-api.amazon.com/v2/charges/a%zz",
        "https://pay-api.amazon.com/v2/charges/a%2",
        "https://pay-api.amazon.com/v2/charges/a%2Fb",
        "https://pay-api.amazon.com/v2/charges/%FF",
        "https://pay-api.amazon.com/v2/charges/%2E%2E",
        "https://pay-api.amazon.com/v2/reports?a=%zz",
        "https://pay-api.amazon.com/v2/reports?a=%FE",
    ] {
        let err = SignableHttpRequest::from_request(&get(uri)).expect_err(uri);
        assert!(matches!(err, Error::InvalidPath { .. }), "{uri}: {err:?}");
    }
}

#[test]
fn the_uri_is_made_canonical_in_one_pass_and_signed_per_attempt() {
    let key = common::test_key();
    let mut request = get("https://pay-api.amazon.com//v2/buyers/a%20b%7e/?z=%2a&a=1+2&a");
    request.headers_mut().insert(
        "x-amz-pay-authtoken",
        http::HeaderValue::from_static("secret-token"),
    );
    let signable = SignableHttpRequest::from_request(&request).expect("reads");
    assert_eq!(signable.canonical_uri(), "/v2/buyers/a%20b~/");
    assert_eq!(signable.canonical_query(), "a=&a=1%2B2&z=%2A");
    assert!(!format!("{signable:?}").contains("secret-token"));

    let params = SigningParams::new(
        Region::Eu,
        PublicKeyId::new("SANDBOX-TEST").expect("id"),
        Algorithm::V2,
        common::fixed_time(),
    );
    let signed = signable.sign(b"", &params, &key).expect("signs");
    signed.apply_to(&mut request).expect("applies");
    assert_eq!(
        request.uri().to_string(),
        "https://pay-api.amazon.com/v2/buyers/a%20b~/?a=&a=1%2B2&z=%2A"
    );
    assert!(signed.signed_headers().contains("x-amz-pay-authtoken"));
    // The same as the one-call helper, which reads the request it rewrote to the same form.
    let again = sign_http_request(&mut request, &params, &key).expect("signs");
    assert_eq!(again.canonical_request(), signed.canonical_request());
}
