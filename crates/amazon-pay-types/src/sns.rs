//! Amazon SNS envelopes that carry IPNs (ipn.md §3). Parsing only; verifying
//! the signature is done elsewhere, over [`SnsMessage::string_to_sign`].

use serde_json::{Map, Value};

use crate::decode::{DecodeError, from_json};
use crate::notification::NotificationMessage;
use crate::timestamp::{Timestamp, TimestampError};

/// An SNS `Notification` envelope.
///
/// The Lambda spellings `SigningCertUrl` and `UnsubscribeUrl` are accepted;
/// the standard spellings are written.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct SnsNotification {
    /// Message id: unchanged across redeliveries (the dedupe key).
    #[serde(rename = "MessageId")]
    pub message_id: String,
    /// The topic that published the message.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// Subject; usually absent for Amazon Pay (`null` reads as absent).
    #[serde(rename = "Subject", default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The Amazon Pay payload as JSON text.
    #[serde(rename = "Message")]
    pub message: String,
    /// Publication time, exactly as sent (it is signed).
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    /// `1` (SHA-1) or `2` (SHA-256).
    #[serde(rename = "SignatureVersion")]
    pub signature_version: String,
    /// Base64 signature.
    #[serde(rename = "Signature")]
    pub signature: String,
    /// URL of the signing certificate.
    #[serde(rename = "SigningCertURL", alias = "SigningCertUrl")]
    pub signing_cert_url: String,
    /// URL that unsubscribes the endpoint; never call it automatically.
    #[serde(
        rename = "UnsubscribeURL",
        alias = "UnsubscribeUrl",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub unsubscribe_url: Option<String>,
    /// SNS message attributes (not signed).
    #[serde(
        rename = "MessageAttributes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message_attributes: Option<Value>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An SNS `SubscriptionConfirmation` or `UnsubscribeConfirmation` envelope.
///
/// The Lambda spellings `SigningCertUrl` and `SubscribeUrl` are accepted;
/// the standard spellings are written.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct SnsConfirmation {
    /// Message id.
    #[serde(rename = "MessageId")]
    pub message_id: String,
    /// Confirmation token (a secret of the subscription).
    #[serde(rename = "Token")]
    pub token: String,
    /// The topic.
    #[serde(rename = "TopicArn")]
    pub topic_arn: String,
    /// Human-readable text.
    #[serde(rename = "Message")]
    pub message: String,
    /// GET this URL to confirm; never done automatically.
    #[serde(rename = "SubscribeURL", alias = "SubscribeUrl")]
    pub subscribe_url: String,
    /// Publication time, exactly as sent.
    #[serde(rename = "Timestamp")]
    pub timestamp: String,
    /// `1` (SHA-1) or `2` (SHA-256).
    #[serde(rename = "SignatureVersion")]
    pub signature_version: String,
    /// Base64 signature.
    #[serde(rename = "Signature")]
    pub signature: String,
    /// URL of the signing certificate.
    #[serde(rename = "SigningCertURL", alias = "SigningCertUrl")]
    pub signing_cert_url: String,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An SNS message, by its `Type`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "Type")]
#[non_exhaustive]
pub enum SnsMessage {
    /// A notification carrying an Amazon Pay message.
    Notification(SnsNotification),
    /// The endpoint was subscribed to a topic.
    SubscriptionConfirmation(SnsConfirmation),
    /// The endpoint was unsubscribed.
    UnsubscribeConfirmation(SnsConfirmation),
}

impl SnsMessage {
    /// Parses the body of an SNS HTTP POST (any content type).
    pub fn parse(body: &[u8]) -> Result<Self, DecodeError> {
        from_json(body)
    }

