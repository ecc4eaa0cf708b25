//! `bench-client`: the load driver of our client, run by `cargo xtask bench` as a process of
//! its own, a small program that links only the client (so its CPU time and memory are the
//! client's, not those of the rest of xtask).
//!
//! ```text
//! bench-client --url URL --key-id ID --key PATH --ca PATH --session ID
//!     --concurrency N --seconds S [--bare]
//! ```
//!
//! It warms up for a second, prints `ready`, runs `Get Checkout Session` with N calls in flight
//! for S seconds, prints `done calls=.. errors=.. seconds=..` and waits for stdin to close.
//!
//! `--bare` replaces the client by the least a signed call needs, as a ceiling to compare with:
//! a hyper client over rustls, `amazon_pay_signing::sign` with aws-lc-rs on the async worker
//! itself, the body read and decoded. No retries, timeouts, idempotency, tracing or
//! off-worker signing.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use amazon_pay_client::Client;
use amazon_pay_client::types::CheckoutSession;
use amazon_pay_signing::{
    Algorithm, PrivateKey, PublicKeyId, Region, SignableRequest, SigningParams,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// The parsed arguments.
struct Args {
    url: String,
    key_id: String,
    key: String,
    ca: String,
    session: String,
    concurrency: usize,
    seconds: f64,
    bare: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut url = None;
    let mut key_id = None;
    let mut key = None;
    let mut ca = None;
    let mut session = None;
    let mut concurrency = None;
    let mut seconds = None;
    let mut bare = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--bare" {
            bare = true;
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?
            .clone();
        match flag.as_str() {
            "--url" => url = Some(value),
            "--key-id" => key_id = Some(value),
            "--key" => key = Some(value),
            "--ca" => ca = Some(value),
            "--session" => session = Some(value),
            "--concurrency" => {
                concurrency = Some(value.parse().map_err(|e| format!("--concurrency: {e}"))?)
            }
            "--seconds" => seconds = Some(value.parse().map_err(|e| format!("--seconds: {e}"))?),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    let missing = |name: &str| format!("bench-client needs --{name}");
    Ok(Args {
        url: url.ok_or_else(|| missing("url"))?,
        key_id: key_id.ok_or_else(|| missing("key-id"))?,
        key: key.ok_or_else(|| missing("key"))?,
        ca: ca.ok_or_else(|| missing("ca"))?,
        session: session.ok_or_else(|| missing("session"))?,
        concurrency: concurrency.ok_or_else(|| missing("concurrency"))?,
        seconds: seconds.ok_or_else(|| missing("seconds"))?,
        bare,
    })
}

/// Counts of one phase.
#[derive(Default)]
struct Counts {
    calls: AtomicU64,
    errors: AtomicU64,
}

/// A hyper client and a key: the least a signed call needs.
struct Bare {
    http: HyperClient<HttpsConnector<HttpConnector>, Full<Bytes>>,
    key: PrivateKey,
    public_key_id: PublicKeyId,
    base_url: String,
    host: String,
}

impl Bare {
    fn new(args: &Args, ca: &[u8]) -> Result<Self, String> {
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(ca) {
            let cert = cert.map_err(|e| format!("reading the CA: {e}"))?;
            roots.add(cert).map_err(|e| format!("adding the CA: {e}"))?;
        }
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS setup: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.enforce_http(false);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_only()
            .enable_http1()
            .wrap_connector(connector);
        let base: http::Uri = args.url.parse().map_err(|e| format!("--url: {e}"))?;
        Ok(Bare {
            http: HyperClient::builder(TokioExecutor::new()).build(https),
            key: PrivateKey::from_pem_file(&args.key).map_err(|e| format!("--key: {e}"))?,
            public_key_id: PublicKeyId::new(&args.key_id).map_err(|e| format!("--key-id: {e}"))?,
            base_url: args.url.trim_end_matches('/').to_owned(),
            host: base.host().ok_or("--url has no host")?.to_owned(),
        })
    }

    async fn get_checkout_session(&self, id: &str) -> Result<CheckoutSession, String> {
        let path = format!("/v2/checkoutSessions/{id}");
        let params = SigningParams {
            region: Region::Na,
            host: self.host.clone(),
            public_key_id: self.public_key_id.clone(),
            algorithm: Algorithm::V2,
            time: SystemTime::now(),
        };
        let signed =
            amazon_pay_signing::sign(&SignableRequest::new("GET", &path), &params, &self.key)
                .map_err(|e| e.to_string())?;
        let mut request =
            http::Request::get(format!("{}{}", self.base_url, signed.path_and_query()));
        for (name, value) in signed.headers() {
            request = request.header(*name, value);
        }
        let request = request
            .body(Full::new(Bytes::new()))
            .map_err(|e| e.to_string())?;
        let response = self
            .http
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        if !status.is_success() {
            return Err(format!("status {status}"));
        }
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }
}

/// What makes the calls: our client, or the bare ceiling.
#[derive(Clone)]
enum Driver {
    Client(Client),
    Bare(Arc<Bare>),
}

impl Driver {
    async fn get_checkout_session(&self, id: &str) -> Result<CheckoutSession, String> {
        match self {
            Driver::Client(client) => client
                .get_checkout_session(id)
                .await
                .map(|response| response.into_body())
                .map_err(|e| e.to_string()),
            Driver::Bare(bare) => bare.get_checkout_session(id).await,
        }
    }
}

/// Runs `concurrency` loops of calls until `duration` has passed; returns the counts and the
/// elapsed time.
async fn phase(client: &Driver, args: &Args, duration: Duration) -> (Arc<Counts>, f64) {
    let counts = Arc::new(Counts::default());
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        let client = client.clone();
        let counts = Arc::clone(&counts);
        let session = args.session.clone();
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                match client.get_checkout_session(&session).await {
                    Ok(_) => counts.calls.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        if counts.errors.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("first error: {e}");
                        }
                        0
                    }
                };
            }
        }));
    }
    for task in tasks {
        // A panicking task only loses its own count; the others still report.
        let _ = task.await;
    }
    (counts, started.elapsed().as_secs_f64())
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-client: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs the driver.
fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    if args.concurrency == 0 || args.seconds.is_nan() || args.seconds <= 0.0 {
        return Err("--concurrency and --seconds must be positive".to_owned());
    }
    let ca = std::fs::read(&args.ca).map_err(|e| format!("reading {}: {e}", args.ca))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))?;
    runtime.block_on(async {
        let client = if args.bare {
            Driver::Bare(Arc::new(Bare::new(&args, &ca)?))
        } else {
            Driver::Client(
                Client::builder()
                    .public_key_id(args.key_id.as_str())
                    .private_key_path(args.key.as_str())
                    .region("na")
                    .endpoint(args.url.as_str())
                    .add_root_certificate_pem(ca)
                    .build()
                    .map_err(|e| format!("configuring the client: {e}"))?,
            )
        };
        phase(&client, &args, Duration::from_secs(1)).await;
        println!("ready");
        let (counts, elapsed) = phase(&client, &args, Duration::from_secs_f64(args.seconds)).await;
        println!(
            "done calls={} errors={} seconds={elapsed}",
            counts.calls.load(Ordering::Relaxed),
            counts.errors.load(Ordering::Relaxed)
        );
        Ok::<(), String>(())
    })?;
    // Stay alive (and measurable) until the parent closes stdin.
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    Ok(())
}
