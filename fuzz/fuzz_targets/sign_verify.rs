//! Signs arbitrary requests and verifies them as the service would.
//!
//! Whatever [`sign`] accepts, sent exactly as it says (canonical path and
//! query, its headers plus the caller's), must pass [`verify_request`] with the
//! same canonical request and string to sign: signer and verifier never
//! disagree on canonicalization.

#![no_main]

use std::sync::LazyLock;
use std::time::{Duration, SystemTime};

use amazon_pay_signing::{
    Algorithm, PrivateKey, PublicKey, PublicKeyId, ReceivedRequest, Region, SignableRequest,
    SigningParams, sign, verify_request,
};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

static KEY: LazyLock<PrivateKey> = LazyLock::new(|| {
    PrivateKey::from_pem(include_str!(
        "../../crates/amazon-pay-signing/tests/data/test-rsa2048-pkcs8.pem"
    ))
    .expect("the test key parses")
});

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    method: &'a str,
    path: &'a str,
    query: Vec<(&'a str, &'a str)>,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a [u8],
    key_id: &'a str,
    region: u8,
    v2: bool,
    seconds: u32,
}

fuzz_target!(|input: Input<'_>| {
    let Ok(key_id) = PublicKeyId::new(input.key_id) else {
        return;
    };
    let region = match input.region % 3 {
        0 => Region::Na,
        1 => Region::Eu,
        _ => Region::Jp,
    };
    let algorithm = if input.v2 {
        Algorithm::V2
    } else {
        Algorithm::V1
    };
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(input.seconds));
    let params = SigningParams::new(region, key_id.clone(), algorithm, time);
    let request = SignableRequest::new(input.method, input.path)
        .with_query(&input.query)
        .with_headers(&input.headers)
        .with_body(input.body);
    let Ok(signed) = sign(&request, &params, &*KEY) else {
        return;
    };

    let mut sent: Vec<(&str, &str)> = signed
        .headers()
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    sent.extend(input.headers.iter().copied());
    let received = ReceivedRequest {
        method: input.method,
        path: signed.canonical_uri(),
        query: signed.canonical_query(),
        headers: &sent,
        body: input.body,
    };
    let public: PublicKey = KEY.public_key();
    let expected_id = key_id.as_str().to_owned();
    let lookup = move |id: &str| (id == expected_id).then(|| public.clone());
    let verified = match verify_request(&received, &lookup) {
        Ok(verified) => verified,
        Err(error) => panic!(
            "a request the signer accepted fails verification: {error}\n{}",
            signed.redacted()
        ),
    };
    assert_eq!(verified.canonical_request(), signed.canonical_request());
    assert_eq!(verified.string_to_sign(), signed.string_to_sign());
    assert_eq!(verified.algorithm(), algorithm);
    assert_eq!(verified.public_key_id(), &key_id);
    assert_eq!(verified.date(), time);
    assert_eq!(verified.region(), Some(region));
});
