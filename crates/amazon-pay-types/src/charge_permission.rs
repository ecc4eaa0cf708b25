//! Charge permissions (`v2/chargePermissions`).

use crate::address::Address;
use crate::buyer::Buyer;
use crate::enums::{ChargePermissionType, ReleaseEnvironment};
use crate::ids::{ChargePermissionId, PlatformId};
use crate::macros::open_enum;
use crate::money::Currency;
use crate::shared::{Limits, MerchantMetadata, PaymentPreference, RecurringMetadata, StatusReason};
use crate::timestamp::Timestamp;

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
#[serde(rename_all = "camelCase")]
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

    /// Sets `reasons`.
    #[must_use]
    pub fn reasons(mut self, value: impl Into<Vec<StatusReason>>) -> Self {
        self.reasons = Some(value.into());
        self
    }

    /// Sets `lastUpdatedTimestamp`.
    #[must_use]
    pub fn last_updated_timestamp(mut self, value: impl Into<Timestamp>) -> Self {
        self.last_updated_timestamp = Some(value.into());
        self
    }
}

/// Body of Update Charge Permission (`PATCH v2/chargePermissions/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `merchantMetadata`.
    #[must_use]
    pub fn merchant_metadata(mut self, value: impl Into<MerchantMetadata>) -> Self {
        self.merchant_metadata = Some(value.into());
        self
    }

    /// Sets `recurringMetadata`.
    #[must_use]
    pub fn recurring_metadata(mut self, value: impl Into<RecurringMetadata>) -> Self {
        self.recurring_metadata = Some(value.into());
        self
    }
}

/// Body of Close Charge Permission (`DELETE v2/chargePermissions/{id}/close`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CloseChargePermissionRequest {
    /// Why it is closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closure_reason: Option<String>,
    /// Also cancel open charges.
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Sets `closureReason`.
    #[must_use]
    pub fn closure_reason(mut self, value: impl Into<String>) -> Self {
        self.closure_reason = Some(value.into());
        self
    }

    /// Sets `cancelPendingCharges`.
    #[must_use]
    pub fn cancel_pending_charges(mut self, value: impl Into<bool>) -> Self {
        self.cancel_pending_charges = Some(value.into());
        self
    }
}

/// A charge permission.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

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
            extra: ::serde_json::Map::new(),
        }
    }

    /// Sets `chargePermissionReferenceId`.
    #[must_use]
    pub fn charge_permission_reference_id(mut self, value: impl Into<String>) -> Self {
        self.charge_permission_reference_id = Some(value.into());
        self
    }

    /// Sets `chargePermissionType`.
    #[must_use]
    pub fn charge_permission_type(mut self, value: impl Into<ChargePermissionType>) -> Self {
        self.charge_permission_type = Some(value.into());
        self
    }

    /// Sets `platformId`.
    #[must_use]
    pub fn platform_id(mut self, value: impl Into<PlatformId>) -> Self {
        self.platform_id = Some(value.into());
        self
    }

    /// Sets `buyer`.
    #[must_use]
    pub fn buyer(mut self, value: impl Into<Buyer>) -> Self {
        self.buyer = Some(value.into());
        self
    }

    /// Sets `shippingAddress`.
    #[must_use]
    pub fn shipping_address(mut self, value: impl Into<Address>) -> Self {
        self.shipping_address = Some(value.into());
        self
    }

    /// Sets `billingAddress`.
    #[must_use]
    pub fn billing_address(mut self, value: impl Into<Address>) -> Self {
        self.billing_address = Some(value.into());
        self
    }

    /// Sets `paymentPreferences`.
    #[must_use]
    pub fn payment_preferences(mut self, value: impl Into<Vec<PaymentPreference>>) -> Self {
        self.payment_preferences = Some(value.into());
        self
    }

    /// Sets `statusDetails`.
    #[must_use]
    pub fn status_details(mut self, value: impl Into<ChargePermissionStatusDetails>) -> Self {
        self.status_details = Some(value.into());
        self
    }

    /// Sets `creationTimestamp`.
    #[must_use]
    pub fn creation_timestamp(mut self, value: impl Into<Timestamp>) -> Self {
        self.creation_timestamp = Some(value.into());
        self
    }

    /// Sets `expirationTimestamp`.
    #[must_use]
    pub fn expiration_timestamp(mut self, value: impl Into<Timestamp>) -> Self {
        self.expiration_timestamp = Some(value.into());
        self
    }

    /// Sets `merchantMetadata`.
    #[must_use]
    pub fn merchant_metadata(mut self, value: impl Into<MerchantMetadata>) -> Self {
        self.merchant_metadata = Some(value.into());
        self
    }

    /// Sets `releaseEnvironment`.
    #[must_use]
    pub fn release_environment(mut self, value: impl Into<ReleaseEnvironment>) -> Self {
        self.release_environment = Some(value.into());
        self
    }

    /// Sets `limits`.
    #[must_use]
    pub fn limits(mut self, value: impl Into<Limits>) -> Self {
        self.limits = Some(value.into());
        self
    }

    /// Sets `presentmentCurrency`.
    #[must_use]
    pub fn presentment_currency(mut self, value: impl Into<Currency>) -> Self {
        self.presentment_currency = Some(value.into());
        self
    }

    /// Sets `recurringMetadata`.
    #[must_use]
    pub fn recurring_metadata(mut self, value: impl Into<RecurringMetadata>) -> Self {
        self.recurring_metadata = Some(value.into());
        self
    }

    /// Sets `amazonPayToken`.
    #[must_use]
    pub fn amazon_pay_token(mut self, value: impl Into<String>) -> Self {
        self.amazon_pay_token = Some(value.into());
        self
    }
}
