//! Every example runs under a TRACE-level subscriber that captures every event and span of every
//! crate; the capture must hold no private key material, no request signature, no delegated
//! authorization token and none of the emulator buyer's personal data.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use amazon_pay::emulator::RunningEmulator;
use amazon_pay_examples::{
    Connection, auth_token, button_signature, checkout, custom_transport, delivery_tracker,
    instore, recurring, refund, reports, saved_wallet,
};
use serde_json::Value;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

/// The emulator's test buyer in the `na` region (name, email, phone, address line, postal code).
const BUYER_PII: &[&str] = &[
    "Jane Example",
    "buyer@example.com",
    "800-000-0000",
    "410 Terry Ave N",
    "98109",
];

/// Everything the subscriber wrote.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
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

/// Installs the capturing subscriber once for this test binary.
fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(FmtSpan::FULL)
            .with_ansi(false)
            .with_writer(capture.clone())
            .init();
        capture
    })
}

/// 16-character slices of the key's PEM bodies (PKCS#8 and the public key).
fn key_fragments(emulator: &RunningEmulator) -> Vec<String> {
    let pem = emulator
        .private_key()
        .to_pkcs8_pem()
        .expect("the key exports")
        .to_string();
    pem.lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|line| {
            line.as_bytes()
                .chunks(16)
                .filter(|c| c.len() == 16)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every `authorizationToken` value in the emulator's objects.
fn tokens(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("authorizationToken", Value::String(t)) => out.push(t.clone()),
                    _ => tokens(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| tokens(v, out)),
        _ => {}
    }
}

/// The longest run of base64 characters: an RSA-2048 signature is 344 of them.
fn longest_base64_run(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// What the capture reveals of this emulator's secrets, from `start` on.
fn leaks(connection: &Connection, start: usize) -> Vec<String> {
    let emulator = connection
        .emulator_handle()
        .expect("the examples run on the emulator");
    let text = capture().text();
    let text = &text[start.min(text.len())..];
    let mut found = Vec::new();
    for fragment in key_fragments(emulator) {
        if text.contains(&fragment) {
            found.push(format!("private key fragment {fragment}"));
        }
    }
    let mut secret_tokens = Vec::new();
    tokens(&emulator.objects(), &mut secret_tokens);
    for token in secret_tokens {
        if text.contains(&token) {
            found.push("an authorization token".to_owned());
        }
    }
    if text.contains("Atza|") {
        found.push("an `Atza|` token prefix".to_owned());
    }
    for pii in BUYER_PII {
        if text.contains(pii) {
            found.push(format!("buyer data {pii:?}"));
        }
    }
    let run = longest_base64_run(text);
    if run >= 300 {
        found.push(format!("a {run}-character base64 run (a signature or key)"));
    }
    for (i, _) in text.match_indices("Signature=") {
        if !text[i + "Signature=".len()..].starts_with("<redacted>") {
            found.push("an unredacted Signature=".to_owned());
        }
    }
    found
}

/// Runs each example on a fresh emulator and collects what the capture reveals.
macro_rules! run_each {
    ($report:expr, $captured:expr, $($name:ident),* $(,)?) => {$(
        {
            let connection = Connection::emulator().await.expect("the emulator starts");
            let start = capture().text().len();
            $name::run(&connection)
                .await
                .unwrap_or_else(|e| panic!("{} failed: {e:#}", stringify!($name)));
            let end = capture().text().len();
            assert!(end > start, "{} logged nothing at TRACE level", stringify!($name));
            $captured += end - start;
            for leak in leaks(&connection, start) {
                $report.push(format!("{}: {leak}", stringify!($name)));
            }
            connection.shutdown().await;
        }
    )*};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_example_logs_a_secret_at_trace_level() {
    capture();
    let mut report: Vec<String> = Vec::new();
    let mut captured = 0usize;
    run_each!(
        report,
        captured,
        checkout,
        button_signature,
        recurring,
        saved_wallet,
        refund,
        delivery_tracker,
        instore,
        auth_token,
        custom_transport,
        reports,
    );
    assert!(
        captured > 10_000,
        "only {captured} bytes of logs were captured"
    );
    assert!(report.is_empty(), "secrets in the logs: {report:#?}");
}
