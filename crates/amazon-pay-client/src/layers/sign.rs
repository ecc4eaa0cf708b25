//! Signing every attempt, off the async worker threads unless the call is alone and the
//! signer quick.

use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use amazon_pay_signing::{
    Algorithm, PublicKeyId, Region, Signer, SigningParams, sign_http_request,
};
use tower_layer::Layer;
use tower_service::Service;

use super::inline_signing::{self, InlineSigning};
use super::signing_threads::SigningThreads;
use super::{BoxFuture, HttpRequest, HttpResponse};
use crate::{Error, ErrorKind};

/// Where the signing time comes from.
///
/// The system clock in production; tests and emulators with simulated time pass their own.
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// [`Layer`] signing each request with a fresh `x-amz-pay-date`.
///
/// It signs through the signing crate's request helper
/// ([`sign_http_request`](amazon_pay_signing::sign_http_request)), which sets the protocol
/// headers, here and nowhere else in the stack: `x-amz-pay-date`, `x-amz-pay-host`,
/// `x-amz-pay-region`, `accept`, `content-type` and `authorization` (marked sensitive), and
/// rewrites the path and query to their canonical percent-encoded form, so the bytes sent are
/// exactly the bytes signed. Every `x-amz-pay-*` header on the request is signed except the
/// sandbox simulation code.
///
/// The RSA operation runs on signing threads, never on the async worker threads: a signature
/// takes from about 0.3 ms (aws-lc-rs) to several ms (pure Rust or a remote KMS), which would
/// otherwise stall every other task on the worker. There are
/// [`max_concurrent_signatures`](Self::max_concurrent_signatures) of them (by default the
/// number of CPUs), started on first use and shared by every layer of the process with the
/// same count, so the thread count does not grow with the number of clients; further requests
/// queue for a turn while their tasks wait asynchronously. Under load the threads take one signature after another without
/// parking. They work with any async runtime.
///
/// One exception saves the two thread wake-ups of that hand-off when calls come one at a time:
/// a call that is the only one of this layer's calls in flight signs on its own task once the
/// signer has proven quick (at least 8 signatures measured, their moving average within
/// [`inline_signing_limit`](Self::inline_signing_limit), 500 µs by default, and none ever ten
/// times slower). It then holds one worker for about one quick signature while no other call of
/// the layer waits.
#[derive(Clone)]
pub(crate) struct SignLayer {
    inner: Arc<SignConfig>,
}

struct SignConfig {
    threads: Arc<SigningThreads>,
    inline: Arc<InlineSigning>,
    signer: Arc<dyn Signer>,
    public_key_id: PublicKeyId,
    algorithm: Algorithm,
    region: Region,
    host: String,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for SignLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignLayer")
            .field("public_key_id", &self.inner.public_key_id.as_str())
            .field("algorithm", &self.inner.algorithm)
            .field("region", &self.inner.region)
            .field("host", &self.inner.host)
            .finish_non_exhaustive()
    }
}

impl SignLayer {
    /// A layer signing as `public_key_id` with `signer`, for `region` and the `x-amz-pay-host`
    /// value `host`, reading the time from the system clock.
    pub(crate) fn new(
        signer: Arc<dyn Signer>,
        public_key_id: PublicKeyId,
        algorithm: Algorithm,
        region: Region,
        host: impl Into<String>,
    ) -> Self {
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        SignLayer {
            inner: Arc::new(SignConfig {
                threads: SigningThreads::shared(cpus.max(2)),
                inline: Arc::new(InlineSigning::new(inline_signing::DEFAULT_LIMIT)),
                signer,
                public_key_id,
                algorithm,
                region,
                host: host.into(),
                clock: Arc::new(SystemClock),
            }),
        }
    }

    /// Reads the signing time from `clock` instead of the system clock.
    pub(crate) fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        self.rebuild(|c| c.clock = clock)
    }

    /// Signs on the process's set of `n` threads (at least 1, shared with every layer asking for
    /// `n`), so at most `n` signatures of those layers run at once on them (and one more per
    /// layer on the calling task of a call alone in flight, with a quick signer). Raise it for a
    /// remote signer whose latency is network-bound.
    pub(crate) fn max_concurrent_signatures(self, n: usize) -> Self {
        self.rebuild(|c| c.threads = SigningThreads::shared(n))
    }

    /// Lets a call that is alone in flight sign on its own task when the signer's signatures
    /// take at most `limit` on average (default 500 µs); `Duration::ZERO` keeps every signature
    /// on the signing threads.
    pub(crate) fn inline_signing_limit(self, limit: Duration) -> Self {
        self.rebuild(|c| c.inline = Arc::new(InlineSigning::new(limit)))
    }

    fn rebuild(self, change: impl FnOnce(&mut SignConfig)) -> Self {
        let c = &self.inner;
        let mut config = SignConfig {
            threads: Arc::clone(&c.threads),
            inline: Arc::clone(&c.inline),
            signer: Arc::clone(&c.signer),
            public_key_id: c.public_key_id.clone(),
            algorithm: c.algorithm,
            region: c.region,
            host: c.host.clone(),
            clock: Arc::clone(&c.clock),
        };
        change(&mut config);
        SignLayer {
            inner: Arc::new(config),
        }
    }
}

