//! The buyer (`GET v2/buyers/{buyerToken}` and the `buyer` of checkout objects).

use crate::address::Address;
use crate::enums::PrimeMembershipType;
use crate::ids::BuyerId;
use crate::macros::pii_debug;
use crate::macros::setters;
use crate::tolerant::tolerant;

/// A buyer. Which fields are filled depends on the requested scopes.
/// `Debug` redacts the personal data unless the `pii-debug` feature is on.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
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

tolerant!(Buyer {
    essential: ["buyerId"]
});

impl Buyer {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `buyerId`.
        buyer_id: impl Into<BuyerId>,
        /// Sets `name`.
        name: impl Into<String>,
        /// Sets `email`.
        email: impl Into<String>,
        /// Sets `phoneNumber`.
        phone_number: impl Into<String>,
        /// Sets `postalCode`.
        postal_code: impl Into<String>,
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `shippingAddress`.
        shipping_address: impl Into<Address>,
        /// Sets `billingAddress`.
        billing_address: impl Into<Address>,
        /// Sets `primeMembershipTypes`.
        prime_membership_types: impl Into<Vec<PrimeMembershipType>>,
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
