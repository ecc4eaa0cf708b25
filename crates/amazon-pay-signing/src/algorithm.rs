//! The two Amazon Pay signature algorithms.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// An Amazon Pay signature algorithm: RSASSA-PSS with SHA-256 and MGF1-SHA-256.
///
/// The two differ only in the PSS salt length and in the name written into the
/// string to sign and the `authorization` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Algorithm {
    /// `AMZN-PAY-RSASSA-PSS`, salt length 20.
    V1,
    /// `AMZN-PAY-RSASSA-PSS-V2`, salt length 32 (the SDK default).
    #[default]
    V2,
}

impl Algorithm {
    /// The name used in the string to sign, `authorization` and button configs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "AMZN-PAY-RSASSA-PSS",
            Self::V2 => "AMZN-PAY-RSASSA-PSS-V2",
        }
    }

    /// The PSS salt length in bytes: 20 for V1, 32 for V2.
    pub const fn salt_len(self) -> usize {
        match self {
            Self::V1 => 20,
            Self::V2 => 32,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// Parses the exact algorithm name (as it appears on the wire).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "AMZN-PAY-RSASSA-PSS" => Ok(Self::V1),
            "AMZN-PAY-RSASSA-PSS-V2" => Ok(Self::V2),
            other => Err(Error::UnknownAlgorithm(other.to_owned())),
        }
    }
}
