//! Retries with capped exponential backoff, jitter and `Retry-After`.

use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use amazon_pay_types::is_retryable_status;
use rand::Rng;
use tower::ServiceExt;
use tower_layer::Layer;
use tower_service::Service;

use super::{Attempt, Attempts, BoxFuture, HttpRequest, HttpResponse, SentAttempts, clone_request};
use crate::Error;
use crate::headers::retry_after;

/// When and how often to send a call again.
///
/// Retried: the statuses 408, 425, 429, 500, 502, 503, 504, transport failures and attempt
/// timeouts. Never retried: any other status, invalid input, signing failures, a refused TLS
/// certificate, the total timeout, an oversized response.
///
/// The wait before attempt `n + 1` is `base_backoff × 2^(n-1)`, capped at `max_backoff`; with
/// jitter it is drawn uniformly from the upper half of that. A `Retry-After` header (seconds or
/// an HTTP date in any of its three forms) makes the wait at least that long; if it asks for
/// more than `max_backoff` the client stops retrying and reports the answer, whose error
/// carries the wait asked for ([`Error::retry_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts, 1 s base, 10 s maximum, with jitter.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(10),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> Self {
        RetryPolicy::default()
    }

    /// One attempt, no retry.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// The number of attempts including the first; 0 is treated as 1.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait after the first failed attempt.
    pub fn base_backoff(mut self, backoff: Duration) -> Self {
        self.base_backoff = backoff;
        self
    }

    /// The longest wait between two attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Whether to randomize the waits (recommended: it spreads the retries of many clients).
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The configured number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after `failed` failed attempts (1-based), before jitter and `Retry-After`.
    pub fn backoff(&self, failed: u32) -> Duration {
        let factor = 2u32.saturating_pow(failed.saturating_sub(1));
        self.base_backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff)
    }

    fn wait(&self, failed: u32, retry_after: Option<Duration>) -> Option<Duration> {
        let mut wait = self.backoff(failed);
        if self.jitter && !wait.is_zero() {
            let half = wait / 2;
            wait = half + rand::rng().random_range(Duration::ZERO..=wait - half);
        }
        match retry_after {
            Some(asked) if asked > self.max_backoff => None,
            Some(asked) => Some(wait.max(asked)),
            None => Some(wait),
        }
    }
}

/// [`Layer`] sending a call again as its [`RetryPolicy`] allows.
///
/// Each attempt is a copy of the same request (same body bytes, same idempotency key) with an
/// [`Attempt`] extension; the layers inside (attempt timeout, signing) run again, so every
/// attempt is signed with a fresh date. The response carries an [`Attempts`] extension and
/// errors report the number of attempts.
#[derive(Debug, Clone, Copy, Default)]
pub struct RetryLayer {
    policy: RetryPolicy,
}

impl RetryLayer {
    /// A layer with `policy`.
    pub fn new(policy: RetryPolicy) -> Self {
        RetryLayer { policy }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = RetryService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RetryService {
            inner,
            policy: self.policy,
        }
    }
}

/// The service of [`RetryLayer`].
#[derive(Debug, Clone)]
pub struct RetryService<S> {
    inner: S,
    policy: RetryPolicy,
}

