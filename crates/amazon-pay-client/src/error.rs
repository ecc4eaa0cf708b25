//! The one error type of the client.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use amazon_pay_types::{ErrorBody, ReasonCode, RetryClass, classify};
use bytes::Bytes;
use http::StatusCode;

/// What went wrong, in broad strokes. Match on it with a wildcard arm: new kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The client configuration is invalid (reported by `ClientBuilder::build`).
    Config,
    /// An argument of a call is invalid (an id, a header value, an idempotency key, a body that
    /// does not serialize, a simulation code in the live environment). Nothing was sent.
    InvalidInput,
    /// The signer failed to sign the request. Nothing was sent.
    Signing,
    /// The connection failed or broke (DNS, TCP, TLS, proxy, reset). The request may or may not
    /// have reached the service.
    Transport,
    /// The server's TLS certificate was refused (self-signed or unknown issuer, wrong name,
    /// expired, revoked, unusable). Permanent until the server or the trusted roots change:
    /// not retried. Nothing was sent.
    Tls,
    /// An attempt or the whole call took longer than its timeout.
    Timeout,
    /// The service answered with a status that is not a success for the operation.
    Service,
    /// The service answered with success but the body did not parse.
    /// **The request was processed**: do not blindly repeat it without its idempotency key.
    /// The error keeps the body as received ([`Error::raw_body`]) and the id of the object
    /// when it can be read from it ([`Error::object_id`]).
    Decode,
    /// The response body was larger than the configured limit.
    ResponseTooLarge,
}

