//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use amazon_pay_signing::{Backend, PrivateKey};
use serde::Deserialize;

/// 2024-01-02T03:04:05Z, the time of the worked vectors. Tests never read the clock.
pub fn fixed_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_704_164_645)
}

pub fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn data_text(name: &str) -> String {
    std::fs::read_to_string(data_path(name)).expect("test data file is readable")
}

pub fn data_bytes(name: &str) -> Vec<u8> {
    std::fs::read(data_path(name)).expect("test data file is readable")
}

/// The main test key (PKCS#8 PEM) with the preferred backend.
pub fn test_key() -> PrivateKey {
    PrivateKey::from_pem(&data_text("test-rsa2048-pkcs8.pem")).expect("test key loads")
}

/// The main test key in every format and backend: (label, key).
pub fn test_keys_all_formats_and_backends() -> Vec<(String, PrivateKey)> {
    let formats = [
        (
            "pkcs8",
            PrivateKey::from_pem(&data_text("test-rsa2048-pkcs8.pem")),
        ),
        (
            "pkcs1",
            PrivateKey::from_pem(&data_text("test-rsa2048-pkcs1.pem")),
        ),
    ];
    let mut out = Vec::new();
    for (format, key) in formats {
        let key = key.expect("test key loads");
        for backend in Backend::available() {
            out.push((
                format!("{format}/{backend}"),
                key.with_backend(backend).expect("backend available"),
            ));
        }
    }
    out
}

#[derive(Debug, Deserialize)]
pub struct Vectors {
    pub source: String,
    pub cases: Vec<Case>,
    pub button: Vec<ButtonCase>,
    pub interop_signatures: Interop,
}

#[derive(Debug, Deserialize)]
pub struct Case {
    pub id: String,
    pub suite: String,
    pub inputs: CaseInputs,
    pub expected: CaseExpected,
}

#[derive(Debug, Deserialize)]
pub struct CaseInputs {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub body_sha256: Option<String>,
    pub algorithm: String,
}

#[derive(Debug, Deserialize)]
pub struct CaseExpected {
    pub canonical_request: String,
    pub canonical_request_sha256: String,
    pub string_to_sign: String,
}

#[derive(Debug, Deserialize)]
pub struct ButtonCase {
    pub id: String,
    pub inputs: ButtonInputs,
    pub expected: ButtonExpected,
}

#[derive(Debug, Deserialize)]
pub struct ButtonInputs {
    pub payload: String,
    pub algorithm: String,
}

#[derive(Debug, Deserialize)]
pub struct ButtonExpected {
    pub payload_sha256: String,
    pub string_to_sign: String,
}

#[derive(Debug, Deserialize)]
pub struct Interop {
    pub public_key_spki_pem: String,
    pub signatures: Vec<InteropSignature>,
}

#[derive(Debug, Deserialize)]
pub struct InteropSignature {
    pub case_id: String,
    pub algorithm: String,
    pub signature_base64: String,
    pub must_verify_with_salt: usize,
    pub must_fail_with_salt: usize,
}

pub fn vectors() -> Vectors {
    serde_json::from_str(include_str!("../data/canonical.json")).expect("vector file parses")
}

impl CaseInputs {
    pub fn query_refs(&self) -> Vec<(&str, &str)> {
        self.query
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    pub fn header_refs(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

/// A line-by-line diff for readable failures.
pub fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    let e: Vec<&str> = expected.split('\n').collect();
    let a: Vec<&str> = actual.split('\n').collect();
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        if el == al {
            out.push_str(&format!("  {}\n", el.unwrap_or("")));
        } else {
            out.push_str(&format!("- {:?}\n+ {:?}\n", el, al));
        }
    }
    out
}
