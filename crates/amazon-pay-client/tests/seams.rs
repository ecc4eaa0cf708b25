//! The seams an application builds on from outside the crate: its own tower layers
//! (`ClientBuilder::layer`), its own transport, which reports failures with
//! `Error::transport`, and its own signer, whose failures stay reachable as causes.

mod support;

use std::error::Error as _;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use amazon_pay_client::{Attempt, HttpRequest, HttpResponse};
use amazon_pay_client::{Client, Error, ErrorKind, Transport};
use bytes::Bytes;
use http::{Method, StatusCode};
use tower::util::{BoxCloneSyncService, MapRequestLayer};

/// What a layer saw of one attempt.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    attempt: Option<u32>,
    signed: bool,
    idempotency_key: Option<String>,
}

/// An in-memory transport answering the given statuses in turn (then 200).
fn scripted(statuses: &'static [u16]) -> Transport {
    let sent = Arc::new(AtomicU32::new(0));
    BoxCloneSyncService::new(tower::service_fn(move |_req: HttpRequest| {
        let n = sent.fetch_add(1, Ordering::SeqCst) as usize;
        let status = statuses.get(n).copied().unwrap_or(200);
        async move {
            let mut resp = http::Response::new(Bytes::from_static(b"{}"));
            *resp.status_mut() = StatusCode::from_u16(status).unwrap();
            Ok::<HttpResponse, Error>(resp)
        }
    }))
}

fn builder(transport: Transport) -> amazon_pay_client::ClientBuilder {
    Client::builder()
        .public_key_id("SANDBOX-SEAMSTEST")
        .signer(support::key().clone())
        .region("na")
        .retry_policy(support::fast_retries())
        .transport(transport)
}

#[tokio::test]
async fn an_added_layer_sees_every_attempt_before_signing() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = {
        let seen = Arc::clone(&seen);
        MapRequestLayer::new(move |req: HttpRequest| {
            seen.lock().unwrap().push(Seen {
                attempt: req.extensions().get::<Attempt>().map(|a| a.0),
                signed: req.headers().contains_key(http::header::AUTHORIZATION),
                idempotency_key: req
                    .headers()
                    .get("x-amz-pay-idempotency-key")
                    .map(|v| v.to_str().unwrap().to_owned()),
            });
            req
        })
    };
    let client = builder(scripted(&[503, 502]))
        .layer(record)
        .build()
        .unwrap();
    client
        .raw_request(Method::POST, "/v2/charges")
        .idempotency_key("order-42")
        .json(&serde_json::json!({"a": 1}))
        .await
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    let expected: Vec<Seen> = (1..=3)
        .map(|attempt| Seen {
            attempt: Some(attempt),
            signed: false,
            idempotency_key: Some("order-42".to_owned()),
        })
        .collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn the_first_layer_added_is_the_outermost() {
    let order = Arc::new(Mutex::new(Vec::new()));
    let mark = |name: &'static str| {
        let order = Arc::clone(&order);
        MapRequestLayer::new(move |req: HttpRequest| {
            order.lock().unwrap().push(name);
            req
        })
    };
    let client = builder(scripted(&[]))
        .layer(mark("first"))
        .layer(mark("second"))
        .build()
        .unwrap();
    client
        .raw_request(Method::GET, "/v2/charges/C1")
        .await
        .unwrap();
    assert_eq!(*order.lock().unwrap(), ["first", "second"]);
}

/// A transport written outside the crate that fails the way another HTTP client would.
#[derive(Debug)]
struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the peer refused")
    }
}

impl std::error::Error for Refused {}

#[tokio::test]
async fn a_custom_transport_reports_failures_that_are_retried() {
    let sent = Arc::new(AtomicU32::new(0));
    let transport = {
        let sent = Arc::clone(&sent);
        BoxCloneSyncService::new(tower::service_fn(move |_req: HttpRequest| {
            let n = sent.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    Err(Error::transport("sending failed", Refused))
                } else {
                    Ok(http::Response::new(Bytes::from_static(b"{}")))
                }
            }
        }))
    };
    let client = builder(transport).build().unwrap();
    let resp = client
        .raw_request(Method::GET, "/v2/charges/C1")
        .await
        .unwrap();
    assert_eq!(resp.attempts(), 2, "the transport error was retried");
    assert_eq!(sent.load(Ordering::SeqCst), 2);
}

/// The error of a GET through `transport`, which must be a transport error.
async fn transport_failure(transport: Transport) -> Error {
    let client = builder(transport).build().unwrap();
    let err = client
        .raw_request(Method::GET, "/v2/charges/C1")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    err
}

#[tokio::test]
async fn a_transport_error_keeps_its_cause() {
    let transport = BoxCloneSyncService::new(tower::service_fn(|_req: HttpRequest| async {
        Err::<HttpResponse, _>(Error::transport("sending failed", Refused))
    }));
    let err = transport_failure(transport).await;
    assert!(err.is_retryable());
    assert_eq!(err.attempts(), 4, "every attempt of the policy");
    assert!(err.source().unwrap().downcast_ref::<Refused>().is_some());
    assert!(!err.to_string().contains("the peer refused"), "{err}");
}

/// A real transport over a TCP socket, without hyper: the connection to a closed loopback port
/// is refused, and the `std::io::Error` is the cause of the client's error.
#[tokio::test]
async fn a_socket_transport_reports_a_refused_connection() {
    let port = support::free_port();
    let transport =
        BoxCloneSyncService::new(tower::service_fn(move |_req: HttpRequest| async move {
            let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .map_err(|e| Error::transport("could not connect", e))?;
            drop(stream);
            Ok::<HttpResponse, Error>(http::Response::new(Bytes::new()))
        }));
    let err = transport_failure(transport).await;
    let io = err
        .source()
        .unwrap()
        .downcast_ref::<std::io::Error>()
        .unwrap();
    assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
}

/// A key service that is down.
#[derive(Debug)]
struct UnreachableKms;

impl amazon_pay_client::Signer for UnreachableKms {
    fn sign(
        &self,
        _: amazon_pay_client::Algorithm,
        _: &[u8],
    ) -> Result<Vec<u8>, amazon_pay_signing::Error> {
        Err(amazon_pay_signing::Error::Signer(Box::new(Refused)))
    }
}

#[tokio::test]
async fn a_signer_error_is_the_source_of_the_call_error() {
    let client = builder(scripted(&[]))
        .signer(UnreachableKms)
        .build()
        .unwrap();
    let err = client
        .raw_request(Method::GET, "/v2/charges/C1")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Signing, "{err}");
    assert!(!err.is_retryable());
    assert_eq!(err.attempts(), 0, "nothing was sent");
    let signing = err
        .source()
        .and_then(|s| s.downcast_ref::<amazon_pay_signing::Error>())
        .expect("the signing crate's error is the source");
    assert!(matches!(signing, amazon_pay_signing::Error::Signer(_)));
    assert!(
        signing
            .source()
            .unwrap()
            .downcast_ref::<Refused>()
            .is_some()
    );
    assert!(!err.to_string().contains("the peer refused"), "{err}");
    assert!(!err.to_string().contains(&signing.to_string()), "{err}");
}
