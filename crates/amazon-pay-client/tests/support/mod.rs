//! Loopback test servers that verify what the client sends.
#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use amazon_pay_client::{Client, ClientBuilder, PrivateKey, RetryPolicy};
use amazon_pay_signing::{ReceivedRequest, VerifiedRequest, verify_request};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;

/// The key id every test client uses.
pub const KEY_ID: &str = "SANDBOX-AEXAMPLEKEYID0000000000";

/// One RSA key per test binary (key generation is slow).
pub fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::generate_2048().expect("key generation"))
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub version: http::Version,
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub verified: Result<VerifiedRequest, String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status, extra headers and a body.
    Full(u16, Vec<(String, String)>, String),
    /// Close the connection without answering.
    Reset,
    /// Wait, then answer.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Full(status, Vec::new(), body.into())
    }
    pub fn status(status: u16) -> Reply {
        Reply::json(status, "{}")
    }
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    script: VecDeque<Reply>,
    default: Option<Reply>,
}

/// A loopback HTTP or HTTPS server.
pub struct Server {
    pub addr: SocketAddr,
    pub base_url: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Tls = Option<tokio_rustls::TlsAcceptor>;

impl Server {
    /// A plain HTTP server on 127.0.0.1.
    pub async fn http() -> Server {
        Server::start(None, "127.0.0.1", "127.0.0.1").await
    }

    /// A plain HTTP server on the IPv6 loopback, `http://[::1]:port`.
    pub async fn http_ipv6() -> Server {
        Server::start(None, "[::1]", "[::1]").await
    }

    /// An HTTPS server for `localhost` with a fresh self-signed certificate; returns the server
    /// and the certificate PEM to trust.
    pub async fn https() -> (Server, String) {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        Server::https_with(cert, "localhost").await
    }

    /// An HTTPS server for `localhost` whose self-signed certificate expired in 2021; returns
    /// the server and the certificate PEM.
    pub async fn https_expired() -> (Server, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        let cert = params.self_signed(&key).unwrap();
        Server::https_with(
            rcgen::CertifiedKey {
                cert,
                signing_key: key,
            },
            "localhost",
        )
        .await
    }

    /// An HTTPS server with `cert`, reached as `https://{host}:port`.
    pub async fn https_with(
        cert: rcgen::CertifiedKey<rcgen::KeyPair>,
        host: &str,
    ) -> (Server, String) {
        let pem = cert.cert.pem();
        let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert.cert.der().clone()], key)
            .unwrap();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        (Server::start(Some(acceptor), "127.0.0.1", host).await, pem)
    }

    async fn start(tls: Tls, bind: &str, host: &str) -> Server {
        let listener = TcpListener::bind(format!("{bind}:0")).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base_url = format!("{scheme}://{host}:{}", addr.port());
        let state: Arc<Mutex<State>> = Arc::default();
        let task_state = Arc::clone(&state);
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let state = Arc::clone(&task_state);
                let tls = tls.clone();
                tokio::spawn(async move {
                    let svc = service_fn(move |req| handle(Arc::clone(&state), req));
                    let builder = auto::Builder::new(TokioExecutor::new());
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(stream).await {
                                let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
                            }
                        }
                        None => {
                            let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
                        }
                    }
                });
            }
        });
        Server {
            addr,
            base_url,
            state,
            task,
        }
    }

    /// Answers the next request with `reply` (replies are used in order).
    pub fn push(&self, reply: Reply) -> &Self {
        self.state.lock().unwrap().script.push_back(reply);
        self
    }

    /// Answers with `reply` once the script is used up (default: `200 {}`).
    pub fn set_default(&self, reply: Reply) {
        self.state.lock().unwrap().default = Some(reply);
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// A client builder aimed at this server with the test key and millisecond backoffs.
    pub fn client(&self) -> ClientBuilder {
        Client::builder()
            .public_key_id(KEY_ID)
            .signer(key().clone())
            .region("eu")
            .endpoint(&self.base_url)
            .retry_policy(fast_retries())
            .total_timeout(Duration::from_secs(20))
    }
}

/// A loopback port that was free a moment ago (bound, then released): nothing listens there.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::new()
        .max_attempts(4)
        .base_backoff(Duration::from_millis(2))
        .max_backoff(Duration::from_millis(20))
}

#[derive(Debug)]
struct Reset;
impl std::fmt::Display for Reset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("scripted reset")
    }
}
impl std::error::Error for Reset {}

async fn handle(
    state: Arc<Mutex<State>>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Reset> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let received = ReceivedRequest {
        method: parts.method.as_str(),
        path: &path,
        query: &query,
        headers: &header_refs,
        body: &body,
    };
    let public = key().public_key();
    let verified = verify_request(&received, &|id: &str| {
        (id == KEY_ID).then(|| public.clone())
    })
    .map_err(|e| e.to_string());
    let reply = {
        let mut state = state.lock().unwrap();
        state.seen.push(Seen {
            version: parts.version,
            method: parts.method.as_str().to_owned(),
            path,
            query,
            headers: headers.clone(),
            body: body.to_vec(),
            verified,
        });
        let default = state.default.clone();
        state
            .script
            .pop_front()
            .or(default)
            .unwrap_or_else(|| Reply::status(200))
    };
    respond(reply).await
}

async fn respond(mut reply: Reply) -> Result<hyper::Response<Full<Bytes>>, Reset> {
    loop {
        match reply {
            Reply::Delay(wait, next) => {
                tokio::time::sleep(wait).await;
                reply = *next;
            }
            Reply::Reset => return Err(Reset),
            Reply::Full(status, headers, body) => {
                let mut resp = hyper::Response::new(Full::new(Bytes::from(body)));
                *resp.status_mut() = http::StatusCode::from_u16(status).unwrap();
                resp.headers_mut()
                    .insert("content-type", "application/json".parse().unwrap());
                resp.headers_mut()
                    .insert("x-amz-pay-request-id", "req-test-0001".parse().unwrap());
                for (n, v) in headers {
                    resp.headers_mut().insert(
                        http::HeaderName::from_bytes(n.as_bytes()).unwrap(),
                        v.parse().unwrap(),
                    );
                }
                return Ok(resp);
            }
        }
    }
}

/// The first fixture (by name) of a type in the types crate's fixture set.
pub fn fixture(kind: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../amazon-pay-types/tests/fixtures")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    std::fs::read_to_string(&files[0]).unwrap()
}

/// Parses a fixture into a type.
pub fn parsed<T: serde::de::DeserializeOwned>(kind: &str) -> T {
    serde_json::from_str(&fixture(kind)).unwrap_or_else(|e| panic!("fixture {kind}: {e}"))
}
