//! Fault injection: answer 429/500/503, delay, or drop the connection, for the next N requests
//! or a seeded fraction of them, before or after the request is processed.

use std::time::Duration;

use http::Method;
use serde::{Deserialize, Serialize};

use crate::ids::IdGen;

/// What a fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FaultAction {
    /// Answer this status with an error body (`429 TooManyRequests`, `500 InternalServerError`,
    /// `503 ServiceUnavailable`, or `reasonCode` `InjectedFault` for other statuses).
    Status(u16),
    /// Wait this long, then carry on.
    #[serde(with = "millis")]
    Delay(Duration),
    /// Close the connection without an answer.
    Drop,
    /// Send the answer with its body cut to its first half (a success whose body does not
    /// parse). Only meaningful after processing; before, it acts like no fault.
    TruncateBody,
}

/// When a fault strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FaultTiming {
    /// Before the request is processed: nothing changes on the emulator.
    #[default]
    Before,
    /// After the request is processed: the state changed but the answer is lost or late.
    After,
}

/// Which matching requests a fault hits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FaultTrigger {
    /// The next `n` matching requests.
    Next(u32),
    /// Each matching request with this probability, drawn from a generator seeded with `seed`.
    Fraction {
        /// Probability in `0.0..=1.0`.
        fraction: f64,
        /// The seed, so a test run repeats exactly.
        seed: u64,
    },
}

/// A fault rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// A glob over the request path (`*` matches any run of characters), e.g. `*/charges*`.
    pub path: String,
    /// Only requests with this method; any method when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// What happens.
    pub action: FaultAction,
    /// Before or after processing.
    #[serde(default)]
    pub timing: FaultTiming,
    /// Which requests.
    pub trigger: FaultTrigger,
}

impl Fault {
    fn new(action: FaultAction) -> Self {
        Self {
            path: "*".into(),
            method: None,
            action,
            timing: FaultTiming::Before,
            trigger: FaultTrigger::Next(1),
        }
    }

    /// Answer `status` (e.g. 429, 500, 503).
    pub fn status(status: u16) -> Self {
        Self::new(FaultAction::Status(status))
    }

    /// Delay the answer by `by`.
    pub fn delay(by: Duration) -> Self {
        Self::new(FaultAction::Delay(by))
    }

    /// Drop the connection.
    pub fn drop_connection() -> Self {
        Self::new(FaultAction::Drop)
    }

    /// Cut the answer's body in half, after processing.
    pub fn truncate_body() -> Self {
        Self::new(FaultAction::TruncateBody).after_processing()
    }

    /// Only paths matching this glob (default `*`).
    pub fn on(mut self, path_glob: impl Into<String>) -> Self {
        self.path = path_glob.into();
        self
    }

    /// Only this method.
    pub fn method(mut self, method: Method) -> Self {
        self.method = Some(method.as_str().to_owned());
        self
    }

    /// Strike after processing (the request takes effect; the answer is lost or late).
    pub fn after_processing(mut self) -> Self {
        self.timing = FaultTiming::After;
        self
    }

    /// Hit the next `n` matching requests (default 1).
    pub fn times(mut self, n: u32) -> Self {
        self.trigger = FaultTrigger::Next(n);
        self
    }

    /// Hit a seeded fraction of matching requests, until removed.
    pub fn fraction(mut self, fraction: f64, seed: u64) -> Self {
        self.trigger = FaultTrigger::Fraction { fraction, seed };
        self
    }
}

/// The id of an injected fault, to remove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FaultId(pub u64);

#[derive(Debug)]
struct Rule {
    id: FaultId,
    fault: Fault,
    remaining: Option<u32>,
    rng: Option<IdGen>,
}

/// The active fault rules.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<Rule>,
    next_id: u64,
}

impl Faults {
    pub(crate) fn inject(&mut self, fault: Fault) -> FaultId {
        self.next_id += 1;
        let id = FaultId(self.next_id);
        let (remaining, rng) = match fault.trigger {
            FaultTrigger::Next(n) => (Some(n), None),
            FaultTrigger::Fraction { seed, .. } => (None, Some(IdGen::new(Some(seed)))),
        };
        self.rules.push(Rule {
            id,
            fault,
            remaining,
            rng,
        });
        id
    }

