//! Verified instant payment notifications: the pure checks of `amazon-pay-ipn` plus
//! certificate fetching over HTTPS, a certificate cache, de-duplication by `MessageId` and
//! subscription confirmation.
//!
//! ```no_run
//! # async fn run(headers: http::HeaderMap, body: bytes::Bytes) -> Result<(), Box<dyn std::error::Error>> {
//! use amazon_pay_client::ipn::{IpnVerifier, VerifiedMessage, Verifier};
//!
//! let ipn = IpnVerifier::https(Verifier::new().with_merchant_id("A1EXAMPLEMERCH0"), Default::default())?;
//! match ipn.verify_request(&headers, &body).await {
//!     Ok(VerifiedMessage::Notification(n)) => match ipn.first_delivery(n.envelope().message_id.as_str()) {
//!         // answer 200, then GET the object named by n.notification()
//!         Ok(true) => {}
//!         // a redelivery: answer 200
//!         Ok(false) => {}
//!         // the de-duplication window is full: answer 503, SNS delivers it again later
//!         Err(error) => eprintln!("refused with {}: {error}", error.status_code()),
//!     },
//!     Ok(_) => {}
//!     Err(error) => eprintln!("refused with {}: {error}", error.status_code()),
//! }
//! # Ok(()) }
//! ```

mod fetcher;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

pub use crate::transport::TransportConfig;
pub use amazon_pay_ipn::{
    CertificateCache, CertificateFetcher, Confirmation, Deduplicator, FetchError, IpnError,
    LegacyNotification, MAX_BODY_BYTES, Notification, NotificationMessage, NotificationType,
    ObjectType, SignatureVersion, SigningCertificate, SnsMessage, StaticCertificates, TrustStore,
    UrlPolicy, UrlRejection, VerifiedMessage, VerifiedNotification, Verifier,
};
pub use fetcher::HttpsCertificateFetcher;

use amazon_pay_ipn::Url;

use crate::layers::{Clock, SystemClock};

/// The name of the header SNS sets to the message `Type`.
const MESSAGE_TYPE_HEADER: &str = "x-amz-sns-message-type";

/// Verifies notifications end to end: parse, check the certificate URL, fetch (or reuse) the
/// certificate, verify. Share one per process (`Arc`); it is `Send + Sync`.
///
/// Certificates are cached by URL ([`CertificateCache`]: 32 entries, 24 hours or the
/// certificate's `notAfter` by default) once they verified against the trust store; a URL that
/// fails the checks is never fetched; fetches are serialised, so concurrent messages signed
/// with one new certificate cause one fetch. When the served certificate lacks its
/// intermediate, the intermediate is fetched once from the certificate's `caIssuers` URL if
/// that URL passes [`UrlPolicy::check_issuer_url`].
pub struct IpnVerifier {
    verifier: Verifier,
    fetcher: Arc<dyn CertificateFetcher>,
    cache: Mutex<CertificateCache>,
    fetch_lock: tokio::sync::Mutex<()>,
    dedupe: Mutex<Deduplicator>,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for IpnVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IpnVerifier")
            .field("verifier", &self.verifier)
            .field("clock", &self.clock)
            .finish_non_exhaustive()
    }
}

impl IpnVerifier {
    /// A verifier that fetches with `fetcher` (for example [`StaticCertificates`]).
    pub fn new(verifier: Verifier, fetcher: impl CertificateFetcher + 'static) -> Self {
        Self {
            verifier,
            fetcher: Arc::new(fetcher),
            cache: Mutex::new(CertificateCache::default()),
            fetch_lock: tokio::sync::Mutex::new(()),
            dedupe: Mutex::new(Deduplicator::default()),
            clock: Arc::new(SystemClock),
        }
    }

    /// A verifier that fetches over HTTPS with `transport` (proxy, connect timeout, extra
    /// TLS roots, as for the API client).
    pub fn https(verifier: Verifier, transport: TransportConfig) -> Result<Self, crate::Error> {
        Ok(Self::new(
            verifier,
            HttpsCertificateFetcher::new(transport)?,
        ))
    }

    /// Replaces the certificate cache (its capacity and time-to-live).
    pub fn with_cache(mut self, cache: CertificateCache) -> Self {
        self.cache = Mutex::new(cache);
        self
    }

    /// Replaces the de-duplication window.
    pub fn with_deduplicator(mut self, dedupe: Deduplicator) -> Self {
        self.dedupe = Mutex::new(dedupe);
        self
    }

