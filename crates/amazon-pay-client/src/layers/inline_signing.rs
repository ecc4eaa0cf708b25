//! When a signature may run on the calling task instead of a signing thread.
//!
//! Handing a signature to a signing thread and back costs two thread wake-ups (the signing
//! thread's, then the calling task's worker), and on a virtual machine a wake-up of an idle
//! thread costs tens of microseconds of latency and CPU. When calls come one at a time that is
//! most of the client's own cost. So a signature runs on the calling task when both hold:
//!
//! - the call is the only one of its client in flight (counted from the sign layer to the
//!   response), so at most one signature of the client runs on a worker at any time and no other
//!   call of the client waits behind it;
//! - the signer has proven quick: at least [`WARM_UP`] signatures were measured (the first ones
//!   always go to the signing threads), their moving average is within the limit, and no
//!   signature ever took more than [`SLOW_FACTOR`] times the limit (a signer that blocks on a
//!   network or an HSM now and then never signs on a worker again). The very first signature
//!   is not counted: it pays the signer's one-time set-up (30 ms for a fresh aws-lc-rs key was
//!   measured, against 0.25 ms for the next ones).
//!
//! So an unrelated task on that worker waits for at most about one quick signature (the limit,
//! 500 µs by default), and only while the client has nothing else in flight; under load every
//! signature goes to the signing threads, which then take one job after another without parking.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// Signatures measured before any may run on the calling task, after the first one, which is
/// not counted.
pub(super) const WARM_UP: u32 = 8;

/// A signature slower than this many times the limit keeps every later one on the signing
/// threads.
pub(super) const SLOW_FACTOR: u64 = 10;

/// The default limit: a signature of at most this (on average) may run on the calling task.
pub(super) const DEFAULT_LIMIT: Duration = Duration::from_micros(500);

/// The in-flight count and the signer's measured speed, shared by every clone of one client.
#[derive(Debug)]
pub(super) struct InlineSigning {
    limit_ns: u64,
    in_flight: AtomicUsize,
    samples: AtomicU32,
    average_ns: AtomicU64,
    slow: AtomicBool,
}

/// A call in flight; counted until dropped.
#[derive(Debug)]
pub(super) struct InFlight {
    policy: Arc<InlineSigning>,
    alone: bool,
}

impl InFlight {
    /// Whether this call's signature may run on the calling task.
    pub(super) fn may_sign_inline(&self) -> bool {
        self.alone && self.policy.signer_is_quick()
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.policy.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

impl InlineSigning {
    /// A policy with `limit` (zero: every signature on the signing threads).
    pub(super) fn new(limit: Duration) -> Self {
        InlineSigning {
            limit_ns: u64::try_from(limit.as_nanos()).unwrap_or(u64::MAX),
            in_flight: AtomicUsize::new(0),
            samples: AtomicU32::new(0),
            average_ns: AtomicU64::new(0),
            slow: AtomicBool::new(false),
        }
    }

    /// Counts a call in flight until the returned guard is dropped.
    pub(super) fn enter(self: &Arc<Self>) -> InFlight {
        let before = self.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight {
            policy: Arc::clone(self),
            alone: before == 0,
        }
    }

    /// Records how long one signature took, wherever it ran.
    pub(super) fn record(&self, took: Duration) {
        let took = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        let seen = self
            .samples
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_add(1))
            .unwrap_or(u32::MAX);
        if seen == 0 {
            // The signer's one-time set-up.
            return;
        }
        if took > self.limit_ns.saturating_mul(SLOW_FACTOR) {
            self.slow.store(true, Ordering::Relaxed);
        }
        // A moving average over about the last eight signatures; concurrent updates may lose
        // one sample, which only delays the average a little.
        let average = if seen == 1 {
            took
        } else {
            let old = self.average_ns.load(Ordering::Relaxed);
            old - old / 8 + took / 8
        };
        self.average_ns.store(average, Ordering::Relaxed);
    }

    fn signer_is_quick(&self) -> bool {
        self.limit_ns > 0
            && self.samples.load(Ordering::Relaxed) > WARM_UP
            && !self.slow.load(Ordering::Relaxed)
            && self.average_ns.load(Ordering::Relaxed) <= self.limit_ns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy that saw a slow first signature, then `WARM_UP` of `each`.
    fn warmed(limit: Duration, each: Duration) -> Arc<InlineSigning> {
        let policy = Arc::new(InlineSigning::new(limit));
        policy.record(Duration::from_millis(30));
        for _ in 0..WARM_UP {
            policy.record(each);
        }
        policy
    }

    #[test]
    fn only_after_the_warm_up() {
        let policy = Arc::new(InlineSigning::new(DEFAULT_LIMIT));
        for _ in 0..WARM_UP {
            policy.record(Duration::from_micros(1));
            assert!(!policy.enter().may_sign_inline());
        }
        policy.record(Duration::from_micros(1));
        assert!(policy.enter().may_sign_inline());
    }

    #[test]
    fn only_for_the_one_call_in_flight() {
        let policy = warmed(DEFAULT_LIMIT, Duration::from_micros(1));
        let first = policy.enter();
        let second = policy.enter();
        assert!(first.may_sign_inline());
        assert!(!second.may_sign_inline());
        drop(first);
        // `second` entered while another call was in flight; the next alone one may again.
        assert!(!second.may_sign_inline());
        drop(second);
        assert!(policy.enter().may_sign_inline());
    }

    #[test]
    fn never_for_a_slow_signer_or_a_zero_limit() {
        let slow = warmed(DEFAULT_LIMIT, Duration::from_millis(3));
        assert!(!slow.enter().may_sign_inline());
        let off = warmed(Duration::ZERO, Duration::ZERO);
        assert!(!off.enter().may_sign_inline());
    }

    #[test]
    fn the_average_follows_the_signer() {
        let policy = warmed(DEFAULT_LIMIT, Duration::from_micros(300));
        assert!(policy.enter().may_sign_inline());
        for _ in 0..16 {
            policy.record(Duration::from_micros(900));
        }
        assert!(!policy.enter().may_sign_inline());
        for _ in 0..32 {
            policy.record(Duration::from_micros(200));
        }
        assert!(policy.enter().may_sign_inline());
    }

    #[test]
    fn one_very_slow_signature_ends_it_for_good() {
        let policy = warmed(DEFAULT_LIMIT, Duration::from_micros(1));
        policy.record(DEFAULT_LIMIT * (SLOW_FACTOR as u32 + 1));
        for _ in 0..64 {
            policy.record(Duration::from_micros(1));
        }
        assert!(!policy.enter().may_sign_inline());
    }
}
