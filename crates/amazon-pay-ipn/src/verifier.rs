//! Verification settings and the verification itself.

use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use std::fmt;

use amazon_pay_types::{
    MerchantId, NotificationMessage, SnsConfirmation, SnsMessage, SnsNotification, Timestamp,
};
use url::Url;

use crate::certificate::SigningCertificate;
use crate::envelope::parse_message;
use crate::error::IpnError;
use crate::signature::{SignatureVersion, decode_signature, verify_rsa};
use crate::trust::TrustStore;
use crate::unique_keys::repeated_key;
use crate::url_policy::UrlPolicy;

/// How far in the future a `Timestamp` may be when a freshness window is set.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// Verification settings, without I/O and without a clock: time is an argument.
///
/// Defaults: Amazon Trust Services roots ([`TrustStore::amazon`]), Amazon SNS hosts only
/// ([`UrlPolicy::amazon_sns`]), SignatureVersion 1 and 2 accepted, no freshness window (SNS
/// redelivers for a long time), any topic, any merchant.
///
/// The steps: [`Verifier::parse`] the body, [`Verifier::check_before_fetch`] to obtain the
/// certificate URL that may be fetched, then [`Verifier::verify`] with the certificate.
#[derive(Debug, Clone, Default)]
pub struct Verifier {
    trust: TrustStore,
    urls: UrlPolicy,
    require_v2: bool,
    max_age: Option<Duration>,
    topics: BTreeSet<String>,
    merchant_id: Option<MerchantId>,
}

impl Verifier {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the trust anchors (for example `TrustStore::amazon().with_anchors(test_ca)`).
    pub fn with_trust_store(mut self, trust: TrustStore) -> Self {
        self.trust = trust;
        self
    }

    /// Replaces the URL policy (for example to allow an emulator's host).
    pub fn with_url_policy(mut self, urls: UrlPolicy) -> Self {
        self.urls = urls;
        self
    }

    /// Refuses SignatureVersion 1 (SHA-1) when `require` is true.
    pub fn require_signature_version_2(mut self, require: bool) -> Self {
        self.require_v2 = require;
        self
    }

    /// Refuses messages whose `Timestamp` is older than `max_age` (or more than
    /// [`MAX_CLOCK_SKEW`] in the future). Choose it longer than the SNS redelivery period.
    pub fn with_max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Accepts messages from `topic_arn`; once any topic is added, all others are refused.
    pub fn allow_topic(mut self, topic_arn: impl Into<String>) -> Self {
        self.topics.insert(topic_arn.into());
        self
    }

    /// Refuses notifications whose `MerchantID` is not `merchant_id`.
    pub fn with_merchant_id(mut self, merchant_id: impl Into<String>) -> Self {
        self.merchant_id = Some(MerchantId::new(merchant_id));
        self
    }

    /// The URL policy in use (the client also checks `SubscribeURL` with it).
    pub fn url_policy(&self) -> &UrlPolicy {
        &self.urls
    }

    /// The trust store in use.
    pub fn trust_store(&self) -> &TrustStore {
        &self.trust
    }

    /// The merchant id notifications must name, if configured.
    pub fn merchant_id(&self) -> Option<&MerchantId> {
        self.merchant_id.as_ref()
    }

    /// Parses a request body; `message_type_header` is the `x-amz-sns-message-type` header.
    pub fn parse(
        &self,
        message_type_header: Option<&str>,
        body: &[u8],
    ) -> Result<SnsMessage, IpnError> {
        parse_message(message_type_header, body)
    }

    /// Every check that needs no certificate: the certificate URL, the signature version and
    /// encoding, the freshness window and the topic. Returns the certificate URL, which may
    /// then be fetched; a message that fails here must cause no network access.
    pub fn check_before_fetch(
        &self,
        message: &SnsMessage,
        now: SystemTime,
    ) -> Result<Url, IpnError> {
        let url = self
            .urls
            .check_signing_cert_url(message.signing_cert_url())
            .map_err(IpnError::UntrustedCertificateUrl)?;
        let version: SignatureVersion = message.signature_version().parse()?;
        if self.require_v2 && version != SignatureVersion::V2 {
            return Err(IpnError::SignatureVersionNotAllowed);
        }
        decode_signature(message.signature())?;
        self.check_timestamp(message.timestamp(), now)?;
        if !self.topics.is_empty() && !self.topics.contains(message.topic_arn()) {
            return Err(IpnError::TopicNotAllowed);
        }
        Ok(url)
    }

