//! One call: per-call options, the request build, the response.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, StatusCode};
use serde::de::DeserializeOwned;
use tower::ServiceExt;

use crate::client::Client;
use crate::headers::{
    X_AMZ_PAY_AUTHTOKEN, X_AMZ_PAY_IDEMPOTENCY_KEY, X_AMZ_PAY_REQUEST_ID,
    X_AMZ_PAY_SIMULATION_CODE, check_simulation_code_allowed, header_value, is_reserved,
    retry_after, sensitive_header_value,
};
use crate::layers::{Attempts, CallTimeout, HttpRequest, HttpResponse, IdempotencyKey};
use crate::operation::{Operation, OperationInfo};
use crate::{Error, ErrorKind};

/// Options of one call. Every setter is infallible; invalid values are reported when the call is
/// awaited, as [`ErrorKind::InvalidInput`] with nothing sent.
#[derive(Default, Clone)]
pub struct CallOptions {
    idempotency_key: Option<String>,
    auth_token: Option<String>,
    simulation_code: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
}

impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("idempotency_key", &self.idempotency_key)
            .field(
                "auth_token",
                &self.auth_token.as_ref().map(|_| "<redacted>"),
            )
            .field("simulation_code", &self.simulation_code)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A call being prepared: set options, then `.await` it.
///
/// ```no_run
/// # async fn demo(client: amazon_pay_client::Client) -> Result<(), amazon_pay_client::Error> {
/// let raw = client
///     .raw_request(http::Method::GET, "/v2/charges/S01-0000000-0000000-C000000")
///     .timeout(std::time::Duration::from_secs(5))
///     .await?;
/// println!("{} after {} attempt(s)", raw.status(), raw.attempts());
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<O: Operation> {
    client: Client,
    op: O,
    options: CallOptions,
}

impl<O: Operation> fmt::Debug for Call<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.op.info().name)
            .field("options", &self.options)
            .finish()
    }
}

impl Client {
    /// Prepares any [`Operation`]; await the returned [`Call`].
    pub fn send<O: Operation>(&self, op: O) -> Call<O> {
        Call {
            client: self.clone(),
            op,
            options: CallOptions::default(),
        }
    }
}

impl<O: Operation> Call<O> {
    /// Uses this idempotency key instead of a generated one (at most 32 of `A-Z a-z 0-9 _ -`).
    /// Derive it from a business id (an order number) so the call stays idempotent across
    /// process restarts.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Sends this delegated authorization token instead of the client's default.
    pub fn auth_token(mut self, token: impl Into<String>) -> Self {
        self.options.auth_token = Some(token.into());
        self
    }

    /// Sends `x-amz-pay-simulation-code` (sandbox only: refused for live clients).
    pub fn simulation_code(mut self, code: impl Into<String>) -> Self {
        self.options.simulation_code = Some(code.into());
        self
    }

    /// Adds a header. The client's own headers (`authorization`, `accept`, `content-type`,
    /// `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, `host`, `content-length`) cannot
    /// be set; `x-amz-pay-*` headers are signed.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Limits this call (every attempt and wait included) to `timeout`, instead of the client's
    /// total timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The operation this call sends.
    pub fn operation(&self) -> &O {
        &self.op
    }

    pub(crate) fn operation_mut(&mut self) -> &mut O {
        &mut self.op
    }

    /// Sends the call. Same as `.await`.
    pub async fn send(self) -> Result<Response<O::Response>, Error> {
        let info = self.op.info();
        let mut result = self.run(info).await;
        if let Err(err) = &mut result {
            err.set_operation(info.name);
        }
        result
    }

    async fn run(self, info: &'static OperationInfo) -> Result<Response<O::Response>, Error> {
        let started = Instant::now();
        let req = build_request(&self.client, &self.op, info, &self.options)?;
        let resp = self.client.service().oneshot(req).await?;
        let raw = RawResponse::new(resp, started.elapsed());
        if !info.success.accepts(raw.status) {
            return Err(raw.into_service_error());
        }
        let body = raw.decode::<O::Response>()?;
        Ok(Response { body, raw })
    }
}

