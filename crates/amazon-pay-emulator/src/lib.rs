#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod admin;
mod api;
mod app;
mod auth;
mod button;
mod buyer_error;
mod checkout_js;
pub mod cli;
mod clock;
mod error;
mod faults;
mod hosted_page;
mod idempotency;
mod ids;
mod ipn;
mod log;
mod money;
mod pki;
mod routing;
mod schema;
mod server;
mod sign_in;
mod state;
mod typed;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use amazon_pay_signing::{PrivateKey, PublicKey, PublicKeyId, Region};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use error::Error;
pub use faults::{Fault, FaultAction, FaultId, FaultTiming, FaultTrigger};
pub use ipn::{IpnRecord, IpnRedelivery};
pub use log::{RequestRecord, Verdict};
pub use state::payment_method::{SimulatedPaymentMethod, UnknownPaymentMethod};

use app::{App, lock};
use auth::{HostRules, Keys};

/// The `SigningCertURL` the emulator puts in its IPNs; the admin API serves that certificate at
/// `GET /__admin/sns-certificate`.
pub const SNS_SIGNING_CERT_URL: &str = pki::SNS_CERT_URL;

/// The query (or form) parameter of the hosted checkout page that picks the simulated payment
/// method: `{base_url}/checkout/{checkoutSessionId}?paymentMethod=approve`.
pub const PAYMENT_METHOD_PARAM: &str = hosted_page::METHOD_PARAM;

/// The shape of the generated public key id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum KeyIdKind {
    /// No prefix (`AHEGSJCM3L2S637RBGABLAFW`): paths start with `/sandbox/v2` or `/live/v2`.
    Classic,
    /// `SANDBOX-…`: paths start with `/v2`.
    #[default]
    Sandbox,
    /// `LIVE-…`: paths start with `/v2`; objects say `releaseEnvironment: "Live"`.
    Live,
}

/// Configures an emulator; [`Emulator::builder`] makes one.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    listen: SocketAddr,
    tls: bool,
    region: Region,
    key_kind: KeyIdKind,
    key: Option<(PrivateKey, Option<String>)>,
    public_keys: Vec<(String, PublicKey)>,
    ipn_url: Option<String>,
    ipn_redelivery: IpnRedelivery,
    seed: Option<u64>,
    max_objects: usize,
    hosts: Vec<String>,
}

/// The emulator entry point.
#[derive(Debug, Clone, Copy)]
pub struct Emulator;

impl Emulator {
    /// A builder with the defaults: `127.0.0.1` on an ephemeral port, plain HTTP, region `na`,
    /// a generated `SANDBOX-` key, no IPN URL, 10,000 objects per kind.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            tls: false,
            region: Region::Na,
            key_kind: KeyIdKind::default(),
            key: None,
            public_keys: Vec::new(),
            ipn_url: None,
            ipn_redelivery: IpnRedelivery::default(),
            seed: None,
            max_objects: 10_000,
            hosts: Vec::new(),
        }
    }
}

