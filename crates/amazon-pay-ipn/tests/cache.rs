//! The certificate cache: time-to-live, `notAfter`, capacity.

mod support;

use std::sync::Arc;
use std::time::Duration;

use amazon_pay_ipn::{CertificateCache, SigningCertificate};
use support::*;

fn certificate(pem: &str) -> Arc<SigningCertificate> {
    Arc::new(SigningCertificate::parse(pem.as_bytes()).expect("certificate"))
}

#[test]
fn entries_expire_after_the_ttl() {
    let mut cache = CertificateCache::new(4, Duration::from_secs(60));
    cache.insert("a", certificate(&pki().chain_pem), now());
    assert!(cache.get("a", now() + Duration::from_secs(59)).is_some());
    assert!(cache.get("a", now() + Duration::from_secs(60)).is_none());
    assert!(cache.is_empty());
}

#[test]
fn entries_never_outlive_the_certificate() {
    let mut cache = CertificateCache::new(4, Duration::from_secs(3600));
    // The expired certificate is not even stored.
    cache.insert("old", certificate(&pki().expired_chain_pem), now());
    assert!(cache.get("old", now()).is_none());
    let valid = certificate(&pki().chain_pem);
    let just_before_the_end = valid.not_after() - Duration::from_secs(10);
    cache.insert("a", Arc::clone(&valid), just_before_the_end);
    assert!(cache.get("a", just_before_the_end).is_some());
    assert!(cache.get("a", valid.not_after()).is_none());
}

#[test]
fn the_oldest_entry_is_evicted_when_full() {
    let mut cache = CertificateCache::new(2, Duration::from_secs(3600));
    cache.insert("a", certificate(&pki().chain_pem), now());
    cache.insert("b", certificate(&pki().chain_pem), now());
    cache.insert("c", certificate(&pki().chain_pem), now());
    assert_eq!(cache.len(), 2);
    assert!(cache.get("a", now()).is_none());
    assert!(cache.get("b", now()).is_some());
    assert!(cache.get("c", now()).is_some());
    cache.remove("b");
    assert!(cache.get("b", now()).is_none());
}
