//! `ClientBuilder`: every setting of a client; bad input is a typed error from `build`.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use amazon_pay_signing::{Algorithm, Environment, PrivateKey, PublicKeyId, Region, Signer};
use rustls::pki_types::CertificateDer;
use tower::ServiceBuilder;
use tower::util::BoxCloneSyncService;
use tower_layer::Layer;
use tower_service::Service;

use crate::Error;
use crate::client::{Client, ClientParts};
use crate::headers::{
    X_AMZ_PAY_INTEGRATOR_ID, X_AMZ_PAY_INTEGRATOR_VERSION, X_AMZ_PAY_PLATFORM_VERSION,
};
use crate::layers::{
    AuthTokenLayer, Clock, Endpoint, EndpointLayer, HttpRequest, HttpResponse, IdempotencyLayer,
    RetryLayer, RetryPolicy, SignLayer, SystemClock, TimeoutLayer, TraceLayer,
};
use crate::transport::{
    DEFAULT_MAX_RESPONSE_SIZE, HttpTransport, Proxy, Transport, TransportConfig,
    certificates_from_pem, redact_userinfo,
};

/// A layer added with [`ClientBuilder::layer`], applied when the client is built.
type AddedLayer = Box<dyn FnOnce(Transport) -> Transport + Send>;

enum KeySource {
    Path(PathBuf),
    Pem(String),
    Signer(Arc<dyn Signer>),
}

enum RootSource {
    Pem(Vec<u8>),
    Der(Vec<u8>),
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

/// Builds a [`Client`]. Start with [`Client::builder`].
///
/// Required: a public key id, a private key (path, PEM or [`Signer`]) and a region; the
/// environment too unless the key id starts with `LIVE-` or `SANDBOX-`.
///
/// Defaults: algorithm V2; timeouts 10 s to connect, 30 s per attempt, 90 s in total;
/// [`RetryPolicy::default`]; responses up to 10 MiB; no proxy.
#[must_use]
pub struct ClientBuilder {
    public_key_id: Option<String>,
    key: Option<KeySource>,
    region: Option<String>,
    environment: Option<Environment>,
    algorithm: Algorithm,
    endpoint: Option<String>,
    roots: Vec<RootSource>,
    proxy: Option<String>,
    proxy_auth: Option<(String, String)>,
    no_proxy: Option<String>,
    proxy_from_env: bool,
    connect_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    retry: RetryPolicy,
    auth_token: Option<String>,
    integrator_id: Option<String>,
    integrator_version: Option<String>,
    platform_version: Option<String>,
    user_agent_suffix: Option<String>,
    max_response_size: usize,
    clock: Arc<dyn Clock>,
    signing_concurrency: Option<usize>,
    inline_signing_limit: Option<Duration>,
    transport: Option<Transport>,
    layers: Vec<AddedLayer>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("public_key_id", &self.public_key_id)
            .field("region", &self.region)
            .field("environment", &self.environment)
            .field("algorithm", &self.algorithm)
            .field("endpoint", &self.endpoint.as_deref().map(redact_userinfo))
            .field("proxy", &self.proxy.as_deref().map(redact_userinfo))
            .field(
                "proxy_basic_auth",
                &self.proxy_auth.as_ref().map(|_| "<redacted>"),
            )
            .field("retry", &self.retry)
            .field("layers", &self.layers.len())
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            public_key_id: None,
            key: None,
            region: None,
            environment: None,
            algorithm: Algorithm::V2,
            endpoint: None,
            roots: Vec::new(),
            proxy: None,
            proxy_auth: None,
            no_proxy: None,
            proxy_from_env: false,
            connect_timeout: Some(Duration::from_secs(10)),
            attempt_timeout: Some(Duration::from_secs(30)),
            total_timeout: Some(Duration::from_secs(90)),
            retry: RetryPolicy::default(),
            auth_token: None,
            integrator_id: None,
            integrator_version: None,
            platform_version: None,
            user_agent_suffix: None,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            clock: Arc::new(SystemClock),
            signing_concurrency: None,
            inline_signing_limit: None,
            transport: None,
            layers: Vec::new(),
        }
    }
}

impl ClientBuilder {
    /// The public key id from Seller Central (classic, or `LIVE-...` / `SANDBOX-...`).
    pub fn public_key_id(mut self, id: impl Into<String>) -> Self {
        self.public_key_id = Some(id.into());
        self
    }