impl EmulatorBuilder {
    /// The address to listen on (default `127.0.0.1:0`, an ephemeral loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Serve HTTPS with a certificate of the emulator's own CA ([`RunningEmulator::ca_pem`]).
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = on;
        self
    }

    /// The region the emulator stands in for (default `na`).
    pub fn region(mut self, region: Region) -> Self {
        self.region = region;
        self
    }

    /// The shape of the generated key id (default `SANDBOX-`).
    pub fn key_id_kind(mut self, kind: KeyIdKind) -> Self {
        self.key_kind = kind;
        self
    }

    /// Use this private key instead of generating one (saves the key generation in test suites);
    /// `key_id` replaces the generated id when given.
    pub fn private_key(mut self, key: PrivateKey, key_id: Option<String>) -> Self {
        self.key = Some((key, key_id));
        self
    }

    /// Registers another public key under `key_id`.
    pub fn public_key(mut self, key_id: impl Into<String>, key: PublicKey) -> Self {
        self.public_keys.push((key_id.into(), key));
        self
    }

    /// Where to POST IPNs (plain `http://` URLs).
    pub fn ipn_url(mut self, url: impl Into<String>) -> Self {
        self.ipn_url = Some(url.into());
        self
    }

    /// When a notification that got no 2xx is delivered again (default: [`IpnRedelivery`]'s).
    pub fn ipn_redelivery(mut self, redelivery: IpnRedelivery) -> Self {
        self.ipn_redelivery = redelivery;
        self
    }

    /// Seeds id generation, so runs repeat exactly.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// How many objects of each kind to keep before evicting the oldest (default 10,000); the
    /// same bound holds the idempotency keys, the request log and the notification log.
    pub fn max_objects(mut self, n: usize) -> Self {
        self.max_objects = n.max(1);
        self
    }

    /// Another host name clients may use: accepted as `x-amz-pay-host` and put in the TLS certificate.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.hosts.push(host.into());
        self
    }

    /// Binds, generates keys and certificates, and starts serving on the current Tokio runtime.
    pub async fn start(self) -> Result<RunningEmulator, Error> {
        let listener = TcpListener::bind(self.listen)
            .await
            .map_err(|source| Error::Bind {
                addr: self.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: self.listen,
            source,
        })?;
        let host = match addr {
            SocketAddr::V4(a) if a.ip().is_unspecified() => "127.0.0.1".to_owned(),
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) if a.ip().is_unspecified() => "[::1]".to_owned(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        };
        let base_url = format!(
            "{}://{host}:{}",
            if self.tls { "https" } else { "http" },
            addr.port()
        );

        let hosts = self.hosts.clone();
        let existing = self.key.clone();
        let (pki, key) = tokio::task::spawn_blocking(move || -> Result<_, Error> {
            let pki = pki::Pki::generate(&hosts)?;
            let key = match existing {
                Some((k, _)) => k,
                None => PrivateKey::generate_2048().map_err(|_| Error::Crypto {
                    what: "the API key pair",
                })?,
            };
            Ok((pki, key))
        })
        .await
        .map_err(|_| Error::Crypto {
            what: "keys and certificates",
        })??;
        let pki = Arc::new(pki);

        let mut ids = ids::IdGen::new(self.seed);
        let key_id_text = match self.key.as_ref().and_then(|(_, id)| id.clone()) {
            Some(id) => id,
            None => match self.key_kind {
                KeyIdKind::Classic => ids.alnum(24),
                KeyIdKind::Sandbox => format!("SANDBOX-{}", ids.alnum(24)),
                KeyIdKind::Live => format!("LIVE-{}", ids.alnum(24)),
            },
        };
        let public_key_id = PublicKeyId::new(key_id_text.clone())
            .map_err(|e| Error::Config(format!("public key id {key_id_text}: {e}")))?;
        let store_id = format!("amzn1.application-oa2-client.{}", ids.hex(32));
        let merchant_id = format!("A{}", ids.alnum(13));
        let request_id_prefix = format!("{}-", ids.hex(8));

        let keys = Keys::default();
        keys.insert(key_id_text.clone(), key.public_key());
        for (id, k) in self.public_keys {
            keys.insert(id, k);
        }
        let mut own_hosts: Vec<String> = vec!["127.0.0.1".into(), "localhost".into(), "::1".into()];
        own_hosts.push(
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
        );
        own_hosts.extend(self.hosts.iter().cloned());

        let (ipn, deliver) = ipn::Ipn::new(
            self.ipn_url,
            merchant_id.clone(),
            Arc::clone(&pki),
            self.seed,
            self.ipn_redelivery,
            self.max_objects,
        );
        let limits = state::Limits {
            objects: self.max_objects,
        };
        let store = state::Store::new(
            self.seed.map(|s| s.wrapping_add(2)),
            store_id.clone(),
            merchant_id.clone(),
            self.region,
            limits,
        );
        let tls = if self.tls {
            Some(tokio_rustls::TlsAcceptor::from(Arc::new(
                pki.server_config()?,
            )))
        } else {
            None
        };
        let app = Arc::new(App {
            state: Mutex::new(app::State {
                store,
                idempotency: idempotency::Idempotency::new(self.max_objects),
            }),
            keys,
            hosts: HostRules {
                region: self.region,
                own_hosts,
            },
            clock: clock::Clock::default(),
            faults: Mutex::new(faults::Faults::default()),
            log: Mutex::new(log::RequestLog::new(self.max_objects)),
            pki,
            ipn,
            base_url,
            merchant_id,
            store_id,
            public_key_id: key_id_text,
            request_seq: AtomicU64::new(1),
            request_id_prefix,
        });
        let (shutdown, rx) = watch::channel(false);
        let accept = tokio::spawn(server::accept_loop(listener, Arc::clone(&app), tls, rx));
        let tasks = vec![
            tokio::spawn(server::ticker(Arc::clone(&app))),
            tokio::spawn(deliver),
        ];
        Ok(RunningEmulator {
            app,
            private_key: key,
            public_key_id,
            addr,
            shutdown,
            accept: Some(accept),
            tasks,
        })
    }
}

