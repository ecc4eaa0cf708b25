//! Private and public RSA keys.

mod parse;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use zeroize::Zeroizing;

use crate::{Algorithm, Backend, Error, Signer};

/// The key material of one private key, shared by every clone.
struct KeyMaterial {
    /// Unencrypted PKCS#8 DER, zeroized on drop.
    pkcs8: Zeroizing<Vec<u8>>,
    public: PublicKey,
    #[cfg(feature = "aws-lc-rs")]
    aws_lc: OnceLock<Option<aws_lc_rs::rsa::KeyPair>>,
    #[cfg(feature = "rust-crypto")]
    rust_crypto: OnceLock<Option<rsa::PrivateKey>>,
}

/// An RSA private key (at least 2048 bits) that signs Amazon Pay requests.
///
/// Cloning is cheap: clones share one copy of the key material through an
/// [`Arc`]. The material is zeroized when the last clone is dropped, and
/// `Debug` never shows it.
///
/// Accepted inputs: PKCS#8 (`BEGIN PRIVATE KEY`, what Seller Central hands
/// out) and PKCS#1 (`BEGIN RSA PRIVATE KEY`), as PEM text, a PEM file or DER
/// bytes, and encrypted PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`) with a password.
/// OpenSSH, EC, DSA, short RSA and public keys are refused with an [`Error`]
/// that says how to fix the key.
#[derive(Clone)]
pub struct PrivateKey {
    material: Arc<KeyMaterial>,
    backend: Backend,
}

impl PrivateKey {
    /// Reads a PEM private key (PKCS#8 or PKCS#1).
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        Self::from_parsed(parse::private_from_pem(pem, None)?)
    }

    /// Reads an encrypted PKCS#8 PEM key (`BEGIN ENCRYPTED PRIVATE KEY`).
    ///
    /// An unencrypted PEM key is accepted too (the password is then unused). Decrypting needs
    /// the feature `encrypted-keys` (on by default); without it an encrypted key gives
    /// [`Error::EncryptedKeysFeatureOff`].
    pub fn from_encrypted_pem(pem: &str, password: impl AsRef<[u8]>) -> Result<Self, Error> {
        Self::from_parsed(parse::private_from_pem(pem, Some(password.as_ref()))?)
    }

    /// Reads a PEM private key file.
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let bytes = Zeroizing::new(std::fs::read(path).map_err(|source| Error::KeyFile {
            path: path.to_owned(),
            source,
        })?);
        match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("-----BEGIN") => Self::from_pem(text),
            _ => Self::from_der(&bytes),
        }
    }

    /// Reads a DER private key (PKCS#8 or PKCS#1).
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_parsed(parse::private_from_der(der)?)
    }

    /// Reads PEM text if `pem_or_path` contains `-----BEGIN`, otherwise the file at that path.
    pub fn from_pem_or_path(pem_or_path: &str) -> Result<Self, Error> {
        if pem_or_path.contains("-----BEGIN") {
            Self::from_pem(pem_or_path)
        } else {
            Self::from_pem_file(pem_or_path.trim())
        }
    }

    /// Generates a fresh RSA-2048 key, for tests and the emulator.
    pub fn generate_2048() -> Result<Self, Error> {
        #[cfg(feature = "aws-lc-rs")]
        let der = crate::backend::aws_lc::generate_2048()?;
        #[cfg(not(feature = "aws-lc-rs"))]
        let der = crate::backend::rust_crypto::generate_2048()?;
        Self::from_der(&der)
    }

    fn from_parsed(parsed: parse::ParsedPrivateKey) -> Result<Self, Error> {
        let key = Self {
            material: Arc::new(KeyMaterial {
                pkcs8: parsed.pkcs8,
                public: PublicKey {
                    pkcs1: Arc::from(parsed.public_pkcs1),
                    bits: parsed.bits,
                },
                #[cfg(feature = "aws-lc-rs")]
                aws_lc: OnceLock::new(),
                #[cfg(feature = "rust-crypto")]
                rust_crypto: OnceLock::new(),
            }),
            backend: Backend::preferred(),
        };
        // Load the preferred backend's key now, so a key it rejects fails here.
        key.check_backend()?;
        Ok(key)
    }

    /// The same key, signing with `backend` (sharing the key material).
    ///
    /// Fails with [`Error::BackendUnavailable`] if the backend is not compiled in.
    pub fn with_backend(&self, backend: Backend) -> Result<Self, Error> {
        let key = Self {
            material: Arc::clone(&self.material),
            backend,
        };
        key.check_backend()?;
        Ok(key)
    }

    /// The backend this key signs with.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn check_backend(&self) -> Result<(), Error> {
        match self.backend {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => self.aws_lc().map(drop),
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => self.rust_crypto().map(drop),
            #[allow(unreachable_patterns)]
            other => Err(Error::BackendUnavailable(other.as_str())),
        }
    }

    #[cfg(feature = "aws-lc-rs")]
    fn aws_lc(&self) -> Result<&aws_lc_rs::rsa::KeyPair, Error> {
        self.material
            .aws_lc
            .get_or_init(|| crate::backend::aws_lc::load(&self.material.pkcs8).ok())
            .as_ref()
            .ok_or(Error::InvalidKey {
                reason: "aws-lc-rs rejected the RSA key (inconsistent parameters)",
            })
    }

    #[cfg(feature = "rust-crypto")]
    fn rust_crypto(&self) -> Result<&rsa::PrivateKey, Error> {
        self.material
            .rust_crypto
            .get_or_init(|| crate::backend::rust_crypto::load(&self.material.pkcs8).ok())
            .as_ref()
            .ok_or(Error::InvalidKey {
                reason: "the rsa crate rejected the RSA key (inconsistent parameters)",
            })
    }

    /// The key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`), zeroized on drop.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, Error> {
        parse::to_pem("PRIVATE KEY", &self.material.pkcs8).map(Zeroizing::new)
    }

    /// The public half, to register in Seller Central or to verify with.
    pub fn public_key(&self) -> PublicKey {
        self.material.public.clone()
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.material.public.bits
    }

    /// Signs and verifies a test message with both algorithms, to tell a broken
    /// key apart from a key id or region mismatch (which the service reports
    /// identically as `InvalidRequestSignature`).
    pub fn self_test(&self) -> Result<(), Error> {
        const MESSAGE: &[u8] = b"amazon-pay-signing self test";
        for algorithm in [Algorithm::V1, Algorithm::V2] {
            let signature = Signer::sign(self, algorithm, MESSAGE)?;
            self.material
                .public
                .verify(algorithm, MESSAGE, &signature)?;
        }
        Ok(())
    }
}

