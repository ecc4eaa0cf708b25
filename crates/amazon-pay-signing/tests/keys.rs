//! Key loading: every accepted format and a typed error for every unusable key.

mod common;

use amazon_pay_signing::{Algorithm, Backend, Error, PrivateKey, PublicKey, Signer};
use common::{data_bytes, data_path, data_text};

fn reference_public() -> PublicKey {
    PublicKey::from_pem(&data_text("test-rsa2048-public.pem")).expect("public key loads")
}

#[test]
fn every_format_of_the_test_key_loads_to_the_same_key() {
    let expected = reference_public();
    #[cfg_attr(not(feature = "encrypted-keys"), allow(unused_mut))]
    let mut keys = vec![
        (
            "pkcs8 pem",
            PrivateKey::from_pem(&data_text("test-rsa2048-pkcs8.pem")),
        ),
        (
            "pkcs1 pem",
            PrivateKey::from_pem(&data_text("test-rsa2048-pkcs1.pem")),
        ),
        (
            "pkcs8 der",
            PrivateKey::from_der(&data_bytes("test-rsa2048-pkcs8.der")),
        ),
        (
            "pkcs1 der",
            PrivateKey::from_der(&data_bytes("test-rsa2048-pkcs1.der")),
        ),
        (
            "pem file",
            PrivateKey::from_pem_file(data_path("test-rsa2048-pkcs8.pem")),
        ),
        (
            "der file",
            PrivateKey::from_pem_file(data_path("test-rsa2048-pkcs1.der")),
        ),
        (
            "path string",
            PrivateKey::from_pem_or_path(
                data_path("test-rsa2048-pkcs1.pem")
                    .to_str()
                    .expect("utf-8 path"),
            ),
        ),
        (
            "pem string",
            PrivateKey::from_pem_or_path(&data_text("test-rsa2048-pkcs8.pem")),
        ),
    ];
    #[cfg(feature = "encrypted-keys")]
    keys.push((
        "encrypted pkcs8",
        PrivateKey::from_encrypted_pem(&data_text("test-rsa2048-encrypted.pem"), "test-password"),
    ));
    for (label, key) in keys {
        let key = key.unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(key.public_key(), expected, "{label}");
        assert_eq!(key.bits(), 2048, "{label}");
        key.self_test().unwrap_or_else(|e| panic!("{label}: {e}"));
    }
}

#[test]
fn public_keys_load_from_spki_and_pkcs1_and_round_trip_to_pem() {
    let spki = reference_public();
    let pkcs1 =
        PublicKey::from_pem(&data_text("test-rsa2048-public-pkcs1.pem")).expect("pkcs1 public");
    assert_eq!(spki, pkcs1);
    let pem = spki.to_pem().expect("pem");
    assert_eq!(pem, data_text("test-rsa2048-public.pem"));
    assert_eq!(PublicKey::from_pem(&pem).expect("reload"), spki);
    assert_eq!(
        PublicKey::from_der(&spki.to_spki_der().expect("der")).expect("from der"),
        spki
    );
    assert_eq!(
        PublicKey::from_der(spki.to_pkcs1_der()).expect("from pkcs1 der"),
        spki
    );
}

#[test]
fn public_keys_build_from_modulus_and_exponent() {
    use pkcs1::RsaPublicKeyRef;
    use pkcs1::der::Decode as _;

    let key = reference_public();
    let parts = RsaPublicKeyRef::from_der(key.to_pkcs1_der()).expect("pkcs1");
    let (modulus, exponent) = (parts.modulus.as_bytes(), parts.public_exponent.as_bytes());
    let built = PublicKey::from_components(modulus, exponent).expect("components");
    assert_eq!(built, key);
    // Tokens may report the modulus with a leading zero byte.
    let padded = [&[0u8][..], modulus].concat();
    assert_eq!(
        PublicKey::from_components(&padded, exponent).expect("padded"),
        key
    );
    let short = PublicKey::from_components(&modulus[..128], exponent).expect_err("1024 bits");
    assert!(
        matches!(short, Error::KeyTooSmall { bits: 1024 }),
        "{short:?}"
    );
}

#[test]
fn pkcs8_export_reloads() {
    let key = PrivateKey::from_pem(&data_text("test-rsa2048-pkcs1.pem")).expect("loads");
    let pem = key.to_pkcs8_pem().expect("exports");
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(
        PrivateKey::from_pem(&pem).expect("reloads").public_key(),
        key.public_key()
    );
}

#[test]
fn openssh_key_is_refused_with_conversion_command() {
    let err = PrivateKey::from_pem(&data_text("test-openssh.key")).expect_err("refused");
    assert!(matches!(err, Error::OpenSshKey), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("ssh-keygen -p -m PKCS8 -f"), "{message}");
    assert!(message.contains("openssl genrsa"), "{message}");
    let err = PrivateKey::from_pem_file(data_path("test-openssh.key")).expect_err("refused");
    assert!(matches!(err, Error::OpenSshKey), "{err:?}");
}

#[test]
fn ec_keys_are_refused() {
    for file in ["test-ec-sec1.pem", "test-ec-pkcs8.pem"] {
        let err = PrivateKey::from_pem(&data_text(file)).expect_err("refused");
        assert!(matches!(err, Error::EcKey), "{file}: {err:?}");
        assert!(
            err.to_string()
                .contains("openssl genrsa -out private.pem 2048")
        );
    }
}

#[test]
fn short_rsa_key_is_refused_with_its_size() {
    let err = PrivateKey::from_pem(&data_text("test-rsa1024.pem")).expect_err("refused");
    assert!(matches!(err, Error::KeyTooSmall { bits: 1024 }), "{err:?}");
    assert!(err.to_string().contains("1024"));
}

