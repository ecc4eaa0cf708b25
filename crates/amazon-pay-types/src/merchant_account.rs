//! Merchant onboarding and account management (`v2/merchantAccounts`).

use crate::enums::BusinessType;
use crate::ids::{AuthorizationTokenValue, MerchantAccountId};
use crate::macros::pii_debug;
use crate::macros::setters;
use crate::money::{Currency, Price};
use crate::tolerant::tolerant;

/// A phone number split into parts.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PhoneNumber {
    /// Country calling code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Extension.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl PhoneNumber {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `number`.
        number: impl Into<String>,
        /// Sets `extension`.
        extension: impl Into<String>,
    }
}

/// A business or residential address of merchant onboarding.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantAddress {
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// Third line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_or_region: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<PhoneNumber>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl MerchantAddress {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `addressLine1`.
        address_line1: impl Into<String>,
        /// Sets `addressLine2`.
        address_line2: impl Into<String>,
        /// Sets `addressLine3`.
        address_line3: impl Into<String>,
        /// Sets `city`.
        city: impl Into<String>,
        /// Sets `stateOrRegion`.
        state_or_region: impl Into<String>,
        /// Sets `postalCode`.
        postal_code: impl Into<String>,
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `phoneNumber`.
        phone_number: impl Into<PhoneNumber>,
    }
}

pii_debug!(MerchantAddress {
    plain: [country_code],
    pii: [
        address_line1,
        address_line2,
        address_line3,
        city,
        state_or_region,
        postal_code,
        phone_number,
        extra
    ]
});

/// Customer support contact of a business.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomerSupportInformation {
    /// Support email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_support_email: Option<String>,
    /// Support phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_support_phone_number: Option<PhoneNumber>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CustomerSupportInformation {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `customerSupportEmail`.
        customer_support_email: impl Into<String>,
        /// Sets `customerSupportPhoneNumber`.
        customer_support_phone_number: impl Into<PhoneNumber>,
    }
}

/// The business being onboarded (`businessInfo`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BusinessInfo {
    /// Business email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Legal form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_type: Option<BusinessType>,
    /// Legal name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_legal_name: Option<String>,
    /// Category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_category: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_display_name: Option<String>,
    /// Annual sales.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_sales_volume: Option<Price>,
    /// Country of establishment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_of_establishment: Option<String>,
    /// Business address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_address: Option<MerchantAddress>,
    /// Support contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_support_information: Option<CustomerSupportInformation>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl BusinessInfo {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `email`.
        email: impl Into<String>,
        /// Sets `businessType`.
        business_type: impl Into<BusinessType>,
        /// Sets `businessLegalName`.
        business_legal_name: impl Into<String>,
        /// Sets `businessCategory`.
        business_category: impl Into<String>,
        /// Sets `businessDisplayName`.
        business_display_name: impl Into<String>,
        /// Sets `annualSalesVolume`.
        annual_sales_volume: impl Into<Price>,
        /// Sets `countryOfEstablishment`.
        country_of_establishment: impl Into<String>,
        /// Sets `businessAddress`.
        business_address: impl Into<MerchantAddress>,
        /// Sets `customerSupportInformation`.
        customer_support_information: impl Into<CustomerSupportInformation>,
    }
}

/// A person (`primaryContactPerson`, `beneficiaryOwners[]`). `Debug` redacts
/// the personal data unless the `pii-debug` feature is on.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Person {
    /// The merchant's id for the person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<String>,
    /// Full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_full_name: Option<String>,
    /// Date of birth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// Residential address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residential_address: Option<MerchantAddress>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl Person {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `personId`.
        person_id: impl Into<String>,
        /// Sets `personFullName`.
        person_full_name: impl Into<String>,
        /// Sets `dateOfBirth`.
        date_of_birth: impl Into<String>,
        /// Sets `residentialAddress`.
        residential_address: impl Into<MerchantAddress>,
    }
}

pii_debug!(Person {
    plain: [person_id],
    pii: [person_full_name, date_of_birth, residential_address, extra]
});

/// Integration settings (`integrationInfo`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IntegrationInfo {
    /// IPN endpoints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipn_endpoint_urls: Option<Vec<String>>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl IntegrationInfo {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `ipnEndpointUrls`.
        ipn_endpoint_urls: impl Into<Vec<String>>,
    }
}

/// A state with a reason (`storeStatus`, `merchantStatus`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountStatus {
    /// Who reports the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_provider: Option<String>,
    /// The state (open string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Why (open string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl AccountStatus {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `statusProvider`.
        status_provider: impl Into<String>,
        /// Sets `state`.
        state: impl Into<String>,
        /// Sets `reasonCode`.
        reason_code: impl Into<String>,
    }
}

/// A store of a merchant account (`stores[]` of Create Merchant Account).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantStore {
    /// Store domains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_urls: Option<Vec<String>>,
    /// Store name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    /// Privacy policy URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// Store status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_status: Option<AccountStatus>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl MerchantStore {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `domainUrls`.
        domain_urls: impl Into<Vec<String>>,
        /// Sets `storeName`.
        store_name: impl Into<String>,
        /// Sets `privacyPolicyUrl`.
        privacy_policy_url: impl Into<String>,
        /// Sets `storeStatus`.
        store_status: impl Into<AccountStatus>,
    }
}

