//! The request-as-data seam: an [`Operation`] describes one API call; the client sends it.

use std::borrow::Cow;

use http::{Method, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::Error;

/// Whether an operation carries an `x-amz-pay-idempotency-key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Idempotency {
    /// The service requires a key; the client generates one unless the caller gives one.
    Required,
    /// The service accepts and enforces a key; the client generates one unless the caller gives
    /// one (every POST, and Update Charge).
    Optional,
    /// No key is sent (GET, PATCH, DELETE) unless the caller gives one.
    NotSent,
}

impl Idempotency {
    /// `required`, `optional` or `none`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Idempotency::Required => "required",
            Idempotency::Optional => "optional",
            Idempotency::NotSent => "none",
        }
    }
}

/// Which statuses are a success for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Success {
    /// Any 2xx.
    Any2xx,
    /// Any 2xx or `303 See Other` (Claim Merchant Account: the `Location` is returned, never
    /// followed).
    Any2xxOrSeeOther,
}

impl Success {
    /// Whether `status` is a success.
    pub fn accepts(self, status: StatusCode) -> bool {
        status.is_success()
            || (self == Success::Any2xxOrSeeOther && status == StatusCode::SEE_OTHER)
    }
}

/// What the client and the documentation know about an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperationInfo {
    /// The operation's name, such as `GetCharge`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template below the base URL, such as `/v2/charges/{chargeId}`. Spans and logs
    /// show this, never the raw path.
    pub path: &'static str,
    /// Whether an idempotency key is sent.
    pub idempotency: Idempotency,
    /// The statuses that count as success.
    pub success: Success,
    /// The crate that implements the operation.
    pub crate_name: &'static str,
}

impl OperationInfo {
    /// Describes an operation of `crate_name` (usually `env!("CARGO_PKG_NAME")`) whose success
    /// is any 2xx.
    pub const fn new(
        name: &'static str,
        method: Method,
        path: &'static str,
        idempotency: Idempotency,
        crate_name: &'static str,
    ) -> Self {
        OperationInfo {
            name,
            method,
            path,
            idempotency,
            success: Success::Any2xx,
            crate_name,
        }
    }

    /// The same with other success statuses.
    pub const fn with_success(mut self, success: Success) -> Self {
        self.success = success;
        self
    }
}

/// One API call as data: the seam through which the operation methods of `Client`, and other
/// crates (such as in-store), describe requests without touching the transport.
///
/// `Client::send` takes any `Operation`; the client adds everything else (endpoint, headers,
/// idempotency key, retries, signing).
pub trait Operation: Send + 'static {
    /// The type the success body parses into. Use `()` for empty bodies and
    /// `serde_json::Value` for free-form ones.
    type Response: DeserializeOwned + Send + 'static;

    /// The static description of the operation.
    fn info(&self) -> &'static OperationInfo;

    /// The path below the base URL with the ids filled in, each encoded with [`path_segment`],
    /// such as `/v2/charges/S01-1234567-1234567-C123456`.
    fn path(&self) -> Result<String, Error>;

    /// The query parameters (raw; the client encodes them). None by default.
    fn query(&self) -> Vec<(Cow<'static, str>, String)> {
        Vec::new()
    }

    /// The JSON body, serialized once (see [`json_body`]). None by default.
    fn body(&self) -> Result<Option<Vec<u8>>, Error> {
        Ok(None)
    }
}

/// Encodes an id as one path segment (every byte but `A-Z a-z 0-9 - _ . ~` percent-encoded).
///
/// Refuses ids that are empty, `.`, `..` or contain `/`: such ids would change the path.
/// `what` names the id in the error (for example `chargeId`).
pub fn path_segment(id: &str, what: &str) -> Result<String, Error> {
    if id.is_empty() || id == "." || id == ".." || id.contains('/') {
        return Err(Error::invalid_input(format!(
            "`{what}` must not be empty, `.`, `..` or contain `/`"
        )));
    }
    Ok(amazon_pay_signing::encode_path_segment(id))
}

/// Serializes a request body to JSON (once; retries send these exact bytes).
///
/// A value the types refuse to send (an amount with more fraction digits than its currency
/// allows, a currency code Amazon Pay does not accept, a charge above its currency's maximum)
/// fails with [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) and the refusal's own
/// text, for example `JPY amounts allow at most 0 fraction digits, got 2`; nothing is sent.
pub fn json_body<T: serde::Serialize + ?Sized>(value: &T) -> Result<Option<Vec<u8>>, Error> {
    serde_json::to_vec(value)
        .map(Some)
        // serde_json keeps only the refusal's text, which is the message: no source to repeat it.
        .map_err(|e| Error::invalid_input(e.to_string()))
}

/// The answer of operations without a body (`204 No Content`, `202 Accepted`): whatever the
/// body holds is ignored (the raw bytes stay on the `Response`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| NoContent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded_and_checked() {
        assert_eq!(path_segment("S01-123", "chargeId").unwrap(), "S01-123");
        assert_eq!(path_segment("a b%", "x").unwrap(), "a%20b%25");
        assert_eq!(
            path_segment("amzn.mws.1-2", "mwsAuthToken").unwrap(),
            "amzn.mws.1-2"
        );
        for bad in ["", ".", "..", "a/b"] {
            let err = path_segment(bad, "chargeId").unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
            assert!(err.message().contains("chargeId"));
        }
    }

    #[test]
    fn success_statuses() {
        assert!(Success::Any2xx.accepts(StatusCode::NO_CONTENT));
        assert!(!Success::Any2xx.accepts(StatusCode::SEE_OTHER));
        assert!(Success::Any2xxOrSeeOther.accepts(StatusCode::SEE_OTHER));
        assert!(!Success::Any2xxOrSeeOther.accepts(StatusCode::NOT_FOUND));
    }
}
