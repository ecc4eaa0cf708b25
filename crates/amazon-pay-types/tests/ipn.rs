//! SNS envelopes and the Amazon Pay notifications inside them.

use amazon_pay_types::{NotificationMessage, NotificationType, ObjectType, SnsMessage};

const EXAMPLE: &str = include_str!("fixtures/sns_message/ipn_notification.json");

#[test]
fn string_to_sign_matches_the_reference() {
    let message = SnsMessage::parse(EXAMPLE.as_bytes()).unwrap();
    let expected = "Message\n{\"MerchantID\":\"A1EXAMPLEMERCH0\",\"ObjectType\":\"CHARGE\",\"ObjectId\":\"S01-1234567-1234567-C123456\",\"ChargePermissionId\":\"S01-1234567-1234567\",\"NotificationType\":\"STATE_CHANGE\",\"NotificationId\":\"8f0e5e8a-1b4b-4d2a-9c41-5d3f0a1b2c3d\",\"NotificationVersion\":\"V2\"}\nMessageId\n2b2a8a6c-6f5e-5c1a-9b1e-0c7d5e3f4a21\nTimestamp\n2024-01-02T03:04:05.678Z\nTopicArn\narn:aws:sns:us-east-1:123456789012:example-amazon-pay-ipn\nType\nNotification\n";
    assert_eq!(message.string_to_sign(), expected);
    assert_eq!(message.signature_version(), "2");
    assert_eq!(
        message.parsed_timestamp().unwrap().to_string(),
        "20240102T030405Z"
    );
}

#[test]
fn notification_pascal_case() {
    let message = SnsMessage::parse(EXAMPLE.as_bytes()).unwrap();
    let inner = message.amazon_pay_message().unwrap().unwrap();
    let n = inner.as_notification().unwrap();
    assert_eq!(n.object_type, ObjectType::Charge);
    assert_eq!(n.notification_type, NotificationType::StateChange);
    assert_eq!(n.object_id, "S01-1234567-1234567-C123456");
    assert_eq!(n.merchant_id.as_ref().unwrap().as_str(), "A1EXAMPLEMERCH0");
    assert_eq!(n.notification_version, "V2");
    assert_eq!(inner.raw(), message.message());
}

#[test]
fn notification_camel_case_and_subject() {
    let body = include_str!("fixtures/sns_message/table_notification_with_subject.json");
    let message = SnsMessage::parse(body.as_bytes()).unwrap();
    assert!(message.string_to_sign().contains("\nSubject\nAmazon Pay\n"));
    let inner = message.amazon_pay_message().unwrap().unwrap();
    let n = inner.as_notification().unwrap();
    assert_eq!(n.object_type, ObjectType::Refund);
    assert_eq!(n.charge_permission_id.as_ref().unwrap().as_str(), "S01-1-1");
    assert_eq!(n.merchant_id.as_ref().unwrap().as_str(), "A1EXAMPLEMERCH0");
}

#[test]
fn null_subject_is_absent() {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    v["Subject"] = serde_json::Value::Null;
    let message = SnsMessage::parse(v.to_string().as_bytes()).unwrap();
    assert!(!message.string_to_sign().contains("Subject"));
}