    /// Replaces the clock (tests and emulators with simulated time).
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The pure settings.
    pub fn verifier(&self) -> &Verifier {
        &self.verifier
    }

    /// Verifies a request given its headers (for `x-amz-sns-message-type`) and raw body.
    pub async fn verify_request(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<VerifiedMessage, IpnError> {
        let header = match headers.get(MESSAGE_TYPE_HEADER) {
            None => None,
            Some(value) => Some(value.to_str().map_err(|_| IpnError::TypeMismatch)?),
        };
        self.verify(header, body).await
    }

    /// Verifies a raw body; `message_type_header` is the `x-amz-sns-message-type` header.
    pub async fn verify(
        &self,
        message_type_header: Option<&str>,
        body: &[u8],
    ) -> Result<VerifiedMessage, IpnError> {
        let message = self.verifier.parse(message_type_header, body)?;
        let url = self
            .verifier
            .check_before_fetch(&message, self.clock.now())?;
        let certificate = self.certificate(&url).await?;
        self.verifier
            .verify(message, &certificate, self.clock.now())
    }

    /// Whether `message_id` is seen for the first time in the de-duplication window (and
    /// records it). Call [`IpnVerifier::forget`] if handling the message then fails.
    ///
    /// [`IpnError::DeduplicationFull`] (status 503) when the window already holds as many ids
    /// younger than its length as it may: the message is refused, never an id forgotten early
    /// (see [`Deduplicator`]).
    pub fn first_delivery(&self, message_id: &str) -> Result<bool, IpnError> {
        self.dedupe
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .first_seen(message_id, self.clock.now())
    }

    /// Forgets `message_id`, so that its redelivery is handled.
    pub fn forget(&self, message_id: &str) {
        self.dedupe
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .forget(message_id);
    }

    /// Confirms a verified subscription by GETting its `SubscribeURL`, checked again against
    /// the URL policy. Only a [`Confirmation`] from [`IpnVerifier::verify`] gets here, so an
    /// unverified message can never make the server visit a URL.
    pub async fn confirm_subscription(&self, confirmation: &Confirmation) -> Result<(), IpnError> {
        let url = self
            .verifier
            .url_policy()
            .check_subscribe_url(confirmation.subscribe_url().as_str())
            .map_err(IpnError::UntrustedSubscribeUrl)?;
        self.fetcher
            .fetch(&url)
            .await
            .map(drop)
            .map_err(IpnError::CertificateFetch)
    }

    async fn certificate(&self, url: &Url) -> Result<Arc<SigningCertificate>, IpnError> {
        if let Some(cached) = self.cached(url) {
            return Ok(cached);
        }
        let _fetching = self.fetch_lock.lock().await;
        if let Some(cached) = self.cached(url) {
            return Ok(cached);
        }
        let bytes = self
            .fetcher
            .fetch(url)
            .await
            .map_err(IpnError::CertificateFetch)?;
        let certificate = self
            .complete_chain(SigningCertificate::parse(&bytes)?)
            .await?;
        let certificate = Arc::new(certificate);
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(url.as_str(), Arc::clone(&certificate), self.clock.now());
        Ok(certificate)
    }

    /// Returns the certificate once it chains to a trusted root, fetching a missing
    /// intermediate from an acceptable `caIssuers` URL if needed.
    async fn complete_chain(
        &self,
        certificate: SigningCertificate,
    ) -> Result<SigningCertificate, IpnError> {
        let trust = self.verifier.trust_store();
        let error = match certificate.check_trust(trust, self.clock.now()) {
            Ok(()) => return Ok(certificate),
            Err(error @ IpnError::UntrustedCertificate(_)) => error,
            Err(other) => return Err(other),
        };
        let policy = self.verifier.url_policy();
        let issuer = certificate
            .issuer_urls()
            .iter()
            .find_map(|raw| policy.check_issuer_url(raw).ok());
        let Some(issuer) = issuer else {
            return Err(error);
        };
        let bytes = self
            .fetcher
            .fetch(&issuer)
            .await
            .map_err(IpnError::CertificateFetch)?;
        let completed = certificate.with_intermediates(&bytes)?;
        completed.check_trust(trust, self.clock.now())?;
        Ok(completed)
    }

    fn cached(&self, url: &Url) -> Option<Arc<SigningCertificate>> {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(url.as_str(), self.clock.now())
    }
}
