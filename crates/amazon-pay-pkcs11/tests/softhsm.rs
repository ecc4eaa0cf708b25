//! `Pkcs11Signer` against SoftHSM2: whole checkouts on the emulator with both algorithms and
//! both mechanisms, signatures from many threads, and every error of `open`.

mod support;

use std::collections::HashMap;
use std::thread;

use amazon_pay_client::types::{
    CaptureChargeRequest, CompleteCheckoutSessionRequest, CreateRefundRequest, Currency,
    PaymentDetails, PaymentIntent, Price, UpdateCheckoutSessionRequest, WebCheckoutDetails,
};
use amazon_pay_client::{Algorithm, Client, Signer};
use amazon_pay_emulator::{Emulator, RunningEmulator, SimulatedPaymentMethod, Verdict};
use amazon_pay_pkcs11::{KeySelector, Pkcs11Error, PssMechanism};
use amazon_pay_signing::PublicKey;
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use support::{PIN, TestToken, test_in_softhsm};

const LABEL: &str = "amazon-pay";
const ID: &[u8] = &[0x0a, 0x01];
const KEY_ID: &str = "SANDBOX-AHSMPKCS11TESTKEY0000001";
/// SoftHSM2 setting that leaves only the hash-and-sign PSS mechanism (SoftHSM 2.6.1 ignores the
/// `-CKM_…` form that disables mechanisms, so these list the ones left).
const ONLY_HASH_ON_TOKEN: &str = "CKM_RSA_PKCS_KEY_PAIR_GEN,CKM_SHA256_RSA_PKCS_PSS";
/// SoftHSM2 setting that leaves RSA signing without PSS.
const NO_PSS: &str = "CKM_RSA_PKCS_KEY_PAIR_GEN,CKM_RSA_PKCS,CKM_SHA256_RSA_PKCS";

fn rsa_token(token: &TestToken) {
    token.generate_rsa(LABEL, ID, 2048, true);
}

/// A button click, create, update, the buyer's approval, complete, capture, refund; every
/// request and the button signed by `signer`, each signature verified by the emulator.
async fn checkout(signer: impl Signer + Clone + 'static, public: PublicKey, algorithm: Algorithm) {
    let emulator = Emulator::builder().start().await.expect("emulator");
    emulator.add_public_key(KEY_ID, public);
    let client = Client::builder()
        .public_key_id(KEY_ID)
        .signer(signer)
        .region(emulator.region().as_str())
        .algorithm(algorithm)
        .endpoint(emulator.base_url())
        .build()
        .expect("client");

    // The buyer clicks the button: the emulator verifies the button signature and creates the
    // session from the payload.
    let payload = format!(
        r#"{{"storeId":"{}","webCheckoutDetails":{{"checkoutReviewReturnUrl":"https://shop.example/review"}}}}"#,
        emulator.store_id()
    );
    let button = client
        .sign_button_payload(&payload)
        .expect("button signature");
    assert_eq!(button.algorithm(), algorithm);
    let id = click_button(&emulator, &payload, button.signature(), algorithm).await;

    let price = Price::from_minor_units(2499, Currency::Usd).expect("price");
    let session = client
        .get_checkout_session(&id)
        .await
        .expect("get")
        .into_body();
    assert_eq!(session.checkout_session_id.to_string(), id);
    let update = UpdateCheckoutSessionRequest::new()
        .web_checkout_details(
            WebCheckoutDetails::new().checkout_result_return_url("https://shop.example/result"),
        )
        .payment_details(
            PaymentDetails::new()
                .payment_intent(PaymentIntent::Authorize)
                .charge_amount(price.clone()),
        );
    client
        .update_checkout_session(&id, &update)
        .await
        .expect("update");
    emulator
        .approve_checkout(&id, SimulatedPaymentMethod::Approve)
        .expect("the buyer pays");
    let session = client
        .complete_checkout_session(
            &id,
            &CompleteCheckoutSessionRequest::with_charge_amount(price.clone()),
        )
        .await
        .expect("complete")
        .into_body();
    let charge_id = session.charge_id.expect("charge");
    client
        .capture_charge(&charge_id, &CaptureChargeRequest::new(price))
        .await
        .expect("capture");
    let refund_amount = Price::from_minor_units(500, Currency::Usd).expect("price");
    let refund = client
        .create_refund(&CreateRefundRequest::new(charge_id.clone(), refund_amount))
        .await
        .expect("refund")
        .into_body();
    client
        .get_refund(&refund.refund_id)
        .await
        .expect("get refund");

    let requests = emulator.requests();
    // Get, update, complete, capture, create refund, get refund.
    assert_eq!(requests.len(), 6, "{requests:#?}");
    for request in &requests {
        assert_eq!(request.verdict, Verdict::Accepted, "{request:#?}");
    }
    emulator.shutdown().await;
}

