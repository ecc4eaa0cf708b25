//! The Amazon Pay public key id.

use std::fmt;
use std::str::FromStr;

use crate::{Environment, Error};

/// The public key id Seller Central returns for an uploaded public key.
///
/// Ids created since 2023 carry a `LIVE-` or `SANDBOX-` prefix that fixes the
/// environment; older ids carry none. The id is not secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKeyId(String);

impl PublicKeyId {
    /// Checks and wraps a key id: it must be non-empty and free of whitespace,
    /// control characters and the separators of the `authorization` header (`,` `=`).
    pub fn new(id: impl Into<String>) -> Result<Self, Error> {
        let id = id.into();
        if id.is_empty() {
            return Err(Error::InvalidPublicKeyId {
                reason: "it is empty",
            });
        }
        if id.chars().any(char::is_whitespace) {
            return Err(Error::InvalidPublicKeyId {
                reason: "it contains whitespace (copy it again without spaces or line breaks)",
            });
        }
        if id.chars().any(char::is_control) {
            return Err(Error::InvalidPublicKeyId {
                reason: "it contains control characters",
            });
        }
        if id.contains([',', '=']) {
            return Err(Error::InvalidPublicKeyId {
                reason: "it contains ',' or '='",
            });
        }
        if !id.is_ascii() {
            return Err(Error::InvalidPublicKeyId {
                reason: "it contains characters outside ASCII (copy it again from Seller Central)",
            });
        }
        let id = Self(id);
        let prefix_len = match id.environment() {
            Some(Environment::Live) => "LIVE-".len(),
            Some(Environment::Sandbox) => "SANDBOX-".len(),
            None => 0,
        };
        if prefix_len == id.0.len() {
            return Err(Error::InvalidPublicKeyId {
                reason: "it is only a LIVE- or SANDBOX- prefix; the key id follows the prefix",
            });
        }
        Ok(id)
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `Some(Live)` / `Some(Sandbox)` for `LIVE-` / `SANDBOX-` ids (any case), else `None`.
    pub fn environment(&self) -> Option<Environment> {
        let has_prefix = |prefix: &str| {
            self.0
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        };
        if has_prefix("LIVE-") {
            Some(Environment::Live)
        } else if has_prefix("SANDBOX-") {
            Some(Environment::Sandbox)
        } else {
            None
        }
    }
}

impl fmt::Display for PublicKeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PublicKeyId {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl AsRef<str> for PublicKeyId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
