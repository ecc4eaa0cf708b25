//! Signing an API request.

use std::fmt;
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::canonical::{CanonicalHeaders, assemble, canonical_headers, string_to_sign};
use crate::encoding::{canonical_query_string, canonical_uri, sha256_hex};
use crate::{Algorithm, Error, PublicKeyId, Region, Signer, format_amz_date};

/// The value of `accept` and `content-type` on every request.
pub const JSON: &str = "application/json";

/// The sandbox simulation header: sent, but never signed.
pub const SIMULATION_CODE_HEADER: &str = "x-amz-pay-simulation-code";

/// Headers the signer sets itself; a caller may not pass them.
const RESERVED: [&str; 7] = [
    "accept",
    "content-type",
    "x-amz-pay-date",
    "x-amz-pay-host",
    "x-amz-pay-region",
    "authorization",
    "host",
];

/// A request to sign, as plain data: no HTTP types involved.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// The upper-case HTTP method.
    pub method: &'a str,
    /// The raw (not yet percent-encoded) path, e.g. `/live/v2/checkoutSessions/abc`.
    /// Send [`SignedRequest::canonical_uri`] on the wire.
    pub path: &'a str,
    /// Raw (decoded) query pairs in any order; repeated names are kept.
    /// Send [`SignedRequest::canonical_query`] on the wire.
    pub query: &'a [(&'a str, &'a str)],
    /// Extra headers the caller sends. `x-amz-pay-*` headers (idempotency key,
    /// auth token, integrator headers) are signed, except
    /// [`SIMULATION_CODE_HEADER`]; all others are sent unsigned.
    pub headers: &'a [(&'a str, &'a str)],
    /// The exact body bytes sent (empty for none).
    pub body: &'a [u8],
}

impl<'a> SignableRequest<'a> {
    /// A request with no query, no extra headers and no body.
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Self {
            method,
            path,
            query: &[],
            headers: &[],
            body: &[],
        }
    }

    /// Sets the raw query pairs.
    pub fn with_query(mut self, query: &'a [(&'a str, &'a str)]) -> Self {
        self.query = query;
        self
    }

    /// Sets the extra headers.
    pub fn with_headers(mut self, headers: &'a [(&'a str, &'a str)]) -> Self {
        self.headers = headers;
        self
    }

    /// Sets the body bytes.
    pub fn with_body(mut self, body: &'a [u8]) -> Self {
        self.body = body;
        self
    }
}

/// Who signs, where, how and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningParams {
    /// The region (the `x-amz-pay-region` value).
    pub region: Region,
    /// The `x-amz-pay-host` value: the request host without port.
    pub host: String,
    /// The public key id in `authorization`.
    pub public_key_id: PublicKeyId,
    /// The signature algorithm.
    pub algorithm: Algorithm,
    /// The signing time; the crate never reads the clock itself.
    pub time: SystemTime,
}

impl SigningParams {
    /// Parameters for the region's own API host ([`Region::host`]).
    pub fn new(
        region: Region,
        public_key_id: PublicKeyId,
        algorithm: Algorithm,
        time: SystemTime,
    ) -> Self {
        Self {
            region,
            host: region.host().to_owned(),
            public_key_id,
            algorithm,
            time,
        }
    }
}

/// Whether the signer signs a caller header (by lower-case name).
pub(crate) fn is_signed_caller_header(lower_name: &str) -> bool {
    lower_name.starts_with("x-amz-pay-") && lower_name != SIMULATION_CODE_HEADER
}

fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn invalid_header(name: &str, reason: &'static str) -> Error {
    Error::InvalidHeader {
        name: name.to_owned(),
        reason,
    }
}

/// Checks the caller headers and returns the lower-cased signed ones.
fn signed_caller_headers<'a>(
    headers: &[(&'a str, &'a str)],
) -> Result<Vec<(String, &'a str)>, Error> {
    let mut seen: Vec<String> = Vec::with_capacity(headers.len());
    let mut signed = Vec::new();
    for &(name, value) in headers {
        if name.is_empty() || !name.bytes().all(is_token_char) {
            return Err(invalid_header(
                name,
                "the name is empty or not a valid HTTP header name",
            ));
        }
        let lower = name.to_ascii_lowercase();
        if RESERVED.contains(&lower.as_str()) {
            return Err(invalid_header(
                name,
                "the signer sets this header itself; do not pass it",
            ));
        }
        if seen.contains(&lower) {
            return Err(invalid_header(
                name,
                "the header is given twice; send each header once",
            ));
        }
        if value.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return Err(invalid_header(
                name,
                "the value contains control characters (such as CR or LF)",
            ));
        }
        if is_signed_caller_header(&lower) {
            let normalized = crate::canonical::normalize_header_value(value);
            if normalized != value {
                return Err(invalid_header(
                    name,
                    "the value has leading, trailing or repeated whitespace, which SDKs and the service normalise differently; remove it",
                ));
            }
            signed.push((lower.clone(), value));
        }
        seen.push(lower);
    }
    Ok(signed)
}

