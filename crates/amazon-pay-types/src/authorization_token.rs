//! Get Authorization Token (`GET v2/authorizationTokens/{mwsAuthToken}`).

use crate::tolerant::tolerant;

/// Response of Get Authorization Token. The token is a secret: `Debug`
/// never shows it.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct AuthorizationToken {
    /// The token for `x-amz-pay-authtoken`.
    pub authorization_token: crate::ids::AuthorizationTokenValue,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(AuthorizationToken { essential: [] });

impl AuthorizationToken {
    /// Wraps a token.
    pub fn new(token: impl Into<crate::ids::AuthorizationTokenValue>) -> Self {
        Self {
            authorization_token: token.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

impl std::fmt::Debug for AuthorizationToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizationToken")
            .field("authorization_token", &self.authorization_token)
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}
