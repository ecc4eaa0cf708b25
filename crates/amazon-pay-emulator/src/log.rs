//! The log of received requests, for tests to inspect.

use std::collections::VecDeque;

use serde::Serialize;

/// How the emulator judged a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Verdict {
    /// Verified and processed with a 2xx or 3xx answer.
    Accepted,
    /// Answered with an error status by the emulated service.
    Rejected,
    /// Hit by an injected fault.
    Fault,
}

/// One received API request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestRecord {
    /// Sequence number, from 1.
    pub seq: u64,
    /// HTTP method.
    pub method: String,
    /// The path as received, with buyer and MWS tokens redacted.
    pub path: String,
    /// The operation name (`CreateCheckoutSession`, …), when the path names one.
    pub operation: Option<String>,
    /// The operation's path template (`/v2/charges/{chargeId}`), when the path names one.
    pub path_template: Option<String>,
    /// The `x-amz-pay-idempotency-key` header, if sent.
    pub idempotency_key: Option<String>,
    /// The status answered (0 when the connection was dropped).
    pub status: u16,
    /// The `reasonCode` of an error answer.
    pub reason_code: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The injected fault, e.g. `status 503 before`, `drop after`.
    pub fault: Option<String>,
    /// Whether a saved idempotent answer was replayed.
    pub replayed: bool,
}

/// A bounded log.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: VecDeque<RequestRecord>,
    cap: usize,
    seq: u64,
}

impl RequestLog {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            entries: VecDeque::new(),
            cap: cap.max(1),
            seq: 0,
        }
    }

    pub(crate) fn push(&mut self, mut record: RequestRecord) {
        self.seq += 1;
        record.seq = self.seq;
        if self.entries.len() == self.cap {
            self.entries.pop_front();
        }
        self.entries.push_back(record);
    }

    pub(crate) fn all(&self) -> Vec<RequestRecord> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}
