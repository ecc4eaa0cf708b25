//! [`NotificationVerifier`]: raw headers and body in, a verified typed [`Event`] out.

use std::time::Duration;

use amazon_pay_client::ipn::TransportConfig;
use amazon_pay_client::ipn::{
    HttpsCertificateFetcher, IpnError, IpnVerifier, NotificationMessage, SigningCertificate,
    TrustStore, UrlPolicy, VerifiedMessage, VerifiedNotification, Verifier,
};
use amazon_pay_types::MerchantId;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject as _;

use super::build_error::BuildError;
use super::event::{ConfirmationEvent, Event, LegacyEvent, NotificationEvent};
use super::fetcher::PinnedThenHttps;

/// Verifies IPN requests for one merchant: one call from the raw request to a typed [`Event`].
///
/// Built once per process and shared (`Arc`): it holds the certificate cache and the
/// de-duplication window. [`NotificationVerifier::new`] is the production setup: Amazon Trust
/// Services roots, Amazon SNS certificate URLs only, certificates fetched over HTTPS.
/// [`NotificationVerifier::builder`] adds test anchors, pinned certificates, extra hosts, a
/// proxy or a freshness window.
#[derive(Debug)]
pub struct NotificationVerifier {
    inner: IpnVerifier,
    merchant_id: MerchantId,
}

impl NotificationVerifier {
    /// The production verifier for `merchant_id` (the `MerchantID` of your notifications, as
    /// shown in Seller Central); notifications for any other merchant are refused.
    pub fn new(merchant_id: impl Into<String>) -> Result<Self, BuildError> {
        Self::builder(merchant_id).build()
    }

    /// A builder starting from the production settings.
    pub fn builder(merchant_id: impl Into<String>) -> NotificationVerifierBuilder {
        NotificationVerifierBuilder {
            merchant_id: merchant_id.into(),
            anchors: Vec::new(),
            pins: Vec::new(),
            hosts: Vec::new(),
            tls_roots: Vec::new(),
            transport: TransportConfig::default(),
            require_v2: false,
            max_age: None,
            topics: Vec::new(),
        }
    }

    /// A verifier for the notifications of a running emulator: its merchant id, its CA as an
    /// extra trust anchor, and its signing certificate pinned at
    /// [`SNS_SIGNING_CERT_URL`](amazon_pay_emulator::SNS_SIGNING_CERT_URL), so nothing is
    /// fetched. For tests only: the emulator's CA is then trusted.
    #[cfg(feature = "emulator")]
    pub fn for_emulator(
        emulator: &amazon_pay_emulator::RunningEmulator,
    ) -> Result<Self, BuildError> {
        Self::builder(emulator.merchant_id())
            .trust_anchors_pem(emulator.ca_pem())
            .pin_certificate(
                amazon_pay_emulator::SNS_SIGNING_CERT_URL,
                emulator.sns_certificate_pem(),
            )
            .build()
    }

    /// The merchant id notifications must name.
    pub fn merchant_id(&self) -> &MerchantId {
        &self.merchant_id
    }

    /// Verifies one request from its headers (for `x-amz-sns-message-type`) and raw body.
    ///
    /// Checks the envelope, the certificate URL (before any fetch), the certificate and its
    /// chain, the signature and the merchant id, then marks redeliveries by `MessageId`. On
    /// error answer [`IpnError::status_code`]: 4xx for messages that must not come back, 503
    /// when the certificate could not be fetched or the de-duplication window is full (SNS
    /// redelivers).
    pub async fn verify(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<Event, IpnError> {
        match self.inner.verify_request(headers, body).await? {
            VerifiedMessage::Notification(verified) => self.notification(verified),
            VerifiedMessage::SubscriptionConfirmation(confirmation) => Ok(
                Event::SubscriptionConfirmation(ConfirmationEvent::new(confirmation)),
            ),
            VerifiedMessage::UnsubscribeConfirmation(confirmation) => Ok(
                Event::UnsubscribeConfirmation(ConfirmationEvent::new(confirmation)),
            ),
            _ => Err(IpnError::Malformed("unsupported message Type".into())),
        }
    }

    /// Forgets `message_id`, so that its redelivery counts as a first delivery again. Call it
    /// when handling a notification failed.
    pub fn forget(&self, message_id: &str) {
        self.inner.forget(message_id);
    }

    /// Confirms a subscription by GETting its `SubscribeURL` (checked again against the URL
    /// policy). Only needed for topics you subscribed to yourself.
    pub async fn confirm_subscription(&self, event: &ConfirmationEvent) -> Result<(), IpnError> {
        self.inner.confirm_subscription(event.confirmation()).await
    }

    /// The underlying [`IpnVerifier`], for finer control.
    pub fn ipn_verifier(&self) -> &IpnVerifier {
        &self.inner
    }

    fn notification(&self, verified: VerifiedNotification) -> Result<Event, IpnError> {
        let message_id = verified.envelope().message_id.clone();
        let event = match verified.message() {
            NotificationMessage::Notification { notification, .. } => {
                // The verifier refuses a missing or different MerchantID; this keeps the
                // invariant explicit.
                let merchant_id = notification
                    .merchant_id
                    .clone()
                    .filter(|id| *id == self.merchant_id)
                    .ok_or_else(|| IpnError::MerchantMismatch {
                        expected: self.merchant_id.as_str().to_owned(),
                        actual: notification
                            .merchant_id
                            .as_ref()
                            .map(|id| id.as_str().to_owned())
                            .unwrap_or_default(),
                    })?;
                Event::Notification(NotificationEvent {
                    object_type: notification.object_type.clone(),
                    object_id: notification.object_id.clone(),
                    charge_permission_id: notification.charge_permission_id.clone(),
                    notification_type: notification.notification_type.clone(),
                    merchant_id,
                    first_delivery: self.inner.first_delivery(&message_id)?,
                    message_id,
                    verified: Box::new(verified),
                })
            }
            NotificationMessage::Legacy(legacy) => Event::LegacyNotification(LegacyEvent {
                notification: legacy.clone(),
                first_delivery: self.inner.first_delivery(&message_id)?,
                message_id,
            }),
            _ => {
                return Err(IpnError::InvalidNotification(
                    "unsupported notification format".into(),
                ));
            }
        };
        Ok(event)
    }
}

/// Settings of a [`NotificationVerifier`]; every method adds to the production defaults.
#[derive(Debug, Clone)]
#[must_use]
pub struct NotificationVerifierBuilder {
    merchant_id: String,
    anchors: Vec<Vec<u8>>,
    pins: Vec<(String, Vec<u8>)>,
    hosts: Vec<String>,
    tls_roots: Vec<Vec<u8>>,
    transport: TransportConfig,
    require_v2: bool,
    max_age: Option<Duration>,
    topics: Vec<String>,
}

impl NotificationVerifierBuilder {
    /// Trusts the CA certificates in `pem` (PEM with one or more certificates, or one DER
    /// certificate) as signing-certificate roots, in addition to the Amazon Trust Services
    /// roots. For tests and emulators.
    pub fn trust_anchors_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.anchors.push(pem.as_ref().to_vec());
        self
    }

