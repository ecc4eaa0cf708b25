//! `sign()`: headers, caller header rules, wire path and query, redaction.

mod common;

use amazon_pay_signing::{
    Algorithm, Error, PublicKeyId, Region, SignableRequest, SigningParams, format_amz_date,
    parse_amz_date, sign,
};

fn params(algorithm: Algorithm) -> SigningParams {
    SigningParams::new(
        Region::Eu,
        PublicKeyId::new("AHEGSJCM3L2S637RBGABLAFW").expect("id"),
        algorithm,
        common::fixed_time(),
    )
}

fn canonical_of_worked(id: &str) -> String {
    common::vectors()
        .cases
        .into_iter()
        .find(|c| c.id == id)
        .expect("case exists")
        .expected
        .canonical_request
}

#[test]
fn sign_reproduces_the_worked_create_checkout_session() {
    let body = r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://example.com/review"},"storeId":"amzn1.application-oa2-client.000000000000000000000000000000000"}"#;
    let headers = [(
        "X-Amz-Pay-Idempotency-Key",
        "0123456789abcdef0123456789abcdef",
    )];
    let request = SignableRequest::new("POST", "/sandbox/v2/checkoutSessions")
        .with_headers(&headers)
        .with_body(body.as_bytes());
    let key = common::test_key();
    let signed = sign(&request, &params(Algorithm::V2), &key).expect("signs");
    assert_eq!(
        signed.canonical_request(),
        canonical_of_worked("worked/post-create-checkout-session/AMZN-PAY-RSASSA-PSS-V2")
    );
    assert_eq!(
        signed.string_to_sign(),
        "AMZN-PAY-RSASSA-PSS-V2\n58e1a9fe15b09e2d43c424c26f4d719cc6b5e10d5ee34ce3746e2221eafcf475"
    );
    let names: Vec<&str> = signed.headers().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "x-amz-pay-date",
            "x-amz-pay-host",
            "x-amz-pay-region",
            "accept",
            "content-type",
            "authorization"
        ]
    );
    let auth = signed.authorization();
    let prefix = "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=AHEGSJCM3L2S637RBGABLAFW, SignedHeaders=";
    assert!(auth.starts_with(prefix), "{auth}");
    let signed_line = signed
        .canonical_request()
        .split('\n')
        .nth(10)
        .expect("signed headers line");
    assert_eq!(signed.signed_headers(), signed_line);
    assert!(auth.contains(&format!("SignedHeaders={signed_line}, Signature=")));
    assert!(auth.ends_with(signed.signature()));
    let signature = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        signed.signature(),
    )
    .expect("base64");
    key.public_key()
        .verify(
            Algorithm::V2,
            signed.string_to_sign().as_bytes(),
            &signature,
        )
        .expect("verifies");
}

#[test]
fn sign_reproduces_the_worked_get_with_query_and_puts_it_on_the_wire() {
    let query = [
        (
            "reportTypes",
            "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_",
        ),
        ("processingStatuses", "COMPLETED"),
        ("pageSize", "10"),
    ];
    let request = SignableRequest::new("GET", "/live/v2/reports").with_query(&query);
    let mut p = params(Algorithm::V2);
    p.region = Region::Na;
    p.host = Region::Na.host().to_owned();
    let signed = sign(&request, &p, &common::test_key()).expect("signs");
    assert_eq!(
        signed.canonical_request(),
        canonical_of_worked("worked/get-reports-with-query/AMZN-PAY-RSASSA-PSS-V2")
    );
    assert_eq!(
        signed.path_and_query(),
        "/live/v2/reports?pageSize=10&processingStatuses=COMPLETED&reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_%2C_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_"
    );
}

