//! The seam through which certificates are obtained.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use url::Url;

use crate::error::FetchError;

/// A boxed, sendable future, as returned by [`CertificateFetcher::fetch`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Obtains the bytes (PEM or DER) behind a certificate URL that already passed the checks of
/// [`UrlPolicy`](crate::UrlPolicy).
///
/// The client crate implements it over its HTTPS stack; [`StaticCertificates`] serves
/// pre-loaded certificates without any network access.
pub trait CertificateFetcher: Send + Sync {
    /// GETs `url`; implementations follow no redirects and bound time and size.
    fn fetch<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<Vec<u8>, FetchError>>;
}

/// Certificates known in advance, by URL; any other URL is a [`FetchError`].
#[derive(Debug, Clone, Default)]
pub struct StaticCertificates {
    by_url: HashMap<String, Vec<u8>>,
}

impl StaticCertificates {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `bytes` (PEM or DER) for `url`.
    pub fn with(mut self, url: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        let url = url.into();
        let key = Url::parse(&url).map_or(url, String::from);
        self.by_url.insert(key, bytes.into());
        self
    }
}

impl CertificateFetcher for StaticCertificates {
    fn fetch<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<Vec<u8>, FetchError>> {
        let found = self
            .by_url
            .get(url.as_str())
            .cloned()
            .ok_or_else(|| FetchError::new("no pre-loaded certificate for this URL"));
        Box::pin(std::future::ready(found))
    }
}
