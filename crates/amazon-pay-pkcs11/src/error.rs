//! What can go wrong while opening a PKCS#11 key.

use std::path::PathBuf;

/// Why a [`Pkcs11Signer`](crate::Pkcs11Signer) could not be opened.
///
/// Messages say what to check next. They never contain the PIN, key material or
/// signatures.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Pkcs11Error {
    /// The PKCS#11 module (a shared library) could not be loaded.
    #[error(
        "the PKCS#11 module {path} could not be loaded; check the path of the \
         vendor's library (SoftHSM2 on Debian: /usr/lib/softhsm/libsofthsm2.so)"
    )]
    NoModule {
        /// The path given.
        path: PathBuf,
        /// What the loader said.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// No slot holds a token with the label asked for (or, without a label, no slot holds a
    /// token at all).
    #[error(
        "no PKCS#11 token{} was found; list the tokens with `pkcs11-tool --module <module> --list-slots`",
        label.as_deref().map(|l| format!(" labelled {l:?}")).unwrap_or_default()
    )]
    TokenNotFound {
        /// The token label asked for.
        label: Option<String>,
    },
    /// No token label was given and more than one slot holds a token.
    #[error("{count} PKCS#11 tokens are present; name the one to use with `token_label`")]
    SeveralTokens {
        /// How many tokens were found.
        count: usize,
    },
    /// The token refused the user PIN.
    #[error("the token refused the PIN; check the user PIN of the token (not the SO PIN)")]
    WrongPin,
    /// The token's user PIN is locked after too many wrong attempts.
    #[error("the token's user PIN is locked; unlock it with the SO PIN before signing")]
    PinLocked,
    /// No private key with the label or id asked for is on the token.
    #[error(
        "no private key {key} is on the token; list the keys with \
         `pkcs11-tool --module <module> --login --list-objects --type privkey`"
    )]
    KeyNotFound {
        /// The label or id asked for (`label "…"` or `id 0a1b…`).
        key: String,
    },
    /// More than one key matches the label or id.
    #[error("{count} keys match {key}; select the key by its id instead")]
    SeveralKeys {
        /// The label or id asked for.
        key: String,
        /// How many keys match.
        count: usize,
    },
    /// The key is not an RSA key.
    #[error(
        "the key {key} is a {key_type} key, but Amazon Pay signs with RSA; \
         generate an RSA-2048 key on the token"
    )]
    NotRsa {
        /// The label or id asked for.
        key: String,
        /// The key type the token reports.
        key_type: String,
    },
    /// The RSA key is shorter than 2048 bits.
    #[error(
        "the RSA key {key} has {bits} bits, but Amazon Pay needs at least 2048; \
         generate an RSA-2048 key on the token"
    )]
    KeyTooSmall {
        /// The label or id asked for.
        key: String,
        /// The modulus size.
        bits: usize,
    },
    /// The key may not be used for signing (`CKA_SIGN` is false).
    #[error(
        "the key {key} is not allowed to sign (CKA_SIGN is false); create it with CKA_SIGN=true"
    )]
    KeyCannotSign {
        /// The label or id asked for.
        key: String,
    },
    /// The token signs neither with `CKM_RSA_PKCS_PSS` nor with `CKM_SHA256_RSA_PKCS_PSS`
    /// for a key of this size, or refused the PSS parameters Amazon Pay needs.
    #[error(
        "the token cannot sign RSA-PSS with SHA-256, MGF1-SHA-256 and salts of 20 and 32 bytes \
         with this key ({reason}); Amazon Pay needs CKM_RSA_PKCS_PSS or CKM_SHA256_RSA_PKCS_PSS"
    )]
    MechanismUnsupported {
        /// What the token lacks or refused.
        reason: String,
    },
    /// A signature made while opening the key did not verify with the key's public half.
    #[error(
        "the token's test signature did not verify with the key's public half; \
         the token's RSA-PSS implementation does not match Amazon Pay's"
    )]
    SelfTestFailed,
    /// Any other PKCS#11 failure.
    #[error("PKCS#11 {operation} failed")]
    Pkcs11 {
        /// What was being done.
        operation: &'static str,
        /// The token's answer, or what was missing from it.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

impl Pkcs11Error {
    /// A failed `C_Sign`: the token refusing the mechanism, its parameters or the key for it
    /// is [`Pkcs11Error::MechanismUnsupported`].
    pub(crate) fn signing(error: cryptoki::error::Error) -> Self {
        use cryptoki::error::{Error, RvError};
        match error {
            Error::Pkcs11(
                RvError::MechanismInvalid
                | RvError::MechanismParamInvalid
                | RvError::KeyFunctionNotPermitted
                | RvError::KeyTypeInconsistent
                | RvError::KeySizeRange,
                _,
            ) => Self::MechanismUnsupported {
                reason: format!("the token refused to sign: {error}"),
            },
            other => Self::pkcs11("C_Sign", other),
        }
    }

    /// A PKCS#11 failure while doing `operation`.
    pub(crate) fn pkcs11(operation: &'static str, error: cryptoki::error::Error) -> Self {
        Self::Pkcs11 {
            operation,
            source: Box::new(error),
        }
    }
}
