//! GETting certificates (and confirmation URLs) over the client's HTTPS transport.

use std::fmt;
use std::time::Duration;

use amazon_pay_ipn::Url;
use amazon_pay_ipn::{BoxFuture, CertificateFetcher, FetchError};
use bytes::Bytes;
use tower::ServiceExt as _;

use crate::transport::{HttpTransport, TransportConfig};

/// The largest certificate response accepted: 64 KiB.
const MAX_CERTIFICATE_SIZE: usize = 64 * 1024;

/// [`CertificateFetcher`] over the built-in HTTPS transport: hyper and rustls with the webpki roots (plus
/// the configured extra roots), the configured proxy and connect timeout, a total timeout per
/// fetch (5 s by default), no redirects, bodies up to 64 KiB.
#[derive(Clone)]
pub struct HttpsCertificateFetcher {
    transport: HttpTransport,
    timeout: Duration,
}

impl fmt::Debug for HttpsCertificateFetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpsCertificateFetcher")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl HttpsCertificateFetcher {
    /// A fetcher with `config` (proxy, connect timeout, extra TLS roots); the response size
    /// limit is lowered to 64 KiB.
    pub fn new(mut config: TransportConfig) -> Result<Self, crate::Error> {
        config.max_response_size = config.max_response_size.min(MAX_CERTIFICATE_SIZE);
        Ok(Self {
            transport: HttpTransport::new(config)?,
            timeout: Duration::from_secs(5),
        })
    }

    /// The time allowed for one fetch, connection included.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl CertificateFetcher for HttpsCertificateFetcher {
    fn fetch<'a>(&'a self, url: &'a Url) -> BoxFuture<'a, Result<Vec<u8>, FetchError>> {
        let transport = self.transport.clone();
        let timeout = self.timeout;
        Box::pin(async move {
            let request = http::Request::get(url.as_str())
                .header(http::header::ACCEPT, "*/*")
                .body(Bytes::new())
                .map_err(|error| FetchError::with_source("invalid certificate URL", error))?;
            let response = tokio::time::timeout(timeout, transport.oneshot(request))
                .await
                .map_err(|_| FetchError::new("the certificate fetch timed out"))?
                .map_err(|error| FetchError::with_source("the certificate fetch failed", error))?;
            if !response.status().is_success() {
                return Err(FetchError::new(format!(
                    "the certificate URL answered {}",
                    response.status().as_u16()
                )));
            }
            Ok(response.into_body().to_vec())
        })
    }
}
