//! The shared state of a running emulator.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::auth::{HostRules, Keys};
use crate::clock::Clock;
use crate::faults::Faults;
use crate::idempotency::Idempotency;
use crate::ipn::Ipn;
use crate::log::RequestLog;
use crate::pki::Pki;
use crate::state::Store;

/// The mutable objects, behind one lock so idempotent replays and state changes are atomic.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) store: Store,
    pub(crate) idempotency: Idempotency,
}

/// Everything the handlers share.
#[derive(Debug)]
pub(crate) struct App {
    pub(crate) state: Mutex<State>,
    pub(crate) keys: Keys,
    pub(crate) hosts: HostRules,
    pub(crate) clock: Clock,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) log: Mutex<RequestLog>,
    pub(crate) pki: std::sync::Arc<Pki>,
    pub(crate) ipn: Ipn,
    pub(crate) base_url: String,
    pub(crate) merchant_id: String,
    pub(crate) store_id: String,
    pub(crate) public_key_id: String,
    pub(crate) request_seq: AtomicU64,
    pub(crate) request_id_prefix: String,
}

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl App {
    /// A fresh `x-amz-pay-request-id`.
    pub(crate) fn request_id(&self) -> String {
        let n = self.request_seq.fetch_add(1, Ordering::Relaxed);
        format!("{}{n:012x}", self.request_id_prefix)
    }

    /// Applies due transitions and sends the notifications they cause.
    pub(crate) fn tick(&self) {
        let now = self.clock.now();
        let changes = {
            let mut st = lock(&self.state);
            st.store.advance_to(now);
            st.store.take_changes()
        };
        self.ipn.notify(changes, now);
    }

    pub(crate) fn advance(&self, by: Duration) {
        self.clock.advance(by);
        self.tick();
    }

    pub(crate) fn reset(&self) {
        {
            let mut st = lock(&self.state);
            st.store.reset();
            st.idempotency.clear();
        }
        lock(&self.faults).clear();
        lock(&self.log).clear();
        self.ipn.clear_log();
        self.clock.reset();
    }
}
