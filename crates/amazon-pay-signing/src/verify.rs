//! Verifying a received request the way the service does.

use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::canonical::{CanonicalHeaders, assemble, normalize_header_value, string_to_sign};
use crate::encoding::{
    canonical_query_from_bytes, canonical_uri_from_segments, decode_path, decode_query, sha256_hex,
};
use crate::{Algorithm, PublicKey, PublicKeyId, Region, VerifyError, parse_amz_date};

/// Headers every request must sign.
pub const REQUIRED_SIGNED_HEADERS: [&str; 5] = [
    "accept",
    "content-type",
    "x-amz-pay-date",
    "x-amz-pay-host",
    "x-amz-pay-region",
];

/// A request as received by a server.
#[derive(Debug, Clone, Copy)]
pub struct ReceivedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path as received (percent-encoded, without the query).
    pub path: &'a str,
    /// The query string as received, without `?` (may be empty).
    pub query: &'a str,
    /// Every header received, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes received.
    pub body: &'a [u8],
}

/// What a successful [`verify_request`] established.
#[derive(Debug, Clone)]
pub struct VerifiedRequest {
    public_key_id: PublicKeyId,
    algorithm: Algorithm,
    signed_headers: Vec<String>,
    date: SystemTime,
    region: String,
    canonical_request: String,
    string_to_sign: String,
}

impl VerifiedRequest {
    /// The public key id from `authorization`.
    pub fn public_key_id(&self) -> &PublicKeyId {
        &self.public_key_id
    }

    /// The algorithm from `authorization`.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The `SignedHeaders` names, as listed (case preserved).
    pub fn signed_headers(&self) -> &[String] {
        &self.signed_headers
    }

    /// Whether `name` (any case) was signed.
    pub fn is_signed(&self, name: &str) -> bool {
        self.signed_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
    }

    /// The parsed `x-amz-pay-date`; the caller checks the clock skew.
    pub fn date(&self) -> SystemTime {
        self.date
    }

    /// The `x-amz-pay-region` value as received (any case).
    pub fn region_header(&self) -> &str {
        &self.region
    }

    /// The region named by `x-amz-pay-region`, if known (`NA`, `us`, … accepted).
    pub fn region(&self) -> Option<Region> {
        self.region.parse().ok()
    }

    /// The canonical request the verifier rebuilt.
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string to sign the verifier computed.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }
}

/// The parsed `authorization` header.
struct Authorization<'a> {
    algorithm: &'a str,
    public_key_id: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<Authorization<'_>, VerifyError> {
    let malformed = VerifyError::MalformedAuthorization;
    let (algorithm, rest) = value.trim().split_once(' ').ok_or(malformed(
        "expected `{algorithm} PublicKeyId=…, SignedHeaders=…, Signature=…`",
    ))?;
    let (mut key_id, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (name, v) = part
            .trim()
            .split_once('=')
            .ok_or(malformed("a parameter has no `=`"))?;
        let slot = match name {
            "PublicKeyId" => &mut key_id,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => {
                return Err(malformed(
                    "unknown parameter (expected PublicKeyId, SignedHeaders, Signature)",
                ));
            }
        };
        if slot.replace(v.trim()).is_some() {
            return Err(malformed("a parameter is repeated"));
        }
    }
    Ok(Authorization {
        algorithm,
        public_key_id: key_id.ok_or(malformed("PublicKeyId is missing"))?,
        signed_headers: signed.ok_or(malformed("SignedHeaders is missing"))?,
        signature: signature.ok_or(malformed("Signature is missing"))?,
    })
}

/// All values of a header (any case), joined with `,` as HTTP does.
fn header_value(headers: &[(&str, &str)], name: &str) -> Option<String> {
    let mut values = headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| normalize_header_value(v));
    let first = values.next()?;
    Some(values.fold(first, |mut acc, v| {
        acc.push(',');
        acc.push_str(&v);
        acc
    }))
}

fn canonical_uri_of_received(path: &str) -> Result<String, VerifyError> {
    let segments = decode_path(path).ok_or(VerifyError::MalformedRequest(
        "the path has a malformed percent escape",
    ))?;
    Ok(canonical_uri_from_segments(
        segments.iter().map(AsRef::as_ref),
        path.ends_with('/'),
    ))
}

fn canonical_query_of_received(query: &str) -> Result<String, VerifyError> {
    let pairs = decode_query(query).ok_or(VerifyError::MalformedRequest(
        "the query has a malformed percent escape",
    ))?;
    Ok(canonical_query_from_bytes(
        pairs.iter().map(|(n, v)| (n.as_ref(), v.as_ref())),
    ))
}

