//! Retries, idempotency keys, timeouts and errors against a loopback server.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use amazon_pay_client::Clock;
use amazon_pay_client::types::ReasonCode;
use amazon_pay_client::{ErrorKind, RetryPolicy};
use http::Method;
use support::{Reply, Server};

/// A clock that moves one second forward at every reading.
#[derive(Debug, Default)]
struct Ticking(AtomicU64);

impl Clock for Ticking {
    fn now(&self) -> SystemTime {
        SystemTime::UNIX_EPOCH
            + Duration::from_secs(1_700_000_000 + self.0.fetch_add(1, Ordering::SeqCst))
    }
}

#[tokio::test]
async fn scripted_failures_reuse_the_key_and_resign_every_attempt() {
    let server = Server::http().await;
    server
        .push(Reply::status(429))
        .push(Reply::Reset)
        .push(Reply::status(503))
        .push(Reply::json(201, r#"{"ok":true}"#));
    let client = server.client().clock(Ticking::default()).build().unwrap();
    let resp = client
        .raw_request(Method::POST, "/v2/charges")
        .json(&serde_json::json!({"chargePermissionId": "B01"}))
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.attempts(), 4);
    let seen = server.seen();
    assert_eq!(seen.len(), 4);
    let key = seen[0].header("x-amz-pay-idempotency-key").unwrap();
    assert_eq!(key.len(), 32);
    assert_eq!(resp.idempotency_key(), Some(key));
    let mut dates = Vec::new();
    for attempt in &seen {
        assert_eq!(attempt.header("x-amz-pay-idempotency-key"), Some(key));
        assert_eq!(attempt.body, seen[0].body, "byte-identical body");
        attempt.verified.as_ref().expect("every attempt verifies");
        dates.push(attempt.header("x-amz-pay-date").unwrap().to_owned());
    }
    dates.dedup();
    assert_eq!(
        dates.len(),
        4,
        "a fresh x-amz-pay-date on every attempt: {dates:?}"
    );
}

#[tokio::test]
async fn the_callers_key_is_used_on_every_attempt() {
    let server = Server::http().await;
    server.push(Reply::status(500)).push(Reply::status(200));
    let client = server.client().build().unwrap();
    let resp = client
        .raw_request(Method::POST, "/v2/refunds")
        .idempotency_key("order-42")
        .await
        .unwrap();
    assert_eq!(resp.idempotency_key(), Some("order-42"));
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter()
            .all(|s| s.header("x-amz-pay-idempotency-key") == Some("order-42"))
    );
}

#[tokio::test]
async fn a_derived_key_is_the_same_from_a_new_client() {
    use amazon_pay_client::derive_idempotency_key;
    use amazon_pay_client::types::{CaptureChargeRequest, Currency, Price};

    let server = Server::http().await;
    let charge = r#"{"chargeId":"S01-C1","chargePermissionId":"S01-P1"}"#;
    server
        .push(Reply::Reset)
        .push(Reply::json(200, charge))
        .push(Reply::json(200, charge));
    let request = CaptureChargeRequest::new(Price::new("10.00", Currency::Usd).unwrap());
    // Two clients stand for a process before and after a crash.
    for _ in 0..2 {
        let key = derive_idempotency_key("A-1001", "capture").unwrap();
        let resp = server
            .client()
            .build()
            .unwrap()
            .capture_charge("S01-C1", &request)
            .idempotency_key(key.clone())
            .await
            .unwrap();
        assert_eq!(resp.idempotency_key(), Some(key.as_str()));
    }
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    let keys: Vec<_> = seen
        .iter()
        .map(|s| s.header("x-amz-pay-idempotency-key").unwrap())
        .collect();
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    assert_eq!(
        keys[0],
        derive_idempotency_key("A-1001", "capture").unwrap()
    );
}

#[tokio::test]
async fn a_non_retryable_4xx_is_sent_once_and_reported() {
    let server = Server::http().await;
    server.push(Reply::json(
        422,
        r#"{"reasonCode":"HardDeclined","message":"The charge was declined"}"#,
    ));
    let client = server.client().build().unwrap();
    let err = client
        .raw_request(Method::POST, "/v2/charges")
        .idempotency_key("k1")
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 1);
    assert_eq!(err.kind(), ErrorKind::Service);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert_eq!(err.reason_code(), Some(&ReasonCode::HardDeclined));
    assert_eq!(err.message(), "The charge was declined");
    assert_eq!(err.request_id(), Some("req-test-0001"));
    assert_eq!(err.idempotency_key(), Some("k1"));
    assert_eq!(err.attempts(), 1);
    assert!(!err.is_retryable());
    assert_eq!(err.operation(), Some("RawRequest"));
}

