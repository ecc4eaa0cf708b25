//! What a verified request holds.

use amazon_pay_client::ipn::{
    Confirmation, LegacyNotification, NotificationType, ObjectType, VerifiedNotification,
};
use amazon_pay_types::{ChargePermissionId, MerchantId};

/// A verified IPN request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Event {
    /// An Amazon Pay notification: an object changed. GET it to learn its new state.
    Notification(NotificationEvent),
    /// SNS asks to confirm a subscription. Amazon Pay manages IPN subscriptions itself, so
    /// this only needs [`NotificationVerifier::confirm_subscription`](super::NotificationVerifier::confirm_subscription)
    /// when you subscribed an endpoint to a topic yourself.
    SubscriptionConfirmation(ConfirmationEvent),
    /// SNS reports that an endpoint was unsubscribed; for information.
    UnsubscribeConfirmation(ConfirmationEvent),
    /// A notification in the MWS-era format (no `NotificationVersion`), for merchants still
    /// receiving them; its `SellerId` matched the configured merchant id.
    LegacyNotification(LegacyEvent),
}

impl Event {
    /// The SNS `MessageId`, the key for de-duplication.
    pub fn message_id(&self) -> &str {
        match self {
            Self::Notification(event) => &event.message_id,
            Self::SubscriptionConfirmation(event) | Self::UnsubscribeConfirmation(event) => {
                event.message_id()
            }
            Self::LegacyNotification(event) => &event.message_id,
        }
    }

    /// Whether this `MessageId` is seen for the first time (confirmations always count as
    /// first deliveries).
    pub fn first_delivery(&self) -> bool {
        match self {
            Self::Notification(event) => event.first_delivery,
            Self::LegacyNotification(event) => event.first_delivery,
            Self::SubscriptionConfirmation(_) | Self::UnsubscribeConfirmation(_) => true,
        }
    }
}

/// A verified Amazon Pay v2 notification.
///
/// `Debug` shows ids and types only, never the signature.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NotificationEvent {
    /// The kind of object that changed (`CHARGE_PERMISSION`, `CHARGE`, `REFUND`,
    /// `CHARGEBACK`).
    pub object_type: ObjectType,
    /// Its id: GET it with `get_charge_permission`, `get_charge` or `get_refund`.
    pub object_id: String,
    /// The charge permission the object belongs to, when the message names it.
    pub charge_permission_id: Option<ChargePermissionId>,
    /// What changed (`STATE_CHANGE`, `ATTRIBUTE_CHANGE`).
    pub notification_type: NotificationType,
    /// The merchant, equal to the configured one (a mismatch is refused).
    pub merchant_id: MerchantId,
    /// The SNS `MessageId`.
    pub message_id: String,
    /// Whether this `MessageId` is seen for the first time; `false` for an SNS redelivery.
    /// If handling a first delivery fails, call
    /// [`NotificationVerifier::forget`](super::NotificationVerifier::forget) so that the
    /// redelivery is handled.
    pub first_delivery: bool,
    pub(super) verified: Box<VerifiedNotification>,
}

impl NotificationEvent {
    /// The complete verified message: envelope (`Timestamp`, `TopicArn`, …) and payload
    /// (`NotificationId`, unmodelled fields).
    pub fn verified(&self) -> &VerifiedNotification {
        &self.verified
    }
}

/// A verified MWS-era notification, kept raw.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LegacyEvent {
    /// The SNS `MessageId`.
    pub message_id: String,
    /// Whether this `MessageId` is seen for the first time.
    pub first_delivery: bool,
    /// The message as received (`NotificationType`, `SellerId`, the raw text).
    pub notification: LegacyNotification,
}

/// A verified subscription or unsubscribe confirmation.
///
/// `Debug` leaves out the token and the URL that carries it.
#[derive(Debug, Clone)]
pub struct ConfirmationEvent {
    confirmation: Confirmation,
}

impl ConfirmationEvent {
    pub(super) fn new(confirmation: Confirmation) -> Self {
        Self { confirmation }
    }

    /// The SNS `MessageId`.
    pub fn message_id(&self) -> &str {
        &self.confirmation.envelope().message_id
    }

    /// `TopicArn`.
    pub fn topic_arn(&self) -> &str {
        self.confirmation.topic_arn()
    }

    /// The verified confirmation, with its checked `SubscribeURL`.
    pub fn confirmation(&self) -> &Confirmation {
        &self.confirmation
    }
}
