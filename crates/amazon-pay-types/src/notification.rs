//! The Amazon Pay message inside an SNS notification (ipn.md §4).

use serde_json::{Map, Value};

use crate::decode::{DecodeError, from_json};
use crate::ids::{ChargePermissionId, MerchantId, NotificationId};
use crate::macros::open_enum;

open_enum! {
    /// The kind of object that changed (`ObjectType`).
    ObjectType {
        /// A charge permission.
        ChargePermission = "CHARGE_PERMISSION",
        /// A charge.
        Charge = "CHARGE",
        /// A refund.
        Refund = "REFUND",
        /// A chargeback or dispute.
        Chargeback = "CHARGEBACK",
    }
}

open_enum! {
    /// What changed (`NotificationType`).
    NotificationType {
        /// The state changed.
        StateChange = "STATE_CHANGE",
        /// Another attribute changed (payment method, address, …).
        AttributeChange = "ATTRIBUTE_CHANGE",
    }
}

/// An Amazon Pay v2 notification. It only says that an object changed:
/// fetch the object to learn its state.
///
/// Keys are read case-insensitively (`ObjectType` and `objectType`) and
/// written in the PascalCase of the documented schema.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Notification {
    /// The merchant the notification is for.
    #[serde(rename = "MerchantID", skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<MerchantId>,
    /// The kind of object.
    pub object_type: ObjectType,
    /// The id of the object (charge permission, charge, refund or dispute).
    pub object_id: String,
    /// The charge permission the object belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// What changed.
    pub notification_type: NotificationType,
    /// Tracking id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_id: Option<NotificationId>,
    /// Message format version (`V2`).
    pub notification_version: String,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A message in the MWS-era format (no `NotificationVersion`), kept raw.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LegacyNotification {
    /// `NotificationType`, e.g. `PaymentAuthorize`.
    pub notification_type: Option<String>,
    /// `NotificationReferenceId`.
    pub notification_reference_id: Option<String>,
    /// `SellerId`.
    pub seller_id: Option<String>,
    /// `ReleaseEnvironment` (`Sandbox` or `Live`).
    pub release_environment: Option<String>,
    /// The message text as received.
    pub raw: String,
}

/// What an SNS `Message` holds.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum NotificationMessage {
    /// An Amazon Pay notification: the message has a `NotificationVersion` key, whatever its
    /// value (`"V2"` in the documentation, `"V1"` too; it is the message format's version, not
    /// the API's:
    /// <https://developer.amazon.com/docs/amazon-pay-paymentmethodonfile/set-up-instant-payment-notifications.html>).
    Notification {
        /// The parsed notification.
        notification: Notification,
        /// The message text as received.
        raw: String,
    },
    /// An MWS-era notification: no `NotificationVersion` key.
    Legacy(LegacyNotification),
}

/// The canonical spelling of the documented keys, by lower-case key.
const CANONICAL_KEYS: [(&str, &str); 7] = [
    ("merchantid", "MerchantID"),
    ("objecttype", "ObjectType"),
    ("objectid", "ObjectId"),
    ("chargepermissionid", "ChargePermissionId"),
    ("notificationtype", "NotificationType"),
    ("notificationid", "NotificationId"),
    ("notificationversion", "NotificationVersion"),
];

impl NotificationMessage {
    /// Parses the text of an SNS `Message`: a v2 notification when it has a
    /// `NotificationVersion` key (any case), else a legacy notification.
    pub fn parse(message: &str) -> Result<Self, DecodeError> {
        let map: Map<String, Value> = from_json(message.as_bytes())?;
        let has_version = map
            .keys()
            .any(|k| k.eq_ignore_ascii_case("notificationversion"));
        if !has_version {
            let text = |name: &str| {
                map.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .and_then(|(_, v)| v.as_str())
                    .map(str::to_owned)
            };
            return Ok(NotificationMessage::Legacy(LegacyNotification {
                notification_type: text("NotificationType"),
                notification_reference_id: text("NotificationReferenceId"),
                seller_id: text("SellerId"),
                release_environment: text("ReleaseEnvironment"),
                raw: message.to_owned(),
            }));
        }
        let canonical: Map<String, Value> = map
            .into_iter()
            .map(|(k, v)| {
                let lower = k.to_ascii_lowercase();
                let key = CANONICAL_KEYS
                    .iter()
                    .find(|(l, _)| *l == lower)
                    .map_or(k, |(_, c)| (*c).to_owned());
                (key, v)
            })
            .collect();
        let notification = serde_path_to_error::deserialize(Value::Object(canonical))
            .map_err(|e| DecodeError::from_value_error(message, e))?;
        Ok(NotificationMessage::Notification {
            notification,
            raw: message.to_owned(),
        })
    }

    /// The Amazon Pay notification, if this is one (not a legacy one).
    pub fn as_notification(&self) -> Option<&Notification> {
        match self {
            NotificationMessage::Notification { notification, .. } => Some(notification),
            NotificationMessage::Legacy(_) => None,
        }
    }

    /// The message text as received.
    pub fn raw(&self) -> &str {
        match self {
            NotificationMessage::Notification { raw, .. } => raw,
            NotificationMessage::Legacy(legacy) => &legacy.raw,
        }
    }
}
