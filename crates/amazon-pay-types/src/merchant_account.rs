//! Merchant onboarding and account management (`v2/merchantAccounts`).

use crate::enums::BusinessType;
use crate::ids::{AuthorizationTokenValue, MerchantAccountId};
use crate::macros::pii_debug;
use crate::money::{Currency, Price};

/// A phone number split into parts.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `countryCode`.
    #[must_use]
    pub fn country_code(mut self, value: impl Into<String>) -> Self {
        self.country_code = Some(value.into());
        self
    }

    /// Sets `number`.
    #[must_use]
    pub fn number(mut self, value: impl Into<String>) -> Self {
        self.number = Some(value.into());
        self
    }

    /// Sets `extension`.
    #[must_use]
    pub fn extension(mut self, value: impl Into<String>) -> Self {
        self.extension = Some(value.into());
        self
    }
}

/// A business or residential address of merchant onboarding.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `addressLine1`.
    #[must_use]
    pub fn address_line1(mut self, value: impl Into<String>) -> Self {
        self.address_line1 = Some(value.into());
        self
    }

    /// Sets `addressLine2`.
    #[must_use]
    pub fn address_line2(mut self, value: impl Into<String>) -> Self {
        self.address_line2 = Some(value.into());
        self
    }

    /// Sets `addressLine3`.
    #[must_use]
    pub fn address_line3(mut self, value: impl Into<String>) -> Self {
        self.address_line3 = Some(value.into());
        self
    }

    /// Sets `city`.
    #[must_use]
    pub fn city(mut self, value: impl Into<String>) -> Self {
        self.city = Some(value.into());
        self
    }

    /// Sets `stateOrRegion`.
    #[must_use]
    pub fn state_or_region(mut self, value: impl Into<String>) -> Self {
        self.state_or_region = Some(value.into());
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

    /// Sets `phoneNumber`.
    #[must_use]
    pub fn phone_number(mut self, value: impl Into<PhoneNumber>) -> Self {
        self.phone_number = Some(value.into());
        self
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

    /// Sets `customerSupportEmail`.
    #[must_use]
    pub fn customer_support_email(mut self, value: impl Into<String>) -> Self {
        self.customer_support_email = Some(value.into());
        self
    }

    /// Sets `customerSupportPhoneNumber`.
    #[must_use]
    pub fn customer_support_phone_number(mut self, value: impl Into<PhoneNumber>) -> Self {
        self.customer_support_phone_number = Some(value.into());
        self
    }
}

/// The business being onboarded (`businessInfo`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `email`.
    #[must_use]
    pub fn email(mut self, value: impl Into<String>) -> Self {
        self.email = Some(value.into());
        self
    }

    /// Sets `businessType`.
    #[must_use]
    pub fn business_type(mut self, value: impl Into<BusinessType>) -> Self {
        self.business_type = Some(value.into());
        self
    }

    /// Sets `businessLegalName`.
    #[must_use]
    pub fn business_legal_name(mut self, value: impl Into<String>) -> Self {
        self.business_legal_name = Some(value.into());
        self
    }

    /// Sets `businessCategory`.
    #[must_use]
    pub fn business_category(mut self, value: impl Into<String>) -> Self {
        self.business_category = Some(value.into());
        self
    }

    /// Sets `businessDisplayName`.
    #[must_use]
    pub fn business_display_name(mut self, value: impl Into<String>) -> Self {
        self.business_display_name = Some(value.into());
        self
    }

    /// Sets `annualSalesVolume`.
    #[must_use]
    pub fn annual_sales_volume(mut self, value: impl Into<Price>) -> Self {
        self.annual_sales_volume = Some(value.into());
        self
    }

    /// Sets `countryOfEstablishment`.
    #[must_use]
    pub fn country_of_establishment(mut self, value: impl Into<String>) -> Self {
        self.country_of_establishment = Some(value.into());
        self
    }

    /// Sets `businessAddress`.
    #[must_use]
    pub fn business_address(mut self, value: impl Into<MerchantAddress>) -> Self {
        self.business_address = Some(value.into());
        self
    }

    /// Sets `customerSupportInformation`.
    #[must_use]
    pub fn customer_support_information(
        mut self,
        value: impl Into<CustomerSupportInformation>,
    ) -> Self {
        self.customer_support_information = Some(value.into());
        self
    }
}

/// A person (`primaryContactPerson`, `beneficiaryOwners[]`). `Debug` redacts
/// the personal data unless the `pii-debug` feature is on.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `personId`.
    #[must_use]
    pub fn person_id(mut self, value: impl Into<String>) -> Self {
        self.person_id = Some(value.into());
        self
    }

    /// Sets `personFullName`.
    #[must_use]
    pub fn person_full_name(mut self, value: impl Into<String>) -> Self {
        self.person_full_name = Some(value.into());
        self
    }

    /// Sets `dateOfBirth`.
    #[must_use]
    pub fn date_of_birth(mut self, value: impl Into<String>) -> Self {
        self.date_of_birth = Some(value.into());
        self
    }

    /// Sets `residentialAddress`.
    #[must_use]
    pub fn residential_address(mut self, value: impl Into<MerchantAddress>) -> Self {
        self.residential_address = Some(value.into());
        self
    }
}

pii_debug!(Person {
    plain: [person_id],
    pii: [person_full_name, date_of_birth, residential_address, extra]
});

/// Integration settings (`integrationInfo`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `ipnEndpointUrls`.
    #[must_use]
    pub fn ipn_endpoint_urls(mut self, value: impl Into<Vec<String>>) -> Self {
        self.ipn_endpoint_urls = Some(value.into());
        self
    }
}

