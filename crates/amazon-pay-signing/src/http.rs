//! Signing an [`http::Request`] in place (feature `http`).

use http::header::{HeaderName, HeaderValue};
use http::uri::{PathAndQuery, Uri};

use crate::encoding::percent_decode;
use crate::{Error, SignableRequest, SignedRequest, Signer, SigningParams, sign};

/// `x-amz-pay-*` headers the signer sets itself (left over from an earlier attempt).
const SET_BY_SIGNER: [&str; 3] = ["x-amz-pay-date", "x-amz-pay-host", "x-amz-pay-region"];

fn invalid_path() -> Error {
    Error::InvalidPath {
        reason: "the URI path has a malformed percent escape, an encoded `/` or non-UTF-8 bytes",
    }
}

fn decode_utf8(part: &str) -> Option<String> {
    String::from_utf8(percent_decode(part, false)?).ok()
}

/// The raw (decoded) path of a URI.
fn raw_path(uri: &Uri) -> Result<String, Error> {
    let mut segments = Vec::new();
    for segment in uri.path().split('/') {
        let decoded = decode_utf8(segment).ok_or_else(invalid_path)?;
        if decoded.contains('/') {
            return Err(invalid_path());
        }
        segments.push(decoded);
    }
    Ok(segments.join("/"))
}

/// The raw (decoded) query pairs of a URI.
fn raw_query(uri: &Uri) -> Result<Vec<(String, String)>, Error> {
    let malformed = || Error::InvalidPath {
        reason: "the URI query has a malformed percent escape or non-UTF-8 bytes",
    };
    uri.query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((
                decode_utf8(name).ok_or_else(malformed)?,
                decode_utf8(value).ok_or_else(malformed)?,
            ))
        })
        .collect()
}

/// Signs an `http::Request` in place and returns every stage.
///
/// The signature covers the request's body (`B` is any byte container: `Vec<u8>`, `String`,
/// `bytes::Bytes`, `&[u8]`), which must be exactly the bytes sent. The request's
/// `x-amz-pay-*` headers (idempotency key, auth token, …) are signed as
/// [`sign`] describes; the URI is rewritten to the canonical path and query;
/// `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, `accept`,
/// `content-type` and `authorization` (marked sensitive) are set, replacing
/// any from an earlier attempt.
pub fn sign_http_request<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    params: &SigningParams,
    signer: &dyn Signer,
) -> Result<SignedRequest, Error> {
    let path = raw_path(request.uri())?;
    let query = raw_query(request.uri())?;
    let mut caller: Vec<(&str, &str)> = Vec::new();
    for (name, value) in request.headers() {
        let name = name.as_str();
        if name.starts_with("x-amz-pay-") && !SET_BY_SIGNER.contains(&name) {
            let value = value.to_str().map_err(|_| Error::InvalidHeader {
                name: name.to_owned(),
                reason: "the value is not visible ASCII",
            })?;
            caller.push((name, value));
        }
    }
    let query_refs: Vec<(&str, &str)> = query
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signable = SignableRequest {
        method: request.method().as_str(),
        path: &path,
        query: &query_refs,
        headers: &caller,
        body: request.body().as_ref(),
    };
    let signed = sign(&signable, params, signer)?;

    let mut parts = request.uri().clone().into_parts();
    parts.path_and_query =
        Some(PathAndQuery::try_from(signed.path_and_query()).map_err(|_| invalid_path())?);
    *request.uri_mut() = Uri::from_parts(parts).map_err(|_| invalid_path())?;

    for (name, value) in signed.headers() {
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
    Ok(signed)
}
