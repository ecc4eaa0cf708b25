//! Checkout sessions (`v2/checkoutSessions`).

use crate::address::{Address, AddressDetails, AddressWithId};
use crate::buyer::Buyer;
use crate::enums::{ChargePermissionType, PaymentIntent, ProductType, ReleaseEnvironment, Scope};
use crate::ids::{ChargeId, ChargePermissionId, CheckoutSessionId, PlatformId, StoreId};
use crate::macros::open_enum;
use crate::macros::pii_debug;
use crate::macros::setters;
use crate::money::Price;
use crate::shared::{
    Constraint, DeliverySpecifications, MerchantMetadata, MultiAddressCheckoutMetadata,
    PaymentDetails, PaymentMethodOnFileMetadata, PaymentPreference, ProviderMetadata,
    RecurringMetadata, StatusDetails, WebCheckoutDetails,
};
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

open_enum! {
    /// The state of a checkout session.
    CheckoutSessionState {
        /// Collecting data.
        Open = "Open",
        /// Processing succeeded.
        Completed = "Completed",
        /// Failed, abandoned or expired.
        Canceled = "Canceled",
    }
}

/// Body of Create Checkout Session (`POST v2/checkoutSessions`); also the
/// payload the Amazon Pay button signs (see [`CheckoutButtonPayload`](crate::CheckoutButtonPayload)).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateCheckoutSessionRequest {
    /// Return and cancel URLs.
    pub web_checkout_details: WebCheckoutDetails,
    /// The store id.
    pub store_id: StoreId,
    /// Buyer data requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<Scope>>,
    /// One-time, recurring or saved wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_type: Option<ChargePermissionType>,
    /// Recurring terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_metadata: Option<RecurringMetadata>,
    /// Saved-wallet options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method_on_file_metadata: Option<PaymentMethodOnFileMetadata>,
    /// Saved Wallet update flow: the permission to update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// Amounts and processing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetails>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Additional Payment Button: the merchant's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_details: Option<AddressDetails>,
    /// Address limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_specifications: Option<DeliverySpecifications>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// Payment service provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<ProviderMetadata>,
    /// Extra data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplementary_data: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateCheckoutSessionRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        web_checkout_details: impl Into<WebCheckoutDetails>,
        store_id: impl Into<StoreId>,
    ) -> Self {
        Self {
            web_checkout_details: web_checkout_details.into(),
            store_id: store_id.into(),
            scopes: None,
            charge_permission_type: None,
            recurring_metadata: None,
            payment_method_on_file_metadata: None,
            charge_permission_id: None,
            payment_details: None,
            merchant_metadata: None,
            address_details: None,
            delivery_specifications: None,
            platform_id: None,
            provider_metadata: None,
            supplementary_data: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `scopes`.
        scopes: impl Into<Vec<Scope>>,
        /// Sets `chargePermissionType`.
        charge_permission_type: impl Into<ChargePermissionType>,
        /// Sets `recurringMetadata`.
        recurring_metadata: impl Into<RecurringMetadata>,
        /// Sets `paymentMethodOnFileMetadata`.
        payment_method_on_file_metadata: impl Into<PaymentMethodOnFileMetadata>,
        /// Sets `chargePermissionId`.
        charge_permission_id: impl Into<ChargePermissionId>,
        /// Sets `paymentDetails`.
        payment_details: impl Into<PaymentDetails>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `addressDetails`.
        address_details: impl Into<AddressDetails>,
        /// Sets `deliverySpecifications`.
        delivery_specifications: impl Into<DeliverySpecifications>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<ProviderMetadata>,
        /// Sets `supplementaryData`.
        supplementary_data: impl Into<String>,
    }
}

/// Body of Update Checkout Session (`PATCH v2/checkoutSessions/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateCheckoutSessionRequest {
    /// Return URLs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_checkout_details: Option<WebCheckoutDetails>,
    /// Amounts and processing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetails>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// Payment service provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<ProviderMetadata>,
    /// Extra data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplementary_data: Option<String>,
    /// One-time, recurring or saved wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_type: Option<ChargePermissionType>,
    /// Recurring terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_metadata: Option<RecurringMetadata>,
    /// Amounts per address (multi-address checkout).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_addresses_checkout_metadata: Option<Vec<MultiAddressCheckoutMetadata>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateCheckoutSessionRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `webCheckoutDetails`.
        web_checkout_details: impl Into<WebCheckoutDetails>,
        /// Sets `paymentDetails`.
        payment_details: impl Into<PaymentDetails>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<ProviderMetadata>,
        /// Sets `supplementaryData`.
        supplementary_data: impl Into<String>,
        /// Sets `chargePermissionType`.
        charge_permission_type: impl Into<ChargePermissionType>,
        /// Sets `recurringMetadata`.
        recurring_metadata: impl Into<RecurringMetadata>,
        /// Sets `multiAddressesCheckoutMetadata`.
        multi_addresses_checkout_metadata: impl Into<Vec<MultiAddressCheckoutMetadata>>,
    }
}

