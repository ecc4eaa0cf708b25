//! Charges (`v2/charges`).

use crate::enums::{Channel, ChargeInitiator, ReleaseEnvironment, StatusReasonCode};
use crate::ids::{ChargeId, ChargePermissionId, PlatformId};
use crate::macros::open_enum;
use crate::macros::setters;
use crate::money::{Amount, Price};
use crate::shared::{MerchantMetadata, ProviderMetadata, StatusDetails};
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

open_enum! {
    /// The state of a charge.
    ChargeState {
        /// Authorization pending.
        AuthorizationInitiated = "AuthorizationInitiated",
        /// Funds authorized; capturable.
        Authorized = "Authorized",
        /// Capture pending.
        CaptureInitiated = "CaptureInitiated",
        /// Captured; refundable.
        Captured = "Captured",
        /// Canceled or expired.
        Canceled = "Canceled",
        /// Declined.
        Declined = "Declined",
    }
}

/// `webCheckoutDetails` of a charge (Saved Wallet charges that may need the buyer).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChargeWebCheckoutDetails {
    /// Where the buyer returns after an interaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_result_return_url: Option<String>,
    /// Where to send the buyer (responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_pay_redirect_url: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ChargeWebCheckoutDetails { essential: [] });

impl ChargeWebCheckoutDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `checkoutResultReturnUrl`.
        checkout_result_return_url: impl Into<String>,
        /// Sets `amazonPayRedirectUrl`.
        amazon_pay_redirect_url: impl Into<String>,
    }
}

/// Body of Create Charge (`POST v2/charges`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateChargeRequest {
    /// The permission to charge.
    pub charge_permission_id: ChargePermissionId,
    /// Amount to authorize.
    #[serde(serialize_with = "crate::money::serialize_charge")]
    pub charge_amount: Price,
    /// Capture at once.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub capture_now: Option<bool>,
    /// Accept an asynchronous authorization.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub can_handle_pending_authorization: Option<bool>,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// Payment service provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<ProviderMetadata>,
    /// Who initiated the charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_initiator: Option<ChargeInitiator>,
    /// Sales channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Return URL for buyer interaction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_checkout_details: Option<ChargeWebCheckoutDetails>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateChargeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        charge_permission_id: impl Into<ChargePermissionId>,
        charge_amount: impl Into<Price>,
    ) -> Self {
        Self {
            charge_permission_id: charge_permission_id.into(),
            charge_amount: charge_amount.into(),
            capture_now: None,
            can_handle_pending_authorization: None,
            soft_descriptor: None,
            merchant_metadata: None,
            platform_id: None,
            provider_metadata: None,
            charge_initiator: None,
            channel: None,
            web_checkout_details: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `captureNow`.
        capture_now: impl Into<bool>,
        /// Sets `canHandlePendingAuthorization`.
        can_handle_pending_authorization: impl Into<bool>,
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<ProviderMetadata>,
        /// Sets `chargeInitiator`.
        charge_initiator: impl Into<ChargeInitiator>,
        /// Sets `channel`.
        channel: impl Into<Channel>,
        /// Sets `webCheckoutDetails`.
        web_checkout_details: impl Into<ChargeWebCheckoutDetails>,
    }
}

/// Body of Capture Charge (`POST v2/charges/{chargeId}/capture`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CaptureChargeRequest {
    /// Amount to capture.
    #[serde(serialize_with = "crate::money::serialize_charge")]
    pub capture_amount: Price,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CaptureChargeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(capture_amount: impl Into<Price>) -> Self {
        Self {
            capture_amount: capture_amount.into(),
            soft_descriptor: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
    }
}

/// Body of Cancel Charge (`DELETE v2/charges/{chargeId}/cancel`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelChargeRequest {
    /// Why the charge is canceled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancellation_reason: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CancelChargeRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `cancellationReason`.
        cancellation_reason: impl Into<String>,
    }
}

