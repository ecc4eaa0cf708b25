//! Pinned signing certificates first, HTTPS for everything else.

use std::future::Future;
use std::pin::Pin;

use amazon_pay_client::ipn::{
    CertificateFetcher, FetchError, HttpsCertificateFetcher, StaticCertificates,
};
use url::Url;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Serves the pinned certificates without network access and GETs any other URL over HTTPS.
#[derive(Debug)]
pub(super) struct PinnedThenHttps {
    pinned: StaticCertificates,
    pinned_urls: Vec<String>,
    https: HttpsCertificateFetcher,
}

impl PinnedThenHttps {
    pub(super) fn new(pins: Vec<(Url, Vec<u8>)>, https: HttpsCertificateFetcher) -> Self {
        let mut pinned = StaticCertificates::new();
        let mut pinned_urls = Vec::with_capacity(pins.len());
        for (url, bytes) in pins {
            pinned_urls.push(url.as_str().to_owned());
            pinned = pinned.with(url.as_str(), bytes);
        }
        Self {
            pinned,
            pinned_urls,
            https,
        }
    }
}

impl CertificateFetcher for PinnedThenHttps {
    fn fetch<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<Vec<u8>, FetchError>> {
        if self.pinned_urls.iter().any(|pinned| pinned == url.as_str()) {
            return self.pinned.fetch(url);
        }
        self.https.fetch(url)
    }
}
