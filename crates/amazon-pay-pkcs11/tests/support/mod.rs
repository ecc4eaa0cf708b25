//! A SoftHSM2 token in a temporary directory, for the tests and the benchmark.
//!
//! SoftHSM2 reads its configuration file (`SOFTHSM2_CONF`) once, when the module is
//! initialised, and a program cannot safely set an environment variable for itself once threads
//! run. So each test (and the benchmark) runs again as a child process of its own binary, with
//! `SOFTHSM2_CONF` naming a configuration whose token directory is a fresh temporary one.

#![allow(dead_code, unreachable_pub)]

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use amazon_pay_pkcs11::{KeySelector, Pkcs11Signer, Pkcs11SignerBuilder};
use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, ObjectClass};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;

/// Where Debian's `softhsm2` installs the module; `AMAZON_PAY_SOFTHSM2_MODULE` overrides it.
pub const DEFAULT_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
/// The label of the test token.
pub const TOKEN: &str = "amazon-pay-test";
/// The user PIN of the test token.
pub const PIN: &str = "123456";
const SO_PIN: &str = "12345678";
/// Set in the child process: the temporary directory of its token.
const CHILD_DIR: &str = "AMAZON_PAY_SOFTHSM2_TEST_DIR";
/// Written by the child once its body ran to the end.
const DONE: &str = "done";

