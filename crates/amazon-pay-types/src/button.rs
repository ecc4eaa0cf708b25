//! Payloads the Amazon Pay button signs: Create Checkout Session (one-time,
//! recurring, saved wallet, Additional Payment Button) and Amazon Sign-In.

use crate::address::AddressDetails;
use crate::checkout_session::CreateCheckoutSessionRequest;
use crate::enums::{ChargePermissionType, CheckoutMode, PaymentIntent, Scope};
use crate::ids::StoreId;
use crate::macros::setters;
use crate::money::Price;
use crate::shared::{
    Frequency, PaymentDetails, PaymentMethodOnFileMetadata, RecurringMetadata, WebCheckoutDetails,
};

/// The Create Checkout Session payload as the button sends it (same shape as the API body).
pub type CheckoutButtonPayload = CreateCheckoutSessionRequest;

/// The Amazon Sign-In button payload.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignInPayload {
    /// Where the buyer returns with a buyer token (HTTPS).
    pub sign_in_return_url: String,
    /// The store id.
    pub store_id: StoreId,
    /// Buyer data requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_in_scopes: Option<Vec<Scope>>,
    /// Where the buyer goes on cancel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign_in_cancel_url: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl SignInPayload {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(sign_in_return_url: impl Into<String>, store_id: impl Into<StoreId>) -> Self {
        Self {
            sign_in_return_url: sign_in_return_url.into(),
            store_id: store_id.into(),
            sign_in_scopes: None,
            sign_in_cancel_url: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `signInScopes`.
        sign_in_scopes: impl Into<Vec<Scope>>,
        /// Sets `signInCancelUrl`.
        sign_in_cancel_url: impl Into<String>,
    }
}

/// The `createCheckoutSessionConfig` (or `signInConfig`) object handed to
/// `amazon.Pay.renderButton`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ButtonConfig {
    /// The exact payload text that was signed.
    #[serde(rename = "payloadJSON")]
    pub payload_json: String,
    /// Base64 signature of the payload.
    pub signature: String,
    /// The public key id.
    pub public_key_id: String,
    /// `AMZN-PAY-RSASSA-PSS-V2` when V2 signed the payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
}

impl ButtonConfig {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        payload_json: impl Into<String>,
        signature: impl Into<String>,
        public_key_id: impl Into<String>,
    ) -> Self {
        Self {
            payload_json: payload_json.into(),
            signature: signature.into(),
            public_key_id: public_key_id.into(),
            algorithm: None,
        }
    }

    setters! {
        /// Sets `algorithm`.
        algorithm: impl Into<String>,
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // These types hold only strings, numbers, booleans and string-keyed
    // maps, which serde_json always serializes.
    serde_json::to_string(value).expect("payload types always serialize to JSON")
}

impl CreateCheckoutSessionRequest {
    /// A one-time checkout whose buyer returns to a review page.
    pub fn one_time(
        store_id: impl Into<StoreId>,
        checkout_review_return_url: impl Into<String>,
    ) -> Self {
        Self::new(
            WebCheckoutDetails::new().checkout_review_return_url(checkout_review_return_url),
            store_id,
        )
    }

    /// A recurring checkout (`chargePermissionType: Recurring`).
    pub fn recurring(
        store_id: impl Into<StoreId>,
        checkout_review_return_url: impl Into<String>,
        frequency: Frequency,
        amount: Option<Price>,
    ) -> Self {
        let mut metadata = RecurringMetadata::new().frequency(frequency);
        metadata.amount = amount;
        Self::one_time(store_id, checkout_review_return_url)
            .charge_permission_type(ChargePermissionType::Recurring)
            .recurring_metadata(metadata)
    }

    /// A saved-wallet checkout (`PaymentMethodOnFile`, intent `Confirm`).
    pub fn payment_method_on_file(
        store_id: impl Into<StoreId>,
        checkout_result_return_url: impl Into<String>,
        setup_only: bool,
    ) -> Self {
        Self::new(
            WebCheckoutDetails::new().checkout_result_return_url(checkout_result_return_url),
            store_id,
        )
        .charge_permission_type(ChargePermissionType::PaymentMethodOnFile)
        .payment_method_on_file_metadata(PaymentMethodOnFileMetadata::new().setup_only(setup_only))
        .payment_details(PaymentDetails::new().payment_intent(PaymentIntent::Confirm))
    }

    /// An Additional Payment Button checkout: the merchant collected the
    /// address and the order is processed without a review page.
    pub fn additional_payment_button(
        store_id: impl Into<StoreId>,
        checkout_result_return_url: impl Into<String>,
        payment_details: PaymentDetails,
        address_details: AddressDetails,
    ) -> Self {
        Self::new(
            WebCheckoutDetails::new()
                .checkout_result_return_url(checkout_result_return_url)
                .checkout_mode(CheckoutMode::ProcessOrder),
            store_id,
        )
        .payment_details(payment_details)
        .address_details(address_details)
    }

    /// The payload text to sign and hand to the button.
    pub fn to_payload_json(&self) -> String {
        to_json(self)
    }
}

impl SignInPayload {
    /// The payload text to sign and hand to the button.
    pub fn to_payload_json(&self) -> String {
        to_json(self)
    }
}