impl Signer for PrivateKey {
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        match self.backend {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => crate::backend::aws_lc::sign(self.aws_lc()?, algorithm, message),
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => {
                crate::backend::rust_crypto::sign(self.rust_crypto()?, algorithm, message)
            }
            #[allow(unreachable_patterns)]
            other => Err(Error::BackendUnavailable(other.as_str())),
        }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.material.public.bits)
            .field("backend", &self.backend)
            .field("material", &"<redacted>")
            .finish()
    }
}

/// An RSA public key (at least 2048 bits) that verifies Amazon Pay signatures.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// PKCS#1 `RSAPublicKey` DER.
    pkcs1: Arc<[u8]>,
    bits: usize,
}

impl PublicKey {
    /// Reads a PEM public key: SPKI (`BEGIN PUBLIC KEY`) or PKCS#1 (`BEGIN RSA PUBLIC KEY`).
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        Ok(Self::from_parsed(parse::public_from_pem(pem)?))
    }

    /// Reads a DER public key: SPKI or PKCS#1.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        Ok(Self::from_parsed(parse::public_from_der(der)?))
    }

    /// Builds a key from its big-endian modulus and public exponent, as an HSM
    /// or a key service reports them (`CKA_MODULUS`, `CKA_PUBLIC_EXPONENT`).
    /// A modulus under 2048 bits is [`Error::KeyTooSmall`].
    pub fn from_components(modulus: &[u8], public_exponent: &[u8]) -> Result<Self, Error> {
        Ok(Self::from_parsed(parse::public_from_components(
            modulus,
            public_exponent,
        )?))
    }

    fn from_parsed(parsed: parse::ParsedPublicKey) -> Self {
        Self {
            pkcs1: Arc::from(parsed.pkcs1),
            bits: parsed.bits,
        }
    }

    /// The key as SPKI PEM (`BEGIN PUBLIC KEY`), the form Seller Central takes.
    pub fn to_pem(&self) -> Result<String, Error> {
        parse::to_pem("PUBLIC KEY", &self.to_spki_der()?)
    }

    /// The key as SPKI DER.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, Error> {
        parse::spki_der(&self.pkcs1)
    }

    /// The key as PKCS#1 `RSAPublicKey` DER.
    pub fn to_pkcs1_der(&self) -> &[u8] {
        &self.pkcs1
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// Verifies raw signature bytes over `message` with the salt length of
    /// `algorithm`, using the preferred backend.
    pub fn verify(
        &self,
        algorithm: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        self.verify_with(Backend::preferred(), algorithm, message, signature)
    }

    /// Like [`verify`](Self::verify), with an explicit backend.
    pub fn verify_with(
        &self,
        backend: Backend,
        algorithm: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        match backend {
            #[cfg(feature = "aws-lc-rs")]
            Backend::AwsLc => {
                crate::backend::aws_lc::verify(&self.pkcs1, algorithm, message, signature)
            }
            #[cfg(feature = "rust-crypto")]
            Backend::RustCrypto => {
                crate::backend::rust_crypto::verify(&self.pkcs1, algorithm, message, signature)
            }
            #[allow(unreachable_patterns)]
            other => Err(Error::BackendUnavailable(other.as_str())),
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}
