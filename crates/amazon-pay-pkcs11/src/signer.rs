//! [`Pkcs11Signer`]: the [`Signer`] whose key stays on a PKCS#11 token.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use amazon_pay_signing::{Algorithm, Error, PublicKey, Signer};
use cryptoki::object::ObjectHandle;
use cryptoki::types::AuthPin;

use crate::Pkcs11Error;
use crate::key::{self, KeySelector};
use crate::mechanism::{self, PssMechanism};
use crate::token::Token;

/// Signs Amazon Pay requests and buttons with an RSA key that never leaves a PKCS#11 token
/// (an HSM, a cloud HSM, a smart card, SoftHSM2).
///
/// Cheap to clone and safe to share between threads: each signature runs on a session of its
/// own from a pool. Pass it to `ClientBuilder::signer`, `sign` or `sign_button_payload`.
#[derive(Clone)]
pub struct Pkcs11Signer {
    inner: Arc<Inner>,
}

struct Inner {
    token: Token,
    selector: KeySelector,
    key: ObjectHandle,
    public: PublicKey,
    mechanism: PssMechanism,
}

impl Pkcs11Signer {
    /// Starts the configuration of a signer using the module at `module` (the vendor's
    /// PKCS#11 library) and the private key `key`.
    pub fn builder(module: impl Into<PathBuf>, key: KeySelector) -> Pkcs11SignerBuilder {
        Pkcs11SignerBuilder {
            module: module.into(),
            key,
            token_label: None,
            pin: None,
            mechanism: None,
        }
    }

    /// The key's public half: register it in Seller Central (`public_key().to_pem()`).
    pub fn public_key(&self) -> &PublicKey {
        &self.inner.public
    }

    /// The mechanism signatures are made with.
    pub fn mechanism(&self) -> PssMechanism {
        self.inner.mechanism
    }

    /// The label of the token holding the key.
    pub fn token_label(&self) -> &str {
        self.inner.token.label()
    }

    fn sign_on_token(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Pkcs11Error> {
        let inner = &*self.inner;
        inner.token.sign_with_session(|session| {
            inner.mechanism.sign(session, inner.key, algorithm, message)
        })
    }

    /// Signs a test message with both algorithms: the token must accept the PSS parameters,
    /// and the signatures must verify with the public half.
    fn self_test(&self) -> Result<(), Pkcs11Error> {
        const MESSAGE: &[u8] = b"AMZN-PAY-RSASSA-PSS-V2\namazon-pay-pkcs11 self-test";
        for algorithm in [Algorithm::V1, Algorithm::V2] {
            let signature = self.sign_on_token(algorithm, MESSAGE)?;
            self.inner
                .public
                .verify(algorithm, MESSAGE, &signature)
                .map_err(|_| Pkcs11Error::SelfTestFailed)?;
        }
        Ok(())
    }
}

impl Signer for Pkcs11Signer {
    fn sign(&self, algorithm: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        self.sign_on_token(algorithm, message)
            .map_err(|e| Error::Signer(e.to_string()))
    }
}

impl fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("token", &self.inner.token.label())
            .field("key", &self.inner.selector)
            .field("bits", &self.inner.public.bits())
            .field("mechanism", &self.inner.mechanism)
            .finish_non_exhaustive()
    }
}

/// Configures and opens a [`Pkcs11Signer`].
pub struct Pkcs11SignerBuilder {
    module: PathBuf,
    key: KeySelector,
    token_label: Option<String>,
    pin: Option<AuthPin>,
    mechanism: Option<PssMechanism>,
}

impl Pkcs11SignerBuilder {
    /// The label of the token holding the key. Without it the module must show exactly one
    /// initialised token.
    pub fn token_label(mut self, label: impl Into<String>) -> Self {
        self.token_label = Some(label.into());
        self
    }

    /// The user PIN. Without it the login is left to the token's protected authentication
    /// path (a PIN pad), where it has one.
    pub fn pin(mut self, pin: impl Into<String>) -> Self {
        self.pin = Some(AuthPin::new(pin.into().into()));
        self
    }

    /// Signs with this mechanism only, instead of the first of [`PssMechanism::ALL`] the
    /// token offers.
    pub fn mechanism(mut self, mechanism: PssMechanism) -> Self {
        self.mechanism = Some(mechanism);
        self
    }

    /// Loads the module, logs in, finds and checks the key, chooses the mechanism and signs a
    /// test message with both algorithms.
    pub fn open(self) -> Result<Pkcs11Signer, Pkcs11Error> {
        let token = Token::open(&self.module, self.token_label.as_deref(), self.pin.as_ref())?;
        let found = token.with_anchor(|session| key::find(session, &self.key))?;
        let candidates = match self.mechanism {
            Some(mechanism) => vec![mechanism],
            None => PssMechanism::ALL.to_vec(),
        };
        let mechanism = mechanism::choose(&token, &candidates, found.public.bits())?;
        let signer = Pkcs11Signer {
            inner: Arc::new(Inner {
                token,
                selector: self.key,
                key: found.handle,
                public: found.public,
                mechanism,
            }),
        };
        signer.self_test()?;
        Ok(signer)
    }
}

impl fmt::Debug for Pkcs11SignerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11SignerBuilder")
            .field("module", &self.module)
            .field("key", &self.key)
            .field("token_label", &self.token_label)
            .field("pin", &self.pin.as_ref().map(|_| "<redacted>"))
            .field("mechanism", &self.mechanism)
            .finish()
    }
}
