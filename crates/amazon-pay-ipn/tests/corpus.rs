//! Valid messages verify; every forged or broken message is rejected with its own error.

mod support;

use std::time::Duration;

use amazon_pay_ipn::{
    IpnError, NotificationMessage, NotificationType, ObjectType, SigningCertificate, TrustStore,
    UrlRejection, VerifiedMessage, Verifier,
};
use serde_json::{Map, Value};
use support::*;

fn verifier() -> Verifier {
    Verifier::new()
        .with_trust_store(
            TrustStore::amazon()
                .with_anchors(pki().root_pem.as_bytes())
                .expect("test root"),
        )
        .with_merchant_id(MERCHANT)
        .with_max_age(Duration::from_secs(3600))
}

fn certificate() -> SigningCertificate {
    SigningCertificate::parse(pki().chain_pem.as_bytes()).expect("chain")
}

fn verify_with(
    verifier: &Verifier,
    envelope: &Map<String, Value>,
    certificate: &SigningCertificate,
) -> Result<VerifiedMessage, IpnError> {
    let parsed = verifier.parse(None, &body(envelope))?;
    verifier.verify(parsed, certificate, now())
}

fn verify(envelope: &Map<String, Value>) -> Result<VerifiedMessage, IpnError> {
    verify_with(&verifier(), envelope, &certificate())
}

fn signed(mut envelope: Map<String, Value>) -> Map<String, Value> {
    sign(&mut envelope);
    envelope
}

fn expect_notification(result: Result<VerifiedMessage, IpnError>) -> amazon_pay_ipn::Notification {
    match result {
        Ok(VerifiedMessage::Notification(verified)) => match verified.notification() {
            Some(notification) => notification.clone(),
            None => panic!("not a v2 payload: {verified:?}"),
        },
        other => panic!("not a verified notification: {other:?}"),
    }
}

#[test]
fn valid_notifications_with_both_signature_versions() {
    for version in ["1", "2"] {
        let notification = expect_notification(verify(&signed(notification(version))));
        assert_eq!(
            notification.merchant_id.as_ref().map(|id| id.as_str()),
            Some(MERCHANT)
        );
        assert_eq!(notification.object_type, ObjectType::Charge);
        assert_eq!(notification.object_id, "S01-1234567-1234567-C123456");
        assert_eq!(
            notification
                .charge_permission_id
                .as_ref()
                .map(|id| id.as_str()),
            Some("S01-1234567-1234567")
        );
        assert_eq!(
            notification.notification_type,
            NotificationType::StateChange
        );
        assert_eq!(notification.notification_version, "V2");
    }
}

#[test]
fn valid_notification_with_a_subject_and_escapes() {
    let mut envelope = notification("2");
    envelope.insert("Subject".into(), "Line one\nline \"two\"".into());
    let result = verify(&signed(envelope));
    let Ok(VerifiedMessage::Notification(verified)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        verified.envelope().subject.as_deref(),
        Some("Line one\nline \"two\"")
    );
}

#[test]
fn null_subject_counts_as_absent() {
    let mut envelope = signed(notification("2"));
    envelope.insert("Subject".into(), Value::Null);
    expect_notification(verify(&envelope));
}