#[test]
fn auth_token_is_signed_and_simulation_code_is_not() {
    let headers = [
        ("x-amz-pay-authtoken", "Atza|EXAMPLETOKEN"),
        ("x-amz-pay-simulation-code", "BuyerCanceled"),
        ("user-agent", "amazon-pay-rs"),
    ];
    let body = br#"{"businessInfo":{"businessDisplayName":"Example Cafe"}}"#;
    let request = SignableRequest::new("PATCH", "/v2/merchantAccounts/A1EXAMPLE00001")
        .with_headers(&headers)
        .with_body(body);
    let mut p = params(Algorithm::V2);
    p.region = Region::Jp;
    p.host = Region::Jp.host().to_owned();
    let signed = sign(&request, &p, &common::test_key()).expect("signs");
    assert_eq!(
        signed.canonical_request(),
        canonical_of_worked(
            "worked/patch-merchant-account-authtoken-signed/AMZN-PAY-RSASSA-PSS-V2"
        )
    );
    assert!(!signed.signed_headers().contains("simulation"));
    assert!(!signed.signed_headers().contains("user-agent"));
}

#[test]
fn redacted_view_hides_signature_and_auth_token() {
    let headers = [("x-amz-pay-authtoken", "Atza|SECRETTOKEN")];
    let request = SignableRequest::new("GET", "/v2/buyers/abc").with_headers(&headers);
    let signed = sign(&request, &params(Algorithm::V1), &common::test_key()).expect("signs");
    let debug = format!("{signed:?}");
    let display = signed.redacted().to_string();
    for text in [&debug, &display] {
        assert!(!text.contains(signed.signature()), "{text}");
        assert!(!text.contains("SECRETTOKEN"), "{text}");
        assert!(text.contains("x-amz-pay-authtoken:<redacted>"), "{text}");
        assert!(text.contains("Signature=<redacted>"), "{text}");
        let hash = signed
            .string_to_sign()
            .split('\n')
            .nth(1)
            .expect("hash line");
        assert!(text.contains(hash), "{text}");
    }
    assert!(
        signed
            .canonical_request()
            .contains("x-amz-pay-authtoken:Atza|SECRETTOKEN")
    );
}

#[test]
fn bad_caller_headers_are_refused() {
    let key = common::test_key();
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("accept", "text/html")], "accept"),
        (&[("Authorization", "x")], "Authorization"),
        (
            &[("x-amz-pay-idempotency-key", " padded")],
            "x-amz-pay-idempotency-key",
        ),
        (
            &[("x-amz-pay-idempotency-key", "a  b")],
            "x-amz-pay-idempotency-key",
        ),
        (
            &[("x-amz-pay-authtoken", "a"), ("X-Amz-Pay-Authtoken", "b")],
            "X-Amz-Pay-Authtoken",
        ),
        (&[("x-custom", "line\r\nbreak")], "x-custom"),
    ];
    for (headers, bad) in cases {
        let request = SignableRequest::new("GET", "/v2/x").with_headers(headers);
        match sign(&request, &params(Algorithm::V2), &key) {
            Err(Error::InvalidHeader { name, .. }) => assert_eq!(name, bad),
            other => panic!("{headers:?}: {other:?}"),
        }
    }
}

#[test]
fn bad_method_path_and_host_are_refused() {
    let key = common::test_key();
    let p = params(Algorithm::V2);
    let err = sign(&SignableRequest::new("get", "/v2/x"), &p, &key).expect_err("lower-case method");
    assert!(matches!(err, Error::InvalidMethod(_)));
    let err = sign(&SignableRequest::new("GET", "/v2/../x"), &p, &key).expect_err("dot segment");
    assert!(matches!(err, Error::InvalidPath { .. }));
    let mut with_port = p.clone();
    with_port.host = "localhost:8443".to_owned();
    let err = sign(&SignableRequest::new("GET", "/v2/x"), &with_port, &key).expect_err("port");
    assert!(matches!(err, Error::InvalidHost(_)));
}

#[test]
fn wire_path_is_canonical() {
    let request = SignableRequest::new("GET", "//v2//refunds/ሴ id/");
    let signed = sign(&request, &params(Algorithm::V2), &common::test_key()).expect("signs");
    assert_eq!(signed.canonical_uri(), "/v2/refunds/%E1%88%B4%20id/");
    assert_eq!(signed.canonical_query(), "");
}

