//! Charges (`v2/charges`).

use crate::enums::{Channel, ChargeInitiator, ReleaseEnvironment, StatusReasonCode};
use crate::ids::{ChargeId, ChargePermissionId, PlatformId};
use crate::macros::open_enum;
use crate::money::{Amount, Price};
use crate::shared::{MerchantMetadata, ProviderMetadata, StatusDetails};
use crate::timestamp::Timestamp;

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
#[serde(rename_all = "camelCase")]
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

impl ChargeWebCheckoutDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `checkoutResultReturnUrl`.
    #[must_use]
    pub fn checkout_result_return_url(mut self, value: impl Into<String>) -> Self {
        self.checkout_result_return_url = Some(value.into());
        self
    }

    /// Sets `amazonPayRedirectUrl`.
    #[must_use]
    pub fn amazon_pay_redirect_url(mut self, value: impl Into<String>) -> Self {
        self.amazon_pay_redirect_url = Some(value.into());
        self
    }
}

/// Body of Create Charge (`POST v2/charges`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateChargeRequest {
    /// The permission to charge.
    pub charge_permission_id: ChargePermissionId,
    /// Amount to authorize.
    pub charge_amount: Price,
    /// Capture at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_now: Option<bool>,
    /// Accept an asynchronous authorization.
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Sets `captureNow`.
    #[must_use]
    pub fn capture_now(mut self, value: impl Into<bool>) -> Self {
        self.capture_now = Some(value.into());
        self
    }

    /// Sets `canHandlePendingAuthorization`.
    #[must_use]
    pub fn can_handle_pending_authorization(mut self, value: impl Into<bool>) -> Self {
        self.can_handle_pending_authorization = Some(value.into());
        self
    }

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }

    /// Sets `merchantMetadata`.
    #[must_use]
    pub fn merchant_metadata(mut self, value: impl Into<MerchantMetadata>) -> Self {
        self.merchant_metadata = Some(value.into());
        self
    }

    /// Sets `platformId`.
    #[must_use]
    pub fn platform_id(mut self, value: impl Into<PlatformId>) -> Self {
        self.platform_id = Some(value.into());
        self
    }

    /// Sets `providerMetadata`.
    #[must_use]
    pub fn provider_metadata(mut self, value: impl Into<ProviderMetadata>) -> Self {
        self.provider_metadata = Some(value.into());
        self
    }

    /// Sets `chargeInitiator`.
    #[must_use]
    pub fn charge_initiator(mut self, value: impl Into<ChargeInitiator>) -> Self {
        self.charge_initiator = Some(value.into());
        self
    }

    /// Sets `channel`.
    #[must_use]
    pub fn channel(mut self, value: impl Into<Channel>) -> Self {
        self.channel = Some(value.into());
        self
    }

    /// Sets `webCheckoutDetails`.
    #[must_use]
    pub fn web_checkout_details(mut self, value: impl Into<ChargeWebCheckoutDetails>) -> Self {
        self.web_checkout_details = Some(value.into());
        self
    }
}

/// Body of Capture Charge (`POST v2/charges/{chargeId}/capture`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptureChargeRequest {
    /// Amount to capture.
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

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }
}

/// Body of Cancel Charge (`DELETE v2/charges/{chargeId}/cancel`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `cancellationReason`.
    #[must_use]
    pub fn cancellation_reason(mut self, value: impl Into<String>) -> Self {
        self.cancellation_reason = Some(value.into());
        self
    }
}

/// `statusDetails` of Update Charge.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `reasonCode`.
    #[must_use]
    pub fn reason_code(mut self, value: impl Into<StatusReasonCode>) -> Self {
        self.reason_code = Some(value.into());
        self
    }
}

/// Body of Update Charge (`PATCH v2/charges/{chargeId}`; payment service providers).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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
    /// Amount in the ledger currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted_amount: Option<Price>,
    /// Exchange rate, exact decimal as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion_rate: Option<Amount>,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Whether capture was immediate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_now: Option<bool>,
    /// Whether authorization could be asynchronous.
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Sets `chargePermissionId`.
    #[must_use]
    pub fn charge_permission_id(mut self, value: impl Into<ChargePermissionId>) -> Self {
        self.charge_permission_id = Some(value.into());
        self
    }

    /// Sets `chargeAmount`.
    #[must_use]
    pub fn charge_amount(mut self, value: impl Into<Price>) -> Self {
        self.charge_amount = Some(value.into());
        self
    }

    /// Sets `captureAmount`.
    #[must_use]
    pub fn capture_amount(mut self, value: impl Into<Price>) -> Self {
        self.capture_amount = Some(value.into());
        self
    }

    /// Sets `refundedAmount`.
    #[must_use]
    pub fn refunded_amount(mut self, value: impl Into<Price>) -> Self {
        self.refunded_amount = Some(value.into());
        self
    }

    /// Sets `convertedAmount`.
    #[must_use]
    pub fn converted_amount(mut self, value: impl Into<Price>) -> Self {
        self.converted_amount = Some(value.into());
        self
    }

    /// Sets `conversionRate`.
    #[must_use]
    pub fn conversion_rate(mut self, value: impl Into<Amount>) -> Self {
        self.conversion_rate = Some(value.into());
        self
    }

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }

    /// Sets `captureNow`.
    #[must_use]
    pub fn capture_now(mut self, value: impl Into<bool>) -> Self {
        self.capture_now = Some(value.into());
        self
    }

    /// Sets `canHandlePendingAuthorization`.
    #[must_use]
    pub fn can_handle_pending_authorization(mut self, value: impl Into<bool>) -> Self {
        self.can_handle_pending_authorization = Some(value.into());
        self
    }

    /// Sets `providerMetadata`.
    #[must_use]
    pub fn provider_metadata(mut self, value: impl Into<ProviderMetadata>) -> Self {
        self.provider_metadata = Some(value.into());
        self
    }

    /// Sets `merchantMetadata`.
    #[must_use]
    pub fn merchant_metadata(mut self, value: impl Into<MerchantMetadata>) -> Self {
        self.merchant_metadata = Some(value.into());
        self
    }

    /// Sets `platformId`.
    #[must_use]
    pub fn platform_id(mut self, value: impl Into<PlatformId>) -> Self {
        self.platform_id = Some(value.into());
        self
    }

    /// Sets `channel`.
    #[must_use]
    pub fn channel(mut self, value: impl Into<Channel>) -> Self {
        self.channel = Some(value.into());
        self
    }

    /// Sets `chargeInitiator`.
    #[must_use]
    pub fn charge_initiator(mut self, value: impl Into<ChargeInitiator>) -> Self {
        self.charge_initiator = Some(value.into());
        self
    }

    /// Sets `webCheckoutDetails`.
    #[must_use]
    pub fn web_checkout_details(mut self, value: impl Into<ChargeWebCheckoutDetails>) -> Self {
        self.web_checkout_details = Some(value.into());
        self
    }

    /// Sets `statusDetails`.
    #[must_use]
    pub fn status_details(mut self, value: impl Into<StatusDetails<ChargeState>>) -> Self {
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

    /// Sets `releaseEnvironment`.
    #[must_use]
    pub fn release_environment(mut self, value: impl Into<ReleaseEnvironment>) -> Self {
        self.release_environment = Some(value.into());
        self
    }
}
