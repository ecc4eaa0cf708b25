//! Judging a request's headers and signature as the service does.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, SystemTime};

use amazon_pay_signing::{
    Environment, PublicKey, PublicKeyId, ReceivedRequest, Region, VerifyError, verify_request,
};
use http::StatusCode;
use http::request::Parts;

use crate::error::ApiError;
use crate::routing::Route;

/// How far `x-amz-pay-date` may be from the real clock.
pub(crate) const MAX_SKEW: Duration = Duration::from_secs(15 * 60);

/// Headers every request must carry.
const REQUIRED_HEADERS: [&str; 6] = [
    "authorization",
    "accept",
    "content-type",
    "x-amz-pay-date",
    "x-amz-pay-host",
    "x-amz-pay-region",
];

/// The registered public keys, by key id.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    map: RwLock<HashMap<String, PublicKey>>,
}

impl Keys {
    pub(crate) fn insert(&self, id: String, key: PublicKey) {
        if let Ok(mut m) = self.map.write() {
            m.insert(id, key);
        }
    }

    pub(crate) fn remove(&self, id: &str) -> bool {
        self.map
            .write()
            .map(|mut m| m.remove(id).is_some())
            .unwrap_or(false)
    }

    pub(crate) fn get(&self, id: &str) -> Option<PublicKey> {
        self.map.read().ok().and_then(|m| m.get(id).cloned())
    }

    pub(crate) fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .map
            .read()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        ids.sort();
        ids
    }
}

/// What verification established.
#[derive(Debug)]
pub(crate) struct Authenticated {
    pub(crate) env: Environment,
}

/// What the emulator accepts as `x-amz-pay-host` besides the region's API host.
#[derive(Debug, Clone)]
pub(crate) struct HostRules {
    pub(crate) region: Region,
    pub(crate) own_hosts: Vec<String>,
}

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

fn signature_error(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "InvalidRequestSignature", message)
}

fn map_verify_error(e: VerifyError) -> ApiError {
    match e {
        VerifyError::MissingAuthorization => {
            ApiError::bad_request("MissingHeader", "The header authorization is missing")
        }
        VerifyError::MissingSignedHeader(h) => ApiError::bad_request(
            "MissingHeader",
            format!("The header {h} is listed in SignedHeaders but was not sent"),
        ),
        VerifyError::MalformedAuthorization(why) => ApiError::bad_request(
            "InvalidHeaderValue",
            format!("The authorization header is malformed: {why}"),
        ),
        VerifyError::UnsupportedAlgorithm(a) => ApiError::bad_request(
            "InvalidHeaderValue",
            format!("The signing algorithm {a} is not supported"),
        ),
        VerifyError::InvalidDate(d) => ApiError::bad_request(
            "InvalidHeaderValue",
            format!(
                "The value {d} provided for x-amz-pay-date is not a valid ISO 8601 UTC timestamp"
            ),
        ),
        VerifyError::MalformedRequest(why) => ApiError::bad_request("InvalidRequest", why),
        VerifyError::UnknownPublicKeyId(id) => signature_error(format!(
            "Unable to verify signature: the public key id {id} is not registered"
        )),
        VerifyError::MissingRequiredHeader(h) => signature_error(format!(
            "Unable to verify signature: the header {h} must be signed"
        )),
        VerifyError::SignatureMismatch { string_to_sign } => signature_error(format!(
            "Unable to verify signature, signing String [{string_to_sign}]"
        )),
        other => signature_error(format!("Unable to verify signature: {other}")),
    }
}

