//! In-Store operations (`v2/in-store/…`).

use crate::ids::{ChargeId, ChargePermissionId, RefundId};
use crate::macros::setters;
use crate::macros::{open_enum, pii_debug};
use crate::money::{Currency, Price};
use crate::tolerant::tolerant;

open_enum! {
    /// State of an in-store charge or refund (In-Store has its own names).
    InStoreState {
        /// Completed.
        Completed = "Completed",
        /// Pending.
        Pending = "Pending",
        /// Declined.
        Declined = "Declined",
    }
}

/// Where the store is.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StoreLocation {
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl StoreLocation {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `countryCode`.
        country_code: impl Into<String>,
    }
}

/// Order context shown to the buyer.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CommunicationContext {
    /// Store name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_store_name: Option<String>,
    /// Order id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_order_id: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CommunicationContext {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `merchantStoreName`.
        merchant_store_name: impl Into<String>,
        /// Sets `merchantOrderId`.
        merchant_order_id: impl Into<String>,
    }
}

/// Merchant data attached to in-store calls (`metadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreMetadata {
    /// Merchant note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_note: Option<String>,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_information: Option<String>,
    /// Order context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub communication_context: Option<CommunicationContext>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl InStoreMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `merchantNote`.
        merchant_note: impl Into<String>,
        /// Sets `customInformation`.
        custom_information: impl Into<String>,
        /// Sets `communicationContext`.
        communication_context: impl Into<CommunicationContext>,
    }
}

/// Body of Merchant Scan. `scanData` identifies the buyer and is redacted in `Debug`.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantScanRequest {
    /// The scanned code.
    pub scan_data: String,
    /// The merchant's reference for the scan.
    pub scan_reference_id: String,
    /// Merchant country of establishment (an official SDK sample omits it).
    #[serde(rename = "merchantCOE", skip_serializing_if = "Option::is_none")]
    pub merchant_coe: Option<String>,
    /// Ledger currency.
    #[serde(serialize_with = "crate::money::serialize_currency")]
    pub ledger_currency: Currency,
    /// Total to charge.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::serialize_optional_charge"
    )]
    pub charge_total: Option<Price>,
    /// Store location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_location: Option<StoreLocation>,
    /// Merchant data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InStoreMetadata>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl MerchantScanRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        scan_data: impl Into<String>,
        scan_reference_id: impl Into<String>,
        merchant_coe: impl Into<String>,
        ledger_currency: impl Into<Currency>,
    ) -> Self {
        Self {
            scan_data: scan_data.into(),
            scan_reference_id: scan_reference_id.into(),
            merchant_coe: Some(merchant_coe.into()),
            ledger_currency: ledger_currency.into(),
            charge_total: None,
            store_location: None,
            metadata: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargeTotal`.
        charge_total: impl Into<Price>,
        /// Sets `storeLocation`.
        store_location: impl Into<StoreLocation>,
        /// Sets `metadata`.
        metadata: impl Into<InStoreMetadata>,
    }
}

pii_debug!(MerchantScanRequest {
    plain: [
        scan_reference_id,
        merchant_coe,
        ledger_currency,
        charge_total,
        store_location,
        metadata
    ],
    pii: [scan_data, extra]
});

/// Response of Merchant Scan.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct MerchantScanResponse {
    /// The charge permission for the buyer.
    pub charge_permission_id: ChargePermissionId,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(MerchantScanResponse { essential: [] });

impl MerchantScanResponse {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_permission_id: impl Into<ChargePermissionId>) -> Self {
        Self {
            charge_permission_id: charge_permission_id.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Status of an in-store object.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreStatus {
    /// The state.
    pub state: InStoreState,
    /// Why (open string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_description: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(InStoreStatus { essential: [] });

impl InStoreStatus {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(state: impl Into<InStoreState>) -> Self {
        Self {
            state: state.into(),
            reason_code: None,
            reason_description: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reasonCode`.
        reason_code: impl Into<String>,
        /// Sets `reasonDescription`.
        reason_description: impl Into<String>,
    }
}

/// Body of In-Store Charge.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreChargeRequest {
    /// From Merchant Scan.
    pub charge_permission_id: ChargePermissionId,
    /// The merchant's reference.
    pub charge_reference_id: String,
    /// Amount to charge.
    #[serde(serialize_with = "crate::money::serialize_charge")]
    pub charge_total: Price,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Merchant data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InStoreMetadata>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl InStoreChargeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        charge_permission_id: impl Into<ChargePermissionId>,
        charge_reference_id: impl Into<String>,
        charge_total: impl Into<Price>,
    ) -> Self {
        Self {
            charge_permission_id: charge_permission_id.into(),
            charge_reference_id: charge_reference_id.into(),
            charge_total: charge_total.into(),
            soft_descriptor: None,
            metadata: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `metadata`.
        metadata: impl Into<InStoreMetadata>,
    }
}

/// Response of In-Store Charge.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreChargeResponse {
    /// The charge id.
    pub charge_id: ChargeId,
    /// Its state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_status: Option<InStoreStatus>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(InStoreChargeResponse {
    essential: ["chargeStatus"]
});

impl InStoreChargeResponse {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_id: impl Into<ChargeId>) -> Self {
        Self {
            charge_id: charge_id.into(),
            charge_status: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargeStatus`.
        charge_status: impl Into<InStoreStatus>,
    }
}

/// Body of In-Store Refund.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreRefundRequest {
    /// The charge to refund.
    pub charge_id: ChargeId,
    /// The merchant's reference.
    pub refund_reference_id: String,
    /// Amount to refund.
    pub refund_total: Price,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Merchant data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InStoreMetadata>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl InStoreRefundRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        charge_id: impl Into<ChargeId>,
        refund_reference_id: impl Into<String>,
        refund_total: impl Into<Price>,
    ) -> Self {
        Self {
            charge_id: charge_id.into(),
            refund_reference_id: refund_reference_id.into(),
            refund_total: refund_total.into(),
            soft_descriptor: None,
            metadata: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `metadata`.
        metadata: impl Into<InStoreMetadata>,
    }
}

/// Response of In-Store Refund.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct InStoreRefundResponse {
    /// The refund id.
    pub refund_id: RefundId,
    /// Its state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_status: Option<InStoreStatus>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(InStoreRefundResponse {
    essential: ["refundStatus"]
});

impl InStoreRefundResponse {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(refund_id: impl Into<RefundId>) -> Self {
        Self {
            refund_id: refund_id.into(),
            refund_status: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `refundStatus`.
        refund_status: impl Into<InStoreStatus>,
    }
}
