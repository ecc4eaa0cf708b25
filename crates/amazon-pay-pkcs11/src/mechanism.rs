//! The PKCS#11 mechanisms that make Amazon Pay's RSA-PSS signatures.

use std::fmt;

use amazon_pay_signing::Algorithm;
use cryptoki::error::Error as CkError;
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::ObjectHandle;
use cryptoki::session::Session;
use sha2::{Digest as _, Sha256};

use crate::Pkcs11Error;
use crate::token::Token;

/// How the token computes an RSASSA-PSS SHA-256 signature.
///
/// Both give the same signatures; [`PssMechanism::DigestHere`] is preferred when the token has
/// both: the raw PSS mechanism is the one tokens with PSS support offer most widely (the hash
/// and sign ones are optional in PKCS#11 and missing from some smart cards and HSM firmware),
/// the token receives 32 bytes whatever the message, and the string to sign is not secret, so
/// hashing it outside the token gives nothing away.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum PssMechanism {
    /// `CKM_RSA_PKCS_PSS` over the SHA-256 digest of the string to sign, computed by this
    /// crate.
    DigestHere,
    /// `CKM_SHA256_RSA_PKCS_PSS`: the token hashes the string to sign itself.
    HashOnToken,
}

impl PssMechanism {
    /// Both mechanisms, the preferred one first.
    pub const ALL: [PssMechanism; 2] = [PssMechanism::DigestHere, PssMechanism::HashOnToken];

    /// The PKCS#11 name (`CKM_RSA_PKCS_PSS`, `CKM_SHA256_RSA_PKCS_PSS`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DigestHere => "CKM_RSA_PKCS_PSS",
            Self::HashOnToken => "CKM_SHA256_RSA_PKCS_PSS",
        }
    }

    fn mechanism_type(self) -> MechanismType {
        match self {
            Self::DigestHere => MechanismType::RSA_PKCS_PSS,
            Self::HashOnToken => MechanismType::SHA256_RSA_PKCS_PSS,
        }
    }

    /// Signs `message` with `key`: PSS, SHA-256, MGF1-SHA-256, the salt of `algorithm`.
    pub(crate) fn sign(
        self,
        session: &Session,
        key: ObjectHandle,
        algorithm: Algorithm,
        message: &[u8],
    ) -> Result<Vec<u8>, CkError> {
        let salt = u64::try_from(algorithm.salt_len()).map_err(CkError::TryFromInt)?;
        let params = PkcsPssParams {
            hash_alg: MechanismType::SHA256,
            mgf: PkcsMgfType::MGF1_SHA256,
            s_len: salt.into(),
        };
        match self {
            Self::DigestHere => {
                let digest = Sha256::digest(message);
                session.sign(&Mechanism::RsaPkcsPss(params), key, &digest)
            }
            Self::HashOnToken => session.sign(&Mechanism::Sha256RsaPkcsPss(params), key, message),
        }
    }
}

impl fmt::Display for PssMechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The first of `candidates` the token can sign with for a key of `bits`.
pub(crate) fn choose(
    token: &Token,
    candidates: &[PssMechanism],
    bits: usize,
) -> Result<PssMechanism, Pkcs11Error> {
    let offered = token
        .pkcs11()
        .get_mechanism_list(token.slot())
        .map_err(|e| Pkcs11Error::pkcs11("C_GetMechanismList", e))?;
    let mut reasons = Vec::new();
    for &candidate in candidates {
        if !offered.contains(&candidate.mechanism_type()) {
            reasons.push(format!("{candidate} is not offered"));
            continue;
        }
        let info = token
            .pkcs11()
            .get_mechanism_info(token.slot(), candidate.mechanism_type())
            .map_err(|e| Pkcs11Error::pkcs11("C_GetMechanismInfo", e))?;
        if !info.sign() {
            reasons.push(format!("{candidate} cannot sign"));
        } else if bits < info.min_key_size()
            || (info.max_key_size() != 0 && bits > info.max_key_size())
        {
            reasons.push(format!(
                "{candidate} takes keys of {} to {} bits, not {bits}",
                info.min_key_size(),
                info.max_key_size()
            ));
        } else {
            return Ok(candidate);
        }
    }
    Err(Pkcs11Error::MechanismUnsupported {
        reason: reasons.join("; "),
    })
}
