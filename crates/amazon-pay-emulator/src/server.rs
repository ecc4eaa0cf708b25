//! Accepting connections (HTTP or HTTPS), fault injection around the router, the request log.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt as _, Limited};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt as _;

use crate::api::{MAX_BODY, Outcome};
use crate::app::{App, lock};
use crate::faults::{FaultAction, FaultTiming};
use crate::log::{RequestRecord, Verdict};
use crate::routing;

/// The error that makes hyper close the connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
pub(crate) struct Dropped;

/// The whole HTTP surface: admin API, hosted pages, and the API as fallback.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(crate::admin::routes())
        .merge(crate::hosted_page::routes())
        .merge(crate::button::routes())
        .merge(crate::checkout_js::routes())
        .merge(crate::sign_in::routes())
        .fallback(crate::api::handle)
        .with_state(app)
}

/// How long an answer injected before processing waits for the rest of the request body.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Reads and discards a request body (at most [`MAX_BODY`] bytes, for at most
/// [`DRAIN_TIMEOUT`]) before an answer that does not look at it. An HTTP/2 server that answers
/// while the client is still sending resets the stream (RFC 9113 §8.1), and clients such as
/// curl then report a stream error instead of the answer.
async fn drain(body: Incoming) {
    let _ = tokio::time::timeout(DRAIN_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await;
}

fn fault_response(app: &App, status: u16) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = match status.as_u16() {
        429 => "TooManyRequests",
        500 => "InternalServerError",
        503 => "ServiceUnavailable",
        _ => "InjectedFault",
    };
    let body =
        serde_json::json!({ "reasonCode": reason, "message": format!("Injected fault: {status}") });
    let mut r = Response::new(Body::from(body.to_string()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    if let Ok(v) = http::HeaderValue::from_str(&app.request_id()) {
        r.headers_mut().insert("x-amz-pay-request-id", v);
    }
    r
}

fn describe(action: FaultAction, timing: FaultTiming) -> String {
    let when = match timing {
        FaultTiming::Before => "before",
        _ => "after",
    };
    match action {
        FaultAction::Status(s) => format!("status {s} {when}"),
        FaultAction::Delay(d) => format!("delay {}ms {when}", d.as_millis()),
        FaultAction::TruncateBody => format!("truncate body {when}"),
        _ => format!("drop {when}"),
    }
}

/// The same answer with its body cut to the first half (`content-length` adjusted).
async fn truncate_body(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(http::header::CONTENT_LENGTH, half.len().into());
    Response::from_parts(parts, Body::from(half))
}

struct Seen {
    method: Method,
    path: String,
    idempotency_key: Option<String>,
}

fn record(app: &App, seen: &Seen, outcome: Option<&Outcome>, status: u16, fault: Option<String>) {
    let route = routing::route(&seen.method, &seen.path).ok();
    let verdict = if fault.as_deref().is_some_and(|f| !f.starts_with("delay")) {
        Verdict::Fault
    } else if status < 400 && status != 0 {
        Verdict::Accepted
    } else {
        Verdict::Rejected
    };
    let entry = RequestRecord {
        seq: 0,
        method: seen.method.as_str().to_owned(),
        path: outcome.map_or_else(
            || routing::redacted_path(route.as_ref(), &seen.path),
            |o| o.path.clone(),
        ),
        operation: outcome
            .and_then(|o| o.operation)
            .or_else(|| route.as_ref().map(|r| r.operation.name()))
            .map(str::to_owned),
        path_template: route.as_ref().map(|r| r.operation.template().to_owned()),
        idempotency_key: seen.idempotency_key.clone(),
        status,
        reason_code: outcome.and_then(|o| o.reason_code.clone()),
        verdict,
        fault,
        replayed: outcome.is_some_and(|o| o.replayed),
    };
    lock(&app.log).push(entry);
}

/// One request through faults, the router and the log.
async fn serve(
    app: Arc<App>,
    router: Router,
    request: Request<Incoming>,
) -> Result<Response<Body>, Dropped> {
    let seen = Seen {
        method: request.method().clone(),
        path: request.uri().path().to_owned(),
        idempotency_key: request
            .headers()
            .get("x-amz-pay-idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let faultable = !seen.path.starts_with("/__admin");
    let decide = |timing| {
        if faultable {
            lock(&app.faults).decide(&seen.method, &seen.path, timing)
        } else {
            None
        }
    };
    let mut delay_note = None;
    match decide(FaultTiming::Before) {
        Some(FaultAction::Status(s)) => {
            drain(request.into_body()).await;
            record(
                &app,
                &seen,
                None,
                s,
                Some(describe(FaultAction::Status(s), FaultTiming::Before)),
            );
            return Ok(fault_response(&app, s));
        }
        Some(FaultAction::Delay(d)) => {
            tokio::time::sleep(d).await;
            delay_note = Some(describe(FaultAction::Delay(d), FaultTiming::Before));
        }
        Some(FaultAction::TruncateBody) => {}
        Some(action) => {
            record(
                &app,
                &seen,
                None,
                0,
                Some(describe(action, FaultTiming::Before)),
            );
            return Err(Dropped);
        }
        None => {}
    }
    let response = match router.oneshot(request.map(Body::new)).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let outcome = response.extensions().get::<Outcome>().cloned();
    let after = decide(FaultTiming::After);
    let is_api = outcome.is_some();
    let status = response.status().as_u16();
    let result = match after {
        Some(FaultAction::Status(s)) => {
            record(
                &app,
                &seen,
                outcome.as_ref(),
                s,
                Some(describe(FaultAction::Status(s), FaultTiming::After)),
            );
            return Ok(fault_response(&app, s));
        }
        Some(FaultAction::Delay(d)) => {
            tokio::time::sleep(d).await;
            delay_note = Some(describe(FaultAction::Delay(d), FaultTiming::After));
            Ok(response)
        }
        Some(FaultAction::TruncateBody) => {
            record(
                &app,
                &seen,
                outcome.as_ref(),
                status,
                Some(describe(FaultAction::TruncateBody, FaultTiming::After)),
            );
            return Ok(truncate_body(response).await);
        }
        Some(action) => {
            record(
                &app,
                &seen,
                outcome.as_ref(),
                0,
                Some(describe(action, FaultTiming::After)),
            );
            return Err(Dropped);
        }
        None => Ok(response),
    };
    if is_api || delay_note.is_some() {
        record(&app, &seen, outcome.as_ref(), status, delay_note);
    }
    result
}

/// Accepts connections until `shutdown` flips to true.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    app: Arc<App>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    mut shutdown: watch::Receiver<bool>,
) {
    let router = router(Arc::clone(&app));
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => break,
        };
        while connections.try_join_next().is_some() {}
        let Ok((stream, _peer)) = accepted else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = Arc::clone(&app);
        let router = router.clone();
        let tls = tls.clone();
        connections.spawn(async move {
            // Each request runs in its own task: a client that hangs up (an attempt timeout during
            // an injected delay) does not cancel it, as it would not stop a real service, and
            // everything carried out reaches the request log.
            let service = hyper::service::service_fn(move |req| {
                let task = tokio::spawn(serve(Arc::clone(&app), router.clone(), req));
                async move { task.await.unwrap_or(Err(Dropped)) }
            });
            let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            match tls {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let _ = builder
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    }
                }
                None => {
                    let _ = builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                }
            }
        });
    }
    connections.shutdown().await;
}

/// Applies due transitions once a second, so pending states resolve (and IPNs go out) without requests.
pub(crate) async fn ticker(app: Arc<App>) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        interval.tick().await;
        app.tick();
    }
}
