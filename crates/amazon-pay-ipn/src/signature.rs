//! `SignatureVersion` and the RSA PKCS#1 v1.5 check.

use std::fmt;
use std::str::FromStr;

use aws_lc_rs::signature::{
    RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::IpnError;

/// The SNS `SignatureVersion`: which digest the RSA PKCS#1 v1.5 signature uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureVersion {
    /// `"1"`: SHA1withRSA.
    V1,
    /// `"2"`: SHA256withRSA.
    V2,
}

impl SignatureVersion {
    /// The value as it appears in messages (`"1"` or `"2"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "1",
            Self::V2 => "2",
        }
    }
}

impl fmt::Display for SignatureVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignatureVersion {
    type Err = IpnError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "1" => Ok(Self::V1),
            "2" => Ok(Self::V2),
            _ => Err(IpnError::UnsupportedSignatureVersion),
        }
    }
}

/// Decodes the base64 `Signature` field (standard alphabet; line breaks are tolerated).
pub(crate) fn decode_signature(encoded: &str) -> Result<Vec<u8>, IpnError> {
    let compact: String = encoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return Err(IpnError::InvalidSignatureEncoding);
    }
    STANDARD
        .decode(compact)
        .map_err(|_| IpnError::InvalidSignatureEncoding)
}

/// Verifies an RSASSA-PKCS1-v1_5 signature over `message` with a PKCS#1 `RSAPublicKey`.
pub(crate) fn verify_rsa(
    version: SignatureVersion,
    rsa_public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), IpnError> {
    let algorithm = match version {
        SignatureVersion::V1 => &RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        SignatureVersion::V2 => &RSA_PKCS1_2048_8192_SHA256,
    };
    UnparsedPublicKey::new(algorithm, rsa_public_key)
        .verify(message, signature)
        .map_err(|_| IpnError::BadSignature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(
            "1".parse::<SignatureVersion>().ok(),
            Some(SignatureVersion::V1)
        );
        assert_eq!(
            "2".parse::<SignatureVersion>().ok(),
            Some(SignatureVersion::V2)
        );
        for bad in ["3", "", " 1", "01", "v2"] {
            assert!(matches!(
                bad.parse::<SignatureVersion>(),
                Err(IpnError::UnsupportedSignatureVersion)
            ));
        }
        assert_eq!(SignatureVersion::V2.to_string(), "2");
    }

    #[test]
    fn signatures_decode() {
        assert_eq!(decode_signature("AQID").ok(), Some(vec![1, 2, 3]));
        assert_eq!(decode_signature("AQ\nID").ok(), Some(vec![1, 2, 3]));
        for bad in ["", "!!!!", "AQI", "AQ-_"] {
            assert!(matches!(
                decode_signature(bad),
                Err(IpnError::InvalidSignatureEncoding)
            ));
        }
    }
}
