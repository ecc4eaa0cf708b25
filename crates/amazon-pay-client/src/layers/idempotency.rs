//! Idempotency keys: the caller's key wins; otherwise POST requests (and operations that ask for
//! one) get a generated key, fixed before the retry loop. A caller that must survive a crash
//! derives its key from its own reference and the step ([`derive_idempotency_key`]).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderValue, Method};
use pin_project_lite::pin_project;
use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};
use tower_layer::Layer;
use tower_service::Service;

use super::{HttpRequest, HttpResponse, IdempotencyKey, ReadyOr, operation_of};
use crate::Error;
use crate::headers::X_AMZ_PAY_IDEMPOTENCY_KEY;
use crate::operation::Idempotency;

/// The longest key the service accepts.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 32;

/// Checks a key: 1 to 32 characters of `A-Z a-z 0-9 _ -`.
pub fn validate_idempotency_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(Error::invalid_input(format!(
            "an idempotency key has 1 to {MAX_IDEMPOTENCY_KEY_LEN} characters, this one has {}",
            key.chars().count()
        )));
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::invalid_input(
            "an idempotency key may only contain A-Z, a-z, 0-9, `_` and `-`",
        ));
    }
    Ok(())
}

/// A fresh random key of 32 alphanumeric characters (about 190 bits).
pub fn generate_idempotency_key() -> String {
    rand::rng()
        .sample_iter(Alphanumeric)
        .take(MAX_IDEMPOTENCY_KEY_LEN)
        .map(char::from)
        .collect()
}

/// The key of one step of one business object: the same `reference` and `step` give the same key
/// in every process, on every machine, after every restart.
///
/// `reference` is the merchant's own identifier (an order number such as `A-1001`); `step` names
/// the call within it (`checkout`, `complete`, `capture`, `refund-2`). A process that dies after
/// sending a POST and before recording the answer derives the same key on restart, and the
/// service replays the first answer instead of acting twice (docs/crash-safety.md).
///
/// The key is the SHA-256 of a version tag and both parts, each prefixed with its length (so
/// `("A-1", "0x")` and `("A-10", "x")` differ), encoded as 32 characters of unpadded URL-safe
/// base64: 192 bits, within the service's limit of 32 characters of `A-Z a-z 0-9 _ -`
/// (<https://developer.amazon.com/docs/amazon-pay-api-v2/idempotency.html>). Keys are scoped to
/// the merchant account: two shops on one account need distinct references.
///
/// An empty `reference` or `step` is [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput):
/// every order would share one key.
///
/// ```
/// use amazon_pay_client::derive_idempotency_key;
///
/// let capture = derive_idempotency_key("A-1001", "capture")?;
/// assert_eq!(capture.len(), 32);
/// assert_eq!(capture, derive_idempotency_key("A-1001", "capture")?);
/// assert_ne!(capture, derive_idempotency_key("A-1001", "refund-1")?);
/// # Ok::<(), amazon_pay_client::Error>(())
/// ```
pub fn derive_idempotency_key(reference: &str, step: &str) -> Result<String, Error> {
    if reference.is_empty() || step.is_empty() {
        return Err(Error::invalid_input(
            "a derived idempotency key needs a non-empty reference and step",
        ));
    }
    let mut hash = Sha256::new();
    hash.update(b"amazon-pay-rs idempotency key v1\0");
    for part in [reference, step] {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    // 24 bytes encode to exactly 32 base64 characters, without padding.
    Ok(URL_SAFE_NO_PAD.encode(&digest[..MAX_IDEMPOTENCY_KEY_LEN / 4 * 3]))
}

/// [`Layer`] fixing the idempotency key of a call.
///
/// A key already on the request (the caller's) is validated and kept. Otherwise a key is
/// generated when the operation's [`Idempotency`] asks for one, or, for requests without an
/// operation, when the method is POST. The key is reported in the [`IdempotencyKey`] response
/// extension and on errors.
#[derive(Debug, Clone, Default)]
pub struct IdempotencyLayer {
    _priv: (),
}

impl IdempotencyLayer {
    /// The layer.
    pub fn new() -> Self {
        IdempotencyLayer::default()
    }
}

impl<S> Layer<S> for IdempotencyLayer {
    type Service = IdempotencyService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        IdempotencyService { inner }
    }
}