    /// Verifies `message` with `certificate` (the one behind its `SigningCertURL`) at `now`:
    /// everything of [`Verifier::check_before_fetch`], then the certificate's validity and
    /// chain, the signature, and for notifications the payload and the merchant id; for
    /// confirmations the `SubscribeURL`.
    pub fn verify(
        &self,
        message: SnsMessage,
        certificate: &SigningCertificate,
        now: SystemTime,
    ) -> Result<VerifiedMessage, IpnError> {
        self.check_before_fetch(&message, now)?;
        let version: SignatureVersion = message.signature_version().parse()?;
        let signature = decode_signature(message.signature())?;
        certificate.check_trust(&self.trust, now)?;
        verify_rsa(
            version,
            certificate.rsa_public_key(),
            message.string_to_sign().as_bytes(),
            &signature,
        )?;
        match message {
            SnsMessage::Notification(envelope) => {
                if let Some(key) = repeated_key(&envelope.message) {
                    return Err(IpnError::InvalidNotification(format!(
                        "the key `{key}` appears twice in one object"
                    )));
                }
                let payload = NotificationMessage::parse(&envelope.message)
                    .map_err(|error| IpnError::InvalidNotification(error.to_string()))?;
                self.check_merchant(&payload)?;
                Ok(VerifiedMessage::Notification(VerifiedNotification {
                    envelope,
                    payload,
                }))
            }
            SnsMessage::SubscriptionConfirmation(envelope) => Ok(
                VerifiedMessage::SubscriptionConfirmation(self.confirmation(envelope)?),
            ),
            SnsMessage::UnsubscribeConfirmation(envelope) => Ok(
                VerifiedMessage::UnsubscribeConfirmation(self.confirmation(envelope)?),
            ),
            _ => Err(IpnError::Malformed("unsupported message Type".into())),
        }
    }

    fn check_merchant(&self, payload: &NotificationMessage) -> Result<(), IpnError> {
        let Some(expected) = &self.merchant_id else {
            return Ok(());
        };
        let actual = match payload {
            NotificationMessage::Legacy(legacy) => legacy.seller_id.as_deref(),
            other => other
                .as_v2()
                .and_then(|notification| notification.merchant_id.as_ref())
                .map(MerchantId::as_str),
        };
        if actual == Some(expected.as_str()) {
            return Ok(());
        }
        Err(IpnError::MerchantMismatch {
            expected: expected.as_str().to_owned(),
            actual: actual.unwrap_or_default().to_owned(),
        })
    }

    fn confirmation(&self, envelope: SnsConfirmation) -> Result<Confirmation, IpnError> {
        let subscribe_url = self
            .urls
            .check_subscribe_url(&envelope.subscribe_url)
            .map_err(IpnError::UntrustedSubscribeUrl)?;
        Ok(Confirmation {
            envelope,
            subscribe_url,
        })
    }

    fn check_timestamp(&self, timestamp: &str, now: SystemTime) -> Result<(), IpnError> {
        let sent = parse_timestamp(timestamp)?;
        let Some(max_age) = self.max_age else {
            return Ok(());
        };
        match now.duration_since(sent) {
            Ok(age) if age > max_age => Err(IpnError::StaleTimestamp { age, max_age }),
            Ok(_) => Ok(()),
            Err(ahead) if ahead.duration() > MAX_CLOCK_SKEW => Err(IpnError::TimestampInFuture),
            Err(_) => Ok(()),
        }
    }
}