/// Posts the button form as checkout.js does, the buyer choosing to pay; returns the session id
/// the buyer is sent back with.
async fn click_button(
    emulator: &RunningEmulator,
    payload: &str,
    signature: &str,
    algorithm: Algorithm,
) -> String {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("payloadJSON", payload)
        .append_pair("signature", signature)
        .append_pair("publicKeyId", KEY_ID)
        .append_pair("algorithm", algorithm.as_str())
        .append_pair("paymentMethod", "approve")
        .finish();
    let request = http::Request::post(format!("{}/checkout/button", emulator.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form)))
        .expect("request");
    let response = HttpClient::builder(TokioExecutor::new())
        .build_http()
        .request(request)
        .await
        .expect("button post");
    assert_eq!(
        response.status(),
        http::StatusCode::SEE_OTHER,
        "the button signature was refused"
    );
    let location = response.headers()["location"].to_str().expect("location");
    let url = url::Url::parse(location).expect("return URL");
    let query: HashMap<_, _> = url.query_pairs().into_owned().collect();
    query["amazonCheckoutSessionId"].clone()
}

fn checkouts(token: &TestToken, mechanism: PssMechanism) {
    rsa_token(token);
    let signer = token
        .signer(KeySelector::label(LABEL))
        .open()
        .expect("signer");
    assert_eq!(signer.mechanism(), mechanism);
    assert_eq!(signer.public_key().bits(), 2048);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    for algorithm in [Algorithm::V1, Algorithm::V2] {
        runtime.block_on(checkout(
            signer.clone(),
            signer.public_key().clone(),
            algorithm,
        ));
    }
}

#[test]
fn checkouts_with_both_algorithms_digest_computed_here() {
    test_in_softhsm(
        "checkouts_with_both_algorithms_digest_computed_here",
        "ALL",
        |token| checkouts(token, PssMechanism::DigestHere),
    );
}

#[test]
fn checkouts_with_both_algorithms_hash_on_the_token() {
    test_in_softhsm(
        "checkouts_with_both_algorithms_hash_on_the_token",
        ONLY_HASH_ON_TOKEN,
        |token| checkouts(token, PssMechanism::HashOnToken),
    );
}

#[test]
fn both_mechanisms_make_signatures_that_verify() {
    test_in_softhsm(
        "both_mechanisms_make_signatures_that_verify",
        "ALL",
        |token| {
            rsa_token(token);
            for mechanism in PssMechanism::ALL {
                let signer = token
                    .signer(KeySelector::id(ID))
                    .mechanism(mechanism)
                    .open()
                    .expect("signer");
                assert_eq!(signer.mechanism(), mechanism);
                for algorithm in [Algorithm::V1, Algorithm::V2] {
                    let message = format!("{}\n{}", algorithm.as_str(), "ab".repeat(32));
                    let signature = signer.sign(algorithm, message.as_bytes()).expect("sign");
                    assert_eq!(signature.len(), 256);
                    signer
                        .public_key()
                        .verify(algorithm, message.as_bytes(), &signature)
                        .expect("verifies");
                    let other = if algorithm == Algorithm::V1 {
                        Algorithm::V2
                    } else {
                        Algorithm::V1
                    };
                    assert!(
                        signer
                            .public_key()
                            .verify(other, message.as_bytes(), &signature)
                            .is_err(),
                        "the salt length of {algorithm:?} is used"
                    );
                }
            }
        },
    );
}

