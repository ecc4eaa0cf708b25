//! Why a [`NotificationVerifier`](super::NotificationVerifier) could not be built.

use std::error::Error as StdError;
use std::fmt;

use amazon_pay_client::Error;
use amazon_pay_client::ipn::{IpnError, UrlRejection};

/// Why a [`NotificationVerifier`](super::NotificationVerifier) could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The merchant id is empty: every notification would be refused.
    MissingMerchantId,
    /// A certificate given to the builder does not parse.
    InvalidCertificate {
        /// Which one: `"trust anchor"`, `"pinned signing certificate"` or `"TLS root"`.
        what: &'static str,
        /// Why.
        source: IpnError,
    },
    /// The URL of a pinned signing certificate would be refused by the URL policy, so the
    /// certificate could never be used.
    UntrustedPinnedUrl(UrlRejection),
    /// The HTTPS transport that fetches certificates could not be set up.
    Transport(Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingMerchantId => f.write_str("the merchant id is empty"),
            Self::InvalidCertificate { what, .. } => write!(f, "invalid {what}"),
            Self::UntrustedPinnedUrl(reason) => {
                write!(f, "the pinned certificate URL is refused: {reason}")
            }
            Self::Transport(_) => f.write_str("the certificate fetching transport failed to build"),
        }
    }
}

impl StdError for BuildError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::InvalidCertificate { source, .. } => Some(source),
            Self::Transport(error) => Some(error),
            Self::MissingMerchantId | Self::UntrustedPinnedUrl(_) => None,
        }
    }
}
