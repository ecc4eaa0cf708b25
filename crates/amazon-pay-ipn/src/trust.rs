//! The roots (and known intermediates) a signing certificate must chain to.

use std::fmt;

use rustls_pki_types::{CertificateDer, TrustAnchor};

use crate::certificate::parse_certificates;
use crate::error::IpnError;

/// Subjects (common names) of the roots operated by Amazon Trust Services.
const AMAZON_ROOTS: [&[u8]; 5] = [
    b"Amazon Root CA 1",
    b"Amazon Root CA 2",
    b"Amazon Root CA 3",
    b"Amazon Root CA 4",
    b"Starfield Services Root Certificate Authority - G2",
];

/// Trust anchors and extra intermediates for certificate chain checks.
///
/// [`TrustStore::amazon`] (the default) holds only the roots of Amazon Trust Services
/// (Amazon Root CA 1 to 4 and Starfield Services Root Certificate Authority - G2, taken from
/// the Mozilla root program list), which issue the SNS signing certificates. Restricting the
/// anchors to Amazon's own roots means a certificate from any other public CA is refused even
/// if it is otherwise valid. Tests and emulators add their own CA with
/// [`TrustStore::with_anchors`].
#[derive(Clone)]
pub struct TrustStore {
    anchors: Vec<TrustAnchor<'static>>,
    intermediates: Vec<CertificateDer<'static>>,
}

impl fmt::Debug for TrustStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustStore")
            .field("anchors", &self.anchors.len())
            .field("intermediates", &self.intermediates.len())
            .finish()
    }
}

impl Default for TrustStore {
    fn default() -> Self {
        Self::amazon()
    }
}

impl TrustStore {
    /// Amazon Trust Services roots only.
    pub fn amazon() -> Self {
        let anchors = webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .filter(|anchor| {
                AMAZON_ROOTS
                    .iter()
                    .any(|name| contains(anchor.subject.as_ref(), name))
            })
            .cloned()
            .collect();
        Self {
            anchors,
            intermediates: Vec::new(),
        }
    }

    /// No anchors at all: add your own with [`TrustStore::with_anchors`].
    pub fn empty() -> Self {
        Self {
            anchors: Vec::new(),
            intermediates: Vec::new(),
        }
    }

    /// Adds every root of the Mozilla root program (for deployments whose signing
    /// certificates are issued outside Amazon Trust Services).
    pub fn with_public_web_roots(mut self) -> Self {
        self.anchors
            .extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        self
    }

    /// Adds the certificates in `bytes` (PEM with one or more certificates, or one DER
    /// certificate) as trust anchors.
    pub fn with_anchors(mut self, bytes: &[u8]) -> Result<Self, IpnError> {
        for certificate in parse_certificates(bytes)? {
            let anchor = webpki::anchor_from_trusted_cert(&certificate)
                .map_err(|error| IpnError::InvalidCertificate(error.to_string()))?;
            self.anchors.push(anchor.to_owned());
        }
        Ok(self)
    }

    /// Adds the certificates in `bytes` (PEM or DER) as intermediates that chains may use.
    pub fn with_intermediates(mut self, bytes: &[u8]) -> Result<Self, IpnError> {
        self.intermediates.extend(parse_certificates(bytes)?);
        Ok(self)
    }

    /// How many trust anchors the store holds.
    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    pub(crate) fn anchors(&self) -> &[TrustAnchor<'static>] {
        &self.anchors
    }

    pub(crate) fn intermediates(&self) -> &[CertificateDer<'static>] {
        &self.intermediates
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amazon_store_holds_the_five_amazon_roots() {
        assert_eq!(TrustStore::amazon().anchor_count(), 5);
        assert!(TrustStore::amazon().with_public_web_roots().anchor_count() > 100);
        assert_eq!(TrustStore::empty().anchor_count(), 0);
    }

    #[test]
    fn garbage_is_not_an_anchor() {
        assert!(matches!(
            TrustStore::empty()
                .with_anchors(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            Err(IpnError::InvalidCertificate(_))
        ));
        assert!(matches!(
            TrustStore::empty().with_anchors(b"\x30\x03\x02\x01\x01"),
            Err(IpnError::InvalidCertificate(_))
        ));
    }
}
