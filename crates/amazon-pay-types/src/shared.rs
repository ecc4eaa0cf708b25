//! Data types shared by several objects (api.md §5).

use crate::macros::setters;
use crate::tolerant::tolerant;
use std::collections::BTreeMap;

use crate::address::Address;
use crate::enums::{
    CheckoutMode, ConstraintId, FrequencyUnit, PaymentIntent, RestrictionType, SpecialRestriction,
    StatusReasonCode,
};
use crate::ids::AddressId;
use crate::money::{Currency, Price};
use crate::timestamp::Timestamp;

/// URLs and mode of the Amazon Pay hosted pages (`webCheckoutDetails`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebCheckoutDetails {
    /// Where the buyer returns to review the order (HTTPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_review_return_url: Option<String>,
    /// Where the buyer returns after checkout (HTTPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_result_return_url: Option<String>,
    /// Where the buyer goes on cancel (HTTPS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_cancel_url: Option<String>,
    /// Where to send the buyer to finish checkout (responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_pay_redirect_url: Option<String>,
    /// The flow variant (`ProcessOrder` for the Additional Payment Button).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checkout_mode: Option<CheckoutMode>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(WebCheckoutDetails { essential: [] });

impl WebCheckoutDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `checkoutReviewReturnUrl`.
        checkout_review_return_url: impl Into<String>,
        /// Sets `checkoutResultReturnUrl`.
        checkout_result_return_url: impl Into<String>,
        /// Sets `checkoutCancelUrl`.
        checkout_cancel_url: impl Into<String>,
        /// Sets `amazonPayRedirectUrl`.
        amazon_pay_redirect_url: impl Into<String>,
        /// Sets `checkoutMode`.
        checkout_mode: impl Into<CheckoutMode>,
    }
}

/// Amounts and processing of the payment (`paymentDetails`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentDetails {
    /// How the payment is processed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_intent: Option<PaymentIntent>,
    /// Whether an asynchronous authorization is acceptable.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub can_handle_pending_authorization: Option<bool>,
    /// Amount processed at checkout.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::serialize_optional_charge"
    )]
    pub charge_amount: Option<Price>,
    /// Full order amount when more is captured later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_order_amount: Option<Price>,
    /// Currency shown to the buyer.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::money::serialize_optional_currency"
    )]
    pub presentment_currency: Option<Currency>,
    /// Allow capturing more than the authorized amount.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_overcharge: Option<bool>,
    /// Extend the charge permission expiry.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub extend_expiration: Option<bool>,
    /// Text on the buyer's statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soft_descriptor: Option<String>,
    /// Estimated order total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate_order_total: Option<Price>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(PaymentDetails {
    essential: ["chargeAmount"]
});

impl PaymentDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `paymentIntent`.
        payment_intent: impl Into<PaymentIntent>,
        /// Sets `canHandlePendingAuthorization`.
        can_handle_pending_authorization: impl Into<bool>,
        /// Sets `chargeAmount`.
        charge_amount: impl Into<Price>,
        /// Sets `totalOrderAmount`.
        total_order_amount: impl Into<Price>,
        /// Sets `presentmentCurrency`.
        presentment_currency: impl Into<Currency>,
        /// Sets `allowOvercharge`.
        allow_overcharge: impl Into<bool>,
        /// Sets `extendExpiration`.
        extend_expiration: impl Into<bool>,
        /// Sets `softDescriptor`.
        soft_descriptor: impl Into<String>,
        /// Sets `estimateOrderTotal`.
        estimate_order_total: impl Into<Price>,
    }
}

/// The merchant's order details (`merchantMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantMetadata {
    /// The merchant's order id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_reference_id: Option<String>,
    /// Store name shown to the buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_store_name: Option<String>,
    /// Note shown to the buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_to_buyer: Option<String>,
    /// Free text kept with the object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_information: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(MerchantMetadata {
    essential: ["merchantReferenceId"]
});

impl MerchantMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `merchantReferenceId`.
        merchant_reference_id: impl Into<String>,
        /// Sets `merchantStoreName`.
        merchant_store_name: impl Into<String>,
        /// Sets `noteToBuyer`.
        note_to_buyer: impl Into<String>,
        /// Sets `customInformation`.
        custom_information: impl Into<String>,
    }
}

/// Data for payment service providers (`providerMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ProviderMetadata {
    /// The provider's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_reference_id: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ProviderMetadata {
    essential: ["providerReferenceId"]
});

impl ProviderMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `providerReferenceId`.
        provider_reference_id: impl Into<String>,
    }
}

