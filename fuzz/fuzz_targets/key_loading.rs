//! Key loading on arbitrary bytes: `PrivateKey::from_pem` / `from_der` and
//! `PublicKey::from_pem` / `from_der` return a typed error or a key, never panic.
//!
//! A key that loads must re-export and reload to the same public key, be at
//! least 2048 bits (shorter RSA keys are refused), load into every compiled-in
//! backend without panicking, and keep its material out of `Debug`.

#![no_main]

use amazon_pay_signing::{Backend, PrivateKey, PublicKey};
use libfuzzer_sys::fuzz_target;

fn check_private(key: &PrivateKey) {
    assert!(key.bits() >= 2048, "a {}-bit key was accepted", key.bits());
    let public = key.public_key();
    let pem = key.to_pkcs8_pem().expect("a loaded key exports as PKCS#8");
    let again = PrivateKey::from_pem(&pem).expect("an exported key loads again");
    assert_eq!(again.public_key().to_pkcs1_der(), public.to_pkcs1_der());
    let debug = format!("{key:?}");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(
        !debug.contains(&body[..body.len().min(64)]),
        "Debug shows key material"
    );
    for backend in Backend::available() {
        // Either backend may refuse a key the other takes; neither may panic.
        let _ = key.with_backend(backend);
    }
    check_public(&public);
}

fn check_public(key: &PublicKey) {
    let der = key
        .to_spki_der()
        .expect("a loaded public key exports as SPKI");
    let again = PublicKey::from_der(&der).expect("an exported public key loads again");
    assert_eq!(again.to_pkcs1_der(), key.to_pkcs1_der());
    let pem = key.to_pem().expect("a loaded public key exports as PEM");
    let again = PublicKey::from_pem(&pem).expect("an exported PEM public key loads again");
    assert_eq!(again.to_pkcs1_der(), key.to_pkcs1_der());
    assert_eq!(again.bits(), key.bits());
}

fuzz_target!(|data: &[u8]| {
    if let Ok(key) = PrivateKey::from_der(data) {
        check_private(&key);
    }
    if let Ok(key) = PublicKey::from_der(data) {
        check_public(&key);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(key) = PrivateKey::from_pem(text) {
            check_private(&key);
        }
        if let Ok(key) = PublicKey::from_pem(text) {
            check_public(&key);
        }
    }
});
