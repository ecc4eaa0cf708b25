//! The certificate that signed a message: parsing, validity, chain of trust.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustls_pki_types::{CertificateDer, UnixTime};
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::oid_registry::{OID_PKCS1_RSAENCRYPTION, OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS};
use x509_parser::pem::Pem;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::error::IpnError;
use crate::trust::TrustStore;

/// The name every SNS signing certificate carries (subject common name or DNS subject
/// alternative name): a certificate for any other host is refused, wherever it chains to.
pub const SNS_CERTIFICATE_NAME: &str = "sns.amazonaws.com";

/// An SNS signing certificate, parsed once and kept (for example in a cache).
///
/// The first certificate of the PEM is the signing certificate; any further ones are
/// intermediates used to build the chain to a trusted root.
#[derive(Clone)]
pub struct SigningCertificate {
    leaf: CertificateDer<'static>,
    intermediates: Vec<CertificateDer<'static>>,
    rsa_public_key: Vec<u8>,
    not_before: SystemTime,
    not_after: SystemTime,
    issuer_urls: Vec<String>,
    names_sns: bool,
}

impl fmt::Debug for SigningCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningCertificate")
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .field("intermediates", &self.intermediates.len())
            .field("issuer_urls", &self.issuer_urls)
            .finish_non_exhaustive()
    }
}

impl SigningCertificate {
    /// Parses a certificate (and optional intermediates after it) from PEM or DER bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, IpnError> {
        let mut certificates = parse_certificates(bytes)?.into_iter();
        let leaf = certificates
            .next()
            .ok_or_else(|| IpnError::InvalidCertificate("no certificate found".into()))?;
        let (rsa_public_key, not_before, not_after, issuer_urls, names_sns) = {
            let parsed = parse_x509(&leaf)?;
            let spki = parsed.public_key();
            if spki.algorithm.algorithm != OID_PKCS1_RSAENCRYPTION {
                return Err(IpnError::UnsupportedKey);
            }
            let validity = parsed.validity();
            (
                spki.subject_public_key.data.to_vec(),
                system_time(validity.not_before.timestamp()),
                system_time(validity.not_after.timestamp()),
                ca_issuer_urls(&parsed),
                names_sns(&parsed),
            )
        };
        Ok(Self {
            leaf,
            intermediates: certificates.collect(),
            rsa_public_key,
            not_before,
            not_after,
            issuer_urls,
            names_sns,
        })
    }

    /// Adds intermediate certificates (PEM or DER), for example ones fetched from
    /// [`SigningCertificate::issuer_urls`].
    pub fn with_intermediates(mut self, bytes: &[u8]) -> Result<Self, IpnError> {
        for certificate in parse_certificates(bytes)? {
            parse_x509(&certificate)?;
            self.intermediates.push(certificate);
        }
        Ok(self)
    }

    /// Start of the validity period.
    pub fn not_before(&self) -> SystemTime {
        self.not_before
    }

    /// End of the validity period.
    pub fn not_after(&self) -> SystemTime {
        self.not_after
    }

    /// The DER bytes of the signing certificate.
    pub fn der(&self) -> &[u8] {
        &self.leaf
    }

    /// The `caIssuers` URLs of the certificate's Authority Information Access extension.
    ///
    /// SNS serves only the signing certificate; its issuing intermediate is published at these
    /// URLs. Check them with [`UrlPolicy::check_issuer_url`](crate::UrlPolicy::check_issuer_url)
    /// before fetching.
    pub fn issuer_urls(&self) -> &[String] {
        &self.issuer_urls
    }

    /// Checks the validity period of the signing certificate at `now`.
    pub fn check_validity(&self, now: SystemTime) -> Result<(), IpnError> {
        if now < self.not_before {
            return Err(IpnError::CertificateNotYetValid);
        }
        if now > self.not_after {
            return Err(IpnError::CertificateExpired);
        }
        Ok(())
    }

    /// Checks the validity period and the chain from this certificate to a root of `trust`
    /// at `now`, using the intermediates of this certificate and of `trust`.
    ///
    /// An extended key usage extension, if present, must allow server authentication, and the
    /// certificate must name [`SNS_CERTIFICATE_NAME`] (as its subject common name or a DNS
    /// subject alternative name), as every SNS signing certificate does.
    pub fn check_trust(&self, trust: &TrustStore, now: SystemTime) -> Result<(), IpnError> {
        self.check_validity(now)?;
        if !self.names_sns {
            return Err(IpnError::CertificateNameMismatch);
        }
        let end_entity = webpki::EndEntityCert::try_from(&self.leaf)
            .map_err(|error| IpnError::InvalidCertificate(error.to_string()))?;
        let intermediates: Vec<CertificateDer<'_>> = self
            .intermediates
            .iter()
            .chain(trust.intermediates())
            .cloned()
            .collect();
        let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
        end_entity
            .verify_for_usage(
                webpki::ALL_VERIFICATION_ALGS,
                trust.anchors(),
                &intermediates,
                UnixTime::since_unix_epoch(since_epoch),
                webpki::KeyUsage::server_auth(),
                None,
                None,
            )
            .map(drop)
            .map_err(|error| match error {
                webpki::Error::CertExpired { .. } => IpnError::CertificateExpired,
                webpki::Error::CertNotValidYet { .. } => IpnError::CertificateNotYetValid,
                other => IpnError::UntrustedCertificate(other.to_string()),
            })
    }

    /// The RSA public key (PKCS#1 `RSAPublicKey` DER).
    pub(crate) fn rsa_public_key(&self) -> &[u8] {
        &self.rsa_public_key
    }
}

