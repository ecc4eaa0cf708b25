//! The buyer (`GET v2/buyers/{buyerToken}` and the `buyer` of checkout objects).

use crate::address::Address;
use crate::enums::PrimeMembershipType;
use crate::ids::BuyerId;
use crate::macros::pii_debug;

/// A buyer. Which fields are filled depends on the requested scopes.
/// `Debug` redacts the personal data unless the `pii-debug` feature is on.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Buyer {
    /// The buyer id (`amzn1.account.…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer_id: Option<BuyerId>,
    /// Full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Default postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Default country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Default shipping address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
    /// Billing address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Prime memberships.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prime_membership_types: Option<Vec<PrimeMembershipType>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl Buyer {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `buyerId`.
    #[must_use]
    pub fn buyer_id(mut self, value: impl Into<BuyerId>) -> Self {
        self.buyer_id = Some(value.into());
        self
    }

    /// Sets `name`.
    #[must_use]
    pub fn name(mut self, value: impl Into<String>) -> Self {
        self.name = Some(value.into());
        self
    }

    /// Sets `email`.
    #[must_use]
    pub fn email(mut self, value: impl Into<String>) -> Self {
        self.email = Some(value.into());
        self
    }

    /// Sets `phoneNumber`.
    #[must_use]
    pub fn phone_number(mut self, value: impl Into<String>) -> Self {
        self.phone_number = Some(value.into());
        self
    }

    /// Sets `postalCode`.
    #[must_use]
    pub fn postal_code(mut self, value: impl Into<String>) -> Self {
        self.postal_code = Some(value.into());
        self
    }

    /// Sets `countryCode`.
    #[must_use]
    pub fn country_code(mut self, value: impl Into<String>) -> Self {
        self.country_code = Some(value.into());
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

    /// Sets `primeMembershipTypes`.
    #[must_use]
    pub fn prime_membership_types(mut self, value: impl Into<Vec<PrimeMembershipType>>) -> Self {
        self.prime_membership_types = Some(value.into());
        self
    }
}

pii_debug!(Buyer {
    plain: [buyer_id, country_code, prime_membership_types],
    pii: [
        name,
        email,
        phone_number,
        postal_code,
        shipping_address,
        billing_address,
        extra
    ]
});
