//! The signing seam: anything that can produce an RSASSA-PSS signature.

use std::fmt;
use std::sync::Arc;

use crate::{Algorithm, Error};

/// Produces Amazon Pay signatures.
///
/// [`PrivateKey`](crate::PrivateKey) implements it; an HSM or a cloud KMS can
/// too. An implementation signs the given message bytes with RSASSA-PSS,
/// SHA-256, MGF1-SHA-256 and the salt length of `algorithm`
/// ([`Algorithm::salt_len`]), hashing the message itself, and returns the raw
/// signature bytes (not Base64).
pub trait Signer: Send + Sync + fmt::Debug {
    /// Signs `message` with the PSS salt length of `algorithm`.
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error>;
}

impl<T: Signer + ?Sized> Signer for &T {
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        (**self).sign(algorithm, message)
    }
}

impl<T: Signer + ?Sized> Signer for Arc<T> {
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        (**self).sign(algorithm, message)
    }
}

impl<T: Signer + ?Sized> Signer for Box<T> {
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        (**self).sign(algorithm, message)
    }
}