/// Body of Register Amazon Pay Account (`POST v2/merchantAccounts`, authorised merchants).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RegisterAmazonPayAccountRequest {
    /// The merchant's reference.
    pub unique_reference_id: String,
    /// Ledger currency.
    #[serde(serialize_with = "crate::money::serialize_currency")]
    pub ledger_currency: Currency,
    /// The business.
    pub business_info: BusinessInfo,
    /// Primary contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_contact_person: Option<Person>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl RegisterAmazonPayAccountRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        unique_reference_id: impl Into<String>,
        ledger_currency: impl Into<Currency>,
        business_info: impl Into<BusinessInfo>,
    ) -> Self {
        Self {
            unique_reference_id: unique_reference_id.into(),
            ledger_currency: ledger_currency.into(),
            business_info: business_info.into(),
            primary_contact_person: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `primaryContactPerson`.
        primary_contact_person: impl Into<Person>,
    }
}

/// Body of Update Amazon Pay Account (`PATCH v2/merchantAccounts/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateAmazonPayAccountRequest {
    /// The business.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_info: Option<BusinessInfo>,
    /// Primary contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_contact_person: Option<Person>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateAmazonPayAccountRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `businessInfo`.
        business_info: impl Into<BusinessInfo>,
        /// Sets `primaryContactPerson`.
        primary_contact_person: impl Into<Person>,
    }
}

/// Body of Create Merchant Account (`POST v2/merchantAccounts`, solution providers).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateMerchantAccountRequest {
    /// The provider's reference.
    pub unique_reference_id: String,
    /// Ledger currency.
    #[serde(serialize_with = "crate::money::serialize_currency")]
    pub ledger_currency: Currency,
    /// The business.
    pub business_info: BusinessInfo,
    /// Beneficial owners.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary_owners: Option<Vec<Person>>,
    /// Primary contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_contact_person: Option<Person>,
    /// Integration settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_info: Option<IntegrationInfo>,
    /// Stores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stores: Option<Vec<MerchantStore>>,
    /// Merchant status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_status: Option<AccountStatus>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateMerchantAccountRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        unique_reference_id: impl Into<String>,
        ledger_currency: impl Into<Currency>,
        business_info: impl Into<BusinessInfo>,
    ) -> Self {
        Self {
            unique_reference_id: unique_reference_id.into(),
            ledger_currency: ledger_currency.into(),
            business_info: business_info.into(),
            beneficiary_owners: None,
            primary_contact_person: None,
            integration_info: None,
            stores: None,
            merchant_status: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `beneficiaryOwners`.
        beneficiary_owners: impl Into<Vec<Person>>,
        /// Sets `primaryContactPerson`.
        primary_contact_person: impl Into<Person>,
        /// Sets `integrationInfo`.
        integration_info: impl Into<IntegrationInfo>,
        /// Sets `stores`.
        stores: impl Into<Vec<MerchantStore>>,
        /// Sets `merchantStatus`.
        merchant_status: impl Into<AccountStatus>,
    }
}

/// Body of Update Merchant Account (`PATCH v2/merchantAccounts/{id}`, needs `x-amz-pay-authtoken`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateMerchantAccountRequest {
    /// The business.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_info: Option<BusinessInfo>,
    /// Beneficial owners.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary_owners: Option<Vec<Person>>,
    /// Primary contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_contact_person: Option<Person>,
    /// Integration settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_info: Option<IntegrationInfo>,
    /// Stores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stores: Option<Vec<MerchantStore>>,
    /// Merchant status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_status: Option<AccountStatus>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateMerchantAccountRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `businessInfo`.
        business_info: impl Into<BusinessInfo>,
        /// Sets `beneficiaryOwners`.
        beneficiary_owners: impl Into<Vec<Person>>,
        /// Sets `primaryContactPerson`.
        primary_contact_person: impl Into<Person>,
        /// Sets `integrationInfo`.
        integration_info: impl Into<IntegrationInfo>,
        /// Sets `stores`.
        stores: impl Into<Vec<MerchantStore>>,
        /// Sets `merchantStatus`.
        merchant_status: impl Into<AccountStatus>,
    }
}

/// Body of Claim Merchant Account (`POST v2/merchantAccounts/{id}/claim`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClaimMerchantAccountRequest {
    /// The reference used at creation.
    pub unique_reference_id: String,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl ClaimMerchantAccountRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(unique_reference_id: impl Into<String>) -> Self {
        Self {
            unique_reference_id: unique_reference_id.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Response of register, create, update and claim.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantAccountResponse {
    /// The reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unique_reference_id: Option<String>,
    /// The merchant account id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_account_id: Option<MerchantAccountId>,
    /// Delegation token (Create Merchant Account; secret, redacted in `Debug`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_token: Option<AuthorizationTokenValue>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(MerchantAccountResponse {
    essential: ["uniqueReferenceId", "merchantAccountId"]
});

impl MerchantAccountResponse {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `uniqueReferenceId`.
        unique_reference_id: impl Into<String>,
        /// Sets `merchantAccountId`.
        merchant_account_id: impl Into<MerchantAccountId>,
        /// Sets `authorizationToken`.
        authorization_token: impl Into<AuthorizationTokenValue>,
    }
}
