//! Refunds (`v2/refunds`).

use crate::enums::ReleaseEnvironment;
use crate::ids::{ChargeId, RefundId};
use crate::macros::open_enum;
use crate::money::Price;
use crate::shared::StatusDetails;
use crate::timestamp::Timestamp;

open_enum! {
    /// The state of a refund.
    RefundState {
        /// Processing.
        RefundInitiated = "RefundInitiated",
        /// Done.
        Refunded = "Refunded",
        /// Declined.
        Declined = "Declined",
    }
}

/// Body of Create Refund (`POST v2/refunds`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRefundRequest {
    /// The captured charge to refund.
    pub charge_id: ChargeId,
    /// Amount to refund.
    pub refund_amount: Price,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateRefundRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_id: impl Into<ChargeId>, refund_amount: impl Into<Price>) -> Self {
        Self {
            charge_id: charge_id.into(),
            refund_amount: refund_amount.into(),
            soft_descriptor: None,
            extra: ::serde_json::Map::new(),
        }
    }

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }
}

/// A refund.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    /// The refund id.
    pub refund_id: RefundId,
    /// The refunded charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_id: Option<ChargeId>,
    /// Amount refunded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Price>,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    /// State and reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<StatusDetails<RefundState>>,
    /// Sandbox or Live.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_environment: Option<ReleaseEnvironment>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl Refund {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(refund_id: impl Into<RefundId>) -> Self {
        Self {
            refund_id: refund_id.into(),
            charge_id: None,
            refund_amount: None,
            soft_descriptor: None,
            creation_timestamp: None,
            status_details: None,
            release_environment: None,
            extra: ::serde_json::Map::new(),
        }
    }

    /// Sets `chargeId`.
    #[must_use]
    pub fn charge_id(mut self, value: impl Into<ChargeId>) -> Self {
        self.charge_id = Some(value.into());
        self
    }

    /// Sets `refundAmount`.
    #[must_use]
    pub fn refund_amount(mut self, value: impl Into<Price>) -> Self {
        self.refund_amount = Some(value.into());
        self
    }

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }

    /// Sets `creationTimestamp`.
    #[must_use]
    pub fn creation_timestamp(mut self, value: impl Into<Timestamp>) -> Self {
        self.creation_timestamp = Some(value.into());
        self
    }

    /// Sets `statusDetails`.
    #[must_use]
    pub fn status_details(mut self, value: impl Into<StatusDetails<RefundState>>) -> Self {
        self.status_details = Some(value.into());
        self
    }

    /// Sets `releaseEnvironment`.
    #[must_use]
    pub fn release_environment(mut self, value: impl Into<ReleaseEnvironment>) -> Self {
        self.release_environment = Some(value.into());
        self
    }
}
