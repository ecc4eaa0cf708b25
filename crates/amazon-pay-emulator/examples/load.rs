//! Load generator for the emulator's throughput figure: replays one pre-signed GET over keep-alive
//! connections from a separate process and reports verified requests per second.
//!
//! ```text
//! cargo run --release -p amazon-pay-emulator -- --listen 127.0.0.1:8080 --private-key-out /tmp/emu.pem
//! cargo run --release -p amazon-pay-emulator --example load -- http://127.0.0.1:8080 SANDBOX-… /tmp/emu.pem 16 10
//! ```
//!
//! A signed request stays valid for 15 minutes, and a GET carries no idempotency key, so one
//! signature can be replayed for the whole run; the emulator still verifies every request.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use amazon_pay_signing::{
    Algorithm, PrivateKey, PublicKeyId, Region, SignableRequest, SigningParams, sign,
};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

type Headers = Vec<(String, String)>;

fn signed(
    key: &PrivateKey,
    key_id: &PublicKeyId,
    method: &str,
    path: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) -> (String, Headers) {
    let request = SignableRequest::new(method, path)
        .with_headers(extra)
        .with_body(body);
    let mut params =
        SigningParams::new(Region::Na, key_id.clone(), Algorithm::V2, SystemTime::now());
    params.host = "127.0.0.1".into();
    let s = sign(&request, &params, key).expect("sign");
    let mut headers: Headers = s
        .headers()
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    headers.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    (s.path_and_query(), headers)
}

fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &Headers,
    body: Vec<u8>,
) -> http::Request<Full<Bytes>> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    for (k, v) in headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Full::new(Bytes::from(body))).expect("request")
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: load BASE_URL KEY_ID PRIVATE_KEY_PEM [CONNECTIONS=16] [SECONDS=10]");
        std::process::exit(2);
    }
    let base = args[0].trim_end_matches('/').to_owned();
    let key_id = PublicKeyId::new(args[1].clone()).expect("key id");
    let key = PrivateKey::from_pem_file(&args[2]).expect("private key");
    let connections: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(16);
    let seconds: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(10);
    let prefix = if key_id.environment().is_some() {
        "/v2"
    } else {
        "/sandbox/v2"
    };
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();

    // One object to read: a checkout session.
    let info: serde_json::Value = {
        let resp = client
            .request(request(
                &base,
                "GET",
                "/__admin/info",
                &Vec::new(),
                Vec::new(),
            ))
            .await
            .expect("info");
        serde_json::from_slice(&resp.into_body().collect().await.expect("body").to_bytes())
            .expect("json")
    };
    let body = serde_json::json!({
        "storeId": info["storeId"],
        "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" }
    })
    .to_string();
    let key_header = format!("load{}", std::process::id());
    let (path, headers) = signed(
        &key,
        &key_id,
        "POST",
        &format!("{prefix}/checkoutSessions"),
        body.as_bytes(),
        &[("x-amz-pay-idempotency-key", &key_header)],
    );
    let resp = client
        .request(request(&base, "POST", &path, &headers, body.into_bytes()))
        .await
        .expect("create");
    let created: serde_json::Value =
        serde_json::from_slice(&resp.into_body().collect().await.expect("body").to_bytes())
            .expect("json");
    let id = created["checkoutSessionId"]
        .as_str()
        .expect("session id")
        .to_owned();

    let (path, headers) = signed(
        &key,
        &key_id,
        "GET",
        &format!("{prefix}/checkoutSessions/{id}"),
        b"",
        &[],
    );
    let (ok, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, base, path, headers, ok, failed) = (
            client.clone(),
            base.clone(),
            path.clone(),
            headers.clone(),
            Arc::clone(&ok),
            Arc::clone(&failed),
        );
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                match client
                    .request(request(&base, "GET", &path, &headers, Vec::new()))
                    .await
                {
                    Ok(r) if r.status() == http::StatusCode::OK => {
                        let _ = r.into_body().collect().await;
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let ok = ok.load(Ordering::Relaxed);
    println!(
        "{ok} verified GETs (200) in {elapsed:.1} s with {connections} connections: {:.0} requests/s; {} failed",
        ok as f64 / elapsed,
        failed.load(Ordering::Relaxed)
    );
}
