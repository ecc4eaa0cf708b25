//! RSASSA-PSS through aws-lc-rs, with the salt length set per algorithm.

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{
    RSA_PSS_2048_8192_SHA256, RSA_PSS_SHA256, RsaParameters, RsaPssSaltLength,
    RsaSignatureEncoding, UnparsedPublicKey,
};
use zeroize::Zeroizing;

use crate::{Algorithm, Error};

const NAME: &str = "aws-lc-rs";

static SIGN_V1: RsaSignatureEncoding =
    RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(20));
static SIGN_V2: RsaSignatureEncoding =
    RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(32));
static VERIFY_V1: RsaParameters =
    RSA_PSS_2048_8192_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(20));
static VERIFY_V2: RsaParameters =
    RSA_PSS_2048_8192_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(32));

fn sign_encoding(algorithm: Algorithm) -> &'static RsaSignatureEncoding {
    match algorithm {
        Algorithm::V1 => &SIGN_V1,
        Algorithm::V2 => &SIGN_V2,
    }
}

fn verify_params(algorithm: Algorithm) -> &'static RsaParameters {
    match algorithm {
        Algorithm::V1 => &VERIFY_V1,
        Algorithm::V2 => &VERIFY_V2,
    }
}

/// Loads a PKCS#8 RSA key.
pub(crate) fn load(pkcs8: &[u8]) -> Result<KeyPair, Error> {
    KeyPair::from_pkcs8(pkcs8).map_err(|_| Error::InvalidKey {
        reason: "aws-lc-rs rejected the RSA key (inconsistent parameters)",
    })
}

/// Generates a fresh RSA-2048 key and returns its PKCS#8 DER.
pub(crate) fn generate_2048() -> Result<Zeroizing<Vec<u8>>, Error> {
    let key =
        KeyPair::generate(KeySize::Rsa2048).map_err(|_| Error::SigningFailed { backend: NAME })?;
    let der = key
        .as_der()
        .map_err(|_| Error::SigningFailed { backend: NAME })?;
    Ok(Zeroizing::new(der.as_ref().to_vec()))
}

/// Signs `message` (hashed inside with SHA-256).
pub(crate) fn sign(key: &KeyPair, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
    let mut signature = vec![0; key.public_modulus_len()];
    key.sign(
        sign_encoding(algorithm),
        &SystemRandom::new(),
        message,
        &mut signature,
    )
    .map_err(|_| Error::SigningFailed { backend: NAME })?;
    Ok(signature)
}

/// Verifies a signature with a PKCS#1 public key at the algorithm's salt length.
pub(crate) fn verify(
    public_pkcs1: &[u8],
    algorithm: Algorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Error> {
    UnparsedPublicKey::new(verify_params(algorithm), public_pkcs1)
        .verify(message, signature)
        .map_err(|_| Error::BadSignature)
}