    /// Reads the private key from a PEM file (PKCS#8 or PKCS#1) when the client is built.
    pub fn private_key_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.key = Some(KeySource::Path(path.into()));
        self
    }

    /// Uses this PEM text (PKCS#8 or PKCS#1) as the private key.
    pub fn private_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.key = Some(KeySource::Pem(pem.into()));
        self
    }

    /// Signs with this signer: a loaded [`PrivateKey`], an HSM, a KMS.
    pub fn signer(mut self, signer: impl Signer + 'static) -> Self {
        self.key = Some(KeySource::Signer(Arc::new(signer)));
        self
    }

    /// The region: a [`Region`] (`.region(Region::Eu)`), or its name: `na` (or `us`), `eu` (or
    /// `de`, `uk`), `jp`, in any case (`.region("eu")`, from configuration).
    pub fn region(mut self, region: impl AsRef<str>) -> Self {
        self.region = Some(region.as_ref().to_owned());
        self
    }

    /// Sandbox or live. Taken from the key id when it starts with `LIVE-` or `SANDBOX-`; setting
    /// the other one is an error.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment);
        self
    }

    /// The signature algorithm: V2 by default, V1 available.
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Sends requests to this base URL (scheme, host, port, optional path prefix) instead of the
    /// region's API host: for the emulator and tests. The path below it is unchanged
    /// (`/{live|sandbox}/v2/...` for classic key ids, `/v2/...` otherwise), and
    /// `x-amz-pay-host` is the override's host without its port, so a local verifier sees
    /// consistent values; an IPv6 literal keeps its brackets (`https://[::1]:8443` signs
    /// `x-amz-pay-host: [::1]`).
    pub fn endpoint(mut self, base_url: impl Into<String>) -> Self {
        self.endpoint = Some(base_url.into());
        self
    }

    /// Trusts the certificates of this PEM document in addition to the built-in roots (for a
    /// local TLS server or a corporate TLS-inspecting proxy). Certificate verification cannot be
    /// turned off.
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.roots.push(RootSource::Pem(pem.as_ref().to_vec()));
        self
    }

    /// Trusts this DER certificate in addition to the built-in roots.
    pub fn add_root_certificate_der(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.roots.push(RootSource::Der(der.into()));
        self
    }

    /// Connects through the HTTP proxy at `url` (`http://host:port`, credentials in the URL
    /// allowed); HTTPS goes through a `CONNECT` tunnel. The credentials never appear in `Debug`
    /// output, errors or logs (`http://<redacted>@host:port`).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Authenticates to the proxy with Basic credentials.
    pub fn proxy_basic_auth(
        mut self,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.proxy_auth = Some((user.into(), password.into()));
        self
    }

    /// Hosts to reach without the proxy (`NO_PROXY` syntax: comma-separated domains, IPs, CIDR
    /// ranges, or `*`).
    pub fn no_proxy(mut self, list: impl Into<String>) -> Self {
        self.no_proxy = Some(list.into());
        self
    }

    /// Takes the proxy from `HTTPS_PROXY` / `ALL_PROXY` and `NO_PROXY` (either case) when
    /// [`proxy`](Self::proxy) is not set.
    pub fn proxy_from_env(mut self) -> Self {
        self.proxy_from_env = true;
        self
    }

    /// Time allowed to open a TCP connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Time allowed for one attempt (connect, TLS, request, response). A timed-out attempt is
    /// retried.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Time allowed for a whole call, every attempt and wait included. Not retried.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// A solution provider's delegated token, sent as `x-amz-pay-authtoken` on every call that
    /// does not give its own.
    pub fn auth_token(mut self, token: impl Into<String>) -> Self {
        self.auth_token = Some(token.into());
        self
    }

    /// `x-amz-pay-integrator-id` and `x-amz-pay-integrator-version` on every request.
    pub fn integrator(mut self, id: impl Into<String>, version: impl Into<String>) -> Self {
        self.integrator_id = Some(id.into());
        self.integrator_version = Some(version.into());
        self
    }

    /// `x-amz-pay-platform-version` on every request.
    pub fn platform_version(mut self, version: impl Into<String>) -> Self {
        self.platform_version = Some(version.into());
        self
    }

    /// Appended to the user agent `amazon-pay-rs/<version> (Rust; <os>)`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// The largest response body accepted (default 10 MiB).
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Reads the signing time from `clock` (tests, simulated time).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How many signatures may run at once on the signing threads (default: the number of CPUs):
    /// the size of the set of signing threads the client uses (plus, with a quick signer, the one
    /// call alone in flight that signs on its own task). One set of each size serves the whole
    /// process: every client built with the same value signs on the same threads, started on
    /// the first call of any of them, so the thread count does not grow with the number of
    /// clients, and the bound holds for all of them together. Raise it for a remote signer (KMS, HSM) whose
    /// latency is network-bound. A local signer's threads use the CPU while they sign: a burst
    /// of calls can keep that many cores busy, and the OS then shares them with the async
    /// workers; set it below the number of CPUs to keep cores free for the rest of the
    /// application.
    pub fn max_concurrent_signatures(mut self, n: usize) -> Self {
        self.signing_concurrency = Some(n);
        self
    }

    /// How quick a signer must be for a call that is the client's only one in flight to sign on
    /// its own task instead of a signing thread (default 500 µs, on average over the last
    /// signatures; see [`SignLayer`](crate::layers::SignLayer)). It saves two thread wake-ups
    /// per call when calls come one at a time, and holds one async worker for about one
    /// signature meanwhile. `Duration::ZERO` keeps every signature off the async workers.
    pub fn inline_signing_limit(mut self, limit: Duration) -> Self {
        self.inline_signing_limit = Some(limit);
        self
    }

    /// Replaces the HTTP transport (hyper over rustls) with another service: an in-memory fake
    /// for tests and benchmarks, or an instrumented stack. Connection settings (endpoint TLS
    /// roots, proxy, connect timeout, response size) then do not apply.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Adds a tower layer to every attempt of every call: metrics, a rate limit, a circuit
    /// breaker. Its place in the stack:
    ///
    /// ```text
    /// endpoint -> auth token -> idempotency key -> call span -> total timeout -> retry
    ///   -> your layers (the first added outermost) -> attempt timeout -> sign -> trace -> transport
    /// ```
    ///
    /// So it sees each attempt (the [`Attempt`](crate::layers::Attempt) extension gives its
    /// number) with the call's idempotency key and final path, before the request is signed:
    /// a layer that waits (a rate limit) delays the signature, never sends a stale one, and
    /// never sees the `authorization` header. Its time counts in the total timeout, not in the
    /// attempt timeout. An error it returns (build one with [`Error::transport`] for a failure
    /// worth another attempt) goes through the retry policy like the transport's.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Transport> + Send + 'static,
        L::Service: Service<HttpRequest, Response = HttpResponse, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<HttpRequest>>::Future: Send + 'static,
    {
        self.layers.push(Box::new(move |inner| {
            BoxCloneSyncService::new(layer.layer(inner))
        }));
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key_id = self
            .public_key_id
            .as_deref()
            .ok_or_else(|| Error::config("the public key id is not set"))?;
        let public_key_id =
            PublicKeyId::new(key_id).map_err(config_error("the public key id is invalid"))?;
        let environment = match (public_key_id.environment(), self.environment) {
            (Some(from_key), Some(given)) if from_key != given => {
                return Err(Error::config(format!(
                    "the key id is for the {} environment but {} was configured",
                    from_key.as_str(),
                    given.as_str()
                )));
            }
            (Some(from_key), _) => from_key,
            (None, Some(given)) => given,
            (None, None) => {
                return Err(Error::config(
                    "the environment (sandbox or live) is not set and the key id does not name it",
                ));
            }
        };
        let region = Region::from_str(
            self.region
                .as_deref()
                .ok_or_else(|| Error::config("the region is not set"))?,
        )
        .map_err(config_error("the region is invalid"))?;
        let signer: Arc<dyn Signer> = match self.key {
            Some(KeySource::Path(path)) => {
                Arc::new(PrivateKey::from_pem_file(&path).map_err(config_error(KEY_NOT_LOADED))?)
            }
            Some(KeySource::Pem(pem)) => {
                Arc::new(PrivateKey::from_pem(&pem).map_err(config_error(KEY_NOT_LOADED))?)
            }
            Some(KeySource::Signer(signer)) => signer,
            None => return Err(Error::config("the private key or signer is not set")),
        };

        let host_base = match &self.endpoint {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("https://{}", region.host()),
        };
        let base_url = if public_key_id.environment().is_some() {
            host_base
        } else {
            format!("{host_base}/{}", environment.as_str())
        };
        let mut endpoint = Endpoint::new(&base_url)
            .map_err(to_config)?
            .with_default_header(
                http::header::USER_AGENT,
                &user_agent(self.user_agent_suffix.as_deref()),
            )
            .map_err(to_config)?;
        for (name, value) in [
            (X_AMZ_PAY_INTEGRATOR_ID, &self.integrator_id),
            (X_AMZ_PAY_INTEGRATOR_VERSION, &self.integrator_version),
            (X_AMZ_PAY_PLATFORM_VERSION, &self.platform_version),
        ] {
            if let Some(value) = value {
                endpoint = endpoint
                    .with_default_header(name, value)
                    .map_err(to_config)?;
            }
        }
        let auth_token = AuthTokenLayer::new(self.auth_token.as_deref()).map_err(to_config)?;
        let sign = SignLayer::new(
            Arc::clone(&signer),
            public_key_id.clone(),
            self.algorithm,
            region,
            endpoint.host(),
        )
        .with_clock(self.clock);
        let sign = match self.signing_concurrency {
            Some(n) => sign.max_concurrent_signatures(n),
            None => sign,
        };
        let sign = match self.inline_signing_limit {
            Some(limit) => sign.inline_signing_limit(limit),
            None => sign,
        };

        let transport = match self.transport {
            Some(transport) => transport,
            None => {
                let mut extra_roots: Vec<CertificateDer<'static>> = Vec::new();
                for root in self.roots {
                    match root {
                        RootSource::Pem(pem) => extra_roots.extend(certificates_from_pem(&pem)?),
                        RootSource::Der(der) => extra_roots.push(CertificateDer::from(der)),
                    }
                }
                let proxy = match self.proxy {
                    Some(url) => Some(Proxy::http(&url)?),
                    None if self.proxy_from_env => Proxy::from_env()?,
                    None => None,
                };
                let proxy = match proxy {
                    Some(mut proxy) => {
                        if let Some((user, password)) = &self.proxy_auth {
                            proxy = proxy.basic_auth(user, password)?;
                        }
                        if let Some(list) = &self.no_proxy {
                            proxy = proxy.no_proxy(list);
                        }
                        Some(proxy)
                    }
                    None if self.proxy_auth.is_some() => {
                        return Err(Error::config("proxy credentials are set but no proxy"));
                    }
                    None => None,
                };
                BoxCloneSyncService::new(HttpTransport::new(TransportConfig {
                    connect_timeout: self.connect_timeout,
                    extra_roots,
                    proxy,
                    max_response_size: self.max_response_size,
                    ..TransportConfig::default()
                })?)
            }
        };

        let attempt: Transport = BoxCloneSyncService::new(
            ServiceBuilder::new()
                .layer(TimeoutLayer::attempt(self.attempt_timeout))
                .layer(sign)
                .layer(TraceLayer::attempt())
                .service(transport),
        );
        // The first layer added is the outermost of them, as in a `ServiceBuilder`.
        let attempt = self
            .layers
            .into_iter()
            .rev()
            .fold(attempt, |inner, layer| layer(inner));
        let service = ServiceBuilder::new()
            .layer(EndpointLayer::new(endpoint))
            .layer(auth_token)
            .layer(IdempotencyLayer::new())
            .layer(TraceLayer::call())
            .layer(TimeoutLayer::total(self.total_timeout))
            .layer(RetryLayer::new(self.retry))
            .service(attempt);

        Ok(Client::from_parts(ClientParts {
            service,
            signer,
            public_key_id,
            algorithm: self.algorithm,
            region,
            environment,
            base_url,
        }))
    }
}

/// What a configuration error says when the private key could not be loaded (its cause says
/// why and what to do).
const KEY_NOT_LOADED: &str = "the private key could not be loaded";

/// A configuration error saying `what`, whose source is the signing crate's error: a caller can
/// match it (`OpenSshKey`, `KeyTooSmall`, ...) and `Display` does not repeat it.
fn config_error(what: &'static str) -> impl FnOnce(amazon_pay_signing::Error) -> Error {
    move |err| Error::config(what).with_source(err)
}

/// The same error, reported as a configuration error (its message and source kept).
fn to_config(err: Error) -> Error {
    err.into_config()
}

/// `amazon-pay-rs/<version> (Rust; <os>)` plus the suffix.
fn user_agent(suffix: Option<&str>) -> String {
    let base = format!(
        "amazon-pay-rs/{} (Rust; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    match suffix {
        Some(suffix) if !suffix.is_empty() => format!("{base} {suffix}"),
        _ => base,
    }
}
