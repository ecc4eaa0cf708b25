//! Captures every tracing event of a full run and finds no secret in it.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use http::Method;
use support::{Reply, Server};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_logs() {
    let capture = Capture::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .with_ansi(false)
        .init();

    let server = Server::http().await;
    let buyer_json = support::fixture("buyer");
    let buyer: serde_json::Value = serde_json::from_str(&buyer_json).unwrap();
    let dead = support::free_port();
    let builder = server
        .client()
        .auth_token("AUTHTOKEN-SECRET-123")
        .proxy(format!(
            "http://proxyuser:PROXYPASS-SECRET@127.0.0.1:{dead}"
        ))
        .no_proxy("127.0.0.1");
    tracing::info!(builder = ?builder, "configured");
    let client = builder.build().unwrap();

    // Through the proxy (which is not listening) with credentials given both ways: the
    // failure is logged by the client and here, with its whole source chain.
    let proxied = server
        .client()
        .proxy(format!(
            "http://proxyuser:PROXYPASS-SECRET@127.0.0.1:{dead}"
        ))
        .retry_policy(amazon_pay_client::RetryPolicy::none());
    tracing::info!(builder = ?proxied, "configured");
    let proxied = proxied.build().unwrap();
    tracing::info!(client = ?proxied, "built");
    let err = proxied.get_charge("S01-1").await.unwrap_err();
    let mut chain = vec![format!("{err} / {err:?}")];
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        chain.push(format!("{cause} / {cause:?}"));
        source = cause.source();
    }
    tracing::error!(chain = ?chain, "proxied call failed");
    let basic = server
        .client()
        .proxy(format!("http://127.0.0.1:{dead}"))
        .proxy_basic_auth("proxyuser", "PROXYPASS-SECRET");
    tracing::info!(builder = ?basic, "configured");

    server
        .push(Reply::status(503))
        .push(Reply::json(200, buyer_json.clone()));
    let resp = client.get_buyer("BUYERTOKEN-SECRET-456").await.unwrap();
    assert_eq!(resp.attempts(), 2);
    server.push(Reply::json(
        422,
        r#"{"reasonCode":"HardDeclined","message":"declined"}"#,
    ));
    let _ = client
        .raw_request(Method::POST, "/v2/charges")
        .json(&serde_json::json!({"note": "BODY-SECRET-789"}))
        .await
        .unwrap_err();
    tracing::info!(client = ?client, "done");

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("amazon_pay.attempt"),
        "spans are recorded:\n{logs}"
    );
    assert!(
        logs.contains("/v2/buyers/{buyerToken}"),
        "the path template is logged"
    );
    assert!(logs.contains("GetBuyer"));
    assert!(
        logs.contains("<redacted>@127.0.0.1"),
        "the proxy is logged, without its credentials"
    );
    assert!(logs.contains("proxied call failed"));

    // One span per call holds the attempt spans and the retry events; it records the attempts,
    // the final status and the idempotency key.
    let line = |what: &str| {
        logs.lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no `{what}` in:\n{logs}"))
    };
    for inner in ["amazon_pay.attempt{", "retrying"] {
        assert!(line(inner).contains("amazon_pay.call{"), "{}", line(inner));
    }
    let answered = line("call answered status=200");
    assert!(answered.contains("attempts=2"), "{answered}");
    assert!(answered.contains("request_id="), "{answered}");
    // The 422 is an answer of the stack (the call turns it into an error afterwards).
    let declined = line("call answered status=422");
    assert!(declined.contains("idempotency_key="), "{declined}");
    assert!(declined.contains("attempts=1"), "{declined}");
    // Durations are integers.
    for (at, _) in logs.match_indices("latency_ms=") {
        let value: String = logs[at + "latency_ms=".len()..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '}')
            .collect();
        assert!(value.parse::<u64>().is_ok(), "latency_ms={value}");
    }

    let mut secrets: Vec<String> = vec![
        "AUTHTOKEN-SECRET-123".into(),
        "BUYERTOKEN-SECRET-456".into(),
        "BODY-SECRET-789".into(),
        "PROXYPASS-SECRET".into(),
        "proxyuser".into(),
    ];
    for seen in server.seen() {
        let auth = seen.header("authorization").unwrap();
        let signature = auth.rsplit("Signature=").next().unwrap().to_owned();
        secrets.push(signature);
    }
    let pem = support::key().to_pkcs8_pem().unwrap();
    secrets.extend(
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .map(str::to_owned),
    );
    for field in ["name", "email", "phoneNumber", "postalCode"] {
        if let Some(value) = buyer.get(field).and_then(|v| v.as_str()) {
            secrets.push(value.to_owned());
        }
    }
    for secret in &secrets {
        assert!(
            !logs.contains(secret.as_str()),
            "a secret reached the logs: {secret}"
        );
    }
}
