//! Header names of the Amazon Pay API and header value checks.

use std::time::{Duration, SystemTime};

use http::HeaderMap;
use http::header::{HeaderName, HeaderValue, RETRY_AFTER};

use crate::Error;

/// `x-amz-pay-date`: the signing time, `YYYYMMDDTHHMMSSZ`.
pub const X_AMZ_PAY_DATE: HeaderName = HeaderName::from_static("x-amz-pay-date");
/// `x-amz-pay-host`: the API host.
pub const X_AMZ_PAY_HOST: HeaderName = HeaderName::from_static("x-amz-pay-host");
/// `x-amz-pay-region`: `na`, `eu` or `jp`.
pub const X_AMZ_PAY_REGION: HeaderName = HeaderName::from_static("x-amz-pay-region");
/// `x-amz-pay-idempotency-key`.
pub const X_AMZ_PAY_IDEMPOTENCY_KEY: HeaderName =
    HeaderName::from_static("x-amz-pay-idempotency-key");
/// `x-amz-pay-authtoken`: a solution provider's delegated authorization token.
pub const X_AMZ_PAY_AUTHTOKEN: HeaderName = HeaderName::from_static("x-amz-pay-authtoken");
/// `x-amz-pay-simulation-code`: a sandbox simulation.
pub const X_AMZ_PAY_SIMULATION_CODE: HeaderName =
    HeaderName::from_static("x-amz-pay-simulation-code");
/// `x-amz-pay-integrator-id`.
pub const X_AMZ_PAY_INTEGRATOR_ID: HeaderName = HeaderName::from_static("x-amz-pay-integrator-id");
/// `x-amz-pay-integrator-version`.
pub const X_AMZ_PAY_INTEGRATOR_VERSION: HeaderName =
    HeaderName::from_static("x-amz-pay-integrator-version");
/// `x-amz-pay-platform-version`.
pub const X_AMZ_PAY_PLATFORM_VERSION: HeaderName =
    HeaderName::from_static("x-amz-pay-platform-version");
/// `x-amz-pay-request-id`: the service's id of a request, on responses.
pub const X_AMZ_PAY_REQUEST_ID: HeaderName = HeaderName::from_static("x-amz-pay-request-id");

/// Headers the client owns: a caller's extra headers may not set them.
pub(crate) fn is_reserved(name: &HeaderName) -> bool {
    *name == http::header::AUTHORIZATION
        || *name == http::header::ACCEPT
        || *name == http::header::CONTENT_TYPE
        || *name == http::header::CONTENT_LENGTH
        || *name == http::header::HOST
        || *name == http::header::TRANSFER_ENCODING
        || *name == X_AMZ_PAY_DATE
        || *name == X_AMZ_PAY_HOST
        || *name == X_AMZ_PAY_REGION
}

/// Refuses `x-amz-pay-simulation-code` outside the sandbox, whether it comes from
/// [`Call::simulation_code`](crate::Call::simulation_code) or [`Call::header`](crate::Call::header):
/// the header is not signed, and a live request must never carry a simulation.
pub(crate) fn check_simulation_code_allowed(
    environment: amazon_pay_signing::Environment,
) -> Result<(), Error> {
    if environment == amazon_pay_signing::Environment::Sandbox {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "simulation codes (x-amz-pay-simulation-code) are only accepted in the sandbox \
             environment",
        ))
    }
}

/// A header value made of visible ASCII and spaces; CR, LF, tabs and other control characters
/// are refused with a typed error that names the header but never repeats the value.
pub(crate) fn header_value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    if let Some(bad) = value.bytes().find(|b| !(b' '..=b'~').contains(b)) {
        let what = if bad.is_ascii_control() {
            "a control character (CR, LF, tab, ...)"
        } else {
            "a non-ASCII character"
        };
        return Err(Error::invalid_input(format!(
            "the value of header `{name}` contains {what}"
        )));
    }
    HeaderValue::from_str(value)
        .map_err(|_| Error::invalid_input(format!("the value of header `{name}` is invalid")))
}

/// A header value that is never shown by `Debug` (tokens, credentials).
pub(crate) fn sensitive_header_value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    let mut value = header_value(name, value)?;
    value.set_sensitive(true);
    Ok(value)
}

/// The wait an answer asks for with `Retry-After`, counted from `now`: read by the retry layer
/// and reported on the error.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    parse_retry_after(headers.get(RETRY_AFTER)?.to_str().ok()?, now)
}

/// Parses `Retry-After`: a number of seconds, or an HTTP date in any of the three forms HTTP
/// allows (RFC 9110 section 5.6.7: IMF-fixdate, the obsolete RFC 850 form and asctime), read
/// by `httpdate`. A date in the past is a wait of zero.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_control_characters_without_echoing_the_value() {
        for bad in ["a\r\nb", "a\nb", "a\tb", "a\u{7f}", "é"] {
            let err = header_value("x-test", bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
            assert!(err.to_string().contains("x-test"));
            assert!(!err.to_string().contains(bad));
        }
        assert_eq!(header_value("x", "plain value-1").unwrap(), "plain value-1");
    }

    #[test]
    fn sensitive_values_are_redacted_in_debug() {
        let value = sensitive_header_value("x-amz-pay-authtoken", "secret-token").unwrap();
        assert!(!format!("{value:?}").contains("secret-token"));
    }

    #[test]
    fn parses_retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        // The three date forms of RFC 9110 section 5.6.7, for the same instant.
        for date in [
            "Sun, 06 Nov 1994 08:49:47 GMT",
            "Sunday, 06-Nov-94 08:49:47 GMT",
            "Sun Nov  6 08:49:47 1994",
        ] {
            assert_eq!(
                parse_retry_after(date, now),
                Some(Duration::from_secs(10)),
                "{date}"
            );
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }
}