    /// The `Type` value.
    pub fn message_type(&self) -> &'static str {
        match self {
            SnsMessage::Notification(_) => "Notification",
            SnsMessage::SubscriptionConfirmation(_) => "SubscriptionConfirmation",
            SnsMessage::UnsubscribeConfirmation(_) => "UnsubscribeConfirmation",
        }
    }

    fn confirmation(&self) -> Option<&SnsConfirmation> {
        match self {
            SnsMessage::SubscriptionConfirmation(c) | SnsMessage::UnsubscribeConfirmation(c) => {
                Some(c)
            }
            SnsMessage::Notification(_) => None,
        }
    }

    /// The field one of the two payload shapes holds.
    fn pick<'a>(
        &'a self,
        notification: impl FnOnce(&'a SnsNotification) -> &'a str,
        confirmation: impl FnOnce(&'a SnsConfirmation) -> &'a str,
    ) -> &'a str {
        match self {
            SnsMessage::Notification(n) => notification(n),
            SnsMessage::SubscriptionConfirmation(c) | SnsMessage::UnsubscribeConfirmation(c) => {
                confirmation(c)
            }
        }
    }

    /// `MessageId`.
    pub fn message_id(&self) -> &str {
        self.pick(|n| &n.message_id, |c| &c.message_id)
    }

    /// `TopicArn`.
    pub fn topic_arn(&self) -> &str {
        self.pick(|n| &n.topic_arn, |c| &c.topic_arn)
    }

    /// `Message`.
    pub fn message(&self) -> &str {
        self.pick(|n| &n.message, |c| &c.message)
    }

    /// `Timestamp`, as sent.
    pub fn timestamp(&self) -> &str {
        self.pick(|n| &n.timestamp, |c| &c.timestamp)
    }

    /// `Timestamp`, parsed (milliseconds dropped).
    pub fn parsed_timestamp(&self) -> Result<Timestamp, TimestampError> {
        Timestamp::parse(self.timestamp())
    }

    /// `SignatureVersion`.
    pub fn signature_version(&self) -> &str {
        self.pick(|n| &n.signature_version, |c| &c.signature_version)
    }

    /// `Signature` (Base64).
    pub fn signature(&self) -> &str {
        self.pick(|n| &n.signature, |c| &c.signature)
    }

    /// `SigningCertURL` (or its Lambda spelling).
    pub fn signing_cert_url(&self) -> &str {
        self.pick(|n| &n.signing_cert_url, |c| &c.signing_cert_url)
    }

    /// The Amazon Pay message of a notification; `None` for confirmations.
    pub fn amazon_pay_message(&self) -> Option<Result<NotificationMessage, DecodeError>> {
        match self {
            SnsMessage::Notification(n) => Some(NotificationMessage::parse(&n.message)),
            _ => None,
        }
    }

    /// The string to sign (ipn.md §5.6): for each signed key that is
    /// present, in byte order of the key names, `key\nvalue\n`.
    pub fn string_to_sign(&self) -> String {
        let mut parts: Vec<(&str, &str)> = Vec::with_capacity(7);
        match self {
            SnsMessage::Notification(n) => {
                parts.push(("Message", &n.message));
                parts.push(("MessageId", &n.message_id));
                if let Some(subject) = &n.subject {
                    parts.push(("Subject", subject));
                }
                parts.push(("Timestamp", &n.timestamp));
                parts.push(("TopicArn", &n.topic_arn));
            }
            SnsMessage::SubscriptionConfirmation(c) | SnsMessage::UnsubscribeConfirmation(c) => {
                parts.push(("Message", &c.message));
                parts.push(("MessageId", &c.message_id));
                parts.push(("SubscribeURL", &c.subscribe_url));
                parts.push(("Timestamp", &c.timestamp));
                parts.push(("Token", &c.token));
                parts.push(("TopicArn", &c.topic_arn));
            }
        }
        parts.push(("Type", self.message_type()));
        let mut out = String::new();
        for (key, value) in parts {
            out.push_str(key);
            out.push('\n');
            out.push_str(value);
            out.push('\n');
        }
        out
    }

    /// `SubscribeURL` of a confirmation.
    pub fn subscribe_url(&self) -> Option<&str> {
        self.confirmation().map(|c| c.subscribe_url.as_str())
    }
}
