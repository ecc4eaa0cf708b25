//! A bounded, expiring cache of signing certificates keyed by URL.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::certificate::SigningCertificate;

/// Certificates by URL, each kept until the earlier of its `notAfter` and the time-to-live,
/// with at most `capacity` entries (the oldest insertion is evicted first).
///
/// The cache holds no clock: every call takes `now`. Only put certificates fetched from URLs
/// that passed [`UrlPolicy::check_signing_cert_url`](crate::UrlPolicy::check_signing_cert_url);
/// failed fetches are never cached.
#[derive(Debug, Clone)]
pub struct CertificateCache {
    entries: HashMap<String, Entry>,
    capacity: usize,
    ttl: Duration,
    next_sequence: u64,
}

#[derive(Debug, Clone)]
struct Entry {
    certificate: Arc<SigningCertificate>,
    expires_at: SystemTime,
    sequence: u64,
}

impl Default for CertificateCache {
    /// 32 entries for 24 hours.
    fn default() -> Self {
        Self::new(32, Duration::from_secs(24 * 60 * 60))
    }
}

impl CertificateCache {
    /// A cache of at most `capacity` certificates (at least one), each kept at most `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            entries: HashMap::new(),
            capacity: capacity.max(1),
            ttl,
            next_sequence: 0,
        }
    }

    /// The certificate cached for `url`, unless it expired (an expired entry is dropped).
    pub fn get(&mut self, url: &str, now: SystemTime) -> Option<Arc<SigningCertificate>> {
        let entry = self.entries.get(url)?;
        if now >= entry.expires_at {
            self.entries.remove(url);
            return None;
        }
        Some(Arc::clone(&entry.certificate))
    }

    /// Stores `certificate` for `url`, evicting expired entries, then the oldest, when full.
    pub fn insert(
        &mut self,
        url: impl Into<String>,
        certificate: Arc<SigningCertificate>,
        now: SystemTime,
    ) {
        let url = url.into();
        let expires_at = now
            .checked_add(self.ttl)
            .map_or(certificate.not_after(), |limit| {
                limit.min(certificate.not_after())
            });
        if expires_at <= now {
            return;
        }
        self.entries.remove(&url);
        self.entries.retain(|_, entry| entry.expires_at > now);
        while self.entries.len() >= self.capacity {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, entry)| entry.sequence)
                .map(|(key, _)| key.clone());
            match oldest {
                Some(key) => self.entries.remove(&key),
                None => break,
            };
        }
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        self.entries.insert(
            url,
            Entry {
                certificate,
                expires_at,
                sequence,
            },
        );
    }

    /// Drops the entry for `url` (for example after its certificate failed the trust checks).
    pub fn remove(&mut self, url: &str) {
        self.entries.remove(url);
    }

    /// Number of entries, expired ones included until they are touched.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the cache holds no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