/// `statusDetails` of Update Charge.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChargeStatusUpdate {
    /// The new state.
    pub state: ChargeState,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<StatusReasonCode>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl ChargeStatusUpdate {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(state: impl Into<ChargeState>) -> Self {
        Self {
            state: state.into(),
            reason_code: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reasonCode`.
        reason_code: impl Into<StatusReasonCode>,
    }
}

/// Body of Update Charge (`PATCH v2/charges/{chargeId}`; payment service providers).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateChargeRequest {
    /// The new state and reason.
    pub status_details: ChargeStatusUpdate,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateChargeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(status_details: impl Into<ChargeStatusUpdate>) -> Self {
        Self {
            status_details: status_details.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// A charge.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Charge {
    /// The charge id.
    pub charge_id: ChargeId,
    /// The permission charged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// Amount authorized.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Price>,
    /// Amount captured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_amount: Option<Price>,
    /// Amount refunded so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refunded_amount: Option<Price>,
    /// Amount in the ledger currency. An official sample shows it as a string instead of a
    /// price: such a value reads as `None` and is kept as received in `extra`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_amount: Option<Price>,
    /// Exchange rate, exact decimal as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion_rate: Option<Amount>,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Whether capture was immediate.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub capture_now: Option<bool>,
    /// Whether authorization could be asynchronous.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub can_handle_pending_authorization: Option<bool>,
    /// Payment service provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<ProviderMetadata>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// Sales channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Who initiated the charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_initiator: Option<ChargeInitiator>,
    /// Buyer interaction URLs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_checkout_details: Option<ChargeWebCheckoutDetails>,
    /// State and reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<StatusDetails<ChargeState>>,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    /// When an authorization expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_timestamp: Option<Timestamp>,
    /// Sandbox or Live.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_environment: Option<ReleaseEnvironment>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Charge {
    essential: [
        "chargePermissionId",
        "chargeAmount",
        "captureAmount",
        "refundedAmount",
        "statusDetails",
        "platformId"
    ]
});

impl Charge {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_id: impl Into<ChargeId>) -> Self {
        Self {
            charge_id: charge_id.into(),
            charge_permission_id: None,
            charge_amount: None,
            capture_amount: None,
            refunded_amount: None,
            converted_amount: None,
            conversion_rate: None,
            soft_descriptor: None,
            capture_now: None,
            can_handle_pending_authorization: None,
            provider_metadata: None,
            merchant_metadata: None,
            platform_id: None,
            channel: None,
            charge_initiator: None,
            web_checkout_details: None,
            status_details: None,
            creation_timestamp: None,
            expiration_timestamp: None,
            release_environment: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargePermissionId`.
        charge_permission_id: impl Into<ChargePermissionId>,
        /// Sets `chargeAmount`.
        charge_amount: impl Into<Price>,
        /// Sets `captureAmount`.
        capture_amount: impl Into<Price>,
        /// Sets `refundedAmount`.
        refunded_amount: impl Into<Price>,
        /// Sets `convertedAmount`.
        converted_amount: impl Into<Price>,
        /// Sets `conversionRate`.
        conversion_rate: impl Into<Amount>,
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `captureNow`.
        capture_now: impl Into<bool>,
        /// Sets `canHandlePendingAuthorization`.
        can_handle_pending_authorization: impl Into<bool>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<ProviderMetadata>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `channel`.
        channel: impl Into<Channel>,
        /// Sets `chargeInitiator`.
        charge_initiator: impl Into<ChargeInitiator>,
        /// Sets `webCheckoutDetails`.
        web_checkout_details: impl Into<ChargeWebCheckoutDetails>,
        /// Sets `statusDetails`.
        status_details: impl Into<StatusDetails<ChargeState>>,
        /// Sets `creationTimestamp`.
        creation_timestamp: impl Into<Timestamp>,
        /// Sets `expirationTimestamp`.
        expiration_timestamp: impl Into<Timestamp>,
        /// Sets `releaseEnvironment`.
        release_environment: impl Into<ReleaseEnvironment>,
    }
}