#[test]
fn signatures_from_many_threads_all_verify() {
    test_in_softhsm("signatures_from_many_threads_all_verify", "ALL", |token| {
        rsa_token(token);
        let signer = token
            .signer(KeySelector::label(LABEL))
            .open()
            .expect("signer");
        thread::scope(|scope| {
            for n in 0..8 {
                let signer = &signer;
                scope.spawn(move || {
                    for i in 0..25 {
                        let algorithm = if (n + i) % 2 == 0 {
                            Algorithm::V1
                        } else {
                            Algorithm::V2
                        };
                        let message = format!("message {n} {i}");
                        let signature = signer.sign(algorithm, message.as_bytes()).expect("sign");
                        signer
                            .public_key()
                            .verify(algorithm, message.as_bytes(), &signature)
                            .expect("verifies");
                    }
                });
            }
        });
    });
}

fn open_error(token: &TestToken, key: KeySelector) -> Pkcs11Error {
    token.signer(key).open().expect_err("refused")
}

#[test]
fn a_missing_module_is_no_module() {
    let error = amazon_pay_pkcs11::Pkcs11Signer::builder(
        "/nonexistent/libpkcs11.so",
        KeySelector::label(LABEL),
    )
    .pin(PIN)
    .open()
    .expect_err("refused");
    assert!(
        matches!(&error, Pkcs11Error::NoModule { path, .. } if path.ends_with("libpkcs11.so")),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("/nonexistent/libpkcs11.so"),
        "{error}"
    );
    // What the loader said is the source, not repeated in the text.
    let cause = std::error::Error::source(&error).expect("the loader's error");
    assert!(!error.to_string().contains(&cause.to_string()), "{error}");
}

#[test]
fn a_wrong_pin_is_refused_and_never_shown() {
    test_in_softhsm("a_wrong_pin_is_refused_and_never_shown", "ALL", |token| {
        rsa_token(token);
        let builder = token.signer(KeySelector::label(LABEL)).pin("9876543");
        assert!(!format!("{builder:?}").contains("9876543"));
        let error = builder.open().expect_err("refused");
        assert!(matches!(error, Pkcs11Error::WrongPin), "{error:?}");
        assert!(!error.to_string().contains("9876543"));
        // The right PIN still opens it.
        let signer = token
            .signer(KeySelector::label(LABEL))
            .open()
            .expect("signer");
        assert!(!format!("{signer:?}").contains(PIN));
    });
}

#[test]
fn an_unknown_token_is_token_not_found() {
    test_in_softhsm("an_unknown_token_is_token_not_found", "ALL", |token| {
        let error = token
            .signer(KeySelector::label(LABEL))
            .token_label("elsewhere")
            .open()
            .expect_err("refused");
        assert!(
            matches!(&error, Pkcs11Error::TokenNotFound { label: Some(l) } if l == "elsewhere"),
            "{error:?}"
        );
    });
}

#[test]
fn a_missing_key_is_key_not_found_by_label_and_by_id() {
    test_in_softhsm(
        "a_missing_key_is_key_not_found_by_label_and_by_id",
        "ALL",
        |token| {
            rsa_token(token);
            let error = open_error(token, KeySelector::label("other"));
            assert!(
                matches!(&error, Pkcs11Error::KeyNotFound { key } if key == "label \"other\""),
                "{error:?}"
            );
            let error = open_error(token, KeySelector::id([0xbe, 0xef]));
            assert!(
                matches!(&error, Pkcs11Error::KeyNotFound { key } if key == "id beef"),
                "{error:?}"
            );
        },
    );
}