#[test]
fn dates_format_basic_and_parse_both_forms() {
    let t = common::fixed_time();
    assert_eq!(format_amz_date(t).expect("formats"), "20240102T030405Z");
    assert_eq!(parse_amz_date("20240102T030405Z").expect("basic"), t);
    assert_eq!(parse_amz_date("2024-01-02T03:04:05Z").expect("extended"), t);
    for bad in [
        "",
        "20240102T030405",
        "2024-01-02 03:04:05Z",
        "20241302T030405Z",
        "x",
    ] {
        assert!(
            matches!(parse_amz_date(bad), Err(Error::InvalidDate(_))),
            "{bad}"
        );
    }
    let before_epoch = std::time::UNIX_EPOCH - std::time::Duration::from_secs(1);
    assert!(matches!(
        format_amz_date(before_epoch),
        Err(Error::TimeOutOfRange)
    ));
}

#[test]
fn vocabulary_types_parse_and_print() {
    assert_eq!(Algorithm::default(), Algorithm::V2);
    assert_eq!(
        "AMZN-PAY-RSASSA-PSS".parse::<Algorithm>().expect("v1"),
        Algorithm::V1
    );
    assert_eq!(Algorithm::V1.salt_len(), 20);
    assert_eq!(Algorithm::V2.to_string(), "AMZN-PAY-RSASSA-PSS-V2");
    assert!("RSA".parse::<Algorithm>().is_err());
    for (s, r) in [
        ("US", Region::Na),
        ("na", Region::Na),
        ("De", Region::Eu),
        ("UK", Region::Eu),
        ("jp", Region::Jp),
    ] {
        assert_eq!(s.parse::<Region>().expect("region"), r);
    }
    assert!("fr".parse::<Region>().is_err());
    assert_eq!(Region::Jp.host(), "pay-api.amazon.jp");
    use amazon_pay_signing::Environment;
    assert_eq!(
        "SANDBOX".parse::<Environment>().expect("env"),
        Environment::Sandbox
    );
    assert_eq!(Environment::Live.as_str(), "live");
    let live = PublicKeyId::new("live-ABC").expect("id");
    assert_eq!(live.environment(), Some(Environment::Live));
    assert_eq!(
        PublicKeyId::new("SANDBOX-ABC").expect("id").environment(),
        Some(Environment::Sandbox)
    );
    assert_eq!(
        PublicKeyId::new("AHEGSJCM3L2S637RBGABLAFW")
            .expect("id")
            .environment(),
        None
    );
    for bad in ["", " ", "AB C", "AB\u{7}", "A,B"] {
        assert!(
            matches!(PublicKeyId::new(bad), Err(Error::InvalidPublicKeyId { .. })),
            "{bad:?}"
        );
    }
}

#[derive(Debug)]
struct FailingSigner;

impl amazon_pay_signing::Signer for FailingSigner {
    fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, Error> {
        Err(Error::Signer(Box::new(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the KMS is unreachable",
        ))))
    }
}

#[test]
fn a_custom_signer_is_used_and_its_errors_surface() {
    let err = sign(
        &SignableRequest::new("GET", "/v2/x"),
        &params(Algorithm::V2),
        &FailingSigner,
    )
    .expect_err("fails");
    assert!(matches!(err, Error::Signer(_)));
    // The signer's own error is the cause, matchable by type, and not repeated by `Display`.
    let cause = std::error::Error::source(&err).expect("a cause");
    let io = cause
        .downcast_ref::<std::io::Error>()
        .expect("the signer's error");
    assert_eq!(io.kind(), std::io::ErrorKind::TimedOut);
    assert!(!err.to_string().contains("unreachable"), "{err}");
    let shared = std::sync::Arc::new(common::test_key());
    sign(
        &SignableRequest::new("GET", "/v2/x"),
        &params(Algorithm::V2),
        &shared,
    )
    .expect("Arc signer");
}
