//! Arbitrary bytes through the SNS envelope parser, the Amazon Pay message parser, the string
//! to sign and every check that runs before a certificate is fetched. None may panic.

#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use amazon_pay_ipn::{NotificationMessage, SigningCertificate, SnsMessage, Verifier, parse_message};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the header case; the rest is the body.
    let (header, body) = match data.split_first() {
        Some((0, rest)) => (Some("Notification"), rest),
        Some((1, rest)) => (Some("SubscriptionConfirmation"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let verifier = Verifier::new()
        .with_merchant_id("A1EXAMPLEMERCH0")
        .with_max_age(Duration::from_secs(3600));
    let now = UNIX_EPOCH + Duration::from_secs(1_748_779_200);
    if let Ok(message) = parse_message(header, body) {
        let _ = message.string_to_sign();
        let _ = verifier.check_before_fetch(&message, now);
        let policy = verifier.url_policy();
        let _ = policy.check_subscribe_url(message.signing_cert_url());
        if let SnsMessage::Notification(notification) = &message {
            let _ = NotificationMessage::parse(&notification.message);
        }
    }
    // The same bytes as an inner message and as a certificate.
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = NotificationMessage::parse(text);
        let _ = verifier.url_policy().check_signing_cert_url(text);
    }
    if let Ok(certificate) = SigningCertificate::parse(body) {
        let _ = certificate.check_validity(now);
    }
});
