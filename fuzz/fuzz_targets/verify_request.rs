//! Request verification on arbitrary input: any request, any `authorization`
//! header. Verification never panics, and only a request whose string to sign
//! carries a valid signature by the known key passes.

#![no_main]

use std::sync::LazyLock;

use amazon_pay_signing::{PrivateKey, PublicKey, ReceivedRequest, verify_request};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

static KEY: LazyLock<PublicKey> = LazyLock::new(|| {
    PrivateKey::from_pem(include_str!(
        "../../crates/amazon-pay-signing/tests/data/test-rsa2048-pkcs8.pem"
    ))
    .expect("the test key parses")
    .public_key()
});

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    let received = ReceivedRequest {
        method: input.method,
        path: input.path,
        query: input.query,
        headers: &input.headers,
        body: input.body,
    };
    let lookup = |_: &str| Some(KEY.clone());
    if let Ok(verified) = verify_request(&received, &lookup) {
        // Arbitrary bytes cannot carry a valid RSA-PSS signature; a pass here
        // means the verifier accepted something it never checked.
        panic!(
            "verification passed on fuzzed input: {:?}",
            verified.string_to_sign()
        );
    }
});
