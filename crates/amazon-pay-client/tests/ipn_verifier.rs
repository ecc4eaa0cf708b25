//! The fetching IPN verifier: what it fetches, what it refuses to fetch, what it caches.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use amazon_pay_client::ipn::{
    CertificateFetcher, FetchError, IpnError, IpnVerifier, UrlRejection, Verifier,
};
use amazon_pay_ipn::{BoxFuture, Url};

#[derive(Debug, Clone)]
struct Counting {
    calls: Arc<AtomicUsize>,
    answer: Result<Vec<u8>, &'static str>,
}

impl CertificateFetcher for Counting {
    fn fetch<'a>(&'a self, _url: &'a Url) -> BoxFuture<'a, Result<Vec<u8>, FetchError>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let answer = self.answer.clone().map_err(FetchError::new);
        Box::pin(async move { answer })
    }
}

fn verifier(answer: Result<Vec<u8>, &'static str>) -> (IpnVerifier, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let fetcher = Counting {
        calls: Arc::clone(&calls),
        answer,
    };
    (IpnVerifier::new(Verifier::new(), fetcher), calls)
}

fn body(cert_url: &str) -> Vec<u8> {
    serde_json::json!({
        "Type": "Notification",
        "MessageId": "m-1",
        "TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
        "Message": "{}",
        "Timestamp": "2025-06-01T12:00:00.000Z",
        "SignatureVersion": "2",
        "Signature": "AAAA",
        "SigningCertURL": cert_url
    })
    .to_string()
    .into_bytes()
}

#[tokio::test]
async fn urls_that_fail_the_checks_are_never_fetched() {
    let (ipn, calls) = verifier(Ok(Vec::new()));
    for url in [
        "http://sns.us-east-1.amazonaws.com/a.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/a.pem",
        "https://s3.amazonaws.com/x.pem",
        "https://sns.us-east-1.amazonaws.com/a",
    ] {
        let result = ipn.verify(None, &body(url)).await;
        assert!(
            matches!(result, Err(IpnError::UntrustedCertificateUrl(_))),
            "{url}: {result:?}"
        );
    }
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn failed_fetches_are_retryable_and_not_cached() {
    let (ipn, calls) = verifier(Err("connection refused"));
    let url = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem";
    for expected_calls in 1..=2 {
        let error = ipn
            .verify(None, &body(url))
            .await
            .expect_err("no certificate");
        assert!(matches!(error, IpnError::CertificateFetch(_)));
        // The fetcher's error is the source, not repeated by `Display`.
        let cause = std::error::Error::source(&error).expect("the fetch error");
        assert_eq!(cause.to_string(), "connection refused");
        assert!(!error.to_string().contains("connection refused"), "{error}");
        assert!(error.is_retryable());
        assert_eq!(error.status_code(), 503);
        assert_eq!(calls.load(Ordering::SeqCst), expected_calls);
    }
}

#[tokio::test]
async fn unparsable_certificates_are_not_cached() {
    let (ipn, calls) = verifier(Ok(
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec(),
    ));
    let url = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem";
    for expected_calls in 1..=2 {
        let error = ipn
            .verify(None, &body(url))
            .await
            .expect_err("bad certificate");
        assert!(
            matches!(error, IpnError::InvalidCertificate(_)),
            "{error:?}"
        );
        assert_eq!(calls.load(Ordering::SeqCst), expected_calls);
    }
}

#[tokio::test]
async fn the_header_is_checked_before_anything_else() {
    let (ipn, calls) = verifier(Ok(Vec::new()));
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-amz-sns-message-type",
        http::HeaderValue::from_static("SubscriptionConfirmation"),
    );
    let url = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem";
    let result = ipn.verify_request(&headers, &body(url)).await;
    assert!(matches!(result, Err(IpnError::TypeMismatch)));
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn message_ids_are_deduplicated() {
    let (ipn, _) = verifier(Ok(Vec::new()));
    assert!(ipn.first_delivery("m-1").unwrap());
    assert!(!ipn.first_delivery("m-1").unwrap());
    assert!(ipn.first_delivery("m-2").unwrap());
    ipn.forget("m-1");
    assert!(ipn.first_delivery("m-1").unwrap());
}

#[test]
fn subscribe_urls_follow_the_same_host_rule() {
    let policy = Verifier::new().url_policy().clone();
    assert!(
        policy
            .check_subscribe_url("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription")
            .is_ok()
    );
    assert_eq!(
        policy.check_subscribe_url("https://169.254.169.254/latest/meta-data"),
        Err(UrlRejection::Host)
    );
}

#[test]
fn a_fetch_error_keeps_its_cause_as_source() {
    let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by peer");
    let error = FetchError::with_source("the certificate fetch failed", refused);
    assert_eq!(error.to_string(), "the certificate fetch failed");
    let cause = std::error::Error::source(&error).expect("a cause");
    let io = cause
        .downcast_ref::<std::io::Error>()
        .expect("the I/O error");
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
    assert!(std::error::Error::source(&FetchError::new("too large")).is_none());
}