/// The service of [`IdempotencyLayer`].
#[derive(Debug, Clone)]
pub struct IdempotencyService<S> {
    inner: S,
}

fn wants_key(req: &HttpRequest) -> bool {
    match operation_of(req) {
        Some(info) => info.idempotency != Idempotency::NotSent,
        None => req.method() == Method::POST,
    }
}

fn fix_key(req: &mut HttpRequest) -> Result<Option<String>, Error> {
    if let Some(value) = req.headers().get(X_AMZ_PAY_IDEMPOTENCY_KEY) {
        let key = value
            .to_str()
            .map_err(|_| Error::invalid_input("the idempotency key is not ASCII"))?;
        validate_idempotency_key(key)?;
        return Ok(Some(key.to_owned()));
    }
    if !wants_key(req) {
        return Ok(None);
    }
    let key = generate_idempotency_key();
    let value = HeaderValue::from_str(&key).expect("generated keys are alphanumeric");
    req.headers_mut().insert(X_AMZ_PAY_IDEMPOTENCY_KEY, value);
    Ok(Some(key))
}

impl<S> Service<HttpRequest> for IdempotencyService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = IdempotencyFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: HttpRequest) -> Self::Future {
        match fix_key(&mut req) {
            Ok(key) => IdempotencyFuture {
                inner: ReadyOr::inner(self.inner.call(req)),
                key,
            },
            Err(err) => IdempotencyFuture {
                inner: ReadyOr::refused(err),
                key: None,
            },
        }
    }
}

pin_project! {
    /// The future of [`IdempotencyService`]: the inner call, its answer or error marked with
    /// the key the call carried.
    #[must_use = "futures do nothing unless polled"]
    pub struct IdempotencyFuture<F> {
        #[pin]
        inner: ReadyOr<F>,
        key: Option<String>,
    }
}