pub(crate) fn check_method(method: &str) -> Result<(), Error> {
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::InvalidMethod(method.to_owned()));
    }
    Ok(())
}

/// Refuses `.` and `..` among a path's (raw) segments.
pub(crate) fn check_path_segments<'a>(
    mut segments: impl Iterator<Item = &'a [u8]>,
) -> Result<(), Error> {
    if segments.any(|segment| segment == b"." || segment == b"..") {
        return Err(Error::InvalidPath {
            reason: "it contains a `.` or `..` segment; pass ids that are not dot segments",
        });
    }
    Ok(())
}

/// A host name (letters, digits, `-`, `.`) or an IPv6 literal in brackets (`[::1]`, as it
/// appears in a URL and in `x-amz-pay-host`).
fn check_host(host: &str) -> Result<(), Error> {
    let name = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let ipv6 = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .is_some_and(|inner| inner.parse::<std::net::Ipv6Addr>().is_ok());
    if name || ipv6 {
        Ok(())
    } else {
        Err(Error::InvalidHost(host.to_owned()))
    }
}

/// Signs a request: returns the headers to add and every intermediate stage.
///
/// The signed headers are `accept`, `content-type`, `x-amz-pay-date` (basic
/// ISO 8601 form of `params.time`), `x-amz-pay-host`, `x-amz-pay-region` and
/// every caller `x-amz-pay-*` header except [`SIMULATION_CODE_HEADER`].
pub fn sign(
    request: &SignableRequest<'_>,
    params: &SigningParams,
    signer: &dyn Signer,
) -> Result<SignedRequest, Error> {
    check_method(request.method)?;
    check_path_segments(request.path.split('/').map(str::as_bytes))?;
    let target = CanonicalTarget {
        uri: canonical_uri(request.path),
        query: canonical_query_string(request.query),
    };
    sign_canonical(
        request.method,
        target,
        request.headers,
        request.body,
        params,
        signer,
    )
}

/// The canonical path and query of a request: also the exact path and query sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalTarget {
    pub(crate) uri: String,
    pub(crate) query: String,
}

/// [`sign`] once the method and path are checked and the path and query canonical.
pub(crate) fn sign_canonical(
    method: &str,
    target: CanonicalTarget,
    headers: &[(&str, &str)],
    body: &[u8],
    params: &SigningParams,
    signer: &dyn Signer,
) -> Result<SignedRequest, Error> {
    check_host(&params.host)?;
    let caller = signed_caller_headers(headers)?;
    let date = format_amz_date(params.time)?;
    let region = params.region.as_str();

    let mut to_sign: Vec<(&str, &str)> = Vec::with_capacity(5 + caller.len());
    to_sign.extend([
        ("accept", JSON),
        ("content-type", JSON),
        ("x-amz-pay-date", date.as_str()),
        ("x-amz-pay-host", params.host.as_str()),
        ("x-amz-pay-region", region),
    ]);
    to_sign.extend(caller.iter().map(|(n, v)| (n.as_str(), *v)));
    let headers = canonical_headers(to_sign);

    let canonical_request = assemble(
        method,
        &target.uri,
        &target.query,
        &headers,
        &sha256_hex(body),
    );
    let string_to_sign = string_to_sign(params.algorithm, &canonical_request);
    let signature = BASE64.encode(signer.sign(params.algorithm, string_to_sign.as_bytes())?);
    let authorization = authorization_header(
        params.algorithm,
        &params.public_key_id,
        &headers,
        &signature,
    );

    Ok(SignedRequest {
        headers: vec![
            ("x-amz-pay-date", date),
            ("x-amz-pay-host", params.host.clone()),
            ("x-amz-pay-region", region.to_owned()),
            ("accept", JSON.to_owned()),
            ("content-type", JSON.to_owned()),
            ("authorization", authorization),
        ],
        signed_headers: headers.signed,
        canonical_uri: target.uri,
        canonical_query: target.query,
        canonical_request,
        string_to_sign,
        signature,
        algorithm: params.algorithm,
        public_key_id: params.public_key_id.clone(),
    })
}

fn authorization_header(
    algorithm: Algorithm,
    public_key_id: &PublicKeyId,
    headers: &CanonicalHeaders,
    signature: &str,
) -> String {
    format!(
        "{} PublicKeyId={}, SignedHeaders={}, Signature={}",
        algorithm.as_str(),
        public_key_id.as_str(),
        headers.signed,
        signature
    )
}

