//! Idempotency keys: the same key and request replay the saved answer; the same key with a
//! different request is `400 DuplicateIdempotencyKey`.

use bytes::Bytes;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::state::Table;

/// A saved answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SavedAnswer {
    pub(crate) status: u16,
    pub(crate) body: Bytes,
    pub(crate) location: Option<String>,
}

#[derive(Debug)]
struct Entry {
    fingerprint: [u8; 32],
    answer: SavedAnswer,
}

/// Keys seen, bounded.
#[derive(Debug)]
pub(crate) struct Idempotency {
    entries: Table<Entry>,
}

/// What a key lookup found.
#[derive(Debug)]
pub(crate) enum Lookup {
    New,
    Replay(SavedAnswer),
}

/// Checks the header value: 1 to 32 characters of `[A-Za-z0-9_-]`.
pub(crate) fn validate_key(key: &str) -> ApiResult<()> {
    if key.is_empty() {
        return Err(ApiError::bad_request(
            "MissingHeaderValue",
            "The x-amz-pay-idempotency-key header is empty",
        ));
    }
    if key.len() > 32 {
        return Err(ApiError::bad_request(
            "InvalidHeaderValue",
            format!(
                "The x-amz-pay-idempotency-key must be at most 32 characters; it has {}",
                key.len()
            ),
        ));
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(ApiError::bad_request(
            "InvalidHeaderValue",
            "The x-amz-pay-idempotency-key may contain only letters, digits, '-' and '_'",
        ));
    }
    Ok(())
}

/// The fingerprint of a request: operation target and exact body.
pub(crate) fn fingerprint(method: &str, target: &str, body: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(target.as_bytes());
    h.update([0]);
    h.update(body);
    h.finalize().into()
}

impl Idempotency {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            entries: Table::new(cap),
        }
    }

    pub(crate) fn lookup(&self, key: &str, fingerprint: &[u8; 32]) -> ApiResult<Lookup> {
        match self.entries.get(key) {
            None => Ok(Lookup::New),
            Some(e) if &e.fingerprint == fingerprint => Ok(Lookup::Replay(e.answer.clone())),
            Some(_) => Err(ApiError::bad_request(
                "DuplicateIdempotencyKey",
                format!("The idempotency key {key} was already used with a different request"),
            )),
        }
    }

    pub(crate) fn save(&mut self, key: &str, fingerprint: [u8; 32], answer: SavedAnswer) {
        self.entries.insert(
            key.to_owned(),
            Entry {
                fingerprint,
                answer,
            },
        );
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replays_same_and_rejects_different() {
        let mut i = Idempotency::new(8);
        let a = fingerprint("POST", "/v2/charges", b"{}");
        let b = fingerprint("POST", "/v2/charges", b"{ }");
        assert!(matches!(i.lookup("k", &a), Ok(Lookup::New)));
        let answer = SavedAnswer {
            status: 201,
            body: Bytes::from_static(b"{}"),
            location: None,
        };
        i.save("k", a, answer.clone());
        assert!(matches!(i.lookup("k", &a), Ok(Lookup::Replay(x)) if x == answer));
        assert_eq!(
            i.lookup("k", &b)
                .map(|_| ())
                .expect_err("conflict")
                .reason_code,
            "DuplicateIdempotencyKey"
        );
    }

    #[test]
    fn validates_keys() {
        assert!(validate_key("0123456789abcdef0123456789abcdef").is_ok());
        assert_eq!(
            validate_key(&"a".repeat(33))
                .expect_err("too long")
                .reason_code,
            "InvalidHeaderValue"
        );
        assert_eq!(
            validate_key("a b").expect_err("space").reason_code,
            "InvalidHeaderValue"
        );
    }
}