#[test]
fn confirmations_and_lambda_spellings() {
    let body = include_str!("fixtures/sns_message/table_subscription_confirmation.json");
    let standard = SnsMessage::parse(body.as_bytes()).unwrap();
    assert!(matches!(standard, SnsMessage::SubscriptionConfirmation(_)));
    let sts = standard.string_to_sign();
    let SnsMessage::SubscriptionConfirmation(c) = &standard else {
        unreachable!()
    };
    let expected = format!(
        "Message\n{}\nMessageId\n{}\nSubscribeURL\n{}\nTimestamp\n{}\nToken\n{}\nTopicArn\n{}\nType\nSubscriptionConfirmation\n",
        c.message, c.message_id, c.subscribe_url, c.timestamp, c.token, c.topic_arn
    );
    assert_eq!(sts, expected);
    assert!(
        c.message.contains('\n'),
        "the decoded text is signed, not the escape"
    );
    let lambda = body
        .replace("\"SubscribeURL\"", "\"SubscribeUrl\"")
        .replace("\"SigningCertURL\"", "\"SigningCertUrl\"");
    let relayed = SnsMessage::parse(lambda.as_bytes()).unwrap();
    assert_eq!(relayed, standard);
    assert_eq!(relayed.string_to_sign(), sts);
    assert_eq!(relayed.subscribe_url(), standard.subscribe_url());
    assert!(relayed.amazon_pay_message().is_none());

    let unsubscribe = include_str!("fixtures/sns_message/table_unsubscribe_confirmation.json");
    let m = SnsMessage::parse(unsubscribe.as_bytes()).unwrap();
    assert_eq!(m.message_type(), "UnsubscribeConfirmation");
    assert!(
        m.string_to_sign()
            .ends_with("Type\nUnsubscribeConfirmation\n")
    );

    let notification = EXAMPLE
        .replace("\"SigningCertURL\"", "\"SigningCertUrl\"")
        .replace("\"UnsubscribeURL\"", "\"UnsubscribeUrl\"");
    let m = SnsMessage::parse(notification.as_bytes()).unwrap();
    assert!(m.signing_cert_url().starts_with("https://sns."));
}

#[test]
fn unknown_sns_type_is_an_error() {
    let body = EXAMPLE.replace("\"Notification\"", "\"SomethingElse\"");
    assert!(SnsMessage::parse(body.as_bytes()).is_err());
}

#[test]
fn legacy_notifications_are_kept_raw() {
    let raw = r#"{"NotificationReferenceId":"32d195c3-a829-4222-b1e2-14ab28909513","NotificationType":"PaymentAuthorize","SellerId":"A1EXAMPLE","ReleaseEnvironment":"Sandbox","Version":"2013-01-01","NotificationData":"<?xml version=\"1.0\"?><AuthorizationNotification/>","Timestamp":"2013-01-01T01:01:01.001Z"}"#;
    match NotificationMessage::parse(raw).unwrap() {
        NotificationMessage::Legacy(legacy) => {
            assert_eq!(
                legacy.notification_type.as_deref(),
                Some("PaymentAuthorize")
            );
            assert_eq!(legacy.seller_id.as_deref(), Some("A1EXAMPLE"));
            assert_eq!(legacy.release_environment.as_deref(), Some("Sandbox"));
            assert_eq!(legacy.raw, raw);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_version_v1_message_is_a_notification_not_legacy() {
    let raw = r#"{"MerchantID":"A1EXAMPLEMERCH0","ObjectType":"CHARGE","ObjectId":"S01-1234567-1234567-C123456","ChargePermissionId":"S01-1234567-1234567","NotificationType":"STATE_CHANGE","NotificationId":"8f0e5e8a-1b4b-4d2a-9c41-5d3f0a1b2c3d","NotificationVersion":"V1"}"#;
    match NotificationMessage::parse(raw).unwrap() {
        NotificationMessage::Notification { notification, .. } => {
            assert_eq!(notification.notification_version, "V1");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_notification_values_survive() {
    let raw = include_str!("fixtures/notification/table_future_object_type.json");
    let inner = NotificationMessage::parse(raw).unwrap();
    let n = inner.as_notification().unwrap();
    assert_eq!(n.object_type.as_str(), "DISPUTE");
    assert!(n.object_type.is_unknown());
    assert_eq!(n.notification_type.as_str(), "SOME_CHANGE");
    assert_eq!(n.extra["NewKey"], serde_json::Value::Bool(true));
    let out = serde_json::to_value(n).unwrap();
    assert_eq!(out["ObjectType"], "DISPUTE");
}

#[test]
fn malformed_inner_message_is_an_error_with_path() {
    let err = NotificationMessage::parse(r#"{"NotificationVersion":"V2","ObjectType":"CHARGE"}"#)
        .unwrap_err();
    assert!(err.message().contains("ObjectId"), "{err}");
    let err = NotificationMessage::parse(
        r#"{"notificationVersion":"V2","objectType":1,"objectId":"x","notificationType":"STATE_CHANGE"}"#,
    )
    .unwrap_err();
    assert_eq!(err.path(), "ObjectType");
    assert!(NotificationMessage::parse("not json").is_err());
}