    pub(crate) fn remove(&mut self, id: FaultId) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        before != self.rules.len()
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    pub(crate) fn list(&self) -> Vec<(FaultId, Fault)> {
        self.rules.iter().map(|r| (r.id, r.fault.clone())).collect()
    }

    /// The action of the first rule that strikes this request, if any.
    pub(crate) fn decide(
        &mut self,
        method: &Method,
        path: &str,
        timing: FaultTiming,
    ) -> Option<FaultAction> {
        let mut hit = None;
        for rule in &mut self.rules {
            let f = &rule.fault;
            if f.timing != timing
                || f.method
                    .as_deref()
                    .is_some_and(|m| !m.eq_ignore_ascii_case(method.as_str()))
                || !glob(&f.path, path)
            {
                continue;
            }
            let strikes = match (&mut rule.remaining, &mut rule.rng, f.trigger) {
                (Some(n), _, _) => {
                    *n > 0 && {
                        *n -= 1;
                        true
                    }
                }
                (None, Some(rng), FaultTrigger::Fraction { fraction, .. }) => {
                    rng.fraction() < fraction
                }
                _ => false,
            };
            if strikes {
                hit = Some(f.action);
                break;
            }
        }
        self.rules.retain(|r| r.remaining != Some(0));
        hit
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first)
        || !text[first.len()..].ends_with(last)
        || text.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*", "/v2/charges"));
        assert!(glob("*/charges*", "/sandbox/v2/charges/S01/capture"));
        assert!(glob("/v2/charges", "/v2/charges"));
        assert!(!glob("*/refunds*", "/v2/charges"));
        assert!(glob("/v2/*/capture", "/v2/charges/x/capture"));
        assert!(!glob("a*a", "a"));
    }

    #[test]
    fn next_n_strikes_n_times_then_disappears() {
        let mut f = Faults::default();
        f.inject(Fault::status(503).on("*/charges*").times(2));
        let hit = |f: &mut Faults, p: &str| f.decide(&Method::POST, p, FaultTiming::Before);
        assert_eq!(hit(&mut f, "/v2/refunds"), None);
        assert_eq!(hit(&mut f, "/v2/charges"), Some(FaultAction::Status(503)));
        assert_eq!(
            f.decide(&Method::POST, "/v2/charges", FaultTiming::After),
            None
        );
        assert_eq!(hit(&mut f, "/v2/charges"), Some(FaultAction::Status(503)));
        assert_eq!(hit(&mut f, "/v2/charges"), None);
        assert!(f.list().is_empty());
    }

    #[test]
    fn seeded_fractions_repeat() {
        let run = || {
            let mut f = Faults::default();
            f.inject(Fault::drop_connection().fraction(0.5, 42));
            (0..64)
                .map(|_| {
                    f.decide(&Method::GET, "/v2/x", FaultTiming::Before)
                        .is_some()
                })
                .collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let hits = a.iter().filter(|h| **h).count();
        assert!((10..54).contains(&hits), "{hits}");
    }

    #[test]
    fn admin_json_round_trips() {
        let f = Fault::delay(Duration::from_millis(250))
            .on("*/capture")
            .method(Method::POST)
            .after_processing()
            .fraction(0.25, 3);
        let json = serde_json::to_string(&f).expect("serialize");
        assert_eq!(serde_json::from_str::<Fault>(&json).expect("parse"), f);
        let parsed: Fault =
            serde_json::from_str(r#"{"path":"*","action":{"status":429},"trigger":{"next":3}}"#)
                .expect("parse");
        assert_eq!(parsed, Fault::status(429).times(3));
        let parsed: Fault = serde_json::from_str(
            r#"{"path":"*","action":"drop","timing":"after","trigger":{"next":1}}"#,
        )
        .expect("parse");
        assert_eq!(parsed, Fault::drop_connection().after_processing());
    }
}
