//! Alexa delivery notifications (`POST v2/deliveryTrackers`).

use crate::ids::{AmazonOrderReferenceId, ChargePermissionId};
use crate::macros::setters;
use crate::tolerant::tolerant;

/// One shipment to track.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct DeliveryDetail {
    /// Carrier tracking number.
    pub tracking_number: String,
    /// Carrier code, e.g. `FEDEX`.
    pub carrier_code: String,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(DeliveryDetail { essential: [] });

impl DeliveryDetail {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(tracking_number: impl Into<String>, carrier_code: impl Into<String>) -> Self {
        Self {
            tracking_number: tracking_number.into(),
            carrier_code: carrier_code.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Body of Delivery Trackers. Set exactly one of `chargePermissionId` and
/// `amazonOrderReferenceId` (see [`DeliveryTrackerRequest::for_charge_permission`]).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeliveryTrackerRequest {
    /// The shipments.
    pub delivery_details: Vec<DeliveryDetail>,
    /// The charge permission shipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// Legacy order reference (`P01-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_order_reference_id: Option<AmazonOrderReferenceId>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl DeliveryTrackerRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(delivery_details: impl Into<Vec<DeliveryDetail>>) -> Self {
        Self {
            delivery_details: delivery_details.into(),
            charge_permission_id: None,
            amazon_order_reference_id: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargePermissionId`.
        charge_permission_id: impl Into<ChargePermissionId>,
        /// Sets `amazonOrderReferenceId`.
        amazon_order_reference_id: impl Into<AmazonOrderReferenceId>,
    }
}

/// Response of Delivery Trackers: the request echoed.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeliveryTracker {
    /// The charge permission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// Legacy order reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_order_reference_id: Option<AmazonOrderReferenceId>,
    /// The shipments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_details: Option<Vec<DeliveryDetail>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(DeliveryTracker {
    essential: ["chargePermissionId", "amazonOrderReferenceId"]
});

impl DeliveryTracker {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `chargePermissionId`.
        charge_permission_id: impl Into<ChargePermissionId>,
        /// Sets `amazonOrderReferenceId`.
        amazon_order_reference_id: impl Into<AmazonOrderReferenceId>,
        /// Sets `deliveryDetails`.
        delivery_details: impl Into<Vec<DeliveryDetail>>,
    }
}

impl DeliveryTrackerRequest {
    /// A tracker for a charge permission.
    pub fn for_charge_permission(
        charge_permission_id: impl Into<ChargePermissionId>,
        delivery_details: Vec<DeliveryDetail>,
    ) -> Self {
        Self::new(delivery_details).charge_permission_id(charge_permission_id)
    }

    /// A tracker for a legacy order reference.
    pub fn for_order_reference(
        order_reference_id: impl Into<AmazonOrderReferenceId>,
        delivery_details: Vec<DeliveryDetail>,
    ) -> Self {
        Self::new(delivery_details).amazon_order_reference_id(order_reference_id)
    }
}
