//! The token: the loaded module, the slot holding the token, the login and a pool of
//! sessions.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;

use crate::Pkcs11Error;

/// A logged-in token.
///
/// PKCS#11 sessions are not thread-safe: each signature takes a session of its own from the
/// pool (opening one when all are busy) and puts it back afterwards, so the pool holds as many
/// sessions as signatures ever ran at once. The login and object handles are shared by all
/// sessions of the process; the anchor session, never used for signing, keeps them valid for
/// the signer's lifetime even when a failing session is closed.
pub(crate) struct Token {
    pkcs11: Pkcs11,
    slot: Slot,
    label: String,
    anchor: Mutex<Session>,
    idle: Mutex<Vec<Session>>,
}

impl Token {
    /// Loads `module`, finds the token (by label, or the only one present) and logs in.
    pub(crate) fn open(
        module: &Path,
        label: Option<&str>,
        pin: Option<&AuthPin>,
    ) -> Result<Self, Pkcs11Error> {
        let pkcs11 = Pkcs11::new(module).map_err(|e| Pkcs11Error::NoModule {
            path: module.to_owned(),
            source: Box::new(e),
        })?;
        match pkcs11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            // Another signer (or another library) of this process initialised the module.
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(Pkcs11Error::pkcs11("C_Initialize", e)),
        }
        let (slot, label) = find_slot(&pkcs11, label)?;
        let anchor = open_session(&pkcs11, slot)?;
        login(&anchor, pin)?;
        Ok(Self {
            pkcs11,
            slot,
            label,
            anchor: Mutex::new(anchor),
            idle: Mutex::new(Vec::new()),
        })
    }

    /// The token's label.
    pub(crate) fn label(&self) -> &str {
        &self.label
    }

    /// The module's context.
    pub(crate) fn pkcs11(&self) -> &Pkcs11 {
        &self.pkcs11
    }

    /// The slot holding the token.
    pub(crate) fn slot(&self) -> Slot {
        self.slot
    }

    /// Runs `f` on the anchor session (for finding the key).
    pub(crate) fn with_anchor<T>(&self, f: impl FnOnce(&Session) -> T) -> T {
        f(&lock(&self.anchor))
    }

    /// Signs: runs `f` on a session of the pool. A pooled session that fails is closed and `f` runs
    /// once more on a new session (a session the token dropped, a reconnected HSM); a new
    /// session that fails is closed and its error returned.
    pub(crate) fn sign_with_session<T>(
        &self,
        f: impl Fn(&Session) -> Result<T, CkError>,
    ) -> Result<T, Pkcs11Error> {
        let pooled = lock(&self.idle).pop();
        if let Some(session) = pooled
            && let Ok(value) = f(&session)
        {
            lock(&self.idle).push(session);
            return Ok(value);
        }
        let session = open_session(&self.pkcs11, self.slot)?;
        let value = f(&session).map_err(Pkcs11Error::signing)?;
        lock(&self.idle).push(session);
        Ok(value)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a session was held leaves nothing half-done in the pool itself.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn open_session(pkcs11: &Pkcs11, slot: Slot) -> Result<Session, Pkcs11Error> {
    pkcs11
        .open_ro_session(slot)
        .map_err(|e| Pkcs11Error::pkcs11("C_OpenSession", e))
}

/// The slot whose token has `label`, or the only initialised token when no label is given.
fn find_slot(pkcs11: &Pkcs11, label: Option<&str>) -> Result<(Slot, String), Pkcs11Error> {
    let slots = pkcs11
        .get_slots_with_token()
        .map_err(|e| Pkcs11Error::pkcs11("C_GetSlotList", e))?;
    let mut found = Vec::new();
    for slot in slots {
        let info = pkcs11
            .get_token_info(slot)
            .map_err(|e| Pkcs11Error::pkcs11("C_GetTokenInfo", e))?;
        let token_label = info.label().trim_end().to_owned();
        if info.token_initialized() && label.is_none_or(|l| l == token_label) {
            found.push((slot, token_label));
        }
    }
    match found.len() {
        0 => Err(Pkcs11Error::TokenNotFound {
            label: label.map(str::to_owned),
        }),
        1 => Ok(found.remove(0)),
        count => Err(Pkcs11Error::SeveralTokens { count }),
    }
}

/// Logs the user in. The login is shared by every session of the process, so a token another
/// signer already logged in to answers "already logged in", which is success.
fn login(session: &Session, pin: Option<&AuthPin>) -> Result<(), Pkcs11Error> {
    match session.login(UserType::User, pin) {
        Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
        Err(CkError::Pkcs11(
            RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange,
            _,
        )) => Err(Pkcs11Error::WrongPin),
        Err(CkError::Pkcs11(RvError::PinLocked, _)) => Err(Pkcs11Error::PinLocked),
        Err(e) => Err(Pkcs11Error::pkcs11("C_Login", e)),
    }
}
