//! Stores of a merchant account (`v2/merchantAccounts/{id}/stores`).

use crate::ids::StoreId;

/// Body of Create Store (needs `x-amz-pay-authtoken`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateStoreRequest {
    /// Domains the button may run on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_origin_domains: Option<Vec<String>>,
    /// Allowed return URLs.
    #[serde(
        rename = "allowedRedirectURLs",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_redirect_urls: Option<Vec<String>>,
    /// Store name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    /// Privacy policy URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// Logo URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_logo_url: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateStoreRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `allowedOriginDomains`.
    #[must_use]
    pub fn allowed_origin_domains(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_origin_domains = Some(value.into());
        self
    }

    /// Sets `allowedRedirectURLs`.
    #[must_use]
    pub fn allowed_redirect_urls(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_redirect_urls = Some(value.into());
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

    /// Sets `merchantLogoUrl`.
    #[must_use]
    pub fn merchant_logo_url(mut self, value: impl Into<String>) -> Self {
        self.merchant_logo_url = Some(value.into());
        self
    }
}

/// Body of Update Store (needs `x-amz-pay-authtoken`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStoreRequest {
    /// Domains the button may run on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_origin_domains: Option<Vec<String>>,
    /// Allowed return URLs.
    #[serde(
        rename = "allowedRedirectURLs",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_redirect_urls: Option<Vec<String>>,
    /// Store name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    /// Privacy policy URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// Logo URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_logo_url: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateStoreRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `allowedOriginDomains`.
    #[must_use]
    pub fn allowed_origin_domains(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_origin_domains = Some(value.into());
        self
    }

    /// Sets `allowedRedirectURLs`.
    #[must_use]
    pub fn allowed_redirect_urls(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_redirect_urls = Some(value.into());
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

    /// Sets `merchantLogoUrl`.
    #[must_use]
    pub fn merchant_logo_url(mut self, value: impl Into<String>) -> Self {
        self.merchant_logo_url = Some(value.into());
        self
    }
}

/// A store.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    /// The store id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_id: Option<StoreId>,
    /// Domains the button may run on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_origin_domains: Option<Vec<String>>,
    /// Allowed return URLs.
    #[serde(
        rename = "allowedRedirectURLs",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_redirect_urls: Option<Vec<String>>,
    /// Store name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_name: Option<String>,
    /// Privacy policy URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// Logo URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_logo_url: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl Store {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `storeId`.
    #[must_use]
    pub fn store_id(mut self, value: impl Into<StoreId>) -> Self {
        self.store_id = Some(value.into());
        self
    }

    /// Sets `allowedOriginDomains`.
    #[must_use]
    pub fn allowed_origin_domains(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_origin_domains = Some(value.into());
        self
    }

    /// Sets `allowedRedirectURLs`.
    #[must_use]
    pub fn allowed_redirect_urls(mut self, value: impl Into<Vec<String>>) -> Self {
        self.allowed_redirect_urls = Some(value.into());
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

    /// Sets `merchantLogoUrl`.
    #[must_use]
    pub fn merchant_logo_url(mut self, value: impl Into<String>) -> Self {
        self.merchant_logo_url = Some(value.into());
        self
    }
}