#[test]
fn lambda_style_key_names() {
    let mut envelope = notification("2");
    let url = envelope.remove("SigningCertURL").expect("url");
    envelope.insert("SigningCertUrl".into(), url);
    let unsubscribe = envelope.remove("UnsubscribeURL").expect("url");
    envelope.insert("UnsubscribeUrl".into(), unsubscribe);
    expect_notification(verify(&signed(envelope)));

    let mut confirmation = confirmation("SubscriptionConfirmation");
    let url = confirmation.remove("SubscribeURL").expect("url");
    confirmation.insert("SubscribeUrl".into(), url);
    match verify(&signed(confirmation)) {
        Ok(VerifiedMessage::SubscriptionConfirmation(c)) => {
            assert_eq!(c.subscribe_url().as_str(), SUBSCRIBE_URL)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn camel_case_inner_message() {
    let mut envelope = notification("2");
    let camel = serde_json::json!({
        "merchantID": MERCHANT,
        "objectType": "REFUND",
        "objectId": "S01-1234567-1234567-R123456",
        "chargePermissionId": "S01-1234567-1234567",
        "notificationType": "STATE_CHANGE",
        "notificationId": "n-1",
        "notificationVersion": "V2"
    });
    envelope.insert("Message".into(), camel.to_string().into());
    let notification = expect_notification(verify(&signed(envelope)));
    assert_eq!(notification.object_type, ObjectType::Refund);
    assert_eq!(notification.object_id, "S01-1234567-1234567-R123456");
}

#[test]
fn confirmations_verify_and_expose_the_checked_url() {
    for kind in ["SubscriptionConfirmation", "UnsubscribeConfirmation"] {
        let verified = verify(&signed(confirmation(kind))).expect(kind);
        assert_eq!(
            verified.message_id(),
            "165545c9-2a5c-472c-8df2-7ff2be2b3b1b"
        );
        match verified {
            VerifiedMessage::SubscriptionConfirmation(c)
            | VerifiedMessage::UnsubscribeConfirmation(c) => {
                assert_eq!(c.subscribe_url().as_str(), SUBSCRIBE_URL);
                assert!(c.token().starts_with("2336412f"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_legacy_notification_is_returned_raw() {
    let mut envelope = notification("2");
    let legacy = serde_json::json!({
        "NotificationReferenceId": "ref",
        "NotificationType": "PaymentCapture",
        "SellerId": MERCHANT,
        "ReleaseEnvironment": "Sandbox",
        "Version": "2013-01-01",
        "NotificationData": "<CaptureNotification/>"
    })
    .to_string();
    envelope.insert("Message".into(), legacy.clone().into());
    match verify(&signed(envelope)) {
        Ok(VerifiedMessage::Notification(n)) => {
            assert!(matches!(n.message(), NotificationMessage::Legacy(l) if l.raw == legacy))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_header_must_match_the_type() {
    let envelope = signed(notification("2"));
    let verifier = verifier();
    assert!(
        verifier
            .parse(Some("Notification"), &body(&envelope))
            .is_ok()
    );
    assert!(matches!(
        verifier.parse(Some("SubscriptionConfirmation"), &body(&envelope)),
        Err(IpnError::TypeMismatch)
    ));
}

#[test]
fn tampered_message() {
    let mut envelope = signed(notification("2"));
    envelope.insert("Message".into(), inner_message("A2OTHERMERCHANT").into());
    assert!(matches!(verify(&envelope), Err(IpnError::BadSignature)));
}

#[test]
fn tampered_subject() {
    let mut envelope = notification("1");
    envelope.insert("Subject".into(), "original".into());
    let mut envelope = signed(envelope);
    envelope.insert("Subject".into(), "changed".into());
    assert!(matches!(verify(&envelope), Err(IpnError::BadSignature)));
    envelope.remove("Subject");
    assert!(matches!(verify(&envelope), Err(IpnError::BadSignature)));
}

#[test]
fn tampered_fields_of_every_kind() {
    for key in ["MessageId", "TopicArn", "Timestamp"] {
        let mut envelope = signed(notification("2"));
        let value = if key == "Timestamp" {
            "2025-06-01T12:00:01.000Z".to_owned()
        } else {
            format!("{}x", envelope[key].as_str().expect("string"))
        };
        envelope.insert(key.into(), value.into());
        assert!(
            matches!(verify(&envelope), Err(IpnError::BadSignature)),
            "{key}"
        );
    }
    let mut envelope = signed(confirmation("SubscriptionConfirmation"));
    envelope.insert("Token".into(), "other".into());
    assert!(matches!(verify(&envelope), Err(IpnError::BadSignature)));
    // A signature version 1 signature presented as version 2.
    let mut envelope = signed(notification("1"));
    envelope.insert("SignatureVersion".into(), "2".into());
    assert!(matches!(verify(&envelope), Err(IpnError::BadSignature)));
}

#[test]
fn signature_version_3() {
    let mut envelope = signed(notification("2"));
    envelope.insert("SignatureVersion".into(), "3".into());
    assert!(matches!(
        verify(&envelope),
        Err(IpnError::UnsupportedSignatureVersion)
    ));
}

#[test]
fn signature_version_1_can_be_refused() {
    let verifier = verifier().require_signature_version_2(true);
    assert!(matches!(
        verify_with(&verifier, &signed(notification("1")), &certificate()),
        Err(IpnError::SignatureVersionNotAllowed)
    ));
    assert!(verify_with(&verifier, &signed(notification("2")), &certificate()).is_ok());
}

fn with_cert_url(url: &str) -> Map<String, Value> {
    let mut envelope = notification("2");
    envelope.insert("SigningCertURL".into(), url.into());
    signed(envelope)
}

#[test]
fn http_certificate_url() {
    let envelope = with_cert_url(
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
    );
    assert!(matches!(
        verify(&envelope),
        Err(IpnError::UntrustedCertificateUrl(UrlRejection::NotHttps))
    ));
}

#[test]
fn look_alike_hosts() {
    for url in [
        "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-0123.pem",
        "https://s3.amazonaws.com/x.pem",
        "https://sns.amazonaws.com/x.pem",
        "https://evil.example/sns.us-east-1.amazonaws.com/x.pem",
        // S3 virtual-host names under amazonaws.com: buckets called `sns`, not SNS.
        "https://sns.s3-accelerate.amazonaws.com/SimpleNotificationService-0123.pem",
        "https://sns.s3-us-west-2.amazonaws.com/SimpleNotificationService-0123.pem",
        "https://sns.s3-external-1.amazonaws.com/SimpleNotificationService-0123.pem",
        "https://sns.s3.amazonaws.com/SimpleNotificationService-0123.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-0123.pem",
    ] {
        assert!(
            matches!(
                verify(&with_cert_url(url)),
                Err(IpnError::UntrustedCertificateUrl(UrlRejection::Host))
            ),
            "{url}"
        );
    }
}

#[test]
fn region_shaped_sns_hosts() {
    for url in [
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123.pem",
        "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-0123.pem",
    ] {
        expect_notification(verify(&with_cert_url(url)));
    }
}

#[test]
fn a_trusted_certificate_for_another_host() {
    let other = SigningCertificate::parse(pki().other_host_chain_pem.as_bytes()).expect("parse");
    assert!(matches!(
        verify_with(&verifier(), &signed(notification("2")), &other),
        Err(IpnError::CertificateNameMismatch)
    ));
    assert_eq!(IpnError::CertificateNameMismatch.status_code(), 403);
}

#[test]
fn the_sns_name_counts_as_common_name_or_dns_alternative_name() {
    for pem in [&pki().san_only_chain_pem, &pki().common_name_only_chain_pem] {
        let certificate = SigningCertificate::parse(pem.as_bytes()).expect("parse");
        expect_notification(verify_with(
            &verifier(),
            &signed(notification("2")),
            &certificate,
        ));
    }
}

#[test]
fn repeated_keys_in_the_signed_message() {
    let inner = inner_message(MERCHANT);
    let repeated = [
        // The last one would win: another merchant's notification passed off as ours.
        inner.replacen('{', r#"{"MerchantID":"A2OTHERMERCHANT","#, 1),
        // Keys are read in any case, so a second spelling is a repeat too.
        inner.replacen('{', r#"{"objectId":"S01-0000000-0000000-C000000","#, 1),
        inner.replacen('{', r#"{"Extra":{"k":1,"k":2},"#, 1),
    ];
    for message in repeated {
        let mut envelope = notification("2");
        envelope.insert("Message".into(), message.clone().into());
        match verify(&signed(envelope)) {
            Err(IpnError::InvalidNotification(reason)) => {
                assert!(reason.contains("twice"), "{reason}")
            }
            other => panic!("{message}: {other:?}"),
        }
    }
}

#[test]
fn certificate_url_without_pem() {
    let envelope =
        with_cert_url("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123");
    assert!(matches!(
        verify(&envelope),
        Err(IpnError::UntrustedCertificateUrl(UrlRejection::NotPem))
    ));
}

#[test]
fn expired_certificate() {
    let expired = SigningCertificate::parse(pki().expired_chain_pem.as_bytes()).expect("parse");
    assert!(matches!(
        verify_with(&verifier(), &signed(notification("2")), &expired),
        Err(IpnError::CertificateExpired)
    ));
}

#[test]
fn certificate_not_valid_yet() {
    let verifier = verifier();
    let envelope = signed(notification("2"));
    let parsed = verifier.parse(None, &body(&envelope)).expect("parse");
    let early = support::message_time() - Duration::from_secs(2 * 365 * 24 * 3600);
    let result = Verifier::new()
        .with_trust_store(verifier.trust_store().clone())
        .verify(parsed, &certificate(), early);
    assert!(matches!(result, Err(IpnError::CertificateNotYetValid)));
}

#[test]
fn self_signed_certificate_outside_the_trust_store() {
    let rogue = SigningCertificate::parse(pki().self_signed_pem.as_bytes()).expect("parse");
    assert!(matches!(
        verify_with(&verifier(), &signed(notification("2")), &rogue),
        Err(IpnError::UntrustedCertificate(_))
    ));
}

#[test]
fn the_default_trust_store_refuses_the_test_ca() {
    let verifier = Verifier::new();
    assert!(matches!(
        verify_with(&verifier, &signed(notification("2")), &certificate()),
        Err(IpnError::UntrustedCertificate(_))
    ));
}

#[test]
fn a_leaf_without_its_intermediate_needs_a_configured_one() {
    let leaf = SigningCertificate::parse(pki().leaf_pem.as_bytes()).expect("leaf");
    assert!(matches!(
        verify_with(&verifier(), &signed(notification("2")), &leaf),
        Err(IpnError::UntrustedCertificate(_))
    ));
    let completed = leaf
        .clone()
        .with_intermediates(pki().intermediate_pem.as_bytes())
        .expect("intermediate");
    expect_notification(verify_with(
        &verifier(),
        &signed(notification("2")),
        &completed,
    ));
    let store = TrustStore::empty()
        .with_anchors(pki().root_pem.as_bytes())
        .and_then(|store| store.with_intermediates(pki().intermediate_pem.as_bytes()))
        .expect("store");
    let configured = verifier().with_trust_store(store);
    expect_notification(verify_with(&configured, &signed(notification("2")), &leaf));
}

#[test]
fn stale_timestamp() {
    let mut envelope = notification("2");
    envelope.insert("Timestamp".into(), "2025-06-01T10:00:00.000Z".into());
    let envelope = signed(envelope);
    match verify(&envelope) {
        Err(IpnError::StaleTimestamp { age, max_age }) => {
            assert_eq!(age, Duration::from_secs(2 * 3600 + 60));
            assert_eq!(max_age, Duration::from_secs(3600));
        }
        other => panic!("{other:?}"),
    }
    // Without a freshness window the same message verifies.
    let lenient = Verifier::new()
        .with_trust_store(verifier().trust_store().clone())
        .with_merchant_id(MERCHANT);
    expect_notification(verify_with(&lenient, &envelope, &certificate()));
}

#[test]
fn future_and_invalid_timestamps() {
    let mut envelope = notification("2");
    envelope.insert("Timestamp".into(), "2025-06-01T13:00:00.000Z".into());
    assert!(matches!(
        verify(&signed(envelope)),
        Err(IpnError::TimestampInFuture)
    ));
    let mut envelope = notification("2");
    envelope.insert("Timestamp".into(), "yesterday".into());
    assert!(matches!(
        verify(&signed(envelope)),
        Err(IpnError::InvalidTimestamp)
    ));
}

#[test]
fn bad_base64() {
    for signature in ["not base64!", "", "QUJD-_=="] {
        let mut envelope = signed(notification("2"));
        envelope.insert("Signature".into(), signature.into());
        assert!(
            matches!(verify(&envelope), Err(IpnError::InvalidSignatureEncoding)),
            "{signature:?}"
        );
    }
}

#[test]
fn missing_fields() {
    let notification_fields = [
        "Message",
        "MessageId",
        "Timestamp",
        "TopicArn",
        "Type",
        "Signature",
        "SignatureVersion",
        "SigningCertURL",
    ];
    for key in notification_fields {
        let mut envelope = signed(notification("2"));
        envelope.remove(key);
        assert!(
            matches!(verify(&envelope), Err(IpnError::MissingField(missing)) if missing == key),
            "{key}"
        );
    }
    for key in ["Token", "SubscribeURL"] {
        let mut envelope = signed(confirmation("SubscriptionConfirmation"));
        envelope.remove(key);
        assert!(
            matches!(verify(&envelope), Err(IpnError::MissingField(missing)) if missing == key),
            "{key}"
        );
    }
}

#[test]
fn malformed_bodies() {
    let verifier = verifier();
    for body in [
        &b"not json"[..],
        b"[]",
        b"\xff\xfe",
        br#"{"Type":"Other"}"#,
        br#"{"Type":1}"#,
    ] {
        assert!(
            matches!(verifier.parse(None, body), Err(IpnError::Malformed(_))),
            "{body:?}"
        );
    }
    let mut twice = signed(notification("2"));
    twice.insert(
        "SigningCertUrl".into(),
        "https://sns.eu-west-1.amazonaws.com/other.pem".into(),
    );
    assert!(matches!(verify(&twice), Err(IpnError::Malformed(_))));
    let huge = vec![b' '; amazon_pay_ipn::MAX_BODY_BYTES + 1];
    assert!(matches!(
        verifier.parse(None, &huge),
        Err(IpnError::TooLarge { .. })
    ));
}

#[test]
fn a_merchant_id_that_is_not_ours() {
    let mut envelope = notification("2");
    envelope.insert("Message".into(), inner_message("A2OTHERMERCHANT").into());
    match verify(&signed(envelope)) {
        Err(IpnError::MerchantMismatch { expected, actual }) => {
            assert_eq!(expected, MERCHANT);
            assert_eq!(actual, "A2OTHERMERCHANT");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_invalid_inner_message() {
    let mut envelope = notification("2");
    envelope.insert("Message".into(), "Hello world".into());
    assert!(matches!(
        verify(&signed(envelope)),
        Err(IpnError::InvalidNotification(_))
    ));
}

#[test]
fn topics_can_be_restricted() {
    let allowed = verifier().allow_topic(TOPIC);
    assert!(verify_with(&allowed, &signed(notification("2")), &certificate()).is_ok());
    let other = verifier().allow_topic("arn:aws:sns:us-east-1:123456789012:other");
    assert!(matches!(
        verify_with(&other, &signed(notification("2")), &certificate()),
        Err(IpnError::TopicNotAllowed)
    ));
}

#[test]
fn a_forged_subscribe_url_is_refused_even_when_signed() {
    let mut envelope = confirmation("SubscriptionConfirmation");
    envelope.insert(
        "SubscribeURL".into(),
        "https://internal.example/admin?Action=ConfirmSubscription".into(),
    );
    assert!(matches!(
        verify(&signed(envelope)),
        Err(IpnError::UntrustedSubscribeUrl(UrlRejection::Host))
    ));
}

#[test]
fn the_string_to_sign_matches_the_reference_example() {
    let message = r#"{"MerchantID":"A1EXAMPLEMERCH0","ObjectType":"CHARGE","ObjectId":"S01-1234567-1234567-C123456","ChargePermissionId":"S01-1234567-1234567","NotificationType":"STATE_CHANGE","NotificationId":"8f0e5e8a-1b4b-4d2a-9c41-5d3f0a1b2c3d","NotificationVersion":"V2"}"#;
    let body = serde_json::json!({
        "Type": "Notification",
        "MessageId": "2b2a8a6c-6f5e-5c1a-9b1e-0c7d5e3f4a21",
        "TopicArn": "arn:aws:sns:us-east-1:123456789012:example-amazon-pay-ipn",
        "Message": message,
        "Timestamp": "2024-01-02T03:04:05.678Z",
        "SignatureVersion": "2",
        "Signature": "AAAA",
        "SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"
    });
    let envelope = amazon_pay_ipn::parse_message(Some("Notification"), body.to_string().as_bytes())
        .expect("parse");
    assert_eq!(envelope.message_type(), "Notification");
    let expected = format!(
        "Message\n{message}\nMessageId\n2b2a8a6c-6f5e-5c1a-9b1e-0c7d5e3f4a21\nTimestamp\n2024-01-02T03:04:05.678Z\nTopicArn\narn:aws:sns:us-east-1:123456789012:example-amazon-pay-ipn\nType\nNotification\n"
    );
    assert_eq!(envelope.string_to_sign(), expected);
}

#[test]
fn debug_output_of_verified_messages_leaves_out_secrets() {
    let envelope = signed(confirmation("SubscriptionConfirmation"));
    let verified = verify(&envelope).expect("verify");
    let debug = format!("{verified:?}");
    assert!(!debug.contains("2336412f"));
    assert!(!debug.contains(envelope["Signature"].as_str().expect("signature")));
}