/// Verifies a signed request as the service does, with the tolerances that
/// let every official SDK through:
///
/// * the canonical request is rebuilt from what was received, over exactly the
///   headers in `SignedHeaders` (listed in any case, e.g. a signed `user-agent`);
/// * the five standard headers must be signed, and `x-amz-pay-idempotency-key`
///   when sent; `x-amz-pay-authtoken` and the simulation code may be unsigned;
/// * `x-amz-pay-date` may be basic or extended ISO 8601; the region header may
///   be in any case; a trailing slash is signed as sent;
/// * the query is rebuilt from the decoded parameters;
/// * the PSS salt length follows the algorithm name (20 for V1, 32 for V2).
///
/// `lookup` maps a public key id to its key. The date is parsed but not
/// compared with a clock: check [`VerifiedRequest::date`] yourself.
pub fn verify_request(
    request: &ReceivedRequest<'_>,
    lookup: &dyn Fn(&str) -> Option<PublicKey>,
) -> Result<VerifiedRequest, VerifyError> {
    let mut auth_values = request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"));
    let (_, auth_value) = auth_values
        .next()
        .ok_or(VerifyError::MissingAuthorization)?;
    if auth_values.next().is_some() {
        return Err(VerifyError::MalformedAuthorization(
            "authorization is sent more than once",
        ));
    }
    let auth = parse_authorization(auth_value)?;
    let algorithm: Algorithm = auth
        .algorithm
        .parse()
        .map_err(|_| VerifyError::UnsupportedAlgorithm(auth.algorithm.to_owned()))?;
    let public_key_id = PublicKeyId::new(auth.public_key_id)
        .map_err(|_| VerifyError::MalformedAuthorization("PublicKeyId is not a valid key id"))?;

    let signed: Vec<&str> = auth.signed_headers.split(';').collect();
    if signed.iter().any(|h| h.is_empty()) {
        return Err(VerifyError::MalformedAuthorization(
            "SignedHeaders has an empty name",
        ));
    }
    let is_signed = |name: &str| signed.iter().any(|h| h.eq_ignore_ascii_case(name));
    for required in REQUIRED_SIGNED_HEADERS {
        if !is_signed(required) {
            return Err(VerifyError::MissingRequiredHeader(required.to_owned()));
        }
    }
    const IDEMPOTENCY: &str = "x-amz-pay-idempotency-key";
    if header_value(request.headers, IDEMPOTENCY).is_some() && !is_signed(IDEMPOTENCY) {
        return Err(VerifyError::MissingRequiredHeader(IDEMPOTENCY.to_owned()));
    }

    let mut lines = String::with_capacity(signed.len() * 40);
    for name in &signed {
        let value = header_value(request.headers, name)
            .ok_or_else(|| VerifyError::MissingSignedHeader((*name).to_owned()))?;
        lines.push_str(&name.to_ascii_lowercase());
        lines.push(':');
        lines.push_str(&value);
        lines.push('\n');
    }
    let date_value = header_value(request.headers, "x-amz-pay-date").unwrap_or_default();
    let date =
        parse_amz_date(&date_value).map_err(|_| VerifyError::InvalidDate(date_value.clone()))?;
    let region = header_value(request.headers, "x-amz-pay-region").unwrap_or_default();

    let headers = CanonicalHeaders {
        lines,
        signed: auth.signed_headers.to_owned(),
    };
    let canonical_request = assemble(
        request.method,
        &canonical_uri_of_received(request.path)?,
        &canonical_query_of_received(request.query)?,
        &headers,
        &sha256_hex(request.body),
    );
    let string_to_sign = string_to_sign(algorithm, &canonical_request);

    let key = lookup(public_key_id.as_str())
        .ok_or_else(|| VerifyError::UnknownPublicKeyId(public_key_id.as_str().to_owned()))?;
    let signature = BASE64
        .decode(auth.signature)
        .map_err(|_| VerifyError::MalformedAuthorization("Signature is not valid Base64"))?;
    if key
        .verify(algorithm, string_to_sign.as_bytes(), &signature)
        .is_err()
    {
        return Err(VerifyError::SignatureMismatch { string_to_sign });
    }

    Ok(VerifiedRequest {
        public_key_id,
        algorithm,
        signed_headers: signed.into_iter().map(str::to_owned).collect(),
        date,
        region,
        canonical_request,
        string_to_sign,
    })
}
