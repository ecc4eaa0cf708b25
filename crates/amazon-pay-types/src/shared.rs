//! Data types shared by several objects (api.md §5).

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
#[serde(rename_all = "camelCase")]
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

impl WebCheckoutDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `checkoutReviewReturnUrl`.
    #[must_use]
    pub fn checkout_review_return_url(mut self, value: impl Into<String>) -> Self {
        self.checkout_review_return_url = Some(value.into());
        self
    }

    /// Sets `checkoutResultReturnUrl`.
    #[must_use]
    pub fn checkout_result_return_url(mut self, value: impl Into<String>) -> Self {
        self.checkout_result_return_url = Some(value.into());
        self
    }

    /// Sets `checkoutCancelUrl`.
    #[must_use]
    pub fn checkout_cancel_url(mut self, value: impl Into<String>) -> Self {
        self.checkout_cancel_url = Some(value.into());
        self
    }

    /// Sets `amazonPayRedirectUrl`.
    #[must_use]
    pub fn amazon_pay_redirect_url(mut self, value: impl Into<String>) -> Self {
        self.amazon_pay_redirect_url = Some(value.into());
        self
    }

    /// Sets `checkoutMode`.
    #[must_use]
    pub fn checkout_mode(mut self, value: impl Into<CheckoutMode>) -> Self {
        self.checkout_mode = Some(value.into());
        self
    }
}

/// Amounts and processing of the payment (`paymentDetails`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDetails {
    /// How the payment is processed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_intent: Option<PaymentIntent>,
    /// Whether an asynchronous authorization is acceptable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_handle_pending_authorization: Option<bool>,
    /// Amount processed at checkout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_amount: Option<Price>,
    /// Full order amount when more is captured later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_order_amount: Option<Price>,
    /// Currency shown to the buyer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presentment_currency: Option<Currency>,
    /// Allow capturing more than the authorized amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_overcharge: Option<bool>,
    /// Extend the charge permission expiry.
    #[serde(skip_serializing_if = "Option::is_none")]
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

impl PaymentDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `paymentIntent`.
    #[must_use]
    pub fn payment_intent(mut self, value: impl Into<PaymentIntent>) -> Self {
        self.payment_intent = Some(value.into());
        self
    }

    /// Sets `canHandlePendingAuthorization`.
    #[must_use]
    pub fn can_handle_pending_authorization(mut self, value: impl Into<bool>) -> Self {
        self.can_handle_pending_authorization = Some(value.into());
        self
    }

    /// Sets `chargeAmount`.
    #[must_use]
    pub fn charge_amount(mut self, value: impl Into<Price>) -> Self {
        self.charge_amount = Some(value.into());
        self
    }

    /// Sets `totalOrderAmount`.
    #[must_use]
    pub fn total_order_amount(mut self, value: impl Into<Price>) -> Self {
        self.total_order_amount = Some(value.into());
        self
    }

    /// Sets `presentmentCurrency`.
    #[must_use]
    pub fn presentment_currency(mut self, value: impl Into<Currency>) -> Self {
        self.presentment_currency = Some(value.into());
        self
    }

    /// Sets `allowOvercharge`.
    #[must_use]
    pub fn allow_overcharge(mut self, value: impl Into<bool>) -> Self {
        self.allow_overcharge = Some(value.into());
        self
    }

    /// Sets `extendExpiration`.
    #[must_use]
    pub fn extend_expiration(mut self, value: impl Into<bool>) -> Self {
        self.extend_expiration = Some(value.into());
        self
    }

    /// Sets `softDescriptor`.
    #[must_use]
    pub fn soft_descriptor(mut self, value: impl Into<String>) -> Self {
        self.soft_descriptor = Some(value.into());
        self
    }

    /// Sets `estimateOrderTotal`.
    #[must_use]
    pub fn estimate_order_total(mut self, value: impl Into<Price>) -> Self {
        self.estimate_order_total = Some(value.into());
        self
    }
}

/// The merchant's order details (`merchantMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl MerchantMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `merchantReferenceId`.
    #[must_use]
    pub fn merchant_reference_id(mut self, value: impl Into<String>) -> Self {
        self.merchant_reference_id = Some(value.into());
        self
    }

    /// Sets `merchantStoreName`.
    #[must_use]
    pub fn merchant_store_name(mut self, value: impl Into<String>) -> Self {
        self.merchant_store_name = Some(value.into());
        self
    }

    /// Sets `noteToBuyer`.
    #[must_use]
    pub fn note_to_buyer(mut self, value: impl Into<String>) -> Self {
        self.note_to_buyer = Some(value.into());
        self
    }

    /// Sets `customInformation`.
    #[must_use]
    pub fn custom_information(mut self, value: impl Into<String>) -> Self {
        self.custom_information = Some(value.into());
        self
    }
}

/// Data for payment service providers (`providerMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ProviderMetadata {
    /// The provider's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_reference_id: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl ProviderMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `providerReferenceId`.
    #[must_use]
    pub fn provider_reference_id(mut self, value: impl Into<String>) -> Self {
        self.provider_reference_id = Some(value.into());
        self
    }
}

/// How often a recurring charge happens (`frequency`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Frequency {
    /// Unit of the period.
    pub unit: FrequencyUnit,
    /// Number of units per period.
    pub value: u32,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

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
#[serde(rename_all = "camelCase")]
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