#[test]
fn public_key_where_private_belongs_is_refused() {
    for file in ["test-rsa2048-public.pem", "test-rsa2048-public-pkcs1.pem"] {
        let err = PrivateKey::from_pem(&data_text(file)).expect_err("refused");
        assert!(
            matches!(err, Error::PublicKeyGiven { .. }),
            "{file}: {err:?}"
        );
    }
    let public_der = reference_public().to_spki_der().expect("der");
    let err = PrivateKey::from_der(&public_der).expect_err("refused");
    assert!(matches!(err, Error::PublicKeyGiven { .. }), "{err:?}");
}

#[test]
fn private_key_where_public_belongs_is_refused() {
    let err = PublicKey::from_pem(&data_text("test-rsa2048-pkcs8.pem")).expect_err("refused");
    assert!(matches!(err, Error::InvalidPublicKey { .. }), "{err:?}");
    assert!(err.to_string().contains("-pubout"));
}

#[test]
fn garbage_is_refused() {
    let err = PrivateKey::from_pem(&data_text("test-garbage.txt")).expect_err("refused");
    assert!(matches!(err, Error::InvalidKey { .. }), "{err:?}");
    let err = PrivateKey::from_der(&data_bytes("test-garbage.txt")).expect_err("refused");
    assert!(matches!(err, Error::InvalidKey { .. }), "{err:?}");
    let damaged = data_text("test-rsa2048-pkcs8.pem").replacen('M', "*", 3);
    let err = PrivateKey::from_pem(&damaged).expect_err("refused");
    assert!(matches!(err, Error::InvalidKey { .. }), "{err:?}");
}

#[cfg(feature = "encrypted-keys")]
#[test]
fn encrypted_key_needs_the_right_password() {
    let pem = data_text("test-rsa2048-encrypted.pem");
    let err = PrivateKey::from_pem(&pem).expect_err("needs a password");
    assert!(matches!(err, Error::EncryptedKey), "{err:?}");
    assert!(err.to_string().contains("from_encrypted_pem"));
    let err = PrivateKey::from_encrypted_pem(&pem, "wrong").expect_err("wrong password");
    assert!(matches!(err, Error::KeyDecryption), "{err:?}");
}

#[cfg(not(feature = "encrypted-keys"))]
#[test]
fn encrypted_keys_without_the_feature_name_it() {
    let pem = data_text("test-rsa2048-encrypted.pem");
    for err in [
        PrivateKey::from_pem(&pem).expect_err("refused"),
        PrivateKey::from_encrypted_pem(&pem, "test-password").expect_err("refused"),
    ] {
        assert!(matches!(err, Error::EncryptedKeysFeatureOff), "{err:?}");
        assert!(
            err.to_string().contains("`encrypted-keys` feature"),
            "{err}"
        );
    }
}

#[test]
fn legacy_encrypted_pem_is_refused_with_conversion_command() {
    let err = PrivateKey::from_pem(&data_text("test-legacy-encrypted.pem")).expect_err("refused");
    assert!(matches!(err, Error::LegacyEncryptedKey), "{err:?}");
    assert!(err.to_string().contains("openssl pkcs8 -topk8"));
}

#[test]
fn missing_file_is_a_key_file_error() {
    let err = PrivateKey::from_pem_or_path("/nonexistent/private.pem").expect_err("missing");
    assert!(matches!(err, Error::KeyFile { .. }), "{err:?}");
    // The operating system's answer is the source, matchable by type, and not repeated by
    // `Display`.
    let cause = std::error::Error::source(&err).expect("a cause");
    let io = cause
        .downcast_ref::<std::io::Error>()
        .expect("the I/O error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    let text = err.to_string();
    assert!(text.contains("/nonexistent/private.pem"), "{text}");
    assert!(!text.contains(&io.to_string()), "{text}");
}

#[test]
fn debug_and_errors_never_show_key_material() {
    let pem = data_text("test-rsa2048-pkcs8.pem");
    let key = PrivateKey::from_pem(&pem).expect("loads");
    let debug = format!("{key:?}");
    assert!(debug.contains("<redacted>"), "{debug}");
    // No run of the key's Base64 body appears in Debug output.
    let body_line = pem.lines().nth(1).expect("body line");
    assert!(!debug.contains(&body_line[..16]), "{debug}");
    let damaged = pem.replacen('M', "*", 3);
    let message = PrivateKey::from_pem(&damaged)
        .expect_err("refused")
        .to_string();
    assert!(!message.contains(&body_line[..16]), "{message}");
}

#[test]
fn clones_share_material_and_sign_alike() {
    let key = common::test_key();
    let clone = key.clone();
    let signature = clone.sign(Algorithm::V2, b"message").expect("signs");
    key.public_key()
        .verify(Algorithm::V2, b"message", &signature)
        .expect("verifies");
}

#[test]
fn unavailable_backend_is_reported() {
    let key = common::test_key();
    for backend in [Backend::AwsLc, Backend::RustCrypto] {
        let result = key.with_backend(backend);
        if backend.is_available() {
            assert_eq!(result.expect("available").backend(), backend);
        } else {
            assert!(matches!(result, Err(Error::BackendUnavailable(_))));
        }
    }
}

#[test]
fn generated_keys_are_2048_bits_and_work() {
    let key = PrivateKey::generate_2048().expect("generates");
    assert_eq!(key.bits(), 2048);
    key.self_test().expect("self test");
}
