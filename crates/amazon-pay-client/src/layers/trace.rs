//! Tracing spans: one per call, one per attempt inside it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;
use tracing::Span;
use tracing::field::Empty;

use super::{Attempt, Attempts, HttpRequest, HttpResponse, operation_of};
use crate::Error;
use crate::headers::{X_AMZ_PAY_IDEMPOTENCY_KEY, X_AMZ_PAY_REQUEST_ID};

/// What a [`TraceLayer`] wraps in its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Call,
    Attempt,
}

/// [`Layer`] opening a tracing span around each call (`amazon_pay.call`, outside retry) or each
/// attempt (`amazon_pay.attempt`, inside retry, so attempt spans and retry events sit in the
/// call's span).
///
/// Fields of both: `operation`, `method`, `path` (the path **template**, such as
/// `/v2/buyers/{buyerToken}`: raw paths carry buyer and MWS tokens), and once answered
/// `status`, `request_id` and `latency_ms` (whole milliseconds, an integer). `amazon_pay.call`
/// adds `idempotency_key` (when the call carries one) and `attempts` (how many were sent);
/// `amazon_pay.attempt` adds `attempt` (its 1-based number). An event at `DEBUG` reports each
/// answer, one at `WARN` each failure. Headers (authorization, tokens, proxy credentials) and
/// bodies are never recorded.
#[derive(Debug, Clone, Copy)]
pub struct TraceLayer {
    scope: Scope,
}

impl TraceLayer {
    /// The span of a whole call: place it outside the retry layer, inside the idempotency
    /// layer (whose key it records).
    pub fn call() -> Self {
        TraceLayer { scope: Scope::Call }
    }

    /// The span of one attempt: place it inside the retry layer.
    pub fn attempt() -> Self {
        TraceLayer {
            scope: Scope::Attempt,
        }
    }
}

impl<S> Layer<S> for TraceLayer {
    type Service = TraceService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        TraceService {
            inner,
            scope: self.scope,
        }
    }
}

/// The service of [`TraceLayer`].
#[derive(Debug, Clone)]
pub struct TraceService<S> {
    inner: S,
    scope: Scope,
}

impl<S> Service<HttpRequest> for TraceService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = TraceFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: HttpRequest) -> Self::Future {
        let (operation, path) =
            operation_of(&req).map_or(("(unnamed)", "(unnamed)"), |info| (info.name, info.path));
        let method = req.method().as_str();
        let span = match self.scope {
            Scope::Call => tracing::info_span!(
                "amazon_pay.call",
                operation,
                method,
                path,
                idempotency_key = req
                    .headers()
                    .get(X_AMZ_PAY_IDEMPOTENCY_KEY)
                    .and_then(|v| v.to_str().ok()),
                attempts = Empty,
                status = Empty,
                request_id = Empty,
                latency_ms = Empty,
            ),
            Scope::Attempt => tracing::info_span!(
                "amazon_pay.attempt",
                operation,
                method,
                path,
                attempt = req.extensions().get::<Attempt>().map_or(1, |a| a.0),
                status = Empty,
                request_id = Empty,
                latency_ms = Empty,
            ),
        };
        let started = Instant::now();
        let inner = {
            let _entered = span.enter();
            self.inner.call(req)
        };
        TraceFuture {
            inner,
            span,
            scope: self.scope,
            started,
        }
    }
}

pin_project! {
    /// The future of [`TraceService`]: the inner call polled inside its span, the answer
    /// recorded on the span when it is in.
    #[must_use = "futures do nothing unless polled"]
    pub struct TraceFuture<F> {
        #[pin]
        inner: F,
        span: Span,
        scope: Scope,
        started: Instant,
    }
}

impl<F> std::fmt::Debug for TraceFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TraceFuture").finish_non_exhaustive()
    }
}

impl<F> Future for TraceFuture<F>
where
    F: Future<Output = Result<HttpResponse, Error>>,
{
    type Output = Result<HttpResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let _entered = this.span.enter();
        let result = ready!(this.inner.poll(cx));
        record(this.span, *this.scope, *this.started, &result);
        Poll::Ready(result)
    }
}

/// Records an answer or a failure on the span, with its event.
fn record(span: &Span, scope: Scope, started: Instant, result: &Result<HttpResponse, Error>) {
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.record("latency_ms", latency_ms);
    let (status, request_id, attempts) = match result {
        Ok(resp) => (
            Some(resp.status().as_u16()),
            resp.headers()
                .get(X_AMZ_PAY_REQUEST_ID)
                .and_then(|v| v.to_str().ok()),
            resp.extensions().get::<Attempts>().map(|a| a.0),
        ),
        Err(err) => (
            err.status().map(|s| s.as_u16()),
            err.request_id(),
            Some(err.attempts()).filter(|n| *n > 0),
        ),
    };
    span.record("status", status);
    span.record("request_id", request_id);
    if scope == Scope::Call {
        span.record("attempts", attempts);
    }
    let what = match scope {
        Scope::Call => "call",
        Scope::Attempt => "attempt",
    };
    match result {
        Ok(_) => tracing::debug!(status, latency_ms, "{what} answered"),
        Err(err) => {
            tracing::warn!(kind = ?err.kind(), latency_ms, error = %err, "{what} failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::testing::{Recorder, request};
    use tower::ServiceExt;

    #[tokio::test]
    async fn passes_requests_through() {
        for layer in [TraceLayer::call(), TraceLayer::attempt()] {
            let recorder = Recorder::new().status(204);
            let svc = layer.layer(recorder.clone());
            let resp = svc
                .oneshot(request("GET", "/v2/buyers/secret"))
                .await
                .unwrap();
            assert_eq!(resp.status(), 204);
            assert_eq!(recorder.requests().len(), 1);
        }
    }
}