fn parse_timestamp(timestamp: &str) -> Result<SystemTime, IpnError> {
    let parsed = Timestamp::parse(timestamp)
        .map_err(|_| IpnError::InvalidTimestamp)?
        .to_offset_date_time();
    let nanos = parsed.unix_timestamp_nanos();
    let magnitude = Duration::from_nanos(
        u64::try_from(nanos.unsigned_abs()).map_err(|_| IpnError::InvalidTimestamp)?,
    );
    let time = if nanos >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    };
    time.ok_or(IpnError::InvalidTimestamp)
}

/// A message whose signature, certificate and contents verified.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum VerifiedMessage {
    /// An Amazon Pay notification.
    Notification(VerifiedNotification),
    /// A subscription confirmation; confirm it (if wanted) through its checked `SubscribeURL`.
    SubscriptionConfirmation(Confirmation),
    /// An unsubscribe confirmation, for information.
    UnsubscribeConfirmation(Confirmation),
}

impl VerifiedMessage {
    /// `MessageId`, the key for de-duplication.
    pub fn message_id(&self) -> &str {
        match self {
            Self::Notification(notification) => &notification.envelope.message_id,
            Self::SubscriptionConfirmation(confirmation)
            | Self::UnsubscribeConfirmation(confirmation) => &confirmation.envelope.message_id,
        }
    }

    /// `TopicArn`.
    pub fn topic_arn(&self) -> &str {
        match self {
            Self::Notification(notification) => &notification.envelope.topic_arn,
            Self::SubscriptionConfirmation(confirmation)
            | Self::UnsubscribeConfirmation(confirmation) => &confirmation.envelope.topic_arn,
        }
    }
}

/// A verified notification: the envelope and the parsed Amazon Pay message.
///
/// `Debug` leaves out the signature.
#[derive(Clone)]
pub struct VerifiedNotification {
    envelope: SnsNotification,
    payload: NotificationMessage,
}

impl fmt::Debug for VerifiedNotification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedNotification")
            .field("message_id", &self.envelope.message_id)
            .field("topic_arn", &self.envelope.topic_arn)
            .field("timestamp", &self.envelope.timestamp)
            .field("subject", &self.envelope.subject)
            .field("payload", &self.payload)
            .finish_non_exhaustive()
    }
}

impl VerifiedNotification {
    /// The verified envelope (`MessageId`, `TopicArn`, `Timestamp`, `Subject`, …).
    pub fn envelope(&self) -> &SnsNotification {
        &self.envelope
    }

    /// The Amazon Pay message: a v2 notification or a legacy one.
    pub fn message(&self) -> &NotificationMessage {
        &self.payload
    }

    /// The v2 notification, if the message is one.
    pub fn notification(&self) -> Option<&amazon_pay_types::Notification> {
        self.payload.as_v2()
    }

    /// Both parts, consuming the notification.
    pub fn into_parts(self) -> (SnsNotification, NotificationMessage) {
        (self.envelope, self.payload)
    }
}

/// A verified subscription or unsubscribe confirmation.
///
/// `Debug` leaves out the token, the signature and the URL that carries the token.
#[derive(Clone)]
pub struct Confirmation {
    envelope: SnsConfirmation,
    subscribe_url: Url,
}

impl fmt::Debug for Confirmation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Confirmation")
            .field("message_id", &self.envelope.message_id)
            .field("topic_arn", &self.envelope.topic_arn)
            .field("timestamp", &self.envelope.timestamp)
            .finish_non_exhaustive()
    }
}

impl Confirmation {
    /// The verified envelope. Its `Debug` output shows the token: do not log it.
    pub fn envelope(&self) -> &SnsConfirmation {
        &self.envelope
    }

    /// `SubscribeURL`, checked against the verifier's URL policy: the only URL to GET to
    /// confirm the subscription.
    pub fn subscribe_url(&self) -> &Url {
        &self.subscribe_url
    }

    /// `Token`.
    pub fn token(&self) -> &str {
        &self.envelope.token
    }

    /// `TopicArn`.
    pub fn topic_arn(&self) -> &str {
        &self.envelope.topic_arn
    }
}
