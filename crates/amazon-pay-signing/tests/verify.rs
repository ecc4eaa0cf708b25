//! `verify_request`: the tolerance vectors, every vector request, and tampering.

mod common;

use amazon_pay_signing::{
    Algorithm, PrivateKey, PublicKey, PublicKeyId, ReceivedRequest, Region, SignableRequest,
    SigningParams, VerifyError, canonical_uri, encode_path_segment, sign, verify_request,
};
use base64::Engine as _;
use common::Case;

const KEY_ID: &str = "SANDBOX-TESTKEY";

fn lookup(public: PublicKey) -> impl Fn(&str) -> Option<PublicKey> {
    move |id| (id == KEY_ID).then(|| public.clone())
}

/// A query string as a caller might send it: pairs in caller order, each encoded.
fn wire_query(case: &Case) -> String {
    case.inputs
        .query
        .iter()
        .map(|(n, v)| format!("{}={}", encode_path_segment(n), encode_path_segment(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Signs a vector's expected string to sign and builds the authorization header the way
/// the SDK that produced the vector would.
fn authorization_for(case: &Case, key: &PrivateKey) -> String {
    let algorithm: Algorithm = case.inputs.algorithm.parse().expect("algorithm");
    let signature =
        amazon_pay_signing::Signer::sign(key, algorithm, case.expected.string_to_sign.as_bytes())
            .expect("signs");
    let signed_headers = case
        .expected
        .canonical_request
        .split('\n')
        .rev()
        .nth(1)
        .expect("line");
    format!(
        "{} PublicKeyId={KEY_ID}, SignedHeaders={signed_headers}, Signature={}",
        algorithm.as_str(),
        base64::engine::general_purpose::STANDARD.encode(signature)
    )
}

fn verify_case(
    case: &Case,
    key: &PrivateKey,
) -> Result<amazon_pay_signing::VerifiedRequest, VerifyError> {
    let auth = authorization_for(case, key);
    let mut headers = case.inputs.header_refs();
    headers.push(("Authorization", &auth));
    let path = canonical_uri(&case.inputs.path);
    let query = wire_query(case);
    let body = case.inputs.body.as_deref().unwrap_or_default();
    verify_request(
        &ReceivedRequest {
            method: &case.inputs.method,
            path: &path,
            query: &query,
            headers: &headers,
            body: body.as_bytes(),
        },
        &lookup(key.public_key()),
    )
}

#[test]
fn the_three_tolerance_requests_are_accepted() {
    let key = common::test_key();
    let cases: Vec<Case> = common::vectors()
        .cases
        .into_iter()
        .filter(|c| c.suite == "tolerance")
        .collect();
    assert_eq!(cases.len(), 3);
    for case in &cases {
        let verified = verify_case(case, &key).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        assert_eq!(
            verified.canonical_request(),
            case.expected.canonical_request,
            "{}",
            case.id
        );
        assert_eq!(verified.date(), common::fixed_time(), "{}", case.id);
        assert!(verified.region().is_some(), "{}", case.id);
    }
}

#[test]
fn every_vector_request_with_a_known_body_verifies() {
    let key = common::test_key();
    for case in common::vectors()
        .cases
        .iter()
        .filter(|c| c.inputs.body.is_some())
    {
        let verified = verify_case(case, &key).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        assert_eq!(
            verified.string_to_sign(),
            case.expected.string_to_sign,
            "{}",
            case.id
        );
    }
}

#[test]
fn node_style_signed_headers_in_caller_case_verify() {
    // The Node.js SDK lists caller header names as spelled by the caller.
    let key = common::test_key();
    let date = "20240102T030405Z";
    let headers_in = [
        ("accept", "application/json"),
        ("content-type", "application/json"),
        ("x-amz-pay-date", date),
        ("x-amz-pay-host", "pay-api.amazon.com"),
        ("x-amz-pay-Idempotency-Key", "abc"),
        ("x-amz-pay-region", "na"),
    ];
    let signed_list = "accept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-Idempotency-Key;x-amz-pay-region";
    let canonical = format!(
        "POST\n/v2/charges\n\naccept:application/json\ncontent-type:application/json\nx-amz-pay-date:{date}\n\
         x-amz-pay-host:pay-api.amazon.com\nx-amz-pay-idempotency-key:abc\nx-amz-pay-region:na\n\n{signed_list}\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let sts = amazon_pay_signing::string_to_sign(Algorithm::V1, &canonical);
    let signature =
        amazon_pay_signing::Signer::sign(&key, Algorithm::V1, sts.as_bytes()).expect("signs");
    let auth = format!(
        "AMZN-PAY-RSASSA-PSS PublicKeyId={KEY_ID}, SignedHeaders={signed_list}, Signature={}",
        base64::engine::general_purpose::STANDARD.encode(signature)
    );
    let mut headers: Vec<(&str, &str)> = headers_in.to_vec();
    headers.push(("authorization", &auth));
    let request = ReceivedRequest {
        method: "POST",
        path: "/v2/charges",
        query: "",
        headers: &headers,
        body: b"",
    };
    let verified = verify_request(&request, &lookup(key.public_key())).expect("verifies");
    assert!(verified.is_signed("x-amz-pay-idempotency-key"));
}

struct Fixture {
    key: PrivateKey,
    headers: Vec<(String, String)>,
    path: String,
    query: String,
    body: Vec<u8>,
}

impl Fixture {
    fn new(algorithm: Algorithm) -> Self {
        let key = common::test_key();
        let body = br#"{"chargeAmount":{"amount":"1.00","currencyCode":"EUR"}}"#.to_vec();
        let caller = [
            ("x-amz-pay-idempotency-key", "idem-1"),
            ("x-amz-pay-authtoken", "tok"),
        ];
        let query = [("b", "2"), ("a", "1 2")];
        let request = SignableRequest::new("POST", "/sandbox/v2/charges")
            .with_query(&query)
            .with_headers(&caller)
            .with_body(&body);
        let params = SigningParams::new(
            Region::Eu,
            PublicKeyId::new(KEY_ID).expect("id"),
            algorithm,
            common::fixed_time(),
        );
        let signed = sign(&request, &params, &key).expect("signs");
        let mut headers: Vec<(String, String)> = caller
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        headers.extend(
            signed
                .headers()
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.clone())),
        );
        Self {
            key,
            headers,
            path: signed.canonical_uri().to_owned(),
            query: signed.canonical_query().to_owned(),
            body,
        }
    }

    fn verify(&self) -> Result<amazon_pay_signing::VerifiedRequest, VerifyError> {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        verify_request(
            &ReceivedRequest {
                method: "POST",
                path: &self.path,
                query: &self.query,
                headers: &headers,
                body: &self.body,
            },
            &lookup(self.key.public_key()),
        )
    }

    fn set_header(&mut self, name: &str, value: String) {
        let slot = self
            .headers
            .iter_mut()
            .find(|(n, _)| n == name)
            .expect("header present");
        slot.1 = value;
    }

    fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(n, _)| n != name);
    }

    fn authorization(&self) -> String {
        self.headers
            .iter()
            .find(|(n, _)| n == "authorization")
            .expect("auth")
            .1
            .clone()
    }
}

#[test]
fn an_untouched_request_verifies_for_both_algorithms() {
    for algorithm in [Algorithm::V1, Algorithm::V2] {
        let verified = Fixture::new(algorithm).verify().expect("verifies");
        assert_eq!(verified.algorithm(), algorithm);
        assert_eq!(verified.public_key_id().as_str(), KEY_ID);
        assert_eq!(verified.region(), Some(Region::Eu));
        assert_eq!(verified.region_header(), "eu");
        assert!(verified.is_signed("x-amz-pay-authtoken"));
        assert_eq!(verified.date(), common::fixed_time());
    }
}

fn assert_mismatch(result: Result<amazon_pay_signing::VerifiedRequest, VerifyError>, what: &str) {
    match result {
        Err(VerifyError::SignatureMismatch { string_to_sign }) => {
            assert!(string_to_sign.starts_with("AMZN-PAY-RSASSA-PSS"), "{what}");
            let message = VerifyError::SignatureMismatch {
                string_to_sign: string_to_sign.clone(),
            }
            .to_string();
            let hash = string_to_sign.split('\n').nth(1).expect("hash line");
            assert!(
                message.contains(hash),
                "{what}: the message echoes the string to sign"
            );
        }
        other => panic!("{what}: expected SignatureMismatch, got {other:?}"),
    }
}

#[test]
fn tampering_is_detected() {
    let mut f = Fixture::new(Algorithm::V2);
    f.body.push(b' ');
    assert_mismatch(f.verify(), "body");

    let mut f = Fixture::new(Algorithm::V2);
    f.set_header("x-amz-pay-idempotency-key", "idem-2".to_owned());
    assert_mismatch(f.verify(), "signed header");

    let mut f = Fixture::new(Algorithm::V2);
    f.path = "/sandbox/v2/refunds".to_owned();
    assert_mismatch(f.verify(), "path");

    let mut f = Fixture::new(Algorithm::V2);
    f.query = "a=1%202&b=3".to_owned();
    assert_mismatch(f.verify(), "query");

    let mut f = Fixture::new(Algorithm::V2);
    f.set_header("x-amz-pay-date", "20240102T030406Z".to_owned());
    assert_mismatch(f.verify(), "date");
}

#[test]
fn query_order_and_encoding_case_do_not_matter() {
    let mut f = Fixture::new(Algorithm::V2);
    assert_eq!(f.query, "a=1%202&b=2");
    f.query = "b=2&a=1%202".to_owned();
    f.verify().expect("reordered query verifies");
}

#[test]
fn a_signature_at_the_wrong_salt_is_rejected() {
    for (signed_as, claimed) in [
        (Algorithm::V1, Algorithm::V2),
        (Algorithm::V2, Algorithm::V1),
    ] {
        let mut f = Fixture::new(signed_as);
        let auth = f.authorization();
        let rest = auth.split_once(' ').expect("space").1;
        f.set_header("authorization", format!("{} {rest}", claimed.as_str()));
        assert_mismatch(f.verify(), "wrong salt");
    }
}

#[test]
fn an_unknown_key_id_is_rejected() {
    let mut f = Fixture::new(Algorithm::V2);
    let auth = f.authorization().replace(KEY_ID, "SANDBOX-OTHER");
    f.set_header("authorization", auth);
    assert_eq!(
        f.verify().expect_err("unknown"),
        VerifyError::UnknownPublicKeyId("SANDBOX-OTHER".to_owned())
    );
}

#[test]
fn a_different_key_is_a_mismatch() {
    let f = Fixture::new(Algorithm::V2);
    let other = PrivateKey::from_pem(&common::data_text("test-other-rsa2048.pem")).expect("other");
    let headers: Vec<(&str, &str)> = f
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let result = verify_request(
        &ReceivedRequest {
            method: "POST",
            path: &f.path,
            query: &f.query,
            headers: &headers,
            body: &f.body,
        },
        &lookup(other.public_key()),
    );
    assert_mismatch(result, "other key");
}

#[test]
fn structural_problems_have_their_own_errors() {
    let mut f = Fixture::new(Algorithm::V2);
    f.remove_header("authorization");
    assert_eq!(
        f.verify().expect_err("missing"),
        VerifyError::MissingAuthorization
    );

    let mut f = Fixture::new(Algorithm::V2);
    f.set_header("authorization", "garbage".to_owned());
    assert!(matches!(
        f.verify(),
        Err(VerifyError::MalformedAuthorization(_))
    ));

    let mut f = Fixture::new(Algorithm::V2);
    let auth = f
        .authorization()
        .replacen("AMZN-PAY-RSASSA-PSS-V2", "AMZN-PAY-RSASSA-PSS-V3", 1);
    f.set_header("authorization", auth);
    assert!(
        matches!(f.verify(), Err(VerifyError::UnsupportedAlgorithm(a)) if a == "AMZN-PAY-RSASSA-PSS-V3")
    );

    let mut f = Fixture::new(Algorithm::V2);
    f.remove_header("x-amz-pay-authtoken");
    assert_eq!(
        f.verify().expect_err("missing"),
        VerifyError::MissingSignedHeader("x-amz-pay-authtoken".to_owned())
    );

    let mut f = Fixture::new(Algorithm::V2);
    let auth = f.authorization().replace("accept;", "");
    f.set_header("authorization", auth);
    assert_eq!(
        f.verify().expect_err("missing"),
        VerifyError::MissingRequiredHeader("accept".to_owned())
    );

    let mut f = Fixture::new(Algorithm::V2);
    let auth = f.authorization().replace("x-amz-pay-idempotency-key;", "");
    f.set_header("authorization", auth);
    assert_eq!(
        f.verify().expect_err("unsigned idempotency key"),
        VerifyError::MissingRequiredHeader("x-amz-pay-idempotency-key".to_owned())
    );

    let mut f = Fixture::new(Algorithm::V2);
    f.set_header("x-amz-pay-date", "yesterday".to_owned());
    assert_eq!(
        f.verify().expect_err("date"),
        VerifyError::InvalidDate("yesterday".to_owned())
    );
}