/// Body of Complete Checkout Session (`POST v2/checkoutSessions/{id}/complete`).
///
/// `chargeAmount` is required except in the Saved Wallet update flow, which
/// sends `{}` ([`CompleteCheckoutSessionRequest::empty`]).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteCheckoutSessionRequest {
    /// Must equal the session's `paymentDetails.chargeAmount`.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::serialize_optional_charge"
    )]
    pub charge_amount: Option<Price>,
    /// Full order amount when more is captured later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_order_amount: Option<Price>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CompleteCheckoutSessionRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `chargeAmount`.
        charge_amount: impl Into<Price>,
        /// Sets `totalOrderAmount`.
        total_order_amount: impl Into<Price>,
    }
}

/// Body of Finalize Checkout Session (`POST v2/checkoutSessions/{id}/finalize`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FinalizeCheckoutSessionRequest {
    /// Shipping address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// Billing address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Amount to process.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::serialize_optional_charge"
    )]
    pub charge_amount: Option<Price>,
    /// Full order amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_order_amount: Option<Price>,
    /// How to process the payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_intent: Option<PaymentIntent>,
    /// Accept an asynchronous authorization.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub can_handle_pending_authorization: Option<bool>,
    /// Extra data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplementary_data: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl FinalizeCheckoutSessionRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `shippingAddress`.
        shipping_address: impl Into<Address>,
        /// Sets `billingAddress`.
        billing_address: impl Into<Address>,
        /// Sets `chargeAmount`.
        charge_amount: impl Into<Price>,
        /// Sets `totalOrderAmount`.
        total_order_amount: impl Into<Price>,
        /// Sets `paymentIntent`.
        payment_intent: impl Into<PaymentIntent>,
        /// Sets `canHandlePendingAuthorization`.
        can_handle_pending_authorization: impl Into<bool>,
        /// Sets `supplementaryData`.
        supplementary_data: impl Into<String>,
    }
}

/// A checkout session (response of create, get, update, complete and finalize).
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct CheckoutSession {
    /// The session id.
    pub checkout_session_id: CheckoutSessionId,
    /// URLs, including `amazonPayRedirectUrl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_checkout_details: Option<WebCheckoutDetails>,
    /// What the checkout collects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_type: Option<ProductType>,
    /// Amounts and processing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<PaymentDetails>,
    /// One-time, recurring or saved wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_type: Option<ChargePermissionType>,
    /// Recurring terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurring_metadata: Option<RecurringMetadata>,
    /// Saved-wallet options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method_on_file_metadata: Option<PaymentMethodOnFileMetadata>,
    /// Order details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_metadata: Option<MerchantMetadata>,
    /// Amazon Pay system data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplementary_data: Option<String>,
    /// The buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Buyer>,
    /// Billing address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Shipping address (null for `PayOnly`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// Addresses of a multi-address checkout (JSON strings on the wire).
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::address::json_string_list",
        default
    )]
    pub shipping_address_list: Option<Vec<AddressWithId>>,
    /// Amounts per address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_addresses_checkout_metadata: Option<Vec<MultiAddressCheckoutMetadata>>,
    /// Payment instrument descriptions (null entries dropped).
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shared::skip_null_elements",
        default
    )]
    pub payment_preferences: Option<Vec<PaymentPreference>>,
    /// State and reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<StatusDetails<CheckoutSessionState>>,
    /// What is still missing (null entries dropped).
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::shared::skip_null_elements",
        default
    )]
    pub constraints: Option<Vec<Constraint>>,
    /// When it was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    /// When it expires (creation + 24 h).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_timestamp: Option<Timestamp>,
    /// Set once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_permission_id: Option<ChargePermissionId>,
    /// Set once completed with Authorize or AuthorizeWithCapture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_id: Option<ChargeId>,
    /// The store id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_id: Option<StoreId>,
    /// Solution provider id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<PlatformId>,
    /// Payment service provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<ProviderMetadata>,
    /// Address limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_specifications: Option<DeliverySpecifications>,
    /// Button text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_button_text: Option<String>,
    /// Sandbox or Live.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_environment: Option<ReleaseEnvironment>,
    /// Buyer data requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<Scope>>,
    /// Additional Payment Button address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_details: Option<AddressDetails>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(CheckoutSession {
    essential: [
        "paymentDetails",
        "statusDetails",
        "chargePermissionId",
        "chargeId",
        "storeId",
        "platformId"
    ]
});

