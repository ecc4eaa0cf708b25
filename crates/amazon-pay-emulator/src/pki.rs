//! The emulator's test certificate authority: a CA, an HTTPS server certificate and the
//! certificate that signs SNS notifications (IPNs).

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, IsCa, KeyPair,
    KeyUsagePurpose, PKCS_RSA_SHA256, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::error::Error;

/// The host in `SigningCertURL`.
pub(crate) const SNS_HOST: &str = "sns.us-east-1.amazonaws.com";
/// `SigningCertURL` of the emulator's notifications.
pub(crate) const SNS_CERT_URL: &str =
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-emulator.pem";

/// Generated certificates and keys.
pub(crate) struct Pki {
    pub(crate) ca_pem: String,
    pub(crate) server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
    pub(crate) sns_cert_pem: String,
    sns_key: signature::RsaKeyPair,
}

impl std::fmt::Debug for Pki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pki")
            .field("ca_pem", &self.ca_pem)
            .finish_non_exhaustive()
    }
}

fn crypto(what: &'static str) -> impl Fn(rcgen::Error) -> Error {
    move |_| Error::Crypto { what }
}

impl Pki {
    /// Generates the CA and both certificates; `extra_hosts` are added to the server certificate.
    pub(crate) fn generate(extra_hosts: &[String]) -> Result<Self, Error> {
        let mut ca_params =
            CertificateParams::new(Vec::<String>::new()).map_err(crypto("the CA certificate"))?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "amazon-pay-emulator test CA");
        dn.push(DnType::OrganizationName, "amazon-pay-emulator");
        ca_params.distinguished_name = dn;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_key = KeyPair::generate().map_err(crypto("the CA key"))?;
        let ca = CertifiedIssuer::self_signed(ca_params, ca_key)
            .map_err(crypto("the CA certificate"))?;

        let mut hosts: Vec<String> = [
            "localhost",
            "pay-api.amazon.com",
            "pay-api.amazon.eu",
            "pay-api.amazon.jp",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        hosts.extend(
            extra_hosts
                .iter()
                .filter(|h| h.parse::<std::net::IpAddr>().is_err())
                .cloned(),
        );
        let mut server_params =
            CertificateParams::new(hosts).map_err(crypto("the server certificate"))?;
        for ip in ["127.0.0.1", "::1"]
            .iter()
            .map(|s| s.to_string())
            .chain(extra_hosts.iter().cloned())
        {
            if let Ok(addr) = ip.parse::<std::net::IpAddr>() {
                server_params
                    .subject_alt_names
                    .push(SanType::IpAddress(addr));
            }
        }
        server_params
            .distinguished_name
            .push(DnType::CommonName, "amazon-pay-emulator");
        let server_key = KeyPair::generate().map_err(crypto("the server key"))?;
        let server_cert = server_params
            .signed_by(&server_key, &ca)
            .map_err(crypto("the server certificate"))?;

        let rsa = signature::RsaKeyPair::generate(KeySize::Rsa2048).map_err(|_| Error::Crypto {
            what: "the SNS key",
        })?;
        let pkcs8 = rsa.as_der().map_err(|_| Error::Crypto {
            what: "the SNS key",
        })?;
        let sns_rcgen_key = KeyPair::from_pkcs8_der_and_sign_algo(
            &PrivatePkcs8KeyDer::from(pkcs8.as_ref()),
            &PKCS_RSA_SHA256,
        )
        .map_err(crypto("the SNS key"))?;
        let mut sns_params = CertificateParams::new(vec![SNS_HOST.to_owned()])
            .map_err(crypto("the SNS certificate"))?;
        sns_params
            .distinguished_name
            .push(DnType::CommonName, "sns.amazonaws.com");
        let sns_cert = sns_params
            .signed_by(&sns_rcgen_key, &ca)
            .map_err(crypto("the SNS certificate"))?;

        Ok(Self {
            ca_pem: ca.pem(),
            server_chain: vec![server_cert.der().clone(), ca.der().clone()],
            server_key: server_key.serialize_der(),
            sns_cert_pem: sns_cert.pem(),
            sns_key: rsa,
        })
    }

    /// The rustls server configuration for HTTPS.
    pub(crate) fn server_config(&self) -> Result<rustls::ServerConfig, Error> {
        let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone()));
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|_| Error::Crypto {
                what: "the TLS configuration",
            })?
            .with_no_client_auth()
            .with_single_cert(self.server_chain.clone(), key)
            .map_err(|_| Error::Crypto {
                what: "the TLS configuration",
            })?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(config)
    }

    /// Signs an SNS string to sign (SignatureVersion 2: RSA PKCS#1 v1.5 with SHA-256).
    pub(crate) fn sign_sns(&self, message: &[u8]) -> Option<Vec<u8>> {
        let mut sig = vec![0; self.sns_key.public_modulus_len()];
        self.sns_key
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut sig,
            )
            .ok()?;
        Some(sig)
    }
}
