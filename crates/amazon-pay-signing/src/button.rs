//! Button signatures (`createCheckoutSessionConfig`, `signInConfig`).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::canonical::string_to_sign_over;
use crate::{Algorithm, Error, PublicKeyId, Signer};

/// The string to sign of a button payload: `{algorithm}\n{hex(sha256(payload))}`.
///
/// The payload bytes are hashed exactly as given.
pub fn button_string_to_sign(algorithm: Algorithm, payload: &str) -> String {
    string_to_sign_over(algorithm, payload.as_bytes())
}

/// Signs a button payload (the `payloadJSON` the front end renders).
///
/// The signature covers exactly the bytes of `payload`: render that same
/// string, never a re-serialised copy. The returned [`ButtonSignature`] holds
/// the rest of the front-end config (`signature`, `algorithm`, `publicKeyId`);
/// when V2 is used the config must name the algorithm.
pub fn sign_button_payload(
    payload: &str,
    public_key_id: &PublicKeyId,
    algorithm: Algorithm,
    signer: &dyn Signer,
) -> Result<ButtonSignature, Error> {
    let string_to_sign = button_string_to_sign(algorithm, payload);
    let signature = BASE64.encode(signer.sign(algorithm, string_to_sign.as_bytes())?);
    Ok(ButtonSignature {
        signature,
        algorithm,
        public_key_id: public_key_id.clone(),
    })
}

/// A button signature with the algorithm and key id the front end must echo.
#[derive(Clone, PartialEq, Eq)]
pub struct ButtonSignature {
    signature: String,
    algorithm: Algorithm,
    public_key_id: PublicKeyId,
}

impl ButtonSignature {
    /// The Base64 signature (`signature` in the button config).
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The algorithm (`algorithm` in the button config).
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The public key id (`publicKeyId` in the button config).
    pub fn public_key_id(&self) -> &PublicKeyId {
        &self.public_key_id
    }
}

impl fmt::Debug for ButtonSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ButtonSignature")
            .field("signature", &"<redacted>")
            .field("algorithm", &self.algorithm)
            .field("public_key_id", &self.public_key_id)
            .finish()
    }
}
