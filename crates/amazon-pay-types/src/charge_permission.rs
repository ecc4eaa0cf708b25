//! Charge permissions (`v2/chargePermissions`).

use crate::address::Address;
use crate::buyer::Buyer;
use crate::enums::{ChargePermissionType, ReleaseEnvironment};
use crate::ids::{ChargePermissionId, PlatformId};
use crate::macros::open_enum;
use crate::macros::pii_debug;
use crate::macros::setters;
use crate::money::Currency;
use crate::shared::{
    Limits, MerchantMetadata, PaymentMethodOnFileMetadata, PaymentPreference, RecurringMetadata,
    StatusReason,
};
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

open_enum! {
    /// The state of a charge permission.
    ChargePermissionState {
        /// Charges can be made.
        Chargeable = "Chargeable",
        /// Charges cannot be made now; see the reasons.
        NonChargeable = "NonChargeable",
        /// Closed for good.
        Closed = "Closed",
    }
}

/// `statusDetails` of a charge permission: a list of reasons rather than one.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChargePermissionStatusDetails {
    /// The state.
    pub state: ChargePermissionState,
    /// Why the permission is in this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<StatusReason>>,
    /// When the state last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_updated_timestamp: Option<Timestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ChargePermissionStatusDetails { essential: [] });

impl ChargePermissionStatusDetails {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(state: impl Into<ChargePermissionState>) -> Self {
        Self {
            state: state.into(),
            reasons: None,
            last_updated_timestamp: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reasons`.
        reasons: impl Into<Vec<StatusReason>>,
        /// Sets `lastUpdatedTimestamp`.
        last_updated_timestamp: impl Into<Timestamp>,
    }
}

/// Body of Update Charge Permission (`PATCH v2/chargePermissions/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateChargePermissionRequest {
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Recurring terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_metadata: Option<RecurringMetadata>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateChargePermissionRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `recurringMetadata`.
        recurring_metadata: impl Into<RecurringMetadata>,
    }
}

/// Body of Close Charge Permission (`DELETE v2/chargePermissions/{id}/close`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CloseChargePermissionRequest {
    /// Why it is closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closure_reason: Option<String>,
    /// Also cancel open charges.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub cancel_pending_charges: Option<bool>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CloseChargePermissionRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `closureReason`.
        closure_reason: impl Into<String>,
        /// Sets `cancelPendingCharges`.
        cancel_pending_charges: impl Into<bool>,
    }
}

/// A charge permission.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChargePermission {
    /// The id.
    pub charge_permission_id: ChargePermissionId,
    /// Merchant reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_reference_id: Option<String>,
    /// One-time, recurring or saved wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_type: Option<ChargePermissionType>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// The buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Buyer>,
    /// Shipping address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// Billing address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Payment instrument descriptions (null entries dropped).
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shared::skip_null_elements",
        default
    )]
    pub payment_preferences: Option<Vec<PaymentPreference>>,
    /// State and reasons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<ChargePermissionStatusDetails>,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    /// When it expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_timestamp: Option<Timestamp>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Sandbox or Live.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_environment: Option<ReleaseEnvironment>,
    /// Amount limit and balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
    /// Currency shown to the buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presentment_currency: Option<Currency>,
    /// Recurring terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_metadata: Option<RecurringMetadata>,
    /// Token present in some responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_pay_token: Option<String>,
    /// Saved-wallet options (`paymentMethodOnFileMetadata`, in the .NET SDK's response samples).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method_on_file_metadata: Option<PaymentMethodOnFileMetadata>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ChargePermission {
    essential: ["chargePermissionReferenceId", "statusDetails", "platformId"]
});

// `extra` may hold a buyer or address field that did not decode: only its keys are shown.
pii_debug!(ChargePermission {
    plain: [
        charge_permission_id,
        charge_permission_reference_id,
        charge_permission_type,
        platform_id,
        buyer,
        shipping_address,
        billing_address,
        payment_preferences,
        status_details,
        creation_timestamp,
        expiration_timestamp,
        merchant_metadata,
        release_environment,
        limits,
        presentment_currency,
        recurring_metadata,
        amazon_pay_token,
        payment_method_on_file_metadata
    ],
    pii: [extra]
});

impl ChargePermission {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_permission_id: impl Into<ChargePermissionId>) -> Self {
        Self {
            charge_permission_id: charge_permission_id.into(),
            charge_permission_reference_id: None,
            charge_permission_type: None,
            platform_id: None,
            buyer: None,
            shipping_address: None,
            billing_address: None,
            payment_preferences: None,
            status_details: None,
            creation_timestamp: None,
            expiration_timestamp: None,
            merchant_metadata: None,
            release_environment: None,
            limits: None,
            presentment_currency: None,
            recurring_metadata: None,
            amazon_pay_token: None,
            payment_method_on_file_metadata: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargePermissionReferenceId`.
        charge_permission_reference_id: impl Into<String>,
        /// Sets `chargePermissionType`.
        charge_permission_type: impl Into<ChargePermissionType>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `buyer`.
        buyer: impl Into<Buyer>,
        /// Sets `shippingAddress`.
        shipping_address: impl Into<Address>,
        /// Sets `billingAddress`.
        billing_address: impl Into<Address>,
        /// Sets `paymentPreferences`.
        payment_preferences: impl Into<Vec<PaymentPreference>>,
        /// Sets `statusDetails`.
        status_details: impl Into<ChargePermissionStatusDetails>,
        /// Sets `creationTimestamp`.
        creation_timestamp: impl Into<Timestamp>,
        /// Sets `expirationTimestamp`.
        expiration_timestamp: impl Into<Timestamp>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `releaseEnvironment`.
        release_environment: impl Into<ReleaseEnvironment>,
        /// Sets `limits`.
        limits: impl Into<Limits>,
        /// Sets `presentmentCurrency`.
        presentment_currency: impl Into<Currency>,
        /// Sets `recurringMetadata`.
        recurring_metadata: impl Into<RecurringMetadata>,
        /// Sets `amazonPayToken`.
        amazon_pay_token: impl Into<String>,
        /// Sets `paymentMethodOnFileMetadata`.
        payment_method_on_file_metadata: impl Into<PaymentMethodOnFileMetadata>,
    }
}