/// A running emulator. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningEmulator {
    app: Arc<App>,
    private_key: PrivateKey,
    public_key_id: PublicKeyId,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    accept: Option<JoinHandle<()>>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningEmulator {
    /// `http://127.0.0.1:PORT` (or `https://…`), without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.app.base_url
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The region the emulator stands in for.
    pub fn region(&self) -> Region {
        self.app.hosts.region
    }

    /// The public key id of the generated (or given) key pair.
    pub fn public_key_id(&self) -> &PublicKeyId {
        &self.public_key_id
    }

    /// The private key that signs requests for [`RunningEmulator::public_key_id`].
    pub fn private_key(&self) -> &PrivateKey {
        &self.private_key
    }

    /// The store id (`amzn1.application-oa2-client.…`) to use in checkout sessions.
    pub fn store_id(&self) -> &str {
        &self.app.store_id
    }

    /// The merchant id that IPNs carry as `MerchantID`.
    pub fn merchant_id(&self) -> &str {
        &self.app.merchant_id
    }

    /// The PEM certificate of the emulator's test CA: trust it to talk HTTPS to the emulator and to
    /// check the SNS certificate of its IPNs.
    pub fn ca_pem(&self) -> &str {
        &self.app.pki.ca_pem
    }

    /// The PEM certificate that signs IPNs (served at [`SNS_SIGNING_CERT_URL`]'s stand-in,
    /// `GET /__admin/sns-certificate`).
    pub fn sns_certificate_pem(&self) -> &str {
        &self.app.pki.sns_cert_pem
    }

    /// The hosted checkout page of a session (its `amazonPayRedirectUrl`).
    pub fn hosted_page_url(&self, checkout_session_id: &str) -> String {
        state::hosted_page_url(&self.app.base_url, checkout_session_id)
    }

    /// Acts as the buyer on the hosted page: picks `method` and returns the merchant URL the buyer
    /// is sent to (`checkoutResultReturnUrl` or `checkoutReviewReturnUrl` with
    /// `amazonCheckoutSessionId`).
    pub fn approve_checkout(
        &self,
        checkout_session_id: &str,
        method: SimulatedPaymentMethod,
    ) -> Result<String, Error> {
        hosted_page::approve(&self.app, checkout_session_id, method).map_err(|e| Error::Rejected {
            status: e.status.as_u16(),
            reason_code: e.reason_code.to_owned(),
            message: e.message,
        })
    }

    /// The emulator's clock.
    pub fn clock(&self) -> EmulatorClock<'_> {
        EmulatorClock { app: &self.app }
    }

    /// Fault injection.
    pub fn faults(&self) -> EmulatorFaults<'_> {
        EmulatorFaults { app: &self.app }
    }

    /// The received API requests, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.app.log).all()
    }

    /// Forgets the request log.
    pub fn clear_requests(&self) {
        lock(&self.app.log).clear();
    }

    /// Every object (checkout sessions, charge permissions, charges, refunds, others) as JSON,
    /// in the API's wire shapes.
    pub fn objects(&self) -> serde_json::Value {
        lock(&self.app.state).store.snapshot(&self.app.base_url)
    }

    /// The IPNs sent so far, with their signed bodies and delivery results.
    pub fn ipns(&self) -> Vec<IpnRecord> {
        self.app.ipn.records()
    }

    /// Sets (or clears) the URL IPNs are POSTed to.
    pub fn set_ipn_url(&self, url: Option<String>) {
        self.app.ipn.set_url(url);
    }

    /// Registers a public key.
    pub fn add_public_key(&self, key_id: impl Into<String>, key: PublicKey) {
        self.app.keys.insert(key_id.into(), key);
    }

    /// Unregisters a public key; `false` if it was not registered.
    pub fn remove_public_key(&self, key_id: &str) -> bool {
        self.app.keys.remove(key_id)
    }

    /// Forgets all objects, idempotency keys, faults, requests and IPNs, and resets the clock.
    /// Keys and ids stay.
    pub fn reset(&self) {
        self.app.reset();
    }

    /// Stops serving and waits until the listener is closed.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(accept) = self.accept.take() {
            let _ = accept.await;
        }
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// The emulator's clock: object lifecycles follow it. Request freshness (`x-amz-pay-date`) is
/// judged against the real clock, since clients sign with theirs.
#[derive(Debug, Clone, Copy)]
pub struct EmulatorClock<'a> {
    app: &'a App,
}

impl EmulatorClock<'_> {
    /// The emulated now.
    pub fn now(&self) -> SystemTime {
        SystemTime::from(self.app.clock.now())
    }

    /// Moves time forward; due transitions happen (and their IPNs go out) before this returns.
    pub fn advance(&self, by: Duration) {
        self.app.advance(by);
    }

    /// Sets the emulated time (it keeps running from there).
    pub fn set(&self, to: SystemTime) {
        self.app.clock.set(time::OffsetDateTime::from(to));
        self.app.tick();
    }
}

/// Fault injection on a running emulator.
#[derive(Debug, Clone, Copy)]
pub struct EmulatorFaults<'a> {
    app: &'a App,
}

impl EmulatorFaults<'_> {
    /// Adds a fault rule.
    pub fn inject(&self, fault: Fault) -> FaultId {
        lock(&self.app.faults).inject(fault)
    }

    /// Removes one rule; `false` if it was gone.
    pub fn remove(&self, id: FaultId) -> bool {
        lock(&self.app.faults).remove(id)
    }

    /// Removes every rule.
    pub fn clear(&self) {
        lock(&self.app.faults).clear();
    }

    /// The active rules.
    pub fn list(&self) -> Vec<(FaultId, Fault)> {
        lock(&self.app.faults).list()
    }
}
