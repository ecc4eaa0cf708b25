//! Every case of `tests/data/canonical.json`.

mod common;

use amazon_pay_signing::{
    Algorithm, Backend, PublicKey, button_string_to_sign, canonical_request,
    canonical_request_with_payload_hash, string_to_sign,
};
use base64::Engine as _;
use common::{diff, vectors};

#[test]
fn vector_file_keeps_its_source_note() {
    let v = vectors();
    assert!(v.source.contains("Apache-2.0"), "source note must be kept");
    assert_eq!(v.cases.len(), 72);
    assert_eq!(v.button.len(), 4);
}

#[test]
fn canonical_requests_and_strings_to_sign_match_exactly() {
    let v = vectors();
    let mut failures = Vec::new();
    for case in &v.cases {
        let i = &case.inputs;
        let query = i.query_refs();
        let headers = i.header_refs();
        let canonical = match (&i.body, &i.body_sha256) {
            (Some(body), _) => {
                canonical_request(&i.method, &i.path, &query, &headers, body.as_bytes())
            }
            (None, Some(hash)) => {
                canonical_request_with_payload_hash(&i.method, &i.path, &query, &headers, hash)
            }
            (None, None) => panic!("{}: neither body nor body_sha256", case.id),
        };
        if canonical != case.expected.canonical_request {
            failures.push(format!(
                "{}:\n{}",
                case.id,
                diff(&case.expected.canonical_request, &canonical)
            ));
            continue;
        }
        let algorithm: Algorithm = i.algorithm.parse().expect("known algorithm");
        let sts = string_to_sign(algorithm, &canonical);
        if sts != case.expected.string_to_sign {
            failures.push(format!("{}: string to sign {sts:?}", case.id));
        }
        let hash = sts.split('\n').nth(1).unwrap_or_default();
        if hash != case.expected.canonical_request_sha256 {
            failures.push(format!("{}: canonical request hash {hash}", case.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn button_strings_to_sign_match_exactly() {
    for case in vectors().button {
        let algorithm: Algorithm = case.inputs.algorithm.parse().expect("known algorithm");
        let sts = button_string_to_sign(algorithm, &case.inputs.payload);
        assert_eq!(sts, case.expected.string_to_sign, "{}", case.id);
        assert!(sts.ends_with(&case.expected.payload_sha256), "{}", case.id);
    }
}

#[test]
fn interop_signatures_verify_at_their_salt_and_fail_at_the_other() {
    let v = vectors();
    let key = PublicKey::from_pem(&v.interop_signatures.public_key_spki_pem).expect("interop key");
    assert_eq!(v.interop_signatures.signatures.len(), 2);
    for sig in &v.interop_signatures.signatures {
        let case = v
            .cases
            .iter()
            .find(|c| c.id == sig.case_id)
            .expect("case exists");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&sig.signature_base64)
            .expect("base64");
        let own: Algorithm = sig.algorithm.parse().expect("algorithm");
        let other = if own == Algorithm::V1 {
            Algorithm::V2
        } else {
            Algorithm::V1
        };
        assert_eq!(own.salt_len(), sig.must_verify_with_salt);
        assert_eq!(other.salt_len(), sig.must_fail_with_salt);
        for backend in Backend::available() {
            key.verify_with(
                backend,
                own,
                case.expected.string_to_sign.as_bytes(),
                &bytes,
            )
            .unwrap_or_else(|e| panic!("{} must verify with {backend}: {e}", sig.case_id));
            assert!(
                key.verify_with(
                    backend,
                    other,
                    case.expected.string_to_sign.as_bytes(),
                    &bytes
                )
                .is_err(),
                "{} must fail at salt {} with {backend}",
                sig.case_id,
                other.salt_len()
            );
            // The same salt over a different message fails too.
            assert!(
                key.verify_with(backend, own, b"another message", &bytes)
                    .is_err()
            );
        }
    }
}

#[test]
fn round_trip_signatures_over_every_string_to_sign_verify() {
    let v = vectors();
    let key = common::test_key();
    let public = key.public_key();
    for case in v
        .cases
        .iter()
        .filter(|c| c.suite == "worked" || c.suite == "docs")
    {
        let algorithm: Algorithm = case.inputs.algorithm.parse().expect("algorithm");
        let message = case.expected.string_to_sign.as_bytes();
        let signature = amazon_pay_signing::Signer::sign(&key, algorithm, message).expect("signs");
        public
            .verify(algorithm, message, &signature)
            .expect("verifies at own salt");
        let other = if algorithm == Algorithm::V1 {
            Algorithm::V2
        } else {
            Algorithm::V1
        };
        assert!(
            public.verify(other, message, &signature).is_err(),
            "{}",
            case.id
        );
    }
}