// `extra` may hold a buyer or address field that did not decode: only its keys are shown.
pii_debug!(CheckoutSession {
    plain: [
        checkout_session_id,
        web_checkout_details,
        product_type,
        payment_details,
        charge_permission_type,
        recurring_metadata,
        payment_method_on_file_metadata,
        merchant_metadata,
        supplementary_data,
        buyer,
        billing_address,
        shipping_address,
        shipping_address_list,
        multi_addresses_checkout_metadata,
        payment_preferences,
        status_details,
        constraints,
        creation_timestamp,
        expiration_timestamp,
        charge_permission_id,
        charge_id,
        store_id,
        platform_id,
        provider_metadata,
        delivery_specifications,
        checkout_button_text,
        release_environment,
        scopes,
        address_details
    ],
    pii: [extra]
});

impl CheckoutSession {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(checkout_session_id: impl Into<CheckoutSessionId>) -> Self {
        Self {
            checkout_session_id: checkout_session_id.into(),
            web_checkout_details: None,
            product_type: None,
            payment_details: None,
            charge_permission_type: None,
            recurring_metadata: None,
            payment_method_on_file_metadata: None,
            merchant_metadata: None,
            supplementary_data: None,
            buyer: None,
            billing_address: None,
            shipping_address: None,
            shipping_address_list: None,
            multi_addresses_checkout_metadata: None,
            payment_preferences: None,
            status_details: None,
            constraints: None,
            creation_timestamp: None,
            expiration_timestamp: None,
            charge_permission_id: None,
            charge_id: None,
            store_id: None,
            platform_id: None,
            provider_metadata: None,
            delivery_specifications: None,
            checkout_button_text: None,
            release_environment: None,
            scopes: None,
            address_details: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `webCheckoutDetails`.
        web_checkout_details: impl Into<WebCheckoutDetails>,
        /// Sets `productType`.
        product_type: impl Into<ProductType>,
        /// Sets `paymentDetails`.
        payment_details: impl Into<PaymentDetails>,
        /// Sets `chargePermissionType`.
        charge_permission_type: impl Into<ChargePermissionType>,
        /// Sets `recurringMetadata`.
        recurring_metadata: impl Into<RecurringMetadata>,
        /// Sets `paymentMethodOnFileMetadata`.
        payment_method_on_file_metadata: impl Into<PaymentMethodOnFileMetadata>,
        /// Sets `merchantMetadata`.
        merchant_metadata: impl Into<MerchantMetadata>,
        /// Sets `supplementaryData`.
        supplementary_data: impl Into<String>,
        /// Sets `buyer`.
        buyer: impl Into<Buyer>,
        /// Sets `billingAddress`.
        billing_address: impl Into<Address>,
        /// Sets `shippingAddress`.
        shipping_address: impl Into<Address>,
        /// Sets `shippingAddressList`.
        shipping_address_list: impl Into<Vec<AddressWithId>>,
        /// Sets `multiAddressesCheckoutMetadata`.
        multi_addresses_checkout_metadata: impl Into<Vec<MultiAddressCheckoutMetadata>>,
        /// Sets `paymentPreferences`.
        payment_preferences: impl Into<Vec<PaymentPreference>>,
        /// Sets `statusDetails`.
        status_details: impl Into<StatusDetails<CheckoutSessionState>>,
        /// Sets `constraints`.
        constraints: impl Into<Vec<Constraint>>,
        /// Sets `creationTimestamp`.
        creation_timestamp: impl Into<Timestamp>,
        /// Sets `expirationTimestamp`.
        expiration_timestamp: impl Into<Timestamp>,
        /// Sets `chargePermissionId`.
        charge_permission_id: impl Into<ChargePermissionId>,
        /// Sets `chargeId`.
        charge_id: impl Into<ChargeId>,
        /// Sets `storeId`.
        store_id: impl Into<StoreId>,
        /// Sets `platformId`.
        platform_id: impl Into<PlatformId>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<ProviderMetadata>,
        /// Sets `deliverySpecifications`.
        delivery_specifications: impl Into<DeliverySpecifications>,
        /// Sets `checkoutButtonText`.
        checkout_button_text: impl Into<String>,
        /// Sets `releaseEnvironment`.
        release_environment: impl Into<ReleaseEnvironment>,
        /// Sets `scopes`.
        scopes: impl Into<Vec<Scope>>,
        /// Sets `addressDetails`.
        address_details: impl Into<AddressDetails>,
    }
}

impl CompleteCheckoutSessionRequest {
    /// `{}`: the body of the Saved Wallet update flow.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The usual body: the amount to charge.
    pub fn with_charge_amount(charge_amount: Price) -> Self {
        Self::default().charge_amount(charge_amount)
    }
}

impl CheckoutSession {
    /// The session state, if the response carries `statusDetails`.
    pub fn state(&self) -> Option<&CheckoutSessionState> {
        self.status_details.as_ref().map(|s| &s.state)
    }
}
