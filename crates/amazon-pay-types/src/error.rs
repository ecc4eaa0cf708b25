//! The error body of non-2xx responses and the retry classification (api.md §7).

use crate::macros::open_enum;

open_enum! {
    /// The `reasonCode` of an error response.
    ReasonCode {
        /// Invalid header value (including clock skew).
        InvalidHeaderValue = "InvalidHeaderValue",
        /// Invalid request.
        InvalidRequest = "InvalidRequest",
        /// Invalid parameter value (e.g. JPY with decimals).
        InvalidParameterValue = "InvalidParameterValue",
        /// The body is not valid JSON.
        InvalidRequestFormat = "InvalidRequestFormat",
        /// A field value is not in the format the API expects.
        InvalidInputFormat = "InvalidInputFormat",
        /// A header is missing.
        MissingHeader = "MissingHeader",
        /// A header value is missing.
        MissingHeaderValue = "MissingHeaderValue",
        /// A mandatory parameter is missing.
        MissingParameterValue = "MissingParameterValue",
        /// Unknown field in the body.
        UnrecognizedField = "UnrecognizedField",
        /// Invalid sandbox simulation.
        InvalidSandboxSimulationSpecified = "InvalidSandboxSimulationSpecified",
        /// Idempotency key reused with a different request.
        DuplicateIdempotencyKey = "DuplicateIdempotencyKey",
        /// Invalid parameter combination.
        InvalidParameterCombination = "InvalidParameterCombination",
        /// Charge currency differs from the checkout currency.
        CurrencyMismatch = "CurrencyMismatch",
        /// Unsupported API version.
        InvalidApiVersion = "InvalidAPIVersion",
        /// Caller not authorised.
        UnauthorizedAccess = "UnauthorizedAccess",
        /// Authentication failed.
        InvalidAuthentication = "InvalidAuthentication",
        /// Account not in a usable state.
        InvalidAccountStatus = "InvalidAccountStatus",
        /// Signature mismatch.
        InvalidRequestSignature = "InvalidRequestSignature",
        /// Bad `x-amz-pay-authtoken`.
        InvalidAuthorizationToken = "InvalidAuthorizationToken",
        /// Object not found.
        ResourceNotFound = "ResourceNotFound",
        /// Method or operation not allowed.
        UnsupportedOperation = "UnsupportedOperation",
        /// Operation not supported.
        RequestNotSupported = "RequestNotSupported",
        /// Request timed out.
        RequestTimeout = "RequestTimeout",
        /// TLS below 1.2.
        TlsVersionNotSupported = "TLSVersionNotSupported",
        /// Throttled.
        TooManyRequests = "TooManyRequests",
        /// Server error.
        InternalServerError = "InternalServerError",
        /// Temporarily unavailable.
        ServiceUnavailable = "ServiceUnavailable",
        /// Amount above the allowed maximum.
        TransactionAmountExceeded = "TransactionAmountExceeded",
        /// Recurring periodic maximum exceeded.
        PeriodicAmountExceeded = "PeriodicAmountExceeded",
        /// `chargeAmount` differs from the session.
        AmountMismatch = "AmountMismatch",
        /// Checkout session is Completed or Canceled.
        InvalidCheckoutSessionStatus = "InvalidCheckoutSessionStatus",
        /// Buyer canceled or payment declined.
        CheckoutSessionCanceled = "CheckoutSessionCanceled",
        /// Charge state does not allow the operation.
        InvalidChargeStatus = "InvalidChargeStatus",
        /// Charge permission state does not allow the operation.
        InvalidChargePermissionStatus = "InvalidChargePermissionStatus",
        /// Charge permission cannot be modified.
        ChargePermissionNotModifiable = "ChargePermissionNotModifiable",
        /// Hard decline: ask for another payment method.
        HardDeclined = "HardDeclined",
        /// Soft decline: may succeed later.
        SoftDeclined = "SoftDeclined",
        /// Payment method not allowed for this transaction.
        PaymentMethodNotAllowed = "PaymentMethodNotAllowed",
        /// Rejected by Amazon.
        AmazonRejected = "AmazonRejected",
        /// Multi-factor authentication needed.
        MfaNotCompleted = "MFANotCompleted",
        /// Processing timed out.
        TransactionTimedOut = "TransactionTimedOut",
        /// Too many charges or refunds on the object.
        TransactionCountExceeded = "TransactionCountExceeded",
        /// Internal processing failure.
        ProcessingFailure = "ProcessingFailure",
    }
}

/// The JSON body of an error response: `{"reasonCode": …, "message": …}`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Machine-readable reason.
    pub reason_code: ReasonCode,
    /// Human-readable message (for `InvalidRequestSignature` it echoes the
    /// string to sign the service computed).
    #[serde(default)]
    pub message: String,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ErrorBody {
    /// An error body.
    pub fn new(reason_code: impl Into<ReasonCode>, message: impl Into<String>) -> Self {
        Self {
            reason_code: reason_code.into(),
            message: message.into(),
            extra: serde_json::Map::new(),
        }
    }

    /// Classifies this error for an HTTP status (status first, code second).
    pub fn classify(&self, status: u16) -> RetryClass {
        classify(status, Some(&self.reason_code))
    }
}

/// Whether an error may be retried, and by whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryClass {
    /// Transient: retry automatically with backoff (POST only with the same
    /// idempotency key and the same body).
    Transient,
    /// A business outcome the caller may retry later (`SoftDeclined`,
    /// `TransactionTimedOut`); never retried automatically.
    CallerDecides,
    /// Permanent: retrying the same request fails again.
    Permanent,
}

impl RetryClass {
    /// Whether the SDK retries automatically.
    pub fn is_retryable(self) -> bool {
        self == RetryClass::Transient
    }
}

/// HTTP statuses that are retried automatically: 408, 425, 429, 500, 502, 503, 504.
pub const RETRYABLE_STATUSES: [u16; 7] = [408, 425, 429, 500, 502, 503, 504];

/// Whether an HTTP status is retried automatically.
pub fn is_retryable_status(status: u16) -> bool {
    RETRYABLE_STATUSES.contains(&status)
}

/// Classifies an error response by status first, reason code second.
///
/// The reason code can disagree with the status (a 500 with
/// `ResourceNotFound` was seen during an outage), so a retryable status wins.
pub fn classify(status: u16, reason_code: Option<&ReasonCode>) -> RetryClass {
    if is_retryable_status(status) {
        return RetryClass::Transient;
    }
    match reason_code {
        Some(ReasonCode::SoftDeclined | ReasonCode::TransactionTimedOut) => {
            RetryClass::CallerDecides
        }
        _ => RetryClass::Permanent,
    }
}
