//! Progress markers on standard output, for a parent process that kills the payment worker at
//! chosen instants (`cargo xtask crash-soak`): one line per phase of each payment step,
//! `step sent|answered|committed REFERENCE STEP`, and `idle` once every order is final. Off
//! unless [`enable_step_markers`] was called.

use std::sync::atomic::{AtomicBool, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Where a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The step is claimed and its call about to leave (the outcome becomes unknown).
    Sent,
    /// The answer arrived and is not committed yet.
    Answered,
    /// The answer is committed.
    Committed,
}

impl Phase {
    fn as_str(self) -> &'static str {
        match self {
            Phase::Sent => "sent",
            Phase::Answered => "answered",
            Phase::Committed => "committed",
        }
    }
}

/// Prints the markers from now on (the payment worker's `--markers`).
pub fn enable_step_markers() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// `step PHASE REFERENCE STEP`.
pub(crate) fn mark(phase: Phase, reference: &str, step: &str) {
    if ENABLED.load(Ordering::Relaxed) {
        println!("step {} {reference} {step}", phase.as_str());
    }
}

/// `idle`: no order left to drive.
pub(crate) fn idle() {
    if ENABLED.load(Ordering::Relaxed) {
        println!("idle");
    }
}
