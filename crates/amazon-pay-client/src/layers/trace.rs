//! One tracing span per attempt.

use std::task::{Context, Poll};
use std::time::Instant;

use tower_layer::Layer;
use tower_service::Service;
use tracing::Instrument;

use super::{Attempt, BoxFuture, HttpRequest, HttpResponse, operation_of};
use crate::Error;
use crate::headers::X_AMZ_PAY_REQUEST_ID;

/// [`Layer`] opening a span `amazon_pay.attempt` around every attempt.
///
/// Span fields: `operation`, `path` (the path **template**, such as `/v2/buyers/{buyerToken}`:
/// raw paths carry buyer and MWS tokens), `method`, `attempt`, and once answered `status`,
/// `request_id` and `latency_ms`. An event at `DEBUG` reports each answer, one at `WARN` each
/// failure. Headers (authorization, tokens, proxy credentials) and bodies are never recorded.
#[derive(Debug, Clone, Copy, Default)]
pub struct TraceLayer {
    _priv: (),
}

impl TraceLayer {
    /// The layer.
    pub fn new() -> Self {
        TraceLayer::default()
    }
}

impl<S> Layer<S> for TraceLayer {
    type Service = TraceService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        TraceService { inner }
    }
}

/// The service of [`TraceLayer`].
#[derive(Debug, Clone)]
pub struct TraceService<S> {
    inner: S,
}

impl<S> Service<HttpRequest> for TraceService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
    S::Future: Send + 'static,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = BoxFuture<HttpResponse>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: HttpRequest) -> Self::Future {
        let (operation, path) =
            operation_of(&req).map_or(("(unnamed)", "(unnamed)"), |info| (info.name, info.path));
        let attempt = req.extensions().get::<Attempt>().map_or(1, |a| a.0);
        let span = tracing::info_span!(
            "amazon_pay.attempt",
            operation,
            path,
            method = %req.method(),
            attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let fut = {
            let _entered = span.enter();
            self.inner.call(req)
        };
        let record_span = span.clone();
        Box::pin(
            async move {
                let result = fut.await;
                let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
                record_span.record("latency_ms", latency_ms);
                match &result {
                    Ok(resp) => {
                        record_span.record("status", resp.status().as_u16());
                        if let Some(id) = resp
                            .headers()
                            .get(X_AMZ_PAY_REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                        {
                            record_span.record("request_id", id);
                        }
                        tracing::debug!(status = resp.status().as_u16(), latency_ms, "answered");
                    }
                    Err(err) => {
                        tracing::warn!(kind = ?err.kind(), latency_ms, error = %err, "failed");
                    }
                }
                result
            }
            .instrument(span),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::testing::{Recorder, request};
    use tower::ServiceExt;

    #[tokio::test]
    async fn passes_requests_through() {
        let recorder = Recorder::new().status(204);
        let svc = TraceLayer::new().layer(recorder.clone());
        let resp = svc
            .oneshot(request("GET", "/v2/buyers/secret"))
            .await
            .unwrap();
        assert_eq!(resp.status(), 204);
        assert_eq!(recorder.requests().len(), 1);
    }
}