/// How often a recurring charge happens (`frequency`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct Frequency {
    /// Unit of the period.
    pub unit: FrequencyUnit,
    /// Number of units per period (read from a number or a numeric string).
    #[serde(deserialize_with = "crate::tolerant::scalar")]
    pub value: u32,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Frequency { essential: [] });

impl Frequency {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(unit: impl Into<FrequencyUnit>, value: impl Into<u32>) -> Self {
        Self {
            unit: unit.into(),
            value: value.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Terms of a recurring charge permission (`recurringMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecurringMetadata {
    /// Charge frequency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Amount per period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Price>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(RecurringMetadata { essential: [] });

impl RecurringMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `frequency`.
        frequency: impl Into<Frequency>,
        /// Sets `amount`.
        amount: impl Into<Price>,
    }
}

/// Saved-wallet options (`paymentMethodOnFileMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentMethodOnFileMetadata {
    /// Only save the payment method, without charging.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub setup_only: Option<bool>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(PaymentMethodOnFileMetadata { essential: [] });

impl PaymentMethodOnFileMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `setupOnly`.
        setup_only: impl Into<bool>,
    }
}

/// Something still missing before checkout can proceed (`constraints[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Constraint {
    /// The missing item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint_id: Option<ConstraintId>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Constraint { essential: [] });

impl Constraint {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `constraintId`.
        constraint_id: impl Into<ConstraintId>,
        /// Sets `description`.
        description: impl Into<String>,
    }
}

/// The buyer's payment instrument as shown to the merchant (`paymentPreferences[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentPreference {
    /// E.g. `Visa ****1111 (Amazon Pay)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_descriptor: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(PaymentPreference { essential: [] });

impl PaymentPreference {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `paymentDescriptor`.
        payment_descriptor: impl Into<String>,
    }
}

/// The amount for one address of a multi-address checkout (`multiAddressesCheckoutMetadata[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct MultiAddressCheckoutMetadata {
    /// The address id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_id: Option<AddressId>,
    /// Amount for that address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(MultiAddressCheckoutMetadata {
    essential: ["addressId"]
});

impl MultiAddressCheckoutMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `addressId`.
        address_id: impl Into<AddressId>,
        /// Sets `price`.
        price: impl Into<Price>,
    }
}

/// Amount limits of a charge permission (`limits`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Limits {
    /// Total chargeable amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_limit: Option<Price>,
    /// Amount still chargeable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_balance: Option<Price>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Limits { essential: [] });

impl Limits {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `amountLimit`.
        amount_limit: impl Into<Price>,
        /// Sets `amountBalance`.
        amount_balance: impl Into<Price>,
    }
}

/// One reason in a charge permission's `statusDetails.reasons`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusReason {
    /// The reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<StatusReasonCode>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_description: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(StatusReason { essential: [] });

impl StatusReason {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `reasonCode`.
        reason_code: impl Into<StatusReasonCode>,
        /// Sets `reasonDescription`.
        reason_description: impl Into<String>,
    }
}

/// Places a restriction entry covers for one country.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct CountryRestriction {
    /// States or regions; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub states_or_regions: Option<Vec<String>>,
    /// Postal codes; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip_codes: Option<Vec<String>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(CountryRestriction { essential: [] });

impl CountryRestriction {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `statesOrRegions`.
        states_or_regions: impl Into<Vec<String>>,
        /// Sets `zipCodes`.
        zip_codes: impl Into<Vec<String>>,
    }
}

/// Address restrictions (`deliverySpecifications.addressRestrictions`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct AddressRestrictions {
    /// Whether the list allows or forbids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<RestrictionType>,
    /// Entries by ISO country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<BTreeMap<String, CountryRestriction>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(AddressRestrictions { essential: [] });

impl AddressRestrictions {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `type`.
        r#type: impl Into<RestrictionType>,
        /// Sets `restrictions`.
        restrictions: impl Into<BTreeMap<String, CountryRestriction>>,
    }
}

/// Address limits of a checkout (`deliverySpecifications`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeliverySpecifications {
    /// Address kinds excluded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special_restrictions: Option<Vec<SpecialRestriction>>,
    /// Allowed or forbidden places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_restrictions: Option<AddressRestrictions>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(DeliverySpecifications { essential: [] });

impl DeliverySpecifications {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `specialRestrictions`.
        special_restrictions: impl Into<Vec<SpecialRestriction>>,
        /// Sets `addressRestrictions`.
        address_restrictions: impl Into<AddressRestrictions>,
    }
}

/// The state of an object with a single reason code (`statusDetails`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct StatusDetails<S> {
    /// The object's state.
    pub state: S,
    /// Why the object is in this state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<StatusReasonCode>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_description: Option<String>,
    /// When the state last changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_updated_timestamp: Option<Timestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(StatusDetails<S> { essential: [] });

