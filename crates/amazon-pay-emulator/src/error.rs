//! Errors: the public start-up error and the API error answers.

use http::StatusCode;

/// Why the emulator could not start or be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Binding or serving the listening socket failed.
    #[error("could not listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// Generating a key pair or a certificate failed.
    #[error("could not generate {what}")]
    Crypto {
        /// What was being generated.
        what: &'static str,
    },
    /// A public key given to the emulator could not be read.
    #[error("public key {key_id}: {reason}")]
    PublicKey {
        /// The key id it was registered under.
        key_id: String,
        /// Why it was refused.
        reason: String,
    },
    /// A configuration value is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The emulated service refused an action asked of the library handle.
    #[error("{status} {reason_code}: {message}")]
    Rejected {
        /// The HTTP status the API would answer.
        status: u16,
        /// The `reasonCode`.
        reason_code: String,
        /// The `message`.
        message: String,
    },
}

/// An error answer of the emulated API: status plus `{reasonCode, message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) reason_code: &'static str,
    pub(crate) message: String,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        reason_code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            reason_code,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(reason_code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, reason_code, message)
    }

    pub(crate) fn unprocessable(reason_code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, reason_code, message)
    }

    pub(crate) fn not_found(kind: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("The {kind} with id {id} was not found"),
        )
    }

    pub(crate) fn invalid_value(field: &str, detail: impl std::fmt::Display) -> Self {
        Self::bad_request(
            "InvalidParameterValue",
            format!("The value provided for {field} is invalid: {detail}"),
        )
    }

    pub(crate) fn body(&self) -> serde_json::Value {
        serde_json::json!({ "reasonCode": self.reason_code, "message": self.message })
    }
}

/// Result of an emulated API operation.
pub(crate) type ApiResult<T> = Result<T, ApiError>;