/// The SoftHSM2 module, if installed.
pub fn module() -> Option<PathBuf> {
    let path = env::var_os("AMAZON_PAY_SOFTHSM2_MODULE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_MODULE));
    path.exists().then_some(path)
}

/// The module, or `None` after saying why the test cannot run. Under CI (which installs
/// SoftHSM2 with `scripts/install-test-deps.sh`) a missing module fails the test.
pub fn module_or_skip(what: &str) -> Option<PathBuf> {
    if let Some(module) = module() {
        return Some(module);
    }
    let message = format!(
        "SoftHSM2 is not installed ({DEFAULT_MODULE} is missing): run scripts/install-test-deps.sh \
         (Debian package softhsm2) to run {what}"
    );
    assert!(env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED: {message}");
    None
}

/// Runs `body` on a fresh token in a child process of the current test binary, which is
/// started with `args` (the test's name and `--exact`, or the benchmark's own arguments).
/// `mechanisms` is SoftHSM2's `slots.mechanisms` setting (`ALL`, or `-CKM_…` to disable some).
/// Returns whether the body ran (false when SoftHSM2 is missing outside CI).
pub fn in_softhsm(
    what: &str,
    args: &[String],
    mechanisms: &str,
    body: impl FnOnce(&TestToken),
) -> bool {
    if let Some(dir) = env::var_os(CHILD_DIR) {
        let dir = PathBuf::from(dir);
        let module = module().expect("the parent found the module");
        body(&TestToken::create(module));
        fs::write(dir.join(DONE), "").expect("marker");
        return true;
    }
    if module_or_skip(what).is_none() {
        return false;
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let tokens = dir.path().join("tokens");
    fs::create_dir(&tokens).expect("token directory");
    let conf = dir.path().join("softhsm2.conf");
    fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n\
             slots.removable = false\nslots.mechanisms = {mechanisms}\n",
            tokens.display()
        ),
    )
    .expect("configuration");
    let status = Command::new(env::current_exe().expect("test binary"))
        .args(args)
        .env("SOFTHSM2_CONF", &conf)
        .env(CHILD_DIR, dir.path())
        .status()
        .expect("the test binary starts again");
    assert!(
        status.success(),
        "{what} failed in its SoftHSM2 process ({status})"
    );
    assert!(
        dir.path().join(DONE).exists(),
        "{what} did not run in its SoftHSM2 process"
    );
    true
}

/// Runs the test `name` of this binary in its own SoftHSM2 process.
pub fn test_in_softhsm(name: &str, mechanisms: &str, body: impl FnOnce(&TestToken)) {
    let args = [name, "--exact", "--nocapture", "--test-threads=1"].map(str::to_owned);
    in_softhsm(name, &args, mechanisms, body);
}

/// The initialised test token, in the child process.
#[derive(Debug)]
pub struct TestToken {
    module: PathBuf,
    pkcs11: Pkcs11,
}

impl TestToken {
    fn create(module: PathBuf) -> Self {
        let pkcs11 = Pkcs11::new(&module).expect("module loads");
        pkcs11
            .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .expect("initialise");
        let slot = pkcs11.get_slots_with_token().expect("slots")[0];
        let so_pin = AuthPin::new(SO_PIN.into());
        pkcs11.init_token(slot, &so_pin, TOKEN).expect("init token");
        let session = pkcs11.open_rw_session(slot).expect("session");
        session
            .login(UserType::So, Some(&so_pin))
            .expect("SO login");
        session
            .init_pin(&AuthPin::new(PIN.into()))
            .expect("user PIN");
        session.logout().expect("logout");
        Self { module, pkcs11 }
    }

    /// The module's path.
    pub fn module(&self) -> &Path {
        &self.module
    }

    /// A signer builder for `key` on the test token with the right PIN.
    pub fn signer(&self, key: KeySelector) -> Pkcs11SignerBuilder {
        Pkcs11Signer::builder(&self.module, key)
            .token_label(TOKEN)
            .pin(PIN)
    }

    fn slot(&self) -> Slot {
        // SoftHSM2 gives an initialised token a slot id of its own.
        self.pkcs11
            .get_slots_with_token()
            .expect("slots")
            .into_iter()
            .find(|&slot| self.pkcs11.get_token_info(slot).expect("token").label() == TOKEN)
            .expect("the test token")
    }

    fn user_session(&self) -> Session {
        let session = self.pkcs11.open_rw_session(self.slot()).expect("session");
        match session.login(UserType::User, Some(&AuthPin::new(PIN.into()))) {
            // A signer of this process holds the token's login.
            Ok(()) | Err(Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => session,
            Err(e) => panic!("user login: {e}"),
        }
    }

    /// Generates a persistent RSA key pair of `bits` labelled `label` with id `id`.
    pub fn generate_rsa(&self, label: &str, id: &[u8], bits: u64, sign: bool) {
        self.generate(
            &Mechanism::RsaPkcsKeyPairGen,
            label,
            id,
            &[
                Attribute::ModulusBits(bits.into()),
                Attribute::PublicExponent(vec![0x01, 0x00, 0x01]),
            ],
            &[
                Attribute::Sensitive(true),
                Attribute::Extractable(false),
                Attribute::Sign(sign),
            ],
        );
    }

    /// Generates a persistent P-256 key pair labelled `label` with id `id`.
    pub fn generate_ec(&self, label: &str, id: &[u8]) {
        // DER of the OID 1.2.840.10045.3.1.7 (prime256v1).
        let p256 = vec![0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
        self.generate(
            &Mechanism::EccKeyPairGen,
            label,
            id,
            &[Attribute::EcParams(p256)],
            &[Attribute::Sign(true)],
        );
    }

    /// Deletes the private key labelled `label`.
    pub fn delete_private_key(&self, label: &str) {
        let session = self.user_session();
        let found = session
            .find_objects(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Label(label.as_bytes().to_vec()),
            ])
            .expect("find");
        for handle in found {
            session.destroy_object(handle).expect("delete");
        }
    }

    fn generate(
        &self,
        mechanism: &Mechanism<'_>,
        label: &str,
        id: &[u8],
        public: &[Attribute],
        private: &[Attribute],
    ) {
        let common = [
            Attribute::Token(true),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Id(id.to_vec()),
        ];
        let public = [&common[..], &[Attribute::Verify(true)], public].concat();
        let private = [&common[..], &[Attribute::Private(true)], private].concat();
        self.user_session()
            .generate_key_pair(mechanism, &public, &private)
            .expect("key pair");
    }
}
