//! The TLS configuration: the Mozilla roots of `webpki-roots` plus any extra roots. There is no
//! way to turn certificate verification off.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

use crate::Error;

/// Reads every certificate of a PEM document.
pub(crate) fn certificates_from_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| Error::config("a root certificate is not valid PEM"))?;
    if certs.is_empty() {
        return Err(Error::config(
            "no `BEGIN CERTIFICATE` block found in the root certificate PEM",
        ));
    }
    Ok(certs)
}

/// A client configuration trusting the webpki roots and `extra_roots`; ALPN offers HTTP/1.1
/// (set by the connector).
pub(crate) fn client_config(
    extra_roots: &[CertificateDer<'static>],
) -> Result<ClientConfig, Error> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in extra_roots {
        roots
            .add(cert.clone())
            .map_err(|e| Error::config("an extra root certificate was refused").with_source(e))?;
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::config("TLS setup failed").with_source(e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_certificates() {
        assert!(certificates_from_pem(b"hello").is_err());
        assert!(
            certificates_from_pem(b"-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n")
                .is_err()
        );
    }

    #[test]
    fn builds_with_extra_roots() {
        let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        let pem = cert.cert.pem();
        let certs = certificates_from_pem(pem.as_bytes()).unwrap();
        client_config(&certs).unwrap();
    }
}
