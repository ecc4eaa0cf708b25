//! Refunds (`v2/refunds`).

use crate::enums::ReleaseEnvironment;
use crate::ids::{ChargeId, RefundId};
use crate::macros::open_enum;
use crate::macros::setters;
use crate::money::Price;
use crate::shared::StatusDetails;
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

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
#[non_exhaustive]
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

    setters! {
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
    }
}

/// A refund.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
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

tolerant!(Refund {
    essential: ["chargeId", "refundAmount", "statusDetails"]
});

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

    setters! {
        /// Sets `chargeId`.
        charge_id: impl Into<ChargeId>,
        /// Sets `refundAmount`.
        refund_amount: impl Into<Price>,
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `creationTimestamp`.
        creation_timestamp: impl Into<Timestamp>,
        /// Sets `statusDetails`.
        status_details: impl Into<StatusDetails<RefundState>>,
        /// Sets `releaseEnvironment`.
        release_environment: impl Into<ReleaseEnvironment>,
    }
}