impl<O: Operation> IntoFuture for Call<O> {
    type Output = Result<Response<O::Response>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

fn build_request<O: Operation>(
    client: &Client,
    op: &O,
    info: &'static OperationInfo,
    options: &CallOptions,
) -> Result<HttpRequest, Error> {
    let mut target = op.path()?;
    if !target.starts_with('/') {
        return Err(Error::invalid_input(
            "an operation path must start with `/`",
        ));
    }
    let query = op.query();
    if !query.is_empty() {
        let pairs: Vec<(&str, &str)> = query
            .iter()
            .map(|(n, v)| (n.as_ref(), v.as_str()))
            .collect();
        target.push('?');
        target.push_str(&amazon_pay_signing::canonical_query_string(&pairs));
    }
    let body = op.body()?.map(Bytes::from).unwrap_or_default();
    let mut req = http::Request::builder()
        .method(info.method.clone())
        .uri(target)
        .body(body)
        .map_err(|_| Error::invalid_input("the operation path is not a valid URI path"))?;
    let headers = req.headers_mut();
    for (name, value) in &options.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input(format!("`{name}` is not a valid header name")))?;
        if is_reserved(&name) {
            return Err(Error::invalid_input(format!(
                "the header `{name}` is set by the client and cannot be overridden"
            )));
        }
        if name == X_AMZ_PAY_SIMULATION_CODE {
            check_simulation_code_allowed(client.environment())?;
        }
        let value = if name == X_AMZ_PAY_AUTHTOKEN {
            sensitive_header_value(name.as_str(), value)?
        } else {
            header_value(name.as_str(), value)?
        };
        headers.append(name, value);
    }
    if let Some(key) = &options.idempotency_key {
        crate::layers::validate_idempotency_key(key)?;
        headers.insert(
            X_AMZ_PAY_IDEMPOTENCY_KEY,
            header_value("x-amz-pay-idempotency-key", key)?,
        );
    }
    if let Some(token) = &options.auth_token {
        headers.insert(
            X_AMZ_PAY_AUTHTOKEN,
            sensitive_header_value("x-amz-pay-authtoken", token)?,
        );
    }
    if let Some(code) = &options.simulation_code {
        check_simulation_code_allowed(client.environment())?;
        headers.insert(
            X_AMZ_PAY_SIMULATION_CODE,
            header_value("x-amz-pay-simulation-code", code)?,
        );
    }
    req.extensions_mut().insert::<&'static OperationInfo>(info);
    if let Some(timeout) = options.timeout {
        req.extensions_mut().insert(CallTimeout(timeout));
    }
    Ok(req)
}

/// The answer of the service with its metadata, before or without parsing.
#[derive(Clone)]
pub(crate) struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
    duration: Duration,
    idempotency_key: Option<String>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status.as_u16())
            .field("request_id", &self.request_id())
            .field("attempts", &self.attempts)
            .field("duration", &self.duration)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl RawResponse {
    fn new(resp: HttpResponse, duration: Duration) -> Self {
        let (mut parts, body) = resp.into_parts();
        let attempts = parts.extensions.get::<Attempts>().map_or(1, |a| a.0);
        let idempotency_key = parts.extensions.remove::<IdempotencyKey>().map(|k| k.0);
        RawResponse {
            status: parts.status,
            headers: parts.headers,
            body,
            attempts,
            duration,
            idempotency_key,
        }
    }

    fn request_id(&self) -> Option<&str> {
        self.headers
            .get(X_AMZ_PAY_REQUEST_ID)
            .and_then(|v| v.to_str().ok())
    }

    fn annotate(&self, mut err: Error) -> Error {
        err = err.with_request_id(self.request_id().map(str::to_owned));
        err.set_attempts(self.attempts);
        if let Some(key) = &self.idempotency_key {
            err.set_idempotency_key(key);
        }
        err
    }

    fn into_service_error(self) -> Error {
        let retry_after = retry_after(&self.headers, std::time::SystemTime::now());
        self.annotate(Error::service(self.status, &self.body, retry_after))
    }

    fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let bytes: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        // The types crate reads response objects tolerantly and names the path of an
        // essential field that did not decode, through nested objects.
        amazon_pay_types::from_json(bytes).map_err(|err| {
            // The serde message can quote body values (buyer data): report only where and what.
            let what = match err.kind() {
                amazon_pay_types::DecodeErrorKind::Data => "a value of an unexpected type or shape",
                amazon_pay_types::DecodeErrorKind::Eof => "a truncated document",
                _ => "invalid JSON",
            };
            let position = match (err.line(), err.column()) {
                (0, _) => String::new(),
                (line, column) => format!(" (line {line}, column {column})"),
            };
            let message = format!(
                "the {} body has {what} at `{}`{position}",
                self.status.as_u16(),
                err.path(),
            );
            self.annotate(
                Error::new(ErrorKind::Decode, message)
                    .with_status(self.status)
                    .with_raw_body(self.body.clone())
                    .with_retryable(false),
            )
        })
    }
}

/// A successful call: the parsed body and everything about the answer.
#[derive(Clone)]
pub struct Response<T> {
    body: T,
    raw: RawResponse,
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("body", &self.body)
            .field("raw", &self.raw)
            .finish()
    }
}

impl<T> Response<T> {
    /// The parsed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The parsed body, by value.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The HTTP status (any 2xx, or 303 for Claim Merchant Account).
    pub fn status(&self) -> StatusCode {
        self.raw.status
    }

    /// The `x-amz-pay-request-id`, for Amazon Pay support.
    pub fn request_id(&self) -> Option<&str> {
        self.raw.request_id()
    }

    /// How many attempts the call took.
    pub fn attempts(&self) -> u32 {
        self.raw.attempts
    }

    /// How long the call took, retries included.
    pub fn duration(&self) -> Duration {
        self.raw.duration
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.raw.headers
    }

    /// The body exactly as received.
    pub fn raw_body(&self) -> &Bytes {
        &self.raw.body
    }

    /// The idempotency key the call carried, if any.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.raw.idempotency_key.as_deref()
    }

    /// The `Location` header (Claim Merchant Account's `303 See Other` target; never followed).
    pub fn location(&self) -> Option<&str> {
        self.raw
            .headers
            .get(http::header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// The same response with the body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            body: f(self.body),
            raw: self.raw,
        }
    }
}
