//! The RSA implementations behind [`PrivateKey`](crate::PrivateKey) and
//! [`PublicKey`](crate::PublicKey).

use std::fmt;

#[cfg(feature = "aws-lc-rs")]
pub(crate) mod aws_lc;
#[cfg(feature = "rust-crypto")]
pub(crate) mod rust_crypto;

#[cfg(not(any(feature = "aws-lc-rs", feature = "rust-crypto")))]
compile_error!(
    "amazon-pay-signing needs an RSA backend: enable the feature `aws-lc-rs` (default) or `rust-crypto`"
);

/// Which RSA implementation performs a private- or public-key operation.
///
/// Both produce and accept the same signatures; a signature from one verifies
/// with the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// aws-lc-rs (feature `aws-lc-rs`, on by default). Preferred whenever enabled.
    AwsLc,
    /// The pure-Rust `rsa` crate (feature `rust-crypto`).
    ///
    /// Advisory RUSTSEC-2023-0071 (Marvin attack, a timing side channel) lists
    /// every `rsa` release, 0.10 included, as affected for private-key
    /// operations. Prefer `AwsLc` where a C toolchain is available.
    RustCrypto,
}

impl Backend {
    /// The backend used unless another is chosen: `AwsLc` when compiled in, else `RustCrypto`.
    pub const fn preferred() -> Self {
        if cfg!(feature = "aws-lc-rs") {
            Self::AwsLc
        } else {
            Self::RustCrypto
        }
    }

    /// Whether the backend is compiled in.
    pub const fn is_available(self) -> bool {
        match self {
            Self::AwsLc => cfg!(feature = "aws-lc-rs"),
            Self::RustCrypto => cfg!(feature = "rust-crypto"),
        }
    }

    /// The backend's name, which is also its crate feature.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AwsLc => "aws-lc-rs",
            Self::RustCrypto => "rust-crypto",
        }
    }

    /// Every backend compiled into this build, preferred first.
    pub fn available() -> impl Iterator<Item = Self> {
        [Self::AwsLc, Self::RustCrypto]
            .into_iter()
            .filter(|b| b.is_available())
    }
}

impl Default for Backend {
    fn default() -> Self {
        Self::preferred()
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
