//! RSASSA-PSS through the pure-Rust `rsa` crate.
//!
//! Advisory RUSTSEC-2023-0071 (Marvin attack) lists every `rsa` release,
//! 0.10 included, as affected for private-key operations.

use rsa::pkcs1::DecodeRsaPublicKey as _;
use rsa::pkcs8::DecodePrivateKey as _;
#[cfg(not(feature = "aws-lc-rs"))]
use rsa::pkcs8::EncodePrivateKey as _;
use rsa::pss::Pss;
use sha2::{Digest as _, Sha256};

use crate::{Algorithm, Error};

const NAME: &str = "rust-crypto";

/// Loads a PKCS#8 RSA key.
pub(crate) fn load(pkcs8: &[u8]) -> Result<rsa::PrivateKey, Error> {
    rsa::PrivateKey::from_pkcs8_der(pkcs8).map_err(|_| Error::InvalidKey {
        reason: "the rsa crate rejected the RSA key (inconsistent parameters)",
    })
}

/// Generates a fresh RSA-2048 key and returns its PKCS#8 DER (used when aws-lc-rs is off).
#[cfg(not(feature = "aws-lc-rs"))]
pub(crate) fn generate_2048() -> Result<zeroize::Zeroizing<Vec<u8>>, Error> {
    let key = rsa::PrivateKey::new(&mut getrandom::SysRng, 2048)
        .map_err(|_| Error::SigningFailed { backend: NAME })?;
    let der = key
        .to_pkcs8_der()
        .map_err(|_| Error::SigningFailed { backend: NAME })?;
    Ok(zeroize::Zeroizing::new(der.as_bytes().to_vec()))
}

/// Signs `message` (hashed here with SHA-256).
pub(crate) fn sign(
    key: &rsa::PrivateKey,
    algorithm: Algorithm,
    message: &[u8],
) -> Result<Vec<u8>, Error> {
    let digest = Sha256::digest(message);
    key.sign(Pss::<Sha256>::new_with_salt(algorithm.salt_len()), &digest)
        .map_err(|_| Error::SigningFailed { backend: NAME })
}

/// Verifies a signature with a PKCS#1 public key at the algorithm's salt length.
pub(crate) fn verify(
    public_pkcs1: &[u8],
    algorithm: Algorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    let key =
        rsa::PublicKey::from_pkcs1_der(public_pkcs1).map_err(|_| Error::InvalidPublicKey {
            reason: "the rsa crate rejected the public key",
        })?;
    let digest = Sha256::digest(message);
    key.verify(
        Pss::<Sha256>::new_with_salt(algorithm.salt_len()),
        &digest,
        signature,
    )
    .map_err(|_| Error::BadSignature)
}