impl<F> std::fmt::Debug for IdempotencyFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdempotencyFuture")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl<F> Future for IdempotencyFuture<F>
where
    F: Future<Output = Result<HttpResponse, Error>>,
{
    type Output = Result<HttpResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        Poll::Ready(match (result, this.key.take()) {
            (Ok(mut resp), Some(key)) => {
                resp.extensions_mut().insert(IdempotencyKey(key));
                Ok(resp)
            }
            (Err(mut err), Some(key)) => {
                err.set_idempotency_key(&key);
                Err(err)
            }
            (result, None) => result,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::layers::testing::{Recorder, request};
    use tower::ServiceExt;

    #[test]
    fn validation() {
        validate_idempotency_key("order-42_A").unwrap();
        validate_idempotency_key(&"a".repeat(32)).unwrap();
        for bad in ["", "has space", "ümlaut", "semi;colon", &"a".repeat(33)] {
            assert_eq!(
                validate_idempotency_key(bad).unwrap_err().kind(),
                ErrorKind::InvalidInput,
                "{bad}"
            );
        }
    }

    #[test]
    fn generated_keys_are_valid_and_distinct() {
        let a = generate_idempotency_key();
        let b = generate_idempotency_key();
        assert_eq!(a.len(), 32);
        validate_idempotency_key(&a).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn derived_keys_are_valid_stable_and_distinct() {
        let key = derive_idempotency_key("A-1001", "capture").unwrap();
        validate_idempotency_key(&key).unwrap();
        assert_eq!(key.len(), MAX_IDEMPOTENCY_KEY_LEN);
        // Fixed here so that a change of the derivation (which would double every payment
        // in flight during an upgrade) fails a test.
        assert_eq!(key, derive_idempotency_key("A-1001", "capture").unwrap());
        assert_eq!(key, KNOWN_CAPTURE_KEY);
        let others = [
            derive_idempotency_key("A-1001", "refund-1").unwrap(),
            derive_idempotency_key("A-1002", "capture").unwrap(),
            derive_idempotency_key("A-100", "1capture").unwrap(),
            derive_idempotency_key("A-1001c", "apture").unwrap(),
            derive_idempotency_key("ü-1001", "capture").unwrap(),
        ];
        for (i, other) in others.iter().enumerate() {
            validate_idempotency_key(other).unwrap();
            assert_ne!(&key, other, "{i}");
        }
        let long = "x".repeat(10_000);
        validate_idempotency_key(&derive_idempotency_key(&long, &long).unwrap()).unwrap();
        for (reference, step) in [("", "capture"), ("A-1001", "")] {
            assert_eq!(
                derive_idempotency_key(reference, step).unwrap_err().kind(),
                ErrorKind::InvalidInput
            );
        }
    }

    // Computed independently of this code (Python: hashlib.sha256, base64.urlsafe_b64encode).
    const KNOWN_CAPTURE_KEY: &str = "Adr7Y48pIiDS1SDnsGSBjDCh3ak8XBQr";

    #[tokio::test]
    async fn post_gets_a_key_get_does_not() {
        let recorder = Recorder::new();
        let svc = IdempotencyLayer::new().layer(recorder.clone());
        let resp = svc.clone().oneshot(request("POST", "/v2/x")).await.unwrap();
        svc.clone().oneshot(request("GET", "/v2/x")).await.unwrap();
        svc.oneshot(request("PATCH", "/v2/x")).await.unwrap();
        let seen = recorder.requests();
        let sent = seen[0].headers()[X_AMZ_PAY_IDEMPOTENCY_KEY]
            .to_str()
            .unwrap();
        assert_eq!(resp.extensions().get::<IdempotencyKey>().unwrap().0, sent);
        assert!(!seen[1].headers().contains_key(X_AMZ_PAY_IDEMPOTENCY_KEY));
        assert!(!seen[2].headers().contains_key(X_AMZ_PAY_IDEMPOTENCY_KEY));
    }

    #[tokio::test]
    async fn the_callers_key_wins_and_is_checked() {
        let recorder = Recorder::new().then(|_| Err(Error::new(ErrorKind::Transport, "reset")));
        let svc = IdempotencyLayer::new().layer(recorder.clone());
        let mut req = request("POST", "/v2/x");
        req.headers_mut().insert(
            X_AMZ_PAY_IDEMPOTENCY_KEY,
            HeaderValue::from_static("order-42"),
        );
        let err = svc.clone().oneshot(req).await.unwrap_err();
        assert_eq!(err.idempotency_key(), Some("order-42"));
        assert_eq!(
            recorder.requests()[0].headers()[X_AMZ_PAY_IDEMPOTENCY_KEY],
            "order-42"
        );

        let mut bad = request("POST", "/v2/x");
        bad.headers_mut().insert(
            X_AMZ_PAY_IDEMPOTENCY_KEY,
            HeaderValue::from_static("no spaces"),
        );
        let err = svc.oneshot(bad).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert_eq!(recorder.requests().len(), 1, "an invalid key is never sent");
    }

    #[tokio::test]
    async fn operations_decide_by_their_idempotency() {
        let recorder = Recorder::new();
        let svc = IdempotencyLayer::new().layer(recorder.clone());
        static UPDATE: crate::OperationInfo = crate::OperationInfo::new(
            "UpdateCharge",
            Method::PATCH,
            "/v2/charges/{chargeId}",
            Idempotency::Optional,
            "test",
        );
        let mut patch = request("PATCH", "/v2/charges/C01");
        patch
            .extensions_mut()
            .insert::<&'static crate::OperationInfo>(&UPDATE);
        svc.oneshot(patch).await.unwrap();
        assert!(
            recorder.requests()[0]
                .headers()
                .contains_key(X_AMZ_PAY_IDEMPOTENCY_KEY),
            "Update Charge carries a key although it is a PATCH"
        );
    }
}