impl ErrorKind {
    fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "invalid client configuration",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::Signing => "signing failed",
            ErrorKind::Transport => "transport error",
            ErrorKind::Tls => "TLS certificate refused",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Service => "service error",
            ErrorKind::Decode => "response body did not parse (the request was processed)",
            ErrorKind::ResponseTooLarge => "response too large",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

type Source = Box<dyn StdError + Send + Sync + 'static>;

/// The error of every client call and of `ClientBuilder::build`.
///
/// Opaque on purpose: ask it with [`kind`](Error::kind), [`is_retryable`](Error::is_retryable)
/// and the accessors. `Display` shows the kind, the message and the service context
/// (status, reason code, request id); it never repeats the source error, which is available
/// through [`std::error::Error::source`]. No secret (key, signature, auth token, body) is ever
/// part of an error.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<StatusCode>,
    reason_code: Option<ReasonCode>,
    request_id: Option<String>,
    idempotency_key: Option<String>,
    operation: Option<&'static str>,
    attempts: u32,
    retry_after: Option<Duration>,
    retryable: bool,
    raw_body: Option<Bytes>,
    object_id: Option<String>,
    source: Option<Source>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let retryable = matches!(kind, ErrorKind::Transport);
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                status: None,
                reason_code: None,
                request_id: None,
                idempotency_key: None,
                operation: None,
                attempts: 0,
                retry_after: None,
                retryable,
                raw_body: None,
                object_id: None,
                source: None,
            }),
        }
    }

    /// A transport failure caused by `source`: what a custom [`Transport`](crate::Transport), or
    /// a layer added with [`ClientBuilder::layer`](crate::ClientBuilder::layer), returns when a
    /// request could not be sent or its answer could not be read (connection refused or reset,
    /// TLS, a proxy, another HTTP client's error). `message` says what was being done; the cause
    /// stays available through [`source`](StdError::source) and is not repeated by `Display`.
    ///
    /// Like every transport error it is [retryable](Error::is_retryable): the retry policy sends
    /// the attempt again, with the same idempotency key.
    pub fn transport(
        message: impl Into<String>,
        source: impl Into<Box<dyn StdError + Send + Sync + 'static>>,
    ) -> Self {
        Error::new(ErrorKind::Transport, message).with_source(source)
    }

    /// The error of an answer whose status is not a success for the operation: `reasonCode` and
    /// `message` read from the body with the types crate's [`ErrorBody`], retryable as the
    /// types crate classifies the status ([`classify`]).
    pub(crate) fn service(status: StatusCode, body: &[u8], retry_after: Option<Duration>) -> Self {
        let (reason, message) = match serde_json::from_slice::<ErrorBody>(body) {
            Ok(body) => (Some(body.reason_code), Some(body.message)),
            Err(_) => (None, None),
        };
        let message = message
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| format!("the service answered {status}"));
        let retryable = classify(status.as_u16(), reason.as_ref()).is_retryable();
        Error::new(ErrorKind::Service, message)
            .with_status(status)
            .with_reason(reason)
            .with_retry_after(retry_after)
            .with_retryable(retryable)
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, message)
    }

    /// The same error as a configuration error: found while building the client.
    pub(crate) fn into_config(mut self) -> Self {
        self.inner.kind = ErrorKind::Config;
        self.inner.retryable = false;
        self
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    pub(crate) fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.inner.source = Some(source.into());
        self
    }

    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.inner.retryable = retryable;
        self
    }

    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_reason(mut self, reason_code: Option<ReasonCode>) -> Self {
        self.inner.reason_code = reason_code;
        self
    }

    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        if request_id.is_some() {
            self.inner.request_id = request_id;
        }
        self
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.inner.retry_after = retry_after;
        self
    }

    /// Keeps the body of an answer that did not decode, and the object id read from it.
    pub(crate) fn with_raw_body(mut self, body: Bytes) -> Self {
        self.inner.object_id = object_id_of(&body);
        self.inner.raw_body = Some(body);
        self
    }

    pub(crate) fn set_idempotency_key(&mut self, key: &str) {
        if self.inner.idempotency_key.is_none() {
            self.inner.idempotency_key = Some(key.to_owned());
        }
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.inner.attempts = attempts;
    }

    pub(crate) fn set_operation(&mut self, operation: &'static str) {
        if self.inner.operation.is_none() {
            self.inner.operation = Some(operation);
        }
    }

    /// The wait the service asked for with `Retry-After` on its last answer (seconds, or an
    /// HTTP date in any of the three forms HTTP allows, counted from when the answer arrived),
    /// if it sent one. Wait at least this long before repeating the call.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The broad category of the failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// Whether repeating the same call (with the same idempotency key) may succeed:
    /// transport failures, attempt timeouts and the statuses 408, 425, 429, 500, 502, 503, 504.
    /// The client has already retried these as its retry policy allows.
    pub fn is_retryable(&self) -> bool {
        self.inner.retryable
    }

    /// The retry classification of the types crate ([`RetryClass`]): for an answer of the
    /// service, by its status first and its reason code second ([`classify`]: `SoftDeclined`
    /// and `TransactionTimedOut` are [`RetryClass::CallerDecides`]); for any other failure,
    /// [`RetryClass::Transient`] when it [is retryable](Error::is_retryable),
    /// [`RetryClass::Permanent`] otherwise.
    pub fn retry_class(&self) -> RetryClass {
        match (self.inner.kind, self.inner.status) {
            (ErrorKind::Service, Some(status)) => {
                classify(status.as_u16(), self.inner.reason_code.as_ref())
            }
            _ if self.inner.retryable => RetryClass::Transient,
            _ => RetryClass::Permanent,
        }
    }

    /// The HTTP status of the service's answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The service's `reasonCode` (for example [`ReasonCode::HardDeclined`]), when the error
    /// body had one. Codes this version does not know are kept as `ReasonCode::Unknown`.
    pub fn reason_code(&self) -> Option<&ReasonCode> {
        self.inner.reason_code.as_ref()
    }

    /// The human-readable message: the service's `message` for service errors, the client's own
    /// description otherwise.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The `x-amz-pay-request-id` of the last answer, for Amazon Pay support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The idempotency key the call carried. Repeat the call with this key after an ambiguous
    /// failure (transport error, timeout) to get the first outcome instead of a second one.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.inner.idempotency_key.as_deref()
    }

    /// How many attempts were sent: 0 only when nothing was sent (an invalid argument, a
    /// signing failure before the first attempt). Counted also when the total timeout ends
    /// the call while an attempt is in flight.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The body of a success answer that did not decode ([`ErrorKind::Decode`]), exactly as
    /// received. The call was processed: this is what the service answered. It may hold buyer
    /// data, so `Debug` and `Display` never show it (only its length).
    pub fn raw_body(&self) -> Option<&Bytes> {
        self.inner.raw_body.as_ref()
    }

    /// The id of the object a success answer that did not decode was about (for example the
    /// `chargeId` of a Capture Charge), when it can be read from the body. Fetch the object with
    /// it, or repeat the call with [`idempotency_key`](Error::idempotency_key).
    pub fn object_id(&self) -> Option<&str> {
        self.inner.object_id.as_deref()
    }

    /// Whether the request may have been sent (at least one attempt went out), so the service
    /// may have processed it.
    pub(crate) fn nothing_sent(&self) -> bool {
        matches!(
            self.inner.kind,
            ErrorKind::Config | ErrorKind::InvalidInput | ErrorKind::Signing
        )
    }

    /// The operation name (for example `GetCharge`), when the error came from a call.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        if let Some(operation) = inner.operation {
            write!(f, "{operation}: ")?;
        }
        write!(f, "{}", inner.kind)?;
        if !inner.message.is_empty() {
            write!(f, ": {}", inner.message)?;
        }
        let mut context = Vec::new();
        if let Some(status) = inner.status {
            context.push(format!("status {}", status.as_u16()));
        }
        if let Some(reason) = &inner.reason_code {
            context.push(format!("reason {reason}"));
        }
        if let Some(request_id) = &inner.request_id {
            context.push(format!("request id {request_id}"));
        }
        if !context.is_empty() {
            write!(f, " ({})", context.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &inner.kind)
            .field("message", &inner.message);
        if let Some(operation) = inner.operation {
            d.field("operation", &operation);
        }
        if let Some(status) = inner.status {
            d.field("status", &status.as_u16());
        }
        if let Some(reason) = &inner.reason_code {
            d.field("reason_code", &reason.as_str());
        }
        if let Some(request_id) = &inner.request_id {
            d.field("request_id", request_id);
        }
        if let Some(key) = &inner.idempotency_key {
            d.field("idempotency_key", key);
        }
        d.field("attempts", &inner.attempts)
            .field("retryable", &inner.retryable);
        if let Some(id) = &inner.object_id {
            d.field("object_id", id);
        }
        if let Some(body) = &inner.raw_body {
            d.field("raw_body_len", &body.len());
        }
        if let Some(source) = &inner.source {
            d.field("source", &source.to_string());
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}

/// The keys naming an object's own id, most specific first: a refund names its charge, a charge
/// its charge permission, a checkout session both.
const OBJECT_ID_KEYS: [&str; 9] = [
    "refundId",
    "disputeId",
    "checkoutSessionId",
    "chargeId",
    "chargePermissionId",
    "reportScheduleId",
    "reportDocumentId",
    "reportId",
    "merchantAccountId",
];

/// The object id in a JSON body, read from its text so that a truncated or otherwise invalid
/// document still gives it: the first of [`OBJECT_ID_KEYS`] followed by `:` and a string of id
/// characters (letters, digits, `-`, `_`, `.`).
fn object_id_of(body: &[u8]) -> Option<String> {
    OBJECT_ID_KEYS.iter().find_map(|key| {
        let quoted = format!("\"{key}\"");
        let mut rest = body;
        while let Some(at) = find(rest, quoted.as_bytes()) {
            rest = &rest[at + quoted.len()..];
            if let Some(id) = string_value(rest) {
                return Some(id);
            }
        }
        None
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The id string after a key: `: "…"` with optional whitespace, id characters only.
fn string_value(after_key: &[u8]) -> Option<String> {
    let text = after_key.trim_ascii_start().strip_prefix(b":")?;
    let text = text.trim_ascii_start().strip_prefix(b"\"")?;
    let end = text.iter().position(|&b| b == b'"')?;
    let id = &text[..end];
    let id_like = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    (!id.is_empty() && id.len() <= 128 && id.iter().all(id_like))
        .then(|| String::from_utf8_lossy(id).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Cause;
    impl fmt::Display for Cause {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the-underlying-cause")
        }
    }
    impl StdError for Cause {}

    #[test]
    fn display_never_repeats_the_source() {
        let err = Error::new(ErrorKind::Transport, "connection failed").with_source(Cause);
        let shown = err.to_string();
        assert_eq!(shown, "transport error: connection failed");
        assert!(!shown.contains("the-underlying-cause"));
        assert_eq!(
            err.source().map(ToString::to_string).as_deref(),
            Some("the-underlying-cause")
        );
    }

    #[test]
    fn display_shows_service_context() {
        let mut err = Error::new(ErrorKind::Service, "Charge is declined")
            .with_status(StatusCode::UNPROCESSABLE_ENTITY)
            .with_reason(Some(ReasonCode::HardDeclined))
            .with_request_id(Some("req-1".into()));
        err.set_operation("CreateCharge");
        assert_eq!(
            err.to_string(),
            "CreateCharge: service error: Charge is declined (status 422, reason HardDeclined, request id req-1)"
        );
        assert_eq!(err.reason_code(), Some(&ReasonCode::HardDeclined));
        assert_eq!(err.request_id(), Some("req-1"));
        assert_eq!(err.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    }

    #[test]
    fn retryable_defaults_follow_the_kind() {
        assert!(Error::new(ErrorKind::Transport, "x").is_retryable());
        assert!(!Error::new(ErrorKind::Decode, "x").is_retryable());
        assert!(!Error::new(ErrorKind::Config, "x").is_retryable());
    }

    #[test]
    fn retryable_statuses() {
        for code in [408u16, 425, 429, 500, 502, 503, 504] {
            let err = Error::service(StatusCode::from_u16(code).unwrap(), b"", None);
            assert!(err.is_retryable(), "{code}");
            assert_eq!(err.retry_class(), RetryClass::Transient, "{code}");
        }
        for code in [400u16, 401, 403, 404, 409, 422, 501, 303, 200] {
            let err = Error::service(StatusCode::from_u16(code).unwrap(), b"", None);
            assert!(!err.is_retryable(), "{code}");
            assert_eq!(err.retry_class(), RetryClass::Permanent, "{code}");
        }
    }

    #[test]
    fn service_errors_read_the_error_body_and_its_classification() {
        let declined = br#"{"reasonCode":"SoftDeclined","message":"try later"}"#;
        let err = Error::service(StatusCode::UNPROCESSABLE_ENTITY, declined, None);
        assert_eq!(err.reason_code(), Some(&ReasonCode::SoftDeclined));
        assert_eq!(err.message(), "try later");
        assert!(!err.is_retryable());
        assert_eq!(err.retry_class(), RetryClass::CallerDecides);
        // A retryable status wins over the reason code.
        let outage = br#"{"reasonCode":"ResourceNotFound","message":"outage"}"#;
        let err = Error::service(StatusCode::INTERNAL_SERVER_ERROR, outage, None);
        assert_eq!(err.retry_class(), RetryClass::Transient);
        assert!(err.is_retryable());
        // No error body: the status says what happened.
        let err = Error::service(StatusCode::NOT_FOUND, b"<html>", None);
        assert_eq!(err.reason_code(), None);
        assert_eq!(err.message(), "the service answered 404 Not Found");
        // Failures that are not answers follow their retryability.
        assert_eq!(
            Error::new(ErrorKind::Transport, "reset").retry_class(),
            RetryClass::Transient
        );
        assert_eq!(
            Error::new(ErrorKind::Decode, "bad").retry_class(),
            RetryClass::Permanent
        );
    }

    #[test]
    fn raw_body_is_kept_but_never_shown() {
        let body = Bytes::from_static(
            br#"{"chargeId": "S01-1-1-C1", "chargePermissionId":"S01-1-1", "buyer":{"email":"secret@example.com"}, "chargeAmount": 7"#,
        );
        let err = Error::new(ErrorKind::Decode, "bad").with_raw_body(body.clone());
        assert_eq!(err.raw_body(), Some(&body));
        assert_eq!(err.object_id(), Some("S01-1-1-C1"));
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(!shown.contains("secret@example.com"), "{shown}");
        }
        assert!(format!("{err:?}").contains("raw_body_len"));
    }

    #[test]
    fn object_ids_prefer_the_object_itself() {
        let cases: [(&[u8], Option<&str>); 6] = [
            (br#"{"chargeId":"C1","refundId":"R1"}"#, Some("R1")),
            (
                br#"{"chargePermissionId":"P1","chargeId" : "C1"}"#,
                Some("C1"),
            ),
            (
                br#"{"checkoutSessionId":"cs-1","chargeId":"C1"}"#,
                Some("cs-1"),
            ),
            (
                br#"{"chargeId":null,"chargePermissionId":"P1"}"#,
                Some("P1"),
            ),
            (
                br#"{"note":"\"chargeId\": \"x\"","chargeId":"C2"}"#,
                Some("C2"),
            ),
            (b"<html>", None),
        ];
        for (body, id) in cases {
            assert_eq!(
                object_id_of(body).as_deref(),
                id,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn idempotency_key_is_set_once() {
        let mut err = Error::new(ErrorKind::Timeout, "t");
        err.set_idempotency_key("first");
        err.set_idempotency_key("second");
        assert_eq!(err.idempotency_key(), Some("first"));
    }
}
