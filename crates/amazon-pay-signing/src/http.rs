//! Signing an [`http::Request`] (feature `http`).

use std::fmt;

use http::header::{HeaderName, HeaderValue};
use http::uri::{PathAndQuery, Uri};

use crate::encoding::{
    canonical_query_from_bytes, canonical_uri_from_segments, decode_path, decode_query,
};
use crate::sign::{CanonicalTarget, check_method, check_path_segments, sign_canonical};
use crate::{Error, SignedRequest, Signer, SigningParams};

/// `x-amz-pay-*` headers the signer sets itself (left over from an earlier attempt).
const SET_BY_SIGNER: [&str; 3] = ["x-amz-pay-date", "x-amz-pay-host", "x-amz-pay-region"];

fn invalid_path() -> Error {
    Error::InvalidPath {
        reason: "the URI path has a malformed percent escape, an encoded `/` or non-UTF-8 bytes",
    }
}

fn invalid_query() -> Error {
    Error::InvalidPath {
        reason: "the URI query has a malformed percent escape or non-UTF-8 bytes",
    }
}

/// What of an [`http::Request`] is signed, read once: the method, the canonical path and query
/// of its URI, and its `x-amz-pay-*` headers. It owns its data, so it can be sent to a signing
/// thread, and signed again for each attempt of a call with a fresh time.
///
/// The URI's path and query are decoded and percent-encoded again in one pass (no decoded
/// copy is kept): the canonical form is also what [`SignedRequest::apply_to`] puts on the wire.
/// `Debug` shows the header names, never their values (an auth token is a secret).
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use amazon_pay_signing::SignableHttpRequest;
///
/// let request = http::Request::get("https://pay-api.amazon.com/v2/reports?b=2&a=%7E1")
///     .header("x-amz-pay-idempotency-key", "k1")
///     .body(())?;
/// let signable = SignableHttpRequest::from_request(&request)?;
/// assert_eq!(signable.canonical_uri(), "/v2/reports");
/// assert_eq!(signable.canonical_query(), "a=~1&b=2");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SignableHttpRequest {
    method: String,
    target: CanonicalTarget,
    headers: Vec<(String, String)>,
}

impl fmt::Debug for SignableHttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("SignableHttpRequest")
            .field("method", &self.method)
            .field("canonical_uri", &self.target.uri)
            .field("canonical_query", &self.target.query)
            .field("headers", &names)
            .finish()
    }
}

impl SignableHttpRequest {
    /// Reads the method, the URI and the `x-amz-pay-*` headers of `request` (its body is
    /// passed to [`sign`](Self::sign)).
    ///
    /// Refused with [`Error::InvalidPath`]: a malformed percent escape, an encoded `/` in a
    /// path segment, bytes that do not decode to UTF-8, a `.` or `..` segment; with
    /// [`Error::InvalidHeader`]: an `x-amz-pay-*` value that is not visible ASCII; with
    /// [`Error::InvalidMethod`]: a method that is not upper case.
    pub fn from_request<B>(request: &http::Request<B>) -> Result<Self, Error> {
        let uri = request.uri();
        let segments = decode_path(uri.path()).ok_or_else(invalid_path)?;
        if segments
            .iter()
            .any(|s| s.contains(&b'/') || std::str::from_utf8(s).is_err())
        {
            return Err(invalid_path());
        }
        let query = decode_query(uri.query().unwrap_or("")).ok_or_else(invalid_query)?;
        if query
            .iter()
            .any(|(n, v)| std::str::from_utf8(n).is_err() || std::str::from_utf8(v).is_err())
        {
            return Err(invalid_query());
        }
        let mut headers = Vec::new();
        for (name, value) in request.headers() {
            let name = name.as_str();
            if name.starts_with("x-amz-pay-") && !SET_BY_SIGNER.contains(&name) {
                let value = value.to_str().map_err(|_| Error::InvalidHeader {
                    name: name.to_owned(),
                    reason: "the value is not visible ASCII",
                })?;
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        let method = request.method().as_str();
        check_method(method)?;
        check_path_segments(segments.iter().map(AsRef::as_ref))?;
        Ok(Self {
            method: method.to_owned(),
            target: CanonicalTarget {
                uri: canonical_uri_from_segments(
                    segments.iter().map(AsRef::as_ref),
                    uri.path().ends_with('/'),
                ),
                query: canonical_query_from_bytes(
                    query.iter().map(|(n, v)| (n.as_ref(), v.as_ref())),
                ),
            },
            headers,
        })
    }

    /// The canonical path: the exact path to send.
    pub fn canonical_uri(&self) -> &str {
        &self.target.uri
    }

    /// The canonical query: the exact query to send after `?` (empty for none).
    pub fn canonical_query(&self) -> &str {
        &self.target.query
    }

    /// Signs the request with `body`, which must be exactly the bytes sent, as [`sign`](crate::sign)
    /// does. Put the result on the request with [`SignedRequest::apply_to`].
    pub fn sign(
        &self,
        body: &[u8],
        params: &SigningParams,
        signer: &dyn Signer,
    ) -> Result<SignedRequest, Error> {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        sign_canonical(
            &self.method,
            self.target.clone(),
            &headers,
            body,
            params,
            signer,
        )
    }
}

impl SignedRequest {
    /// Puts the signature on `request` (feature `http`): the URI's path and query become the
    /// canonical ones, and `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, `accept`,
    /// `content-type` and `authorization` (marked sensitive) are set, replacing any from an
    /// earlier attempt.
    pub fn apply_to<B>(&self, request: &mut http::Request<B>) -> Result<(), Error> {
        let mut parts = request.uri().clone().into_parts();
        parts.path_and_query =
            Some(PathAndQuery::try_from(self.path_and_query()).map_err(|_| invalid_path())?);
        *request.uri_mut() = Uri::from_parts(parts).map_err(|_| invalid_path())?;
        for (name, value) in self.headers() {
            let mut value = HeaderValue::from_str(value).map_err(|_| Error::InvalidHeader {
                name: (*name).to_owned(),
                reason: "the value cannot be sent as an HTTP header",
            })?;
            if *name == "authorization" {
                value.set_sensitive(true);
            }
            request
                .headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
        Ok(())
    }
}

/// Signs an `http::Request` in place and returns every stage:
/// [`SignableHttpRequest::from_request`], [`sign`](SignableHttpRequest::sign) and
/// [`SignedRequest::apply_to`] in one call.
///
/// The signature covers the request's body (`B` is any byte container: `Vec<u8>`, `String`,
/// `bytes::Bytes`, `&[u8]`), which must be exactly the bytes sent. The request's
/// `x-amz-pay-*` headers (idempotency key, auth token, …) are signed as
/// [`sign`](crate::sign) describes; the URI is rewritten to the canonical path and query;
/// `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, `accept`,
/// `content-type` and `authorization` (marked sensitive) are set, replacing
/// any from an earlier attempt.
pub fn sign_http_request<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    params: &SigningParams,
    signer: &dyn Signer,
) -> Result<SignedRequest, Error> {
    let signed = SignableHttpRequest::from_request(request)?.sign(
        request.body().as_ref(),
        params,
        signer,
    )?;
    signed.apply_to(request)?;
    Ok(signed)
}
