//! Reading a request into an [`SnsMessage`], with the checks that come before parsing.

use amazon_pay_types::SnsMessage;
use serde_json::{Map, Value};

use crate::error::IpnError;

/// The largest body accepted, in bytes.
///
/// SNS payloads are at most 256 KiB; JSON escaping of an inner JSON message can grow the
/// envelope beyond that, so the limit leaves room for it.
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// The keys every SNS message must carry (the Lambda spelling is an alternative).
const REQUIRED: [(&str, Option<&str>); 8] = [
    ("Type", None),
    ("Message", None),
    ("MessageId", None),
    ("Timestamp", None),
    ("TopicArn", None),
    ("Signature", None),
    ("SignatureVersion", None),
    ("SigningCertURL", Some("SigningCertUrl")),
];

/// The keys confirmations carry in addition.
const REQUIRED_FOR_CONFIRMATIONS: [(&str, Option<&str>); 2] =
    [("SubscribeURL", Some("SubscribeUrl")), ("Token", None)];

/// Parses a request body into an [`SnsMessage`].
///
/// `message_type_header` is the `x-amz-sns-message-type` header; when present it must equal
/// `Type`. A missing required field is reported by name ([`IpnError::MissingField`]); any
/// other problem is [`IpnError::Malformed`].
pub fn parse_message(
    message_type_header: Option<&str>,
    body: &[u8],
) -> Result<SnsMessage, IpnError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(IpnError::TooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    let message = SnsMessage::parse(body).map_err(|error| {
        missing_field(body).unwrap_or_else(|| IpnError::Malformed(error.to_string()))
    })?;
    if let Some(header) = message_type_header
        && header.trim() != message.message_type()
    {
        return Err(IpnError::TypeMismatch);
    }
    Ok(message)
}

/// The first required field the body lacks, if it is a JSON object lacking one.
fn missing_field(body: &[u8]) -> Option<IpnError> {
    let fields: Map<String, Value> = serde_json::from_slice(body).ok()?;
    let present = |(key, alias): &(&str, Option<&str>)| {
        [Some(*key), *alias]
            .into_iter()
            .flatten()
            .any(|name| fields.get(name).is_some_and(|value| !value.is_null()))
    };
    let confirmation = match fields.get("Type") {
        None | Some(Value::Null) => return Some(IpnError::MissingField("Type")),
        Some(kind) => match kind.as_str() {
            Some("Notification") => false,
            Some("SubscriptionConfirmation" | "UnsubscribeConfirmation") => true,
            _ => return None,
        },
    };
    let extra: &[(&str, Option<&str>)] = if confirmation {
        &REQUIRED_FOR_CONFIRMATIONS
    } else {
        &[]
    };
    REQUIRED
        .iter()
        .chain(extra)
        .find(|field| !present(field))
        .map(|(key, _)| IpnError::MissingField(key))
}