#[tokio::test]
async fn exhausted_retries_report_the_last_answer() {
    let server = Server::http().await;
    server.set_default(Reply::json(
        503,
        r#"{"reasonCode":"ServiceUnavailable","message":"busy"}"#,
    ));
    let client = server
        .client()
        .retry_policy(support::fast_retries().max_attempts(3))
        .build()
        .unwrap();
    let err = client.get_charge("C1").await.unwrap_err();
    assert_eq!(server.seen().len(), 3);
    assert_eq!(err.attempts(), 3);
    assert!(err.is_retryable());
    assert_eq!(err.reason_code(), Some(&ReasonCode::ServiceUnavailable));
    assert_eq!(err.operation(), Some("GetCharge"));
    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.header("x-amz-pay-idempotency-key").is_none())
    );
}

#[tokio::test]
async fn the_total_timeout_holds_across_attempts() {
    let server = Server::http().await;
    server.set_default(Reply::Delay(
        Duration::from_millis(150),
        Box::new(Reply::status(503)),
    ));
    let client = server
        .client()
        .retry_policy(
            RetryPolicy::new()
                .max_attempts(50)
                .base_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(2)),
        )
        .total_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let err = client.get_charge("C1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    // The rule changed: the total timeout used to report 0 attempts and "not retryable" although
    // the attempts it cut short may have been processed.
    assert!(err.is_retryable());
    let sent = server.seen().len();
    assert!(
        (2..=4).contains(&sent),
        "{sent} attempts fit in 400 ms of 150 ms answers"
    );
    assert_eq!(err.attempts() as usize, sent, "{err:?}");
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_is_retried() {
    let server = Server::http().await;
    server
        .push(Reply::Delay(
            Duration::from_secs(5),
            Box::new(Reply::status(200)),
        ))
        .push(Reply::json(200, r#"{"second":true}"#));
    let client = server
        .client()
        .attempt_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let resp = client.raw_request(Method::GET, "/v2/x").await.unwrap();
    assert_eq!(resp.attempts(), 2);
    assert_eq!(resp.body()["second"], true);
}

#[tokio::test]
async fn a_per_call_timeout_overrides_the_client() {
    let server = Server::http().await;
    server.set_default(Reply::Delay(
        Duration::from_secs(5),
        Box::new(Reply::status(200)),
    ));
    let client = server.client().build().unwrap();
    let err = client
        .get_charge("C1")
        .timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
}

#[tokio::test]
async fn a_2xx_that_does_not_parse_is_a_decode_error() {
    let server = Server::http().await;
    server.push(Reply::json(
        201,
        r#"{"chargeId": 12, "buyer": "Jane Secret"}"#,
    ));
    let client = server.client().build().unwrap();
    let err = client
        .create_charge(&support::parsed("create_charge_request"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(201));
    assert!(
        err.idempotency_key().is_some(),
        "the key to look the charge up again"
    );
    assert!(!err.is_retryable());
    assert!(
        !err.to_string().contains("Jane"),
        "no body values in errors: {err}"
    );
}

#[tokio::test]
async fn responses_over_the_limit_are_refused() {
    let server = Server::http().await;
    server.push(Reply::json(200, format!("\"{}\"", "x".repeat(5000))));
    let client = server.client().max_response_size(1024).build().unwrap();
    let err = client
        .raw_request(Method::GET, "/v2/big")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge);
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn invalid_options_fail_before_sending() {
    let server = Server::http().await;
    let client = server.client().build().unwrap();
    let cases = [
        client.get_charge("C1").idempotency_key("has space"),
        client.get_charge("C1").idempotency_key("x".repeat(33)),
        client.get_charge("C1").header("x-note", "a\r\nInjected: 1"),
        client.get_charge("C1").header("authorization", "mine"),
        client
            .get_charge("C1")
            .header("x-amz-pay-date", "20200101T000000Z"),
        client.get_charge("C1").auth_token("tok\n"),
        client.get_charge(".."),
        client.get_charge(""),
    ];
    for call in cases {
        let err = call.await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert_eq!(err.attempts(), 0);
    }
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn simulation_codes_are_sandbox_only() {
    let server = Server::http().await;
    server.set_default(Reply::json(200, support::fixture("charge")));
    let sandbox = server.client().build().unwrap();
    sandbox
        .get_charge("C1")
        .simulation_code("HardDeclined")
        .await
        .unwrap();
    assert_eq!(
        server.seen()[0].header("x-amz-pay-simulation-code"),
        Some("HardDeclined")
    );
    let live = server
        .client()
        .public_key_id("LIVE-AEXAMPLEKEY")
        .build()
        .unwrap();
    let err = live
        .get_charge("C1")
        .simulation_code("HardDeclined")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn auth_tokens_default_and_per_call() {
    let server = Server::http().await;
    server.set_default(Reply::json(200, support::fixture("charge")));
    let client = server.client().auth_token("default-token").build().unwrap();
    client.get_charge("C1").await.unwrap();
    client
        .get_charge("C1")
        .auth_token("call-token")
        .await
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].header("x-amz-pay-authtoken"), Some("default-token"));
    assert_eq!(seen[1].header("x-amz-pay-authtoken"), Some("call-token"));
    for s in &seen {
        let verified = s.verified.as_ref().unwrap();
        assert!(verified.is_signed("x-amz-pay-authtoken"));
    }
}

#[tokio::test]
async fn pagination_follows_next_token() {
    let server = Server::http().await;
    server
        .push(Reply::json(
            200,
            r#"{"reports":[{"reportId":"R1"},{"reportId":"R2"}],"nextToken":"p2"}"#,
        ))
        .push(Reply::json(
            200,
            r#"{"reports":[{"reportId":"R3"}],"nextToken":null}"#,
        ));
    let client = server.client().build().unwrap();
    use futures_util::StreamExt;
    let reports: Vec<_> = client
        .all_reports(&amazon_pay_client::types::ReportsQuery::new().page_size(2))
        .collect()
        .await;
    let ids: Vec<String> = reports
        .into_iter()
        .map(|r| r.unwrap().report_id.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["R1", "R2", "R3"]);
    let seen = server.seen();
    assert_eq!(seen[0].query, "pageSize=2");
    assert_eq!(seen[1].query, "nextToken=p2&pageSize=2");
}

#[tokio::test]
async fn a_refused_connection_is_a_retryable_transport_error() {
    let port = support::free_port();
    let server = Server::http().await;
    let client = server
        .client()
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry_policy(support::fast_retries().max_attempts(2))
        .build()
        .unwrap();
    let err = client.get_charge("C1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(err.is_retryable());
    assert_eq!(err.attempts(), 2);
}

#[tokio::test]
async fn the_client_is_shared_across_tasks() {
    let server = Server::http().await;
    server.set_default(Reply::json(200, support::fixture("charge")));
    let client = Arc::new(server.client().build().unwrap());
    let mut tasks = Vec::new();
    for i in 0..20 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            client.get_charge(format!("C{i}")).await
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(server.seen().len(), 20);
    assert!(server.seen().iter().all(|s| s.verified.is_ok()));
}

/// TLS certificate failures repeat on every attempt: one attempt, a `Tls` error, not retryable.
#[tokio::test]
async fn refused_tls_certificates_fail_at_once() {
    let (untrusted, _) = Server::https().await;
    let (expired, expired_pem) = Server::https_expired().await;
    let for_localhost = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let (wrong_name, wrong_name_pem) = Server::https_with(for_localhost, "127.0.0.1").await;
    let cases = [
        ("self-signed, not trusted", untrusted.client(), &untrusted),
        (
            "expired",
            expired.client().add_root_certificate_pem(&expired_pem),
            &expired,
        ),
        (
            "issued to localhost, reached as 127.0.0.1",
            wrong_name
                .client()
                .add_root_certificate_pem(&wrong_name_pem),
            &wrong_name,
        ),
    ];
    for (what, builder, server) in cases {
        let client = builder.build().unwrap();
        let err = client.get_charge("C1").await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Tls, "{what}: {err}");
        assert_eq!(err.attempts(), 1, "{what}");
        assert!(!err.is_retryable(), "{what}");
        assert!(err.to_string().contains("certificate"), "{what}: {err}");
        assert!(server.seen().is_empty(), "{what}");
    }
}

/// The wait a `Retry-After` asks for is on the error, in each of its forms.
#[tokio::test]
async fn the_wait_asked_for_is_on_the_error() {
    let server = Server::http().await;
    let client = server.client().build().unwrap();
    for value in [
        "3600",
        "Sun, 06 Nov 2044 08:49:47 GMT",
        "Sunday, 06-Nov-44 08:49:47 GMT",
        "Sun Nov  6 08:49:47 2044",
    ] {
        server.push(Reply::Full(
            503,
            vec![("retry-after".to_owned(), value.to_owned())],
            "{}".to_owned(),
        ));
        let err = client.get_charge("C1").await.unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{value}");
        // More than the policy's longest wait: not retried, reported with the wait asked for.
        assert_eq!(err.attempts(), 1, "{value}");
        let asked = err
            .retry_after()
            .unwrap_or_else(|| panic!("{value}: no wait"));
        assert!(asked >= Duration::from_secs(3600), "{value}: {asked:?}");
    }
    server.push(Reply::status(503));
    let once = server
        .client()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = once.get_charge("C1").await.unwrap_err();
    assert_eq!(err.retry_after(), None);
}