    /// Uses `pem` as the certificate behind `url` without fetching it. The URL must still
    /// pass the URL policy, and the certificate the chain checks.
    pub fn pin_certificate(mut self, url: impl Into<String>, pem: impl AsRef<[u8]>) -> Self {
        self.pins.push((url.into(), pem.as_ref().to_vec()));
        self
    }

    /// Accepts signing certificates (and subscription URLs) from `authority` too: a host or
    /// IP literal with an optional port (`127.0.0.1:8443`, `[::1]:9000`), over HTTPS.
    pub fn allow_certificate_host(mut self, authority: impl Into<String>) -> Self {
        self.hosts.push(authority.into());
        self
    }

    /// Trusts the certificates in `pem` as TLS roots when fetching certificates (for a host
    /// added with [`allow_certificate_host`](Self::allow_certificate_host)).
    pub fn add_root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.tls_roots.push(pem.as_ref().to_vec());
        self
    }

    /// How certificates are fetched: proxy, connect timeout, extra TLS roots.
    pub fn transport(mut self, transport: TransportConfig) -> Self {
        self.transport = transport;
        self
    }

    /// Refuses SignatureVersion 1 (SHA-1) messages when `require` is true.
    pub fn require_signature_version_2(mut self, require: bool) -> Self {
        self.require_v2 = require;
        self
    }

    /// Refuses messages whose `Timestamp` is older than `max_age`; choose it longer than the
    /// SNS redelivery period. Off by default.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Accepts messages from `topic_arn`; once a topic is added, all others are refused.
    pub fn allow_topic(mut self, topic_arn: impl Into<String>) -> Self {
        self.topics.push(topic_arn.into());
        self
    }

    /// Checks every setting and builds the verifier.
    pub fn build(self) -> Result<NotificationVerifier, BuildError> {
        let merchant_id = self.merchant_id.trim().to_owned();
        if merchant_id.is_empty() {
            return Err(BuildError::MissingMerchantId);
        }
        let mut trust = TrustStore::amazon();
        for pem in &self.anchors {
            trust = trust
                .with_anchors(pem)
                .map_err(|source| BuildError::InvalidCertificate {
                    what: "trust anchor",
                    source,
                })?;
        }
        let urls = self
            .hosts
            .into_iter()
            .fold(UrlPolicy::amazon_sns(), UrlPolicy::allow_host);
        let mut pins = Vec::with_capacity(self.pins.len());
        for (url, pem) in self.pins {
            let url = urls
                .check_signing_cert_url(&url)
                .map_err(BuildError::UntrustedPinnedUrl)?;
            SigningCertificate::parse(&pem).map_err(|source| BuildError::InvalidCertificate {
                what: "pinned signing certificate",
                source,
            })?;
            pins.push((url, pem));
        }
        let mut transport = self.transport;
        for pem in &self.tls_roots {
            transport.extra_roots.extend(tls_roots(pem)?);
        }
        let mut verifier = Verifier::new()
            .with_trust_store(trust)
            .with_url_policy(urls)
            .with_merchant_id(merchant_id.clone())
            .require_signature_version_2(self.require_v2);
        if let Some(max_age) = self.max_age {
            verifier = verifier.with_max_age(max_age);
        }
        for topic in self.topics {
            verifier = verifier.allow_topic(topic);
        }
        let https = HttpsCertificateFetcher::new(transport).map_err(BuildError::Transport)?;
        Ok(NotificationVerifier {
            inner: IpnVerifier::new(verifier, PinnedThenHttps::new(pins, https)),
            merchant_id: MerchantId::new(merchant_id),
        })
    }
}

fn tls_roots(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, BuildError> {
    let invalid = |reason: &str| BuildError::InvalidCertificate {
        what: "TLS root",
        source: IpnError::InvalidCertificate(reason.to_owned()),
    };
    let roots = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| invalid("not valid PEM"))?;
    if roots.is_empty() {
        return Err(invalid("no `BEGIN CERTIFICATE` block found"));
    }
    Ok(roots)
}
