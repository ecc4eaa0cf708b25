//! The tower layers of the client stack, outer to inner:
//!
//! ```text
//! EndpointLayer -> AuthTokenLayer -> IdempotencyLayer -> TraceLayer::call -> TimeoutLayer::total
//!   -> RetryLayer -> (layers added with ClientBuilder::layer) -> TimeoutLayer::attempt
//!   -> SignLayer -> TraceLayer::attempt -> transport
//! ```
//!
//! Every layer works on [`HttpRequest`] / [`HttpResponse`] (the body is serialized once, as
//! [`Bytes`], before the stack) with the client's [`Error`]. `Client` assembles the stack; these
//! types are public so an application can assemble its own.
//!
//! Layers communicate through request extensions: the operation's
//! [`&'static OperationInfo`](crate::OperationInfo), [`CallTimeout`] and [`Attempt`], and through
//! response extensions: [`Attempts`] and [`IdempotencyKey`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use pin_project_lite::pin_project;

use crate::Error;

mod auth_token;
mod endpoint;
mod idempotency;
mod inline_signing;
mod retry;
mod sign;
mod signing_threads;
mod timeout;
mod trace;

pub use auth_token::{AuthTokenLayer, AuthTokenService};
pub use endpoint::{Endpoint, EndpointLayer, EndpointService};
pub use idempotency::{
    IdempotencyFuture, IdempotencyLayer, IdempotencyService, MAX_IDEMPOTENCY_KEY_LEN,
    derive_idempotency_key, generate_idempotency_key, validate_idempotency_key,
};
pub use retry::{RetryLayer, RetryPolicy, RetryService};
pub(crate) use sign::signing_error;
pub use sign::{Clock, SignLayer, SignService, SystemClock};
pub use timeout::{TimeoutFuture, TimeoutLayer, TimeoutScope, TimeoutService};
pub use trace::{TraceFuture, TraceLayer, TraceService};

/// The request every layer handles: the body is already serialized.
pub type HttpRequest = http::Request<Bytes>;
/// The response every layer handles: the body is fully read (within the size limit).
pub type HttpResponse = http::Response<Bytes>;
/// The boxed future the layers with a loop of their own (retry, signing) return.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>;

pin_project! {
    /// The future of a layer that may refuse a request before calling the inner service: the
    /// refusal, or the inner service's future.
    #[must_use = "futures do nothing unless polled"]
    pub struct ReadyOr<F> {
        #[pin]
        future: Option<F>,
        refusal: Option<Error>,
    }
}

impl<F> ReadyOr<F> {
    /// The inner service's future.
    pub(crate) fn inner(future: F) -> Self {
        ReadyOr {
            future: Some(future),
            refusal: None,
        }
    }

    /// The refusal of the request with `error`.
    pub(crate) fn refused(error: Error) -> Self {
        ReadyOr {
            future: None,
            refusal: Some(error),
        }
    }
}

impl<F> fmt::Debug for ReadyOr<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadyOr")
            .field("refusal", &self.refusal)
            .finish_non_exhaustive()
    }
}

impl<F> Future for ReadyOr<F>
where
    F: Future<Output = Result<HttpResponse, Error>>,
{
    type Output = Result<HttpResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(error) = this.refusal.take() {
            return Poll::Ready(Err(error));
        }
        match this.future.as_pin_mut() {
            Some(future) => future.poll(cx),
            // A refusal already returned: a future polled after it completed never completes.
            None => Poll::Pending,
        }
    }
}

/// Request extension: the total timeout of this one call, overriding the client's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallTimeout(pub Duration);

/// Request extension set by [`RetryLayer`]: the 1-based number of the attempt being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt(pub u32);

/// Response extension set by [`RetryLayer`]: how many attempts the call took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts(pub u32);

/// Request extension set by the total [`TimeoutLayer`] and kept up to date by [`RetryLayer`]:
/// how many attempts of the call have been sent so far, readable when the total timeout ends
/// the call in the middle of an attempt.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentAttempts(std::sync::Arc<std::sync::atomic::AtomicU32>);

impl SentAttempts {
    pub(crate) fn set(&self, attempts: u32) {
        self.0.store(attempts, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn get(&self) -> u32 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Response extension set by [`IdempotencyLayer`]: the key the call carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub String);

/// Copies a request: the body is shared, not copied.
pub(crate) fn clone_request(req: &HttpRequest) -> HttpRequest {
    let mut out = http::Request::new(req.body().clone());
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    *out.headers_mut() = req.headers().clone();
    *out.extensions_mut() = req.extensions().clone();
    out
}

/// The operation name for spans and errors.
pub(crate) fn operation_of(req: &HttpRequest) -> Option<&'static crate::OperationInfo> {
    req.extensions()
        .get::<&'static crate::OperationInfo>()
        .copied()
}

#[cfg(test)]
pub(crate) mod testing {
    //! A scripted inner service for the layer unit tests.

    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};
    use std::task::{Context, Poll};

    use super::*;

    type Script = Box<dyn FnMut(&HttpRequest) -> Result<HttpResponse, Error> + Send>;

    /// Records every request it receives and answers from a script.
    #[derive(Clone)]
    pub(crate) struct Recorder {
        pub(crate) seen: Arc<Mutex<Vec<HttpRequest>>>,
        answers: Arc<Mutex<VecDeque<Script>>>,
    }

    impl Recorder {
        pub(crate) fn new() -> Self {
            Recorder {
                seen: Arc::default(),
                answers: Arc::default(),
            }
        }

        pub(crate) fn then(
            self,
            f: impl FnMut(&HttpRequest) -> Result<HttpResponse, Error> + Send + 'static,
        ) -> Self {
            self.answers.lock().unwrap().push_back(Box::new(f));
            self
        }

        pub(crate) fn status(self, status: u16) -> Self {
            self.then(move |_| Ok(response(status)))
        }

        pub(crate) fn requests(&self) -> Vec<HttpRequest> {
            self.seen
                .lock()
                .unwrap()
                .iter()
                .map(clone_request)
                .collect()
        }
    }

    pub(crate) fn response(status: u16) -> HttpResponse {
        let mut resp = http::Response::new(Bytes::from_static(b"{}"));
        *resp.status_mut() = http::StatusCode::from_u16(status).unwrap();
        resp
    }

    pub(crate) fn request(method: &str, uri: &str) -> HttpRequest {
        http::Request::builder()
            .method(method)
            .uri(uri)
            .body(Bytes::from_static(b"{\"a\":1}"))
            .unwrap()
    }

    impl tower_service::Service<HttpRequest> for Recorder {
        type Response = HttpResponse;
        type Error = Error;
        type Future = BoxFuture<HttpResponse>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Error>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: HttpRequest) -> Self::Future {
            let answer = self.answers.lock().unwrap().pop_front();
            let result = match answer {
                Some(mut f) => f(&req),
                None => Ok(response(200)),
            };
            self.seen.lock().unwrap().push(req);
            Box::pin(async move { result })
        }
    }
}
