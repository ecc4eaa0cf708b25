//! Sign-then-verify for both algorithms x both backends x PKCS#1 and PKCS#8, and across backends.

mod common;

use amazon_pay_signing::{
    Algorithm, Backend, PublicKeyId, Region, SignableRequest, SigningParams, sign,
    sign_button_payload,
};
use base64::Engine as _;

const BODY: &[u8] = br#"{"chargeAmount":{"amount":"14.00","currencyCode":"USD"}}"#;

#[test]
fn every_key_format_backend_and_algorithm_round_trips_and_cross_verifies() {
    let keys = common::test_keys_all_formats_and_backends();
    assert!(!keys.is_empty());
    let key_id = PublicKeyId::new("LIVE-TESTKEYID").expect("key id");
    for (label, key) in &keys {
        let public = key.public_key();
        for algorithm in [Algorithm::V1, Algorithm::V2] {
            let params =
                SigningParams::new(Region::Na, key_id.clone(), algorithm, common::fixed_time());
            let request = SignableRequest::new("POST", "/live/v2/charges").with_body(BODY);
            let signed = sign(&request, &params, key).expect("signs");
            let signature = base64::engine::general_purpose::STANDARD
                .decode(signed.signature())
                .expect("base64");
            assert_eq!(signature.len(), 256, "{label}");
            let other = if algorithm == Algorithm::V1 {
                Algorithm::V2
            } else {
                Algorithm::V1
            };
            for verifier in Backend::available() {
                public
                    .verify_with(
                        verifier,
                        algorithm,
                        signed.string_to_sign().as_bytes(),
                        &signature,
                    )
                    .unwrap_or_else(|e| panic!("{label} {algorithm} verified by {verifier}: {e}"));
                assert!(
                    public
                        .verify_with(
                            verifier,
                            other,
                            signed.string_to_sign().as_bytes(),
                            &signature
                        )
                        .is_err(),
                    "{label} {algorithm} must fail at the other salt with {verifier}"
                );
            }
            let button = sign_button_payload("{\"a\":1}", &key_id, algorithm, key).expect("button");
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(button.signature())
                .expect("base64");
            let sts = amazon_pay_signing::button_string_to_sign(algorithm, "{\"a\":1}");
            public
                .verify(algorithm, sts.as_bytes(), &bytes)
                .expect("button verifies");
            assert_eq!(button.algorithm(), algorithm);
            assert_eq!(button.public_key_id(), &key_id);
        }
    }
}

#[test]
fn pss_signatures_are_randomised() {
    let key = common::test_key();
    let a = amazon_pay_signing::Signer::sign(&key, Algorithm::V2, b"same").expect("signs");
    let b = amazon_pay_signing::Signer::sign(&key, Algorithm::V2, b"same").expect("signs");
    assert_ne!(a, b);
}

#[test]
fn a_foreign_key_does_not_verify() {
    let key = common::test_key();
    let other =
        amazon_pay_signing::PrivateKey::from_pem(&common::data_text("test-other-rsa2048.pem"))
            .expect("other key");
    let signature = amazon_pay_signing::Signer::sign(&key, Algorithm::V1, b"m").expect("signs");
    assert!(
        other
            .public_key()
            .verify(Algorithm::V1, b"m", &signature)
            .is_err()
    );
}
