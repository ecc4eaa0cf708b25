//! `sign_http_request` (feature `http`).
#![cfg(feature = "http")]

mod common;

use amazon_pay_signing::{
    Algorithm, PublicKeyId, ReceivedRequest, Region, SigningParams, sign_http_request,
    verify_request,
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