/// Checks headers, signature, freshness, region, host and the environment path.
pub(crate) fn authenticate(
    parts: &Parts,
    body: &[u8],
    route: &Route,
    keys: &Keys,
    hosts: &HostRules,
    now: SystemTime,
) -> Result<Authenticated, ApiError> {
    for name in REQUIRED_HEADERS {
        match parts.headers.get(name) {
            None => {
                return Err(ApiError::bad_request(
                    "MissingHeader",
                    format!("The header {name} is missing"),
                ));
            }
            Some(v) if v.is_empty() => {
                return Err(ApiError::bad_request(
                    "MissingHeaderValue",
                    format!("The header {name} has no value"),
                ));
            }
            Some(_) => {}
        }
    }
    let mut headers = Vec::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        let value = value.to_str().map_err(|_| {
            ApiError::bad_request(
                "InvalidHeaderValue",
                format!("The header {name} is not valid ASCII"),
            )
        })?;
        headers.push((name.as_str(), value));
    }
    let request = ReceivedRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or(""),
        headers: &headers,
        body,
    };
    let verified = verify_request(&request, &|id| keys.get(id)).map_err(map_verify_error)?;

    let date = header(parts, "x-amz-pay-date").unwrap_or_default();
    match verified.date().duration_since(now) {
        Ok(ahead) if ahead > MAX_SKEW => {
            return Err(ApiError::bad_request(
                "InvalidHeaderValue",
                format!("The value {date} provided for x-amz-pay-date should not be in future"),
            ));
        }
        Err(behind) if behind.duration() > MAX_SKEW => {
            return Err(ApiError::bad_request(
                "InvalidHeaderValue",
                format!("The value {date} provided for x-amz-pay-date is more than 15 minutes old"),
            ));
        }
        _ => {}
    }

    let region_header = verified.region_header().to_owned();
    match verified.region() {
        Some(r) if r == hosts.region => {}
        _ => {
            return Err(ApiError::bad_request(
                "InvalidHeaderValue",
                format!(
                    "The value {region_header} provided for x-amz-pay-region does not match this endpoint's region {}",
                    hosts.region
                ),
            ));
        }
    }
    let pay_host = header(parts, "x-amz-pay-host").unwrap_or_default();
    let bare = strip_port(pay_host);
    let http_host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(strip_port);
    let host_ok = bare.eq_ignore_ascii_case(hosts.region.host())
        || hosts.own_hosts.iter().any(|h| h.eq_ignore_ascii_case(bare))
        || http_host.is_some_and(|h| h.eq_ignore_ascii_case(bare));
    if !host_ok {
        return Err(ApiError::bad_request(
            "InvalidHeaderValue",
            format!(
                "The value {pay_host} provided for x-amz-pay-host does not belong to region {} (expected {})",
                hosts.region,
                hosts.region.host()
            ),
        ));
    }

    let env = environment(verified.public_key_id(), route)?;
    Ok(Authenticated { env })
}

fn strip_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !h.contains(':') => h,
        _ => host,
    }
}

/// Classic key ids need `/{sandbox|live}/v2`; `LIVE-`/`SANDBOX-` ids use `/v2` and tolerate a
/// matching environment segment (the Ruby SDK sends one).
fn environment(key_id: &PublicKeyId, route: &Route) -> Result<Environment, ApiError> {
    let from_key = key_id.environment();
    match (from_key, route.env_segment) {
        (Some(k), None) => Ok(k),
        (Some(k), Some(p)) if k == p => Ok(k),
        (Some(k), Some(p)) => Err(ApiError::bad_request(
            "InvalidRequest",
            format!(
                "The public key id {} belongs to the {} environment but the path names /{}",
                key_id.as_str(),
                k.as_str(),
                p.as_str()
            ),
        )),
        (None, Some(p)) => Ok(p),
        (None, None) => Err(ApiError::bad_request(
            "InvalidRequest",
            format!(
                "The public key id {} has no environment prefix, so the path must start with /sandbox/v2 or /live/v2",
                key_id.as_str()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_ports() {
        assert_eq!(strip_port("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(strip_port("localhost"), "localhost");
        assert_eq!(strip_port("[::1]:443"), "::1");
        assert_eq!(strip_port("::1"), "::1");
    }
}
