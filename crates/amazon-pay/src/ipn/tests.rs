//! The one-call verification against notifications signed by the emulator.

use amazon_pay_client::Client;
use amazon_pay_emulator::{Emulator, IpnRecord, RunningEmulator, SimulatedPaymentMethod};
use amazon_pay_types::{
    CaptureChargeRequest, CompleteCheckoutSessionRequest, CreateCheckoutSessionRequest, Currency,
    PaymentDetails, PaymentIntent, Price, UpdateCheckoutSessionRequest, WebCheckoutDetails,
};
use http::HeaderMap;

use super::*;

/// A loopback port nothing listens on: the emulator logs each notification with its body, and
/// its delivery fails.
const UNREACHABLE_IPN_URL: &str = "http://127.0.0.1:9/ipn";

/// Starts an emulator, runs a checkout and a capture, and returns the notifications it signed.
async fn signed_notifications() -> (RunningEmulator, Vec<IpnRecord>) {
    let emulator = Emulator::builder()
        .ipn_url(UNREACHABLE_IPN_URL)
        .start()
        .await
        .expect("emulator");
    let client = Client::builder()
        .public_key_id(emulator.public_key_id().as_str())
        .signer(emulator.private_key().clone())
        .region("na")
        .endpoint(emulator.base_url())
        .build()
        .expect("client");
    let total = Price::new("14.00", Currency::Usd).expect("price");
    let request =
        CreateCheckoutSessionRequest::one_time(emulator.store_id(), "https://shop.example/review");
    let session = client
        .create_checkout_session(&request)
        .await
        .expect("create")
        .into_body();
    let id = session.checkout_session_id.as_str().to_owned();
    let update = UpdateCheckoutSessionRequest::new()
        .web_checkout_details(
            WebCheckoutDetails::new().checkout_result_return_url("https://shop.example/done"),
        )
        .payment_details(
            PaymentDetails::new()
                .payment_intent(PaymentIntent::Authorize)
                .charge_amount(total.clone()),
        );
    client
        .update_checkout_session(&id, &update)
        .await
        .expect("update");
    emulator
        .approve_checkout(&id, SimulatedPaymentMethod::Approve)
        .expect("approve");
    let done = client
        .complete_checkout_session(
            &id,
            &CompleteCheckoutSessionRequest::with_charge_amount(total.clone()),
        )
        .await
        .expect("complete")
        .into_body();
    let charge_id = done.charge_id.expect("charge id");
    client
        .capture_charge(&charge_id, &CaptureChargeRequest::new(total))
        .await
        .expect("capture");
    let records = emulator.ipns();
    assert!(!records.is_empty(), "the emulator sent no notification");
    (emulator, records)
}

fn notification_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-amz-sns-message-type",
        http::HeaderValue::from_static("Notification"),
    );
    headers
}

fn verifier_for(emulator: &RunningEmulator, merchant_id: &str) -> NotificationVerifier {
    NotificationVerifier::builder(merchant_id)
        .trust_anchors_pem(emulator.ca_pem())
        .pin_certificate(
            amazon_pay_emulator::SNS_SIGNING_CERT_URL,
            emulator.sns_certificate_pem(),
        )
        .build()
        .expect("verifier")
}