impl<S> Service<HttpRequest> for RetryService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = BoxFuture<HttpResponse>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        // The call drives its own clone of the inner service to readiness before each attempt.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: HttpRequest) -> Self::Future {
        let mut inner = self.inner.clone();
        let policy = self.policy;
        let sent = req.extensions().get::<SentAttempts>().cloned();
        Box::pin(async move {
            let mut attempt = 1u32;
            loop {
                let mut this = clone_request(&req);
                this.extensions_mut().insert(Attempt(attempt));
                if let Some(sent) = &sent {
                    sent.set(attempt);
                }
                let result = match inner.ready().await {
                    Ok(ready) => ready.call(this).await,
                    Err(err) => Err(err),
                };
                if let (Err(err), Some(sent)) = (&result, &sent)
                    && err.nothing_sent()
                {
                    sent.set(attempt - 1);
                }
                let last = attempt >= policy.max_attempts;
                let retry_after = match &result {
                    Ok(resp) if is_retryable_status(resp.status().as_u16()) && !last => {
                        Some(retry_after(resp.headers(), SystemTime::now()))
                    }
                    Err(err) if err.is_retryable() && !last => Some(err.retry_after()),
                    _ => None,
                };
                let wait = retry_after.and_then(|asked| policy.wait(attempt, asked));
                let Some(wait) = wait else {
                    return match result {
                        Ok(mut resp) => {
                            resp.extensions_mut().insert(Attempts(attempt));
                            Ok(resp)
                        }
                        Err(mut err) => {
                            // This attempt went out unless it failed before sending.
                            let sent = if err.nothing_sent() {
                                attempt - 1
                            } else {
                                attempt
                            };
                            err.set_attempts(sent);
                            Err(err)
                        }
                    };
                };
                tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::layers::testing::{Recorder, request, response};

    fn fast() -> RetryPolicy {
        RetryPolicy::new()
            .max_attempts(4)
            .base_backoff(Duration::from_millis(1))
            .max_backoff(Duration::from_millis(5))
    }

    #[tokio::test]
    async fn retries_retryable_statuses_then_succeeds() {
        let recorder = Recorder::new().status(429).status(503).status(200);
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let resp = svc.oneshot(request("POST", "/x")).await.unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.extensions().get::<Attempts>(), Some(&Attempts(3)));
        let seen = recorder.requests();
        assert_eq!(seen.len(), 3);
        for (i, r) in seen.iter().enumerate() {
            assert_eq!(
                r.extensions().get::<Attempt>(),
                Some(&Attempt(i as u32 + 1))
            );
            assert_eq!(r.body(), seen[0].body());
        }
    }

    #[tokio::test]
    async fn other_4xx_are_sent_once() {
        for status in [400u16, 401, 404, 409, 422] {
            let recorder = Recorder::new().status(status).status(200);
            let svc = RetryLayer::new(fast()).layer(recorder.clone());
            let resp = svc.oneshot(request("POST", "/x")).await.unwrap();
            assert_eq!(resp.status(), status);
            assert_eq!(recorder.requests().len(), 1);
        }
    }

    #[tokio::test]
    async fn gives_up_after_max_attempts() {
        let recorder = Recorder::new()
            .status(500)
            .status(502)
            .status(504)
            .status(408)
            .status(200);
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let resp = svc.oneshot(request("GET", "/x")).await.unwrap();
        assert_eq!(resp.status(), 408);
        assert_eq!(resp.extensions().get::<Attempts>(), Some(&Attempts(4)));
        assert_eq!(recorder.requests().len(), 4);
    }

    #[tokio::test]
    async fn transport_errors_are_retried_and_counted() {
        let recorder = Recorder::new()
            .then(|_| Err(Error::new(ErrorKind::Transport, "reset")))
            .then(|_| Err(Error::new(ErrorKind::Transport, "reset")));
        let svc = RetryLayer::new(fast().max_attempts(2)).layer(recorder.clone());
        let err = svc.oneshot(request("GET", "/x")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Transport);
        assert_eq!(err.attempts(), 2);
    }

    #[tokio::test]
    async fn non_retryable_errors_stop_at_once() {
        // A signing failure sends nothing: 0 attempts (this used to report 1).
        let recorder = Recorder::new().then(|_| Err(Error::new(ErrorKind::Signing, "no")));
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let err = svc.oneshot(request("GET", "/x")).await.unwrap_err();
        assert_eq!(err.attempts(), 0);
        assert_eq!(recorder.requests().len(), 1);
    }

    #[tokio::test]
    async fn attempts_count_only_what_was_sent() {
        // One attempt answered 503 and retried, then signing fails: 1 was sent.
        let recorder = Recorder::new()
            .status(503)
            .then(|_| Err(Error::new(ErrorKind::Signing, "no")));
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let err = svc.oneshot(request("POST", "/x")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Signing);
        assert_eq!(err.attempts(), 1);
        // A non-retryable failure after sending (a decode or service error) counts its attempt.
        let recorder = Recorder::new().then(|_| Err(Error::new(ErrorKind::Decode, "bad")));
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let err = svc.oneshot(request("POST", "/x")).await.unwrap_err();
        assert_eq!(err.attempts(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_is_honoured() {
        let recorder = Recorder::new()
            .then(|_| {
                let mut r = response(429);
                r.headers_mut().insert("retry-after", "2".parse().unwrap());
                Ok(r)
            })
            .status(200);
        let policy = fast().max_backoff(Duration::from_secs(5));
        let svc = RetryLayer::new(policy).layer(recorder.clone());
        let started = tokio::time::Instant::now();
        svc.oneshot(request("GET", "/x")).await.unwrap();
        assert!(started.elapsed() >= Duration::from_secs(2));
        assert_eq!(recorder.requests().len(), 2);
    }

    #[tokio::test]
    async fn retry_after_beyond_the_maximum_stops_retrying() {
        let recorder = Recorder::new()
            .then(|_| {
                let mut r = response(503);
                r.headers_mut()
                    .insert("retry-after", "3600".parse().unwrap());
                Ok(r)
            })
            .status(200);
        let svc = RetryLayer::new(fast()).layer(recorder.clone());
        let resp = svc.oneshot(request("GET", "/x")).await.unwrap();
        assert_eq!(resp.status(), 503);
        assert_eq!(recorder.requests().len(), 1);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let p = RetryPolicy::new()
            .base_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(500));
        assert_eq!(p.backoff(1), Duration::from_millis(100));
        assert_eq!(p.backoff(2), Duration::from_millis(200));
        assert_eq!(p.backoff(3), Duration::from_millis(400));
        assert_eq!(p.backoff(4), Duration::from_millis(500));
        assert_eq!(p.backoff(60), Duration::from_millis(500));
        for _ in 0..100 {
            let w = p.wait(2, None).unwrap();
            assert!(w >= Duration::from_millis(100) && w <= Duration::from_millis(200));
        }
        assert_eq!(
            p.jitter(false).wait(2, None),
            Some(Duration::from_millis(200))
        );
    }
}
