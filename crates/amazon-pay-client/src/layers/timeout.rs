//! Timeouts: one layer type, used twice — around the whole call (outside retry) and around each
//! attempt (inside retry).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;
use tokio::time::Sleep;
use tower_layer::Layer;
use tower_service::Service;

use super::{CallTimeout, HttpRequest, HttpResponse, SentAttempts};
use crate::{Error, ErrorKind};

/// Which timeout a [`TimeoutLayer`] enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutScope {
    /// The whole call, every attempt and backoff included. A [`CallTimeout`] request extension
    /// overrides the layer's duration. The error reports the attempts sent so far and is
    /// retryable: repeating the call with its idempotency key returns the first outcome when an
    /// attempt was processed, and processes it once when none was.
    Total,
    /// One attempt. Retryable: the retry layer sends the call again.
    Attempt,
}

/// [`Layer`] failing a request with [`ErrorKind::Timeout`] when it takes too long.
#[derive(Debug, Clone, Copy)]
pub struct TimeoutLayer {
    duration: Option<Duration>,
    scope: TimeoutScope,
}

impl TimeoutLayer {
    /// A timeout over the whole call; `None` means no limit unless a call sets one.
    pub fn total(duration: Option<Duration>) -> Self {
        TimeoutLayer {
            duration,
            scope: TimeoutScope::Total,
        }
    }

    /// A timeout over each attempt; `None` means no limit.
    pub fn attempt(duration: Option<Duration>) -> Self {
        TimeoutLayer {
            duration,
            scope: TimeoutScope::Attempt,
        }
    }
}

impl<S> Layer<S> for TimeoutLayer {
    type Service = TimeoutService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        TimeoutService {
            inner,
            duration: self.duration,
            scope: self.scope,
        }
    }
}

/// The service of [`TimeoutLayer`].
#[derive(Debug, Clone)]
pub struct TimeoutService<S> {
    inner: S,
    duration: Option<Duration>,
    scope: TimeoutScope,
}

impl<S> Service<HttpRequest> for TimeoutService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = TimeoutFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: HttpRequest) -> Self::Future {
        let sent = match self.scope {
            TimeoutScope::Total => {
                let sent = SentAttempts::default();
                req.extensions_mut().insert(sent.clone());
                Some(sent)
            }
            TimeoutScope::Attempt => None,
        };
        let duration = match self.scope {
            TimeoutScope::Total => req
                .extensions()
                .get::<CallTimeout>()
                .map(|t| t.0)
                .or(self.duration),
            TimeoutScope::Attempt => self.duration,
        };
        TimeoutFuture {
            inner: self.inner.call(req),
            sleep: None,
            duration,
            scope: self.scope,
            sent,
        }
    }
}

pin_project! {
    /// The future of [`TimeoutService`]: the inner call, ended with [`ErrorKind::Timeout`] when
    /// its time, counted from the first poll, is up.
    #[must_use = "futures do nothing unless polled"]
    pub struct TimeoutFuture<F> {
        #[pin]
        inner: F,
        #[pin]
        sleep: Option<Sleep>,
        duration: Option<Duration>,
        scope: TimeoutScope,
        sent: Option<SentAttempts>,
    }
}

impl<F> std::fmt::Debug for TimeoutFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TimeoutFuture")
            .field("duration", &self.duration)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl<F> Future for TimeoutFuture<F>
where
    F: Future<Output = Result<HttpResponse, Error>>,
{
    type Output = Result<HttpResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let Some(duration) = *this.duration else {
            return this.inner.poll(cx);
        };
        if this.sleep.is_none() {
            // Started on the first poll, in the runtime's context.
            this.sleep.set(Some(tokio::time::sleep(duration)));
        }
        if let Poll::Ready(result) = this.inner.poll(cx) {
            return Poll::Ready(result);
        }
        match this.sleep.as_pin_mut() {
            Some(sleep) => {
                ready!(sleep.poll(cx));
                let what = match this.scope {
                    TimeoutScope::Total => "the call",
                    TimeoutScope::Attempt => "an attempt",
                };
                let mut err = Error::new(
                    ErrorKind::Timeout,
                    format!("{what} took longer than {duration:?}"),
                )
                .with_retryable(true);
                if let Some(sent) = this.sent {
                    err.set_attempts(sent.get());
                }
                Poll::Ready(Err(err))
            }
            None => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::BoxFuture;
    use crate::layers::testing::request;
    use tower::ServiceExt;

    fn slow(
        delay: Duration,
    ) -> impl Service<
        HttpRequest,
        Response = HttpResponse,
        Error = Error,
        Future = BoxFuture<HttpResponse>,
    > + Clone {
        tower::service_fn(move |_req: HttpRequest| -> BoxFuture<HttpResponse> {
            Box::pin(async move {
                tokio::time::sleep(delay).await;
                Ok(crate::layers::testing::response(200))
            })
        })
    }

    #[tokio::test(start_paused = true)]
    async fn total_timeout_is_retryable_and_counts_the_attempts_sent() {
        // The rule changed: a total timeout used to be "not retryable, 0 attempts" although the
        // attempts in flight may have been processed.
        let policy = crate::layers::RetryPolicy::new()
            .max_attempts(3)
            .base_backoff(Duration::from_millis(10))
            .max_backoff(Duration::from_millis(10));
        let attempt_timeout = TimeoutLayer::attempt(Some(Duration::from_secs(1)));
        let svc = TimeoutLayer::total(Some(Duration::from_millis(2500))).layer(
            crate::layers::RetryLayer::new(policy)
                .layer(attempt_timeout.layer(slow(Duration::from_secs(5)))),
        );
        let err = svc.oneshot(request("POST", "/")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
        assert!(err.message().starts_with("the call"), "{err}");
        assert!(err.is_retryable());
        assert_eq!(
            err.attempts(),
            3,
            "two attempts timed out, the third was in flight"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn attempt_timeout_is_retryable() {
        let svc =
            TimeoutLayer::attempt(Some(Duration::from_secs(1))).layer(slow(Duration::from_secs(5)));
        let err = svc.oneshot(request("GET", "/")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
        assert!(err.is_retryable());
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_timeout_overrides_the_total() {
        let svc =
            TimeoutLayer::total(Some(Duration::from_secs(10))).layer(slow(Duration::from_secs(5)));
        let mut req = request("GET", "/");
        req.extensions_mut()
            .insert(CallTimeout(Duration::from_secs(2)));
        assert!(svc.clone().oneshot(req).await.is_err());
        assert!(svc.oneshot(request("GET", "/")).await.is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn no_duration_means_no_limit() {
        let svc = TimeoutLayer::attempt(None).layer(slow(Duration::from_secs(500)));
        assert!(svc.oneshot(request("GET", "/")).await.is_ok());
    }
}