#[tokio::test]
async fn emulator_notifications_verify_into_typed_events() {
    let (emulator, records) = signed_notifications().await;
    let verifier = verifier_for(&emulator, emulator.merchant_id());
    let headers = notification_headers();
    for record in &records {
        let event = verifier
            .verify(&headers, record.body.as_bytes())
            .await
            .expect("verifies");
        let Event::Notification(event) = event else {
            panic!("not a notification: {event:?}");
        };
        assert_eq!(event.object_type.as_str(), record.object_type);
        assert_eq!(event.object_id, record.object_id);
        assert_eq!(
            event.charge_permission_id.as_ref().map(|id| id.as_str()),
            Some(record.charge_permission_id.as_str())
        );
        assert_eq!(event.notification_type, NotificationType::StateChange);
        assert_eq!(event.merchant_id.as_str(), emulator.merchant_id());
        assert_eq!(event.message_id, record.message_id);
        assert!(event.first_delivery);
    }
    assert!(
        records
            .iter()
            .any(|record| record.object_type == ObjectType::Charge.as_str()),
        "no charge notification among {records:?}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn redeliveries_are_marked_until_forgotten() {
    let (emulator, records) = signed_notifications().await;
    let verifier = verifier_for(&emulator, emulator.merchant_id());
    let headers = notification_headers();
    let body = records[0].body.as_bytes();
    let first = verifier.verify(&headers, body).await.expect("first");
    assert!(first.first_delivery());
    let again = verifier.verify(&headers, body).await.expect("again");
    assert!(!again.first_delivery());
    assert_eq!(again.message_id(), records[0].message_id);
    verifier.forget(again.message_id());
    let after_forget = verifier.verify(&headers, body).await.expect("after forget");
    assert!(after_forget.first_delivery());
    emulator.shutdown().await;
}

#[tokio::test]
async fn other_merchants_tampering_and_unknown_roots_are_refused() {
    let (emulator, records) = signed_notifications().await;
    let headers = notification_headers();
    let body = records[0].body.as_str();

    let other = verifier_for(&emulator, "AOTHERMERCHANT1");
    let error = other.verify(&headers, body.as_bytes()).await.unwrap_err();
    assert!(
        matches!(error, IpnError::MerchantMismatch { .. }),
        "{error:?}"
    );
    assert_eq!(error.status_code(), 403);

    let verifier = verifier_for(&emulator, emulator.merchant_id());
    let mut envelope: serde_json::Value = serde_json::from_str(body).expect("json");
    let message = envelope["Message"].as_str().expect("message").to_owned();
    envelope["Message"] = message.replace("STATE_CHANGE", "ATTRIBUTE_CHANGE").into();
    let tampered = envelope.to_string();
    let error = verifier
        .verify(&headers, tampered.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(error, IpnError::BadSignature), "{error:?}");
    assert_eq!(error.status_code(), 403);

    let mut wrong_type = notification_headers();
    wrong_type.insert(
        "x-amz-sns-message-type",
        http::HeaderValue::from_static("SubscriptionConfirmation"),
    );
    let error = verifier
        .verify(&wrong_type, body.as_bytes())
        .await
        .unwrap_err();
    assert!(matches!(error, IpnError::TypeMismatch), "{error:?}");
    assert_eq!(error.status_code(), 400);

    // The pinned certificate alone is not enough: it must chain to a trusted root.
    let untrusted = NotificationVerifier::builder(emulator.merchant_id())
        .pin_certificate(
            amazon_pay_emulator::SNS_SIGNING_CERT_URL,
            emulator.sns_certificate_pem(),
        )
        .build()
        .expect("verifier");
    let error = untrusted
        .verify(&headers, body.as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(error, IpnError::UntrustedCertificate(_)),
        "{error:?}"
    );
    assert_eq!(error.status_code(), 403);
    emulator.shutdown().await;
}

#[cfg(feature = "emulator")]
#[tokio::test]
async fn for_emulator_verifies_its_notifications() {
    let (emulator, records) = signed_notifications().await;
    let verifier = NotificationVerifier::for_emulator(&emulator).expect("verifier");
    assert_eq!(verifier.merchant_id().as_str(), emulator.merchant_id());
    let event = verifier
        .verify(&notification_headers(), records[0].body.as_bytes())
        .await
        .expect("verifies");
    assert!(matches!(event, Event::Notification(_)));
    emulator.shutdown().await;
}

/// The text says what was invalid; why is the source, not repeated in the text.
#[test]
fn an_invalid_certificate_keeps_its_cause_as_source_only() {
    let error = NotificationVerifier::builder("AMERCHANT")
        .trust_anchors_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        .build()
        .unwrap_err();
    let text = error.to_string();
    assert_eq!(text, "invalid trust anchor");
    let cause = std::error::Error::source(&error).expect("the parse error is the source");
    assert!(!text.contains(&cause.to_string()), "{text}");
}

#[test]
fn bad_settings_are_typed_errors() {
    assert!(matches!(
        NotificationVerifier::new("  "),
        Err(BuildError::MissingMerchantId)
    ));
    let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    assert!(matches!(
        NotificationVerifier::builder("AMERCHANT")
            .trust_anchors_pem(garbage)
            .build(),
        Err(BuildError::InvalidCertificate {
            what: "trust anchor",
            ..
        })
    ));
    assert!(matches!(
        NotificationVerifier::builder("AMERCHANT")
            .pin_certificate("https://evil.example/cert.pem", garbage)
            .build(),
        Err(BuildError::UntrustedPinnedUrl(UrlRejection::Host))
    ));
    assert!(matches!(
        NotificationVerifier::builder("AMERCHANT")
            .pin_certificate("https://sns.us-east-1.amazonaws.com/cert.pem", garbage)
            .build(),
        Err(BuildError::InvalidCertificate {
            what: "pinned signing certificate",
            ..
        })
    ));
    assert!(matches!(
        NotificationVerifier::builder("AMERCHANT")
            .add_root_certificate_pem("not a certificate")
            .build(),
        Err(BuildError::InvalidCertificate {
            what: "TLS root",
            ..
        })
    ));
    let verifier = NotificationVerifier::builder(" AMERCHANT ")
        .allow_certificate_host("127.0.0.1:8443")
        .build()
        .expect("verifier");
    assert_eq!(verifier.merchant_id().as_str(), "AMERCHANT");
    assert!(
        verifier
            .ipn_verifier()
            .verifier()
            .url_policy()
            .check_signing_cert_url("https://127.0.0.1:8443/cert.pem")
            .is_ok()
    );
}

#[tokio::test]
async fn garbage_is_refused_before_any_fetch() {
    let verifier = NotificationVerifier::new("AMERCHANT").expect("verifier");
    let error = verifier
        .verify(&HeaderMap::new(), b"not json")
        .await
        .unwrap_err();
    assert_eq!(error.status_code(), 400);
    let foreign = serde_json::json!({
        "Type": "Notification",
        "MessageId": "m",
        "TopicArn": "t",
        "Message": "{}",
        "Timestamp": "2024-01-01T00:00:00.000Z",
        "SignatureVersion": "2",
        "Signature": "AAAA",
        "SigningCertURL": "https://evil.example/cert.pem",
    });
    let error = verifier
        .verify(&HeaderMap::new(), foreign.to_string().as_bytes())
        .await
        .unwrap_err();
    assert!(
        matches!(error, IpnError::UntrustedCertificateUrl(UrlRejection::Host)),
        "{error:?}"
    );
}
