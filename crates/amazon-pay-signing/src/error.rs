//! The crate's error types.

use std::path::PathBuf;

/// Everything that can go wrong while loading keys, building or signing a request.
///
/// Messages say what to do next. They never contain key material, signatures or
/// header values that might be secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The key is in OpenSSH format, which no Amazon Pay SDK can read.
    #[error(
        "the private key is in OpenSSH format (BEGIN OPENSSH PRIVATE KEY), which Amazon Pay cannot use; \
         convert it in place with `ssh-keygen -p -m PKCS8 -f <keyfile>` (or `-m PEM` for PKCS#1), \
         or generate a new key with `openssl genrsa -out private.pem 2048`; \
         a key file downloaded from Seller Central works as is"
    )]
    OpenSshKey,
    /// The key is an elliptic-curve key; Amazon Pay needs RSA.
    #[error(
        "the private key is an elliptic-curve (EC) key, but Amazon Pay signs with RSA; \
         generate an RSA key with `openssl genrsa -out private.pem 2048`, upload its public key \
         in Seller Central and use the public key id it returns"
    )]
    EcKey,
    /// The key uses an algorithm other than RSA or EC.
    #[error(
        "the private key is not an RSA key (algorithm {algorithm}); Amazon Pay signs with RSA-2048: \
         generate one with `openssl genrsa -out private.pem 2048`"
    )]
    UnsupportedKeyAlgorithm {
        /// The algorithm found (an object identifier or a PEM label).
        algorithm: String,
    },
    /// The RSA key is shorter than 2048 bits.
    #[error(
        "the RSA key has {bits} bits, but at least 2048 are required; \
         generate a new key with `openssl genrsa -out private.pem 2048` and register its public key in Seller Central"
    )]
    KeyTooSmall {
        /// The modulus size found.
        bits: usize,
    },
    /// A public key (or certificate) was given where a private key belongs.
    #[error(
        "a public key ({label}) was given where the private key belongs; pass the private key \
         file (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) whose public half was uploaded to Seller Central"
    )]
    PublicKeyGiven {
        /// What was found, e.g. `BEGIN PUBLIC KEY`.
        label: String,
    },
    /// The key is encrypted and no password was given.
    #[error(
        "the private key is encrypted (BEGIN ENCRYPTED PRIVATE KEY); load it with \
         `PrivateKey::from_encrypted_pem(pem, password)`, or decrypt it once with \
         `openssl pkcs8 -in encrypted.pem -out private.pem`"
    )]
    EncryptedKey,
    /// The key is encrypted and this build has no `encrypted-keys` feature to decrypt it.
    #[error(
        "the private key is encrypted (BEGIN ENCRYPTED PRIVATE KEY) and amazon-pay-signing was built \
         without its `encrypted-keys` feature (on by default); enable that feature, or decrypt the key once with \
         `openssl pkcs8 -in encrypted.pem -out private.pem`"
    )]
    EncryptedKeysFeatureOff,
    /// The key is encrypted in the legacy OpenSSL format (`Proc-Type: 4,ENCRYPTED`).
    #[error(
        "the private key is encrypted in the legacy OpenSSL format (Proc-Type: 4,ENCRYPTED), which is not supported; \
         convert it with `openssl pkcs8 -topk8 -in private.pem -out private-pkcs8.pem` (add `-nocrypt` to remove the password)"
    )]
    LegacyEncryptedKey,
    /// Decrypting an encrypted PKCS#8 key failed: wrong password or unsupported cipher.
    #[error(
        "the encrypted private key could not be decrypted: the password is wrong or the cipher is unsupported \
         (PBES2 with PBKDF2 or scrypt and AES-CBC are supported); check the password, or decrypt the key with \
         `openssl pkcs8 -in encrypted.pem -out private.pem`"
    )]
    KeyDecryption,
    /// The input is not a key this crate recognises.
    #[error(
        "the private key could not be read ({reason}); expected a PEM file starting with \
         `-----BEGIN PRIVATE KEY-----` or `-----BEGIN RSA PRIVATE KEY-----`, or its DER bytes"
    )]
    InvalidKey {
        /// What was wrong, without any key bytes.
        reason: &'static str,
    },
    /// A key file could not be read.
    #[error("the key file {path} could not be read; check the path and its permissions")]
    KeyFile {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The public key could not be read.
    #[error(
        "the public key could not be read ({reason}); expected an RSA public key in PEM \
         (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY) or DER form"
    )]
    InvalidPublicKey {
        /// What was wrong.
        reason: &'static str,
    },
    /// A public key id is empty or contains whitespace or control characters.
    #[error(
        "invalid public key id: {reason}; use the id shown in Seller Central under Integration Central -> API keys"
    )]
    InvalidPublicKeyId {
        /// What was wrong.
        reason: &'static str,
    },
    /// An unknown algorithm name.
    #[error("unknown signing algorithm {0:?}; use AMZN-PAY-RSASSA-PSS or AMZN-PAY-RSASSA-PSS-V2")]
    UnknownAlgorithm(String),
    /// An unknown region name.
    #[error("unknown region {0:?}; use na (alias us), eu (aliases de, uk) or jp")]
    UnknownRegion(String),
    /// An unknown environment name.
    #[error("unknown environment {0:?}; use sandbox or live")]
    UnknownEnvironment(String),
    /// A date string is neither `YYYYMMDDTHHMMSSZ` nor `YYYY-MM-DDTHH:MM:SSZ`.
    #[error("invalid x-amz-pay-date {0:?}; expected YYYYMMDDTHHMMSSZ (or YYYY-MM-DDTHH:MM:SSZ)")]
    InvalidDate(String),
    /// A time cannot be written as an `x-amz-pay-date` (before 1970 or after 9999).
    #[error("the signing time is outside the years 1970 to 9999; check the clock")]
    TimeOutOfRange,
    /// The HTTP method is empty or not an upper-case token.
    #[error(
        "invalid HTTP method {0:?}; use an upper-case method such as GET, POST, PATCH or DELETE"
    )]
    InvalidMethod(String),
    /// The path contains a `.` or `..` segment, or a character that cannot be sent.
    #[error("invalid request path: {reason}")]
    InvalidPath {
        /// What was wrong.
        reason: &'static str,
    },
    /// A caller header cannot be signed or sent as given.
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader {
        /// The header name (never its value).
        name: String,
        /// What was wrong.
        reason: &'static str,
    },
    /// The host is empty or carries a port, scheme or path.
    #[error("invalid x-amz-pay-host {0:?}; give the bare host name, e.g. pay-api.amazon.com")]
    InvalidHost(String),
    /// The cryptographic backend failed to produce a signature.
    #[error("the {backend} backend failed to sign; check that the key is a valid RSA private key")]
    SigningFailed {
        /// The backend's name.
        backend: &'static str,
    },
    /// A signature did not verify.
    #[error("the signature does not verify with this public key and algorithm")]
    BadSignature,
    /// The requested backend is not compiled in.
    #[error("the {0} backend is not enabled; turn on the crate feature of the same name")]
    BackendUnavailable(&'static str),
    /// An external signer (HSM, KMS) failed; its own error is the
    /// [`source`](std::error::Error::source) (build it from any error, or from a message:
    /// `Error::Signer("the KMS is unreachable".into())`).
    #[error("the external signer failed")]
    Signer(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
}

/// Why a received request failed verification.
///
/// The variants mirror the service's reasons for rejecting a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No `authorization` header was sent.
    #[error("the request has no authorization header")]
    MissingAuthorization,
    /// The `authorization` header does not have the form
    /// `{algorithm} PublicKeyId=…, SignedHeaders=…, Signature=…`.
    #[error("the authorization header is malformed: {0}")]
    MalformedAuthorization(&'static str),
    /// The algorithm named in `authorization` is unknown.
    #[error("unsupported signing algorithm {0:?}")]
    UnsupportedAlgorithm(String),
    /// The public key id is not known to the verifier.
    #[error("unknown public key id {0:?}")]
    UnknownPublicKeyId(String),
    /// A header listed in `SignedHeaders` was not received.
    #[error("the signed header {0:?} is missing from the request")]
    MissingSignedHeader(String),
    /// A header that must be signed is not listed in `SignedHeaders` (or not sent).
    #[error("the header {0:?} must be sent and listed in SignedHeaders")]
    MissingRequiredHeader(String),
    /// `x-amz-pay-date` is not a valid date.
    #[error("invalid x-amz-pay-date {0:?}")]
    InvalidDate(String),
    /// The path or query string could not be decoded.
    #[error("the request target is malformed: {0}")]
    MalformedRequest(&'static str),
    /// The signature does not match what the verifier computed.
    #[error(
        "the request signature we calculated does not match the signature you provided; \
         the string to sign was {string_to_sign:?}"
    )]
    SignatureMismatch {
        /// The string to sign the verifier computed.
        string_to_sign: String,
    },
}