#[test]
fn an_ec_key_is_not_rsa() {
    test_in_softhsm("an_ec_key_is_not_rsa", "ALL", |token| {
        token.generate_ec("ec", &[0x0e]);
        let error = open_error(token, KeySelector::label("ec"));
        assert!(
            matches!(&error, Pkcs11Error::NotRsa { key_type, .. } if key_type.contains("EC")),
            "{error:?}"
        );
    });
}

#[test]
fn a_1024_bit_key_is_too_small() {
    test_in_softhsm("a_1024_bit_key_is_too_small", "ALL", |token| {
        token.generate_rsa("short", &[0x01], 1024, true);
        let error = open_error(token, KeySelector::label("short"));
        assert!(
            matches!(error, Pkcs11Error::KeyTooSmall { bits: 1024, .. }),
            "{error:?}"
        );
    });
}

#[test]
fn a_key_that_may_not_sign_is_refused() {
    test_in_softhsm("a_key_that_may_not_sign_is_refused", "ALL", |token| {
        token.generate_rsa("decrypt-only", &[0x02], 2048, false);
        let error = open_error(token, KeySelector::label("decrypt-only"));
        assert!(
            matches!(error, Pkcs11Error::KeyCannotSign { .. }),
            "{error:?}"
        );
    });
}

#[test]
fn a_token_without_pss_is_mechanism_unsupported() {
    test_in_softhsm(
        "a_token_without_pss_is_mechanism_unsupported",
        NO_PSS,
        |token| {
            rsa_token(token);
            let error = open_error(token, KeySelector::label(LABEL));
            assert!(
                matches!(error, Pkcs11Error::MechanismUnsupported { .. }),
                "{error:?}"
            );
            assert!(
                error
                    .to_string()
                    .contains("CKM_RSA_PKCS_PSS is not offered"),
                "{error}"
            );
        },
    );
}

#[test]
fn forcing_a_mechanism_the_token_lacks_is_mechanism_unsupported() {
    test_in_softhsm(
        "forcing_a_mechanism_the_token_lacks_is_mechanism_unsupported",
        ONLY_HASH_ON_TOKEN,
        |token| {
            rsa_token(token);
            let error = token
                .signer(KeySelector::label(LABEL))
                .mechanism(PssMechanism::DigestHere)
                .open()
                .expect_err("refused");
            assert!(
                matches!(error, Pkcs11Error::MechanismUnsupported { .. }),
                "{error:?}"
            );
        },
    );
}

#[test]
fn two_keys_with_one_label_are_several_keys() {
    test_in_softhsm("two_keys_with_one_label_are_several_keys", "ALL", |token| {
        token.generate_rsa(LABEL, &[0x01], 2048, true);
        token.generate_rsa(LABEL, &[0x02], 2048, true);
        let error = open_error(token, KeySelector::label(LABEL));
        assert!(
            matches!(error, Pkcs11Error::SeveralKeys { count: 2, .. }),
            "{error:?}"
        );
        // The id tells them apart.
        token
            .signer(KeySelector::id([0x02]))
            .open()
            .expect("signer");
    });
}

#[test]
fn a_key_deleted_after_open_fails_signatures_with_a_signer_error() {
    test_in_softhsm(
        "a_key_deleted_after_open_fails_signatures_with_a_signer_error",
        "ALL",
        |token| {
            rsa_token(token);
            let signer = token
                .signer(KeySelector::label(LABEL))
                .open()
                .expect("signer");
            signer.sign(Algorithm::V2, b"before").expect("signs");
            token.delete_private_key(LABEL);
            let error = signer
                .sign(Algorithm::V2, b"after")
                .expect_err("the key is gone");
            assert!(
                matches!(&error, amazon_pay_signing::Error::Signer(m) if m.to_string().contains("C_Sign")),
                "{error:?}"
            );
        },
    );
}