/// Splits PEM (any number of `CERTIFICATE` blocks; other blocks are ignored) or a single DER
/// certificate into DER certificates.
pub(crate) fn parse_certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, IpnError> {
    let is_pem = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'-');
    if !is_pem {
        return Ok(vec![CertificateDer::from(bytes.to_vec())]);
    }
    let mut certificates = Vec::new();
    for block in Pem::iter_from_buffer(bytes) {
        let block = block.map_err(|error| IpnError::InvalidCertificate(error.to_string()))?;
        if block.label == "CERTIFICATE" {
            certificates.push(CertificateDer::from(block.contents));
        }
    }
    if certificates.is_empty() {
        return Err(IpnError::InvalidCertificate(
            "no CERTIFICATE block in the PEM".into(),
        ));
    }
    Ok(certificates)
}

fn parse_x509<'a>(der: &'a CertificateDer<'_>) -> Result<X509Certificate<'a>, IpnError> {
    match X509Certificate::from_der(der) {
        Ok((&[], certificate)) => Ok(certificate),
        Ok(_) => Err(IpnError::InvalidCertificate(
            "trailing bytes after the certificate".into(),
        )),
        Err(error) => Err(IpnError::InvalidCertificate(error.to_string())),
    }
}

fn ca_issuer_urls(certificate: &X509Certificate<'_>) -> Vec<String> {
    let mut urls = Vec::new();
    for extension in certificate.iter_extensions() {
        if let ParsedExtension::AuthorityInfoAccess(access) = extension.parsed_extension() {
            for description in access.iter() {
                if description.access_method == OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS
                    && let GeneralName::URI(uri) = description.access_location
                {
                    urls.push(uri.to_string());
                }
            }
        }
    }
    urls
}

/// Whether the subject common name or a DNS subject alternative name is
/// [`SNS_CERTIFICATE_NAME`] (ASCII case ignored, no wildcard).
fn names_sns(certificate: &X509Certificate<'_>) -> bool {
    let is_sns = |name: &str| name.eq_ignore_ascii_case(SNS_CERTIFICATE_NAME);
    let in_common_name = certificate
        .subject()
        .iter_common_name()
        .any(|name| name.as_str().is_ok_and(is_sns));
    let in_alt_names = certificate
        .subject_alternative_name()
        .ok()
        .flatten()
        .is_some_and(|names| {
            names.value.general_names.iter().any(|name| match name {
                GeneralName::DNSName(dns) => is_sns(dns),
                _ => false,
            })
        });
    in_common_name || in_alt_names
}

fn system_time(unix_seconds: i64) -> SystemTime {
    match u64::try_from(unix_seconds) {
        Ok(seconds) => UNIX_EPOCH + Duration::from_secs(seconds),
        Err(_) => UNIX_EPOCH - Duration::from_secs(unix_seconds.unsigned_abs()),
    }
}