impl<S> Layer<S> for SignLayer {
    type Service = SignService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        SignService {
            inner,
            config: Arc::clone(&self.inner),
        }
    }
}

/// The service of [`SignLayer`].
#[derive(Clone)]
pub(crate) struct SignService<S> {
    inner: S,
    config: Arc<SignConfig>,
}

impl<S> fmt::Debug for SignService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignService").finish_non_exhaustive()
    }
}

/// Signs `req` in place with the signing crate's request helper, recording how long the
/// signature took for the inline-signing decision.
fn sign_in_place(
    mut req: HttpRequest,
    config: &SignConfig,
    time: SystemTime,
) -> Result<HttpRequest, Error> {
    let params = SigningParams {
        region: config.region,
        host: config.host.clone(),
        public_key_id: config.public_key_id.clone(),
        algorithm: config.algorithm,
        time,
    };
    let started = Instant::now();
    let signed = sign_http_request(&mut req, &params, config.signer.as_ref());
    config.inline.record(started.elapsed());
    signed.map_err(signing_error)?;
    Ok(req)
}

/// Maps a signing failure: bad request data is the caller's input, the rest is the signer's.
/// The signing crate's error is the source (a caller can match `Error::Signer` and reach a
/// signer's own error through it), not repeated in the message.
pub(crate) fn signing_error(err: amazon_pay_signing::Error) -> Error {
    use amazon_pay_signing::Error as E;
    let (kind, message) = match err {
        E::InvalidMethod(_) | E::InvalidPath { .. } | E::InvalidHeader { .. } => (
            ErrorKind::InvalidInput,
            "the request cannot be signed as given",
        ),
        _ => (ErrorKind::Signing, "signing failed"),
    };
    Error::new(kind, message)
        .with_source(err)
        .with_retryable(false)
}

impl<S> Service<HttpRequest> for SignService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = BoxFuture<HttpResponse>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: HttpRequest) -> Self::Future {
        // The inner service was driven to readiness; keep that instance for this request.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = Arc::clone(&self.config);
        Box::pin(async move {
            // Counted until the response is in, so a concurrent call signs off the worker.
            let in_flight = config.inline.enter();
            let req = if in_flight.may_sign_inline() {
                sign_in_place(req, &config, config.clock.now())?
            } else {
                sign_off_worker(req, config).await?
            };
            let response = inner.call(req).await;
            drop(in_flight);
            response
        })
    }
}