/// The result of [`sign`]: the headers to add and every stage that led to them.
///
/// `Debug` shows the [`redacted`](Self::redacted) view.
#[derive(Clone)]
pub struct SignedRequest {
    headers: Vec<(&'static str, String)>,
    signed_headers: String,
    canonical_uri: String,
    canonical_query: String,
    canonical_request: String,
    string_to_sign: String,
    signature: String,
    algorithm: Algorithm,
    public_key_id: PublicKeyId,
}

impl SignedRequest {
    /// The headers to add to the request, `authorization` last:
    /// `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, `accept`,
    /// `content-type`, `authorization`.
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The `authorization` header value (contains the signature: treat as secret in logs).
    pub fn authorization(&self) -> &str {
        self.header("authorization")
    }

    /// The `x-amz-pay-date` value.
    pub fn amz_date(&self) -> &str {
        self.header("x-amz-pay-date")
    }

    /// The `SignedHeaders` list (`;`-separated lower-case names).
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// The exact path to send (percent-encoded, canonical).
    pub fn canonical_uri(&self) -> &str {
        &self.canonical_uri
    }

    /// The exact query string to send after `?` (empty for none).
    pub fn canonical_query(&self) -> &str {
        &self.canonical_query
    }

    /// The path and query to send: `canonical_uri` plus `?canonical_query` when not empty.
    pub fn path_and_query(&self) -> String {
        if self.canonical_query.is_empty() {
            self.canonical_uri.clone()
        } else {
            format!("{}?{}", self.canonical_uri, self.canonical_query)
        }
    }

    /// The canonical request, exactly as hashed. It can hold an auth token;
    /// use [`redacted`](Self::redacted) for logs.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string to sign.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The Base64 signature.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The algorithm used.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The public key id used.
    pub fn public_key_id(&self) -> &PublicKeyId {
        &self.public_key_id
    }

    /// A view for logs: the signature and the auth token value are replaced by `<redacted>`.
    pub fn redacted(&self) -> Redacted<'_> {
        Redacted(self)
    }
}

impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.redacted(), f)
    }
}

/// Marker that replaces secrets in logs.
const REDACTED: &str = "<redacted>";

/// Headers whose values never appear in logs.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-amz-pay-authtoken"];

/// A canonical request for logs: the value of a signed `x-amz-pay-authtoken` (or
/// `authorization`) line is replaced by `<redacted>`.
///
/// ```
/// let canonical = "GET\n/v2/buyers/B1\n\nx-amz-pay-authtoken:secret\n\nx-amz-pay-authtoken\n";
/// assert_eq!(
///     amazon_pay_signing::redact_canonical_request(canonical),
///     "GET\n/v2/buyers/B1\n\nx-amz-pay-authtoken:<redacted>\n\nx-amz-pay-authtoken\n"
/// );
/// ```
pub fn redact_canonical_request(canonical_request: &str) -> String {
    let mut out = String::with_capacity(canonical_request.len());
    for (i, line) in canonical_request.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match line.split_once(':') {
            Some((name, _)) if SECRET_HEADERS.contains(&name) => {
                out.push_str(name);
                out.push(':');
                out.push_str(REDACTED);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The log-safe view of a [`SignedRequest`] (see [`SignedRequest::redacted`]).
///
/// `Display` prints the canonical request, the string to sign and the headers
/// to add, one per line.
#[derive(Clone, Copy)]
pub struct Redacted<'a>(&'a SignedRequest);

impl Redacted<'_> {
    /// The canonical request with the `x-amz-pay-authtoken` value redacted.
    pub fn canonical_request(&self) -> String {
        redact_canonical_request(&self.0.canonical_request)
    }

    /// The `authorization` value with the signature redacted.
    pub fn authorization(&self) -> String {
        let auth = self.0.authorization();
        match auth.rfind("Signature=") {
            Some(at) => format!("{}Signature={REDACTED}", &auth[..at]),
            None => REDACTED.to_owned(),
        }
    }
}

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .0
            .headers
            .iter()
            .map(|(n, v)| {
                let v = if *n == "authorization" {
                    self.authorization()
                } else {
                    v.clone()
                };
                (*n, v)
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("canonical_request", &self.canonical_request())
            .field("string_to_sign", &self.0.string_to_sign)
            .field("headers", &headers)
            .field("signature", &REDACTED)
            .finish()
    }
}

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "canonical request:\n{}", self.canonical_request())?;
        writeln!(f, "string to sign:\n{}", self.0.string_to_sign)?;
        writeln!(f, "headers:")?;
        for (name, value) in &self.0.headers {
            if *name == "authorization" {
                writeln!(f, "{name}: {}", self.authorization())?;
            } else {
                writeln!(f, "{name}: {value}")?;
            }
        }
        Ok(())
    }
}