impl RecurringMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `frequency`.
    #[must_use]
    pub fn frequency(mut self, value: impl Into<Frequency>) -> Self {
        self.frequency = Some(value.into());
        self
    }

    /// Sets `amount`.
    #[must_use]
    pub fn amount(mut self, value: impl Into<Price>) -> Self {
        self.amount = Some(value.into());
        self
    }
}

/// Saved-wallet options (`paymentMethodOnFileMetadata`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodOnFileMetadata {
    /// Only save the payment method, without charging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup_only: Option<bool>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl PaymentMethodOnFileMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `setupOnly`.
    #[must_use]
    pub fn setup_only(mut self, value: impl Into<bool>) -> Self {
        self.setup_only = Some(value.into());
        self
    }
}

/// Something still missing before checkout can proceed (`constraints[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl Constraint {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `constraintId`.
    #[must_use]
    pub fn constraint_id(mut self, value: impl Into<ConstraintId>) -> Self {
        self.constraint_id = Some(value.into());
        self
    }

    /// Sets `description`.
    #[must_use]
    pub fn description(mut self, value: impl Into<String>) -> Self {
        self.description = Some(value.into());
        self
    }
}

/// The buyer's payment instrument as shown to the merchant (`paymentPreferences[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PaymentPreference {
    /// E.g. `Visa ****1111 (Amazon Pay)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_descriptor: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl PaymentPreference {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `paymentDescriptor`.
    #[must_use]
    pub fn payment_descriptor(mut self, value: impl Into<String>) -> Self {
        self.payment_descriptor = Some(value.into());
        self
    }
}

/// The amount for one address of a multi-address checkout (`multiAddressesCheckoutMetadata[]`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl MultiAddressCheckoutMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `addressId`.
    #[must_use]
    pub fn address_id(mut self, value: impl Into<AddressId>) -> Self {
        self.address_id = Some(value.into());
        self
    }

    /// Sets `price`.
    #[must_use]
    pub fn price(mut self, value: impl Into<Price>) -> Self {
        self.price = Some(value.into());
        self
    }
}

/// Amount limits of a charge permission (`limits`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl Limits {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `amountLimit`.
    #[must_use]
    pub fn amount_limit(mut self, value: impl Into<Price>) -> Self {
        self.amount_limit = Some(value.into());
        self
    }

    /// Sets `amountBalance`.
    #[must_use]
    pub fn amount_balance(mut self, value: impl Into<Price>) -> Self {
        self.amount_balance = Some(value.into());
        self
    }
}

/// One reason in a charge permission's `statusDetails.reasons`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl StatusReason {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `reasonCode`.
    #[must_use]
    pub fn reason_code(mut self, value: impl Into<StatusReasonCode>) -> Self {
        self.reason_code = Some(value.into());
        self
    }

    /// Sets `reasonDescription`.
    #[must_use]
    pub fn reason_description(mut self, value: impl Into<String>) -> Self {
        self.reason_description = Some(value.into());
        self
    }
}

/// Places a restriction entry covers for one country.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl CountryRestriction {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `statesOrRegions`.
    #[must_use]
    pub fn states_or_regions(mut self, value: impl Into<Vec<String>>) -> Self {
        self.states_or_regions = Some(value.into());
        self
    }

    /// Sets `zipCodes`.
    #[must_use]
    pub fn zip_codes(mut self, value: impl Into<Vec<String>>) -> Self {
        self.zip_codes = Some(value.into());
        self
    }
}

/// Address restrictions (`deliverySpecifications.addressRestrictions`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl AddressRestrictions {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `type`.
    #[must_use]
    pub fn r#type(mut self, value: impl Into<RestrictionType>) -> Self {
        self.r#type = Some(value.into());
        self
    }

    /// Sets `restrictions`.
    #[must_use]
    pub fn restrictions(mut self, value: impl Into<BTreeMap<String, CountryRestriction>>) -> Self {
        self.restrictions = Some(value.into());
        self
    }
}

/// Address limits of a checkout (`deliverySpecifications`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

impl DeliverySpecifications {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `specialRestrictions`.
    #[must_use]
    pub fn special_restrictions(mut self, value: impl Into<Vec<SpecialRestriction>>) -> Self {
        self.special_restrictions = Some(value.into());
        self
    }

    /// Sets `addressRestrictions`.
    #[must_use]
    pub fn address_restrictions(mut self, value: impl Into<AddressRestrictions>) -> Self {
        self.address_restrictions = Some(value.into());
        self
    }
}

/// The state of an object with a single reason code (`statusDetails`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `reasonCode`.
    #[must_use]
    pub fn reason_code(mut self, code: impl Into<StatusReasonCode>) -> Self {
        self.reason_code = Some(code.into());
        self
    }

    /// Sets `reasonDescription`.
    #[must_use]
    pub fn reason_description(mut self, text: impl Into<String>) -> Self {
        self.reason_description = Some(text.into());
        self
    }

    /// Sets `lastUpdatedTimestamp`.
    #[must_use]
    pub fn last_updated_timestamp(mut self, at: Timestamp) -> Self {
        self.last_updated_timestamp = Some(at);
        self
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