/// Signs on one of the layer's signing threads, so the async worker goes on with its other
/// tasks meanwhile.
async fn sign_off_worker(req: HttpRequest, config: Arc<SignConfig>) -> Result<HttpRequest, Error> {
    let time = config.clock.now();
    let threads = Arc::clone(&config.threads);
    threads
        .run(move || sign_in_place(req, &config, time))
        .await?
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use http::HeaderValue;
    use tower::ServiceExt;

    use super::*;
    use crate::layers::testing::{Recorder, request};

    /// Deterministic, so both paths must produce byte-identical headers.
    #[derive(Debug)]
    struct FixedSigner;

    impl Signer for FixedSigner {
        fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
            Ok(vec![7u8; 256])
        }
    }

    #[derive(Debug)]
    struct FixedClock;

    impl Clock for FixedClock {
        fn now(&self) -> SystemTime {
            UNIX_EPOCH + Duration::from_secs(1_700_000_000)
        }
    }

    fn layer_with(signer: Arc<dyn Signer>) -> SignLayer {
        SignLayer::new(
            signer,
            PublicKeyId::new("SANDBOX-AEXAMPLEKEYID0000000000").unwrap(),
            Algorithm::V2,
            Region::Eu,
            "pay-api.amazon.eu",
        )
    }

    fn layer() -> SignLayer {
        layer_with(Arc::new(FixedSigner)).with_clock(Arc::new(FixedClock))
    }

    /// Records the name of the thread each signature ran on.
    #[derive(Debug, Default)]
    struct WhereSigner(std::sync::Mutex<Vec<Option<String>>>);

    impl Signer for WhereSigner {
        fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
            let name = std::thread::current().name().map(str::to_owned);
            self.0.lock().unwrap().push(name);
            Ok(vec![7u8; 256])
        }
    }

    const SIGNING_THREAD: Option<&str> = Some("amazon-pay-signer");

    /// The first signatures (one not counted, then the warm-up) go to the signing threads; once
    /// the signer has proven quick, a call
    /// alone in flight signs on its own task, and a call made while another is in flight still
    /// goes to the signing threads.
    #[tokio::test]
    async fn a_call_alone_signs_on_its_task_once_the_signer_is_quick() {
        let signer = Arc::new(WhereSigner::default());
        let names = || -> Vec<Option<String>> { signer.0.lock().unwrap().clone() };
        let (release, held) = tokio::sync::oneshot::channel::<()>();
        let held = Arc::new(std::sync::Mutex::new(Some(held)));
        let transport = tower::service_fn(move |req: HttpRequest| {
            let held = req
                .headers()
                .contains_key("x-hold")
                .then(|| held.lock().unwrap().take())
                .flatten();
            async move {
                if let Some(held) = held {
                    let _ = held.await;
                }
                Ok::<_, Error>(crate::layers::testing::response(200))
            }
        });
        let service = layer_with(Arc::clone(&signer) as Arc<dyn Signer>).layer(transport);
        let get = || request("GET", "https://pay-api.amazon.eu/v2/charges/C1");
        for _ in 0..=inline_signing::WARM_UP {
            service.clone().oneshot(get()).await.unwrap();
        }
        assert!(
            names().iter().all(|n| n.as_deref() == SIGNING_THREAD),
            "{:?}",
            names()
        );

        let here = std::thread::current().name().map(str::to_owned);
        service.clone().oneshot(get()).await.unwrap();
        assert_eq!(names().last().unwrap(), &here);

        // One call held in flight: it signed on this task; the next one goes to a thread.
        let mut hold = get();
        hold.headers_mut()
            .insert("x-hold", HeaderValue::from_static("1"));
        let held_call = tokio::spawn(service.clone().oneshot(hold));
        while names().len() < inline_signing::WARM_UP as usize + 3 {
            tokio::task::yield_now().await;
        }
        service.clone().oneshot(get()).await.unwrap();
        assert_eq!(names().last().unwrap().as_deref(), SIGNING_THREAD);
        release.send(()).unwrap();
        held_call.await.unwrap().unwrap();

        // Alone again: on the task.
        service.clone().oneshot(get()).await.unwrap();
        assert_eq!(names().last().unwrap(), &here);
    }

    /// With a zero limit every signature goes to the signing threads.
    #[tokio::test]
    async fn a_zero_limit_keeps_every_signature_on_the_signing_threads() {
        let signer = Arc::new(WhereSigner::default());
        let service = layer_with(Arc::clone(&signer) as Arc<dyn Signer>)
            .inline_signing_limit(Duration::ZERO)
            .layer(Recorder::new());
        for _ in 0..2 * inline_signing::WARM_UP {
            let req = request("GET", "https://pay-api.amazon.eu/v2/charges/C1");
            service.clone().oneshot(req).await.unwrap();
        }
        let names = signer.0.lock().unwrap().clone();
        assert_eq!(names.len(), 2 * inline_signing::WARM_UP as usize);
        assert!(
            names.iter().all(|n| n.as_deref() == SIGNING_THREAD),
            "{names:?}"
        );
    }

    /// Signing on the signing threads sends the same request from either runtime flavour, with
    /// the canonical path and query and a sensitive authorization header.
    #[test]
    fn both_runtime_flavours_send_the_same_request() {
        let mut sent = Vec::new();
        for mut builder in [
            tokio::runtime::Builder::new_current_thread(),
            tokio::runtime::Builder::new_multi_thread(),
        ] {
            let runtime = builder.enable_all().build().unwrap();
            let recorder = Recorder::new();
            let service = layer().layer(recorder.clone());
            let task = runtime.spawn(async move {
                let req = request("POST", "https://pay-api.amazon.eu/v2/charges?b=2&a=%41");
                service.oneshot(req).await.unwrap();
            });
            runtime.block_on(task).unwrap();
            sent.push(recorder.requests().remove(0));
        }
        assert_eq!(sent[0].uri(), sent[1].uri());
        assert_eq!(sent[0].headers(), sent[1].headers());
        assert_eq!(sent[1].uri().query(), Some("a=A&b=2"));
        assert_eq!(sent[1].headers()["x-amz-pay-date"], "20231114T221320Z");
        assert!(sent[1].headers()["authorization"].is_sensitive());
    }
}