/// A state with a reason (`storeStatus`, `merchantStatus`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `statusProvider`.
    #[must_use]
    pub fn status_provider(mut self, value: impl Into<String>) -> Self {
        self.status_provider = Some(value.into());
        self
    }

    /// Sets `state`.
    #[must_use]
    pub fn state(mut self, value: impl Into<String>) -> Self {
        self.state = Some(value.into());
        self
    }

    /// Sets `reasonCode`.
    #[must_use]
    pub fn reason_code(mut self, value: impl Into<String>) -> Self {
        self.reason_code = Some(value.into());
        self
    }
}

/// A store of a merchant account (`stores[]` of Create Merchant Account).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `domainUrls`.
    #[must_use]
    pub fn domain_urls(mut self, value: impl Into<Vec<String>>) -> Self {
        self.domain_urls = Some(value.into());
        self
    }

    /// Sets `storeName`.
    #[must_use]
    pub fn store_name(mut self, value: impl Into<String>) -> Self {
        self.store_name = Some(value.into());
        self
    }

    /// Sets `privacyPolicyUrl`.
    #[must_use]
    pub fn privacy_policy_url(mut self, value: impl Into<String>) -> Self {
        self.privacy_policy_url = Some(value.into());
        self
    }

    /// Sets `storeStatus`.
    #[must_use]
    pub fn store_status(mut self, value: impl Into<AccountStatus>) -> Self {
        self.store_status = Some(value.into());
        self
    }
}

/// Body of Register Amazon Pay Account (`POST v2/merchantAccounts`, authorised merchants).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterAmazonPayAccountRequest {
    /// The merchant's reference.
    pub unique_reference_id: String,
    /// Ledger currency.
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

    /// Sets `primaryContactPerson`.
    #[must_use]
    pub fn primary_contact_person(mut self, value: impl Into<Person>) -> Self {
        self.primary_contact_person = Some(value.into());
        self
    }
}

/// Body of Update Amazon Pay Account (`PATCH v2/merchantAccounts/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `businessInfo`.
    #[must_use]
    pub fn business_info(mut self, value: impl Into<BusinessInfo>) -> Self {
        self.business_info = Some(value.into());
        self
    }

    /// Sets `primaryContactPerson`.
    #[must_use]
    pub fn primary_contact_person(mut self, value: impl Into<Person>) -> Self {
        self.primary_contact_person = Some(value.into());
        self
    }
}

/// Body of Create Merchant Account (`POST v2/merchantAccounts`, solution providers).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateMerchantAccountRequest {
    /// The provider's reference.
    pub unique_reference_id: String,
    /// Ledger currency.
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

    /// Sets `beneficiaryOwners`.
    #[must_use]
    pub fn beneficiary_owners(mut self, value: impl Into<Vec<Person>>) -> Self {
        self.beneficiary_owners = Some(value.into());
        self
    }

    /// Sets `primaryContactPerson`.
    #[must_use]
    pub fn primary_contact_person(mut self, value: impl Into<Person>) -> Self {
        self.primary_contact_person = Some(value.into());
        self
    }

    /// Sets `integrationInfo`.
    #[must_use]
    pub fn integration_info(mut self, value: impl Into<IntegrationInfo>) -> Self {
        self.integration_info = Some(value.into());
        self
    }

    /// Sets `stores`.
    #[must_use]
    pub fn stores(mut self, value: impl Into<Vec<MerchantStore>>) -> Self {
        self.stores = Some(value.into());
        self
    }

    /// Sets `merchantStatus`.
    #[must_use]
    pub fn merchant_status(mut self, value: impl Into<AccountStatus>) -> Self {
        self.merchant_status = Some(value.into());
        self
    }
}

/// Body of Update Merchant Account (`PATCH v2/merchantAccounts/{id}`, needs `x-amz-pay-authtoken`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
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

    /// Sets `businessInfo`.
    #[must_use]
    pub fn business_info(mut self, value: impl Into<BusinessInfo>) -> Self {
        self.business_info = Some(value.into());
        self
    }

    /// Sets `beneficiaryOwners`.
    #[must_use]
    pub fn beneficiary_owners(mut self, value: impl Into<Vec<Person>>) -> Self {
        self.beneficiary_owners = Some(value.into());
        self
    }

    /// Sets `primaryContactPerson`.
    #[must_use]
    pub fn primary_contact_person(mut self, value: impl Into<Person>) -> Self {
        self.primary_contact_person = Some(value.into());
        self
    }

    /// Sets `integrationInfo`.
    #[must_use]
    pub fn integration_info(mut self, value: impl Into<IntegrationInfo>) -> Self {
        self.integration_info = Some(value.into());
        self
    }

    /// Sets `stores`.
    #[must_use]
    pub fn stores(mut self, value: impl Into<Vec<MerchantStore>>) -> Self {
        self.stores = Some(value.into());
        self
    }

    /// Sets `merchantStatus`.
    #[must_use]
    pub fn merchant_status(mut self, value: impl Into<AccountStatus>) -> Self {
        self.merchant_status = Some(value.into());
        self
    }
}

/// Body of Claim Merchant Account (`POST v2/merchantAccounts/{id}/claim`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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

impl MerchantAccountResponse {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `uniqueReferenceId`.
    #[must_use]
    pub fn unique_reference_id(mut self, value: impl Into<String>) -> Self {
        self.unique_reference_id = Some(value.into());
        self
    }

    /// Sets `merchantAccountId`.
    #[must_use]
    pub fn merchant_account_id(mut self, value: impl Into<MerchantAccountId>) -> Self {
        self.merchant_account_id = Some(value.into());
        self
    }

    /// Sets `authorizationToken`.
    #[must_use]
    pub fn authorization_token(mut self, value: impl Into<AuthorizationTokenValue>) -> Self {
        self.authorization_token = Some(value.into());
        self
    }
}