impl<S> StatusDetails<S> {
    /// A status with only a state.
    pub fn new(state: S) -> Self {
        Self {
            state,
            reason_code: None,
            reason_description: None,
            last_updated_timestamp: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reasonCode`.
        reason_code: impl Into<StatusReasonCode>,
        /// Sets `reasonDescription`.
        reason_description: impl Into<String>,
        /// Sets `lastUpdatedTimestamp`.
        last_updated_timestamp: Timestamp,
    }
}

impl AddressRestrictions {
    /// Restrictions listing the only places allowed.
    pub fn allowed() -> Self {
        Self::new().r#type(RestrictionType::Allowed)
    }

    /// Restrictions listing forbidden places.
    pub fn not_allowed() -> Self {
        Self::new().r#type(RestrictionType::NotAllowed)
    }

    fn entry(&mut self, country: impl Into<String>) -> &mut CountryRestriction {
        self.restrictions
            .get_or_insert_with(BTreeMap::new)
            .entry(country.into())
            .or_default()
    }

    /// Adds a whole country.
    #[must_use]
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.entry(country);
        self
    }

    /// Adds states or regions of a country.
    #[must_use]
    pub fn states_or_regions<I, T>(mut self, country: impl Into<String>, states: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let entry = self.entry(country);
        entry
            .states_or_regions
            .get_or_insert_with(Vec::new)
            .extend(states.into_iter().map(Into::into));
        self
    }

    /// Adds postal codes of a country.
    #[must_use]
    pub fn zip_codes<I, T>(mut self, country: impl Into<String>, zips: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let entry = self.entry(country);
        entry
            .zip_codes
            .get_or_insert_with(Vec::new)
            .extend(zips.into_iter().map(Into::into));
        self
    }

    /// Whether an entry covers the address: its country is listed and the
    /// entry is empty (whole country), or the state or the postal code is listed.
    fn covers(&self, address: &Address) -> bool {
        let (Some(map), Some(country)) = (&self.restrictions, &address.country_code) else {
            return false;
        };
        let Some(entry) = map.get(country) else {
            return false;
        };
        let listed = |list: &Option<Vec<String>>, value: &Option<String>| matches!((list, value), (Some(l), Some(v)) if l.iter().any(|x| x.eq_ignore_ascii_case(v)));
        let whole_country = entry.states_or_regions.as_ref().is_none_or(Vec::is_empty)
            && entry.zip_codes.as_ref().is_none_or(Vec::is_empty);
        whole_country
            || listed(&entry.states_or_regions, &address.state_or_region)
            || listed(&entry.zip_codes, &address.postal_code)
    }

    /// Whether these restrictions let the address through. Unknown
    /// restriction types let everything through.
    pub fn permits(&self, address: &Address) -> bool {
        match &self.r#type {
            Some(RestrictionType::Allowed) => self.covers(address),
            Some(RestrictionType::NotAllowed) => !self.covers(address),
            _ => true,
        }
    }
}

impl DeliverySpecifications {
    /// Allows only the listed countries (whole countries).
    #[must_use]
    pub fn allow_countries<I, T>(self, countries: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let r = countries
            .into_iter()
            .fold(AddressRestrictions::allowed(), AddressRestrictions::country);
        self.address_restrictions(r)
    }

    /// Forbids the listed countries (whole countries).
    #[must_use]
    pub fn forbid_countries<I, T>(self, countries: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        let r = countries.into_iter().fold(
            AddressRestrictions::not_allowed(),
            AddressRestrictions::country,
        );
        self.address_restrictions(r)
    }

    /// Adds a special restriction (`RestrictPOBoxes`, `RestrictPackstations`).
    #[must_use]
    pub fn restrict(mut self, restriction: SpecialRestriction) -> Self {
        let list = self.special_restrictions.get_or_insert_with(Vec::new);
        if !list.contains(&restriction) {
            list.push(restriction);
        }
        self
    }

    /// Whether the address restrictions let the address through (special
    /// restrictions such as PO boxes cannot be judged from the address alone).
    pub fn permits(&self, address: &Address) -> bool {
        self.address_restrictions
            .as_ref()
            .is_none_or(|r| r.permits(address))
    }
}

/// Reads an optional list whose entries may be `null` (the service has been
/// seen sending `[null]`); the `null` entries are dropped.
pub(crate) fn skip_null_elements<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::Deserialize<'de>,
{
    let list: Option<Vec<Option<T>>> = ::serde::Deserialize::deserialize(deserializer)?;
    Ok(list.map(|items| items.into_iter().flatten().collect()))
}
