#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod cache;
mod certificate;
mod dedupe;
mod envelope;
mod error;
mod fetch;
mod signature;
mod trust;
mod unique_keys;
mod url_policy;
mod verifier;

pub use cache::CertificateCache;
pub use certificate::{SNS_CERTIFICATE_NAME, SigningCertificate};
pub use dedupe::Deduplicator;
pub use envelope::{MAX_BODY_BYTES, parse_message};
pub use error::{FetchError, IpnError, UrlRejection};
pub use fetch::{BoxFuture, CertificateFetcher, StaticCertificates};
pub use signature::SignatureVersion;
pub use trust::TrustStore;
pub use url_policy::{UrlPolicy, is_sns_host};

/// The URL type of checked URLs.
pub use url::Url;

/// The parsed forms, from `amazon-pay-types`.
pub use amazon_pay_types::{
    LegacyNotification, Notification, NotificationMessage, NotificationType, ObjectType,
    SnsConfirmation, SnsMessage, SnsNotification,
};
pub use verifier::{Confirmation, MAX_CLOCK_SKEW, VerifiedMessage, VerifiedNotification, Verifier};
