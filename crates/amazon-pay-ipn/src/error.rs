//! The error type of verification.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// Why a URL taken from a message was refused, before any network access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlRejection {
    /// It is not an absolute URL.
    Unparsable,
    /// The scheme is not `https` (plain `http` only for explicitly allowed extra hosts).
    NotHttps,
    /// It carries a user name or a password.
    UserInfo,
    /// It names a port other than 443 (extra hosts may name their own port).
    Port,
    /// The host is neither `sns.<region>.amazonaws.com` (region-shaped) nor an allowed extra host.
    Host,
    /// The path of a certificate URL does not end in `.pem`.
    NotPem,
    /// A certificate URL carries a query or a fragment.
    QueryOrFragment,
}

impl fmt::Display for UrlRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unparsable => "it is not an absolute URL",
            Self::NotHttps => "its scheme is not https",
            Self::UserInfo => "it carries user information",
            Self::Port => "it names a port other than 443",
            Self::Host => "its host is not an Amazon SNS host",
            Self::NotPem => "its path does not end in .pem",
            Self::QueryOrFragment => "it carries a query or a fragment",
        })
    }
}

/// A certificate could not be fetched (network failure, timeout, bad status, too large).
///
/// Produced by [`CertificateFetcher`](crate::CertificateFetcher) implementations; this is the
/// one error of verification that is worth a retry.
#[derive(Debug)]
pub struct FetchError {
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl FetchError {
    /// A fetch error with a description (no URL credentials, no response bodies).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// A fetch error with a description and its underlying cause.
    pub fn with_source(
        message: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for FetchError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

/// Why a notification was rejected.
///
/// Every variant except [`IpnError::CertificateFetch`] and [`IpnError::DeduplicationFull`] is
/// permanent: the same message will
/// never verify, so an endpoint answers it with a 4xx status ([`IpnError::status_code`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IpnError {
    /// The body is larger than the limit for SNS messages.
    #[error("the message body is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body is not an SNS envelope (not UTF-8, not a JSON object, wrong value types, unknown `Type`).
    #[error("the message is not a valid SNS envelope: {0}")]
    Malformed(String),
    /// A field the message type requires is absent.
    #[error("the message lacks the required field `{0}`")]
    MissingField(&'static str),
    /// The `x-amz-sns-message-type` header disagrees with the `Type` of the body.
    #[error("the x-amz-sns-message-type header disagrees with the message Type")]
    TypeMismatch,
    /// `SignatureVersion` is neither `1` nor `2`.
    #[error("unsupported SignatureVersion (only 1 and 2 exist)")]
    UnsupportedSignatureVersion,
    /// `SignatureVersion` is `1` (SHA-1) but the verifier requires version 2.
    #[error("SignatureVersion 1 (SHA-1) is refused by configuration; version 2 is required")]
    SignatureVersionNotAllowed,
    /// `SigningCertURL` failed the URL checks; nothing was fetched.
    #[error("untrusted SigningCertURL: {0}")]
    UntrustedCertificateUrl(UrlRejection),
    /// `SubscribeURL` failed the host checks; it must not be visited.
    #[error("untrusted SubscribeURL: {0}")]
    UntrustedSubscribeUrl(UrlRejection),
    /// The signing certificate could not be fetched; a retry may succeed.
    #[error("the signing certificate could not be fetched")]
    CertificateFetch(#[source] FetchError),
    /// The certificate bytes are not a PEM or DER X.509 certificate.
    #[error("the signing certificate cannot be parsed: {0}")]
    InvalidCertificate(String),
    /// The certificate's key is not an RSA key.
    #[error("the signing certificate does not hold an RSA key")]
    UnsupportedKey,
    /// The certificate's validity period ended before the verification time.
    #[error("the signing certificate has expired")]
    CertificateExpired,
    /// The certificate's validity period starts after the verification time.
    #[error("the signing certificate is not valid yet")]
    CertificateNotYetValid,
    /// The certificate names neither in its subject common name nor in a DNS subject
    /// alternative name the host `sns.amazonaws.com`: it was issued for another host.
    #[error("the signing certificate is not issued to sns.amazonaws.com")]
    CertificateNameMismatch,
    /// The certificate does not chain to a trusted root.
    #[error("the signing certificate is not trusted: {0}")]
    UntrustedCertificate(String),
    /// `Signature` is not valid standard base64.
    #[error("the Signature field is not valid base64")]
    InvalidSignatureEncoding,
    /// The signature does not match the message: it was altered or not signed by this certificate.
    #[error("the signature does not match the message")]
    BadSignature,
    /// `Timestamp` is not an ISO 8601 / RFC 3339 date-time.
    #[error("the Timestamp field is not an RFC 3339 date-time")]
    InvalidTimestamp,
    /// `Timestamp` is older than the configured freshness window.
    #[error("the message is stale: {age:?} old, the limit is {max_age:?}")]
    StaleTimestamp {
        /// How old the message was at verification time.
        age: Duration,
        /// The configured limit.
        max_age: Duration,
    },
    /// `Timestamp` is further in the future than the allowed clock skew.
    #[error("the message Timestamp is in the future")]
    TimestampInFuture,
    /// `TopicArn` is not in the configured allow-list.
    #[error("the message comes from a topic that is not allowed")]
    TopicNotAllowed,
    /// The verified envelope's inner Amazon Pay message cannot be parsed, or names a key twice.
    #[error("the notification message is invalid: {0}")]
    InvalidNotification(String),
    /// The de-duplication window already remembers as many ids as it may, all younger than the
    /// window: the message is refused rather than an id forgotten early. Retryable (503): SNS
    /// delivers it again later, when older ids have expired.
    #[error("the de-duplication window is full ({capacity} recent message ids); retry later")]
    DeduplicationFull {
        /// How many ids the window holds.
        capacity: usize,
    },
    /// The notification is for another merchant.
    #[error("the notification is for merchant `{actual}`, not `{expected}`")]
    MerchantMismatch {
        /// The configured merchant id.
        expected: String,
        /// The merchant id in the notification.
        actual: String,
    },
}

impl IpnError {
    /// Whether the same message may succeed later (a failed certificate fetch, a full
    /// de-duplication window).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::CertificateFetch(_) | Self::DeduplicationFull { .. }
        )
    }

    /// The HTTP status an IPN endpoint should answer with.
    ///
    /// 413 for an oversized body, 400 for malformed messages, 403 for messages that fail
    /// authentication or are not for this merchant (SNS does not redeliver after a 4xx), and
    /// 503 when the certificate could not be fetched or the de-duplication window is full (SNS
    /// redelivers after a 5xx).
    pub fn status_code(&self) -> u16 {
        match self {
            Self::TooLarge { .. } => 413,
            Self::Malformed(_)
            | Self::MissingField(_)
            | Self::TypeMismatch
            | Self::InvalidSignatureEncoding
            | Self::InvalidTimestamp
            | Self::InvalidNotification(_) => 400,
            Self::CertificateFetch(_) | Self::DeduplicationFull { .. } => 503,
            Self::UnsupportedSignatureVersion
            | Self::SignatureVersionNotAllowed
            | Self::UntrustedCertificateUrl(_)
            | Self::UntrustedSubscribeUrl(_)
            | Self::InvalidCertificate(_)
            | Self::UnsupportedKey
            | Self::CertificateExpired
            | Self::CertificateNotYetValid
            | Self::CertificateNameMismatch
            | Self::UntrustedCertificate(_)
            | Self::BadSignature
            | Self::StaleTimestamp { .. }
            | Self::TimestampInFuture
            | Self::TopicNotAllowed
            | Self::MerchantMismatch { .. } => 403,
        }
    }
}
