//! Stores of a merchant account (`v2/merchantAccounts/{id}/stores`).

use crate::ids::StoreId;
use crate::macros::setters;
use crate::tolerant::tolerant;

/// Body of Create Store (needs `x-amz-pay-authtoken`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
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

    setters! {
        /// Sets `allowedOriginDomains`.
        allowed_origin_domains: impl Into<Vec<String>>,
        /// Sets `allowedRedirectURLs`.
        allowed_redirect_urls: impl Into<Vec<String>>,
        /// Sets `storeName`.
        store_name: impl Into<String>,
        /// Sets `privacyPolicyUrl`.
        privacy_policy_url: impl Into<String>,
        /// Sets `merchantLogoUrl`.
        merchant_logo_url: impl Into<String>,
    }
}

/// Body of Update Store (needs `x-amz-pay-authtoken`): the same fields as Create Store, each
/// optional, so it is the same type.
pub type UpdateStoreRequest = CreateStoreRequest;

/// A store.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
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

tolerant!(Store {
    essential: ["storeId"]
});

impl Store {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `storeId`.
        store_id: impl Into<StoreId>,
        /// Sets `allowedOriginDomains`.
        allowed_origin_domains: impl Into<Vec<String>>,
        /// Sets `allowedRedirectURLs`.
        allowed_redirect_urls: impl Into<Vec<String>>,
        /// Sets `storeName`.
        store_name: impl Into<String>,
        /// Sets `privacyPolicyUrl`.
        privacy_policy_url: impl Into<String>,
        /// Sets `merchantLogoUrl`.
        merchant_logo_url: impl Into<String>,
    }
}
