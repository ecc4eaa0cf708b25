//! The soak's audit: the caller's ledger and the client's errors against the emulator's objects
//! and request log, and the summary table.

use std::collections::{BTreeMap, HashMap, HashSet};

use amazon_pay_emulator::RequestRecord;
use serde_json::Value;

use super::payment::{Payment, Step, StepError};

/// A payment step that failed, as the client reported it.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) index: usize,
    pub(crate) step: Step,
    /// The client's error kind (`Transport`, `Timeout`, `Service`, …) or `harness`.
    pub(crate) kind: String,
    pub(crate) status: Option<u16>,
    pub(crate) retryable: bool,
    /// The idempotency key the error carried.
    pub(crate) error_key: Option<String>,
    pub(crate) attempts: u32,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(index: usize, step: Step, error: StepError) -> Self {
        match error {
            StepError::Client(e) => Failure {
                index,
                step,
                kind: format!("{:?}", e.kind()),
                status: e.status().map(|s| s.as_u16()),
                retryable: e.is_retryable(),
                error_key: e.idempotency_key().map(str::to_owned),
                attempts: e.attempts(),
                message: e.to_string(),
            },
            StepError::Harness(message) => Failure {
                index,
                step,
                kind: "harness".to_owned(),
                status: None,
                retryable: false,
                error_key: None,
                attempts: 0,
                message,
            },
        }
    }
}

/// What the emulator held after the faulty pass that the caller had not been told.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Unseen {
    sessions: usize,
    charges: usize,
    captures: usize,
    refunds: usize,
}

impl Unseen {
    fn total(self) -> usize {
        self.sessions + self.charges + self.captures + self.refunds
    }
}

fn items<'a>(objects: &'a Value, kind: &str) -> &'a [Value] {
    objects
        .get(kind)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn cents(v: &Value, pointer: &str) -> Option<u64> {
    let amount = text(v, pointer)?;
    let (whole, frac) = amount.split_once('.').unwrap_or((amount, "0"));
    let frac = format!("{frac:0<2}");
    Some(whole.parse::<u64>().ok()? * 100 + frac.get(..2)?.parse::<u64>().ok()?)
}

/// Objects and state changes the emulator holds that `ledger` does not know about.
pub(crate) fn unseen(ledger: &[Payment], objects: &Value) -> Unseen {
    let known = |pick: fn(&Payment) -> &Option<String>| -> HashSet<&str> {
        ledger.iter().filter_map(|p| pick(p).as_deref()).collect()
    };
    let (sessions, charges, refunds) = (
        known(|p| &p.session_id),
        known(|p| &p.charge_id),
        known(|p| &p.refund_id),
    );
    let count = |kind: &str, field: &str, known: &HashSet<&str>| {
        items(objects, kind)
            .iter()
            .filter(|o| text(o, field).is_some_and(|id| !known.contains(id)))
            .count()
    };
    let waiting_for_capture: HashSet<&str> = ledger
        .iter()
        .filter(|p| p.next == Some(Step::Capture))
        .filter_map(|p| p.charge_id.as_deref())
        .collect();
    Unseen {
        sessions: count("checkoutSessions", "/checkoutSessionId", &sessions),
        charges: count("charges", "/chargeId", &charges),
        captures: items(objects, "charges")
            .iter()
            .filter(|c| {
                text(c, "/chargeId").is_some_and(|id| waiting_for_capture.contains(id))
                    && text(c, "/statusDetails/state") == Some("Captured")
            })
            .count(),
        refunds: count("refunds", "/refundId", &refunds),
    }
}

/// Everything the audit looks at.
pub(crate) struct Inputs<'a> {
    pub(crate) payments: usize,
    pub(crate) seed: u64,
    pub(crate) ledger: &'a [Payment],
    pub(crate) failures: &'a [Failure],
    pub(crate) recovery_failures: &'a [Failure],
    pub(crate) before_recovery: Unseen,
    pub(crate) objects: &'a Value,
    pub(crate) requests: &'a [RequestRecord],
    pub(crate) faulty_seconds: f64,
    pub(crate) total_seconds: f64,
}

/// The figures and the violations.
pub(crate) struct Report {
    rows: Vec<(String, String)>,
    pub(crate) violations: Vec<String>,
}

/// Whether the emulator carried out a request anew (not a replay, not stopped by a fault
/// before processing, not refused).
fn processed(r: &RequestRecord) -> bool {
    if r.replayed || r.reason_code.is_some() {
        return false;
    }
    match r.fault.as_deref() {
        Some(f) if f.starts_with("delay") => r.status < 400,
        Some(f) => f.ends_with("after"),
        None => r.status < 400,
    }
}

impl Report {
    pub(crate) fn build(input: Inputs<'_>) -> Report {
        let mut report = Report {
            rows: Vec::new(),
            violations: Vec::new(),
        };
        report.client_side(&input);
        report.emulator_side(&input);
        report.request_log(&input);
        report.rows.push((
            "time".to_owned(),
            format!(
                "{:.1} s faulty pass, {:.1} s in all",
                input.faulty_seconds, input.total_seconds
            ),
        ));
        report
            .rows
            .push(("violations".to_owned(), report.violations.len().to_string()));
        report
    }

    fn row(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.rows.push((name.into(), value.into()));
    }

    fn violation(&mut self, what: String) {
        self.violations.push(what);
    }

    fn client_side(&mut self, input: &Inputs<'_>) {
        self.row(
            "payments",
            format!("{} (seed {})", input.payments, input.seed),
        );
        let failed = input.failures.len();
        self.row(
            "done in the faulty pass",
            (input.payments - failed).to_string(),
        );
        self.row("typed error in the faulty pass", failed.to_string());
        let mut by: BTreeMap<(Step, String), usize> = BTreeMap::new();
        let logged_keys: HashSet<&str> = input
            .requests
            .iter()
            .filter_map(|r| r.idempotency_key.as_deref())
            .collect();
        let mut with_key = 0;
        for f in input.failures {
            let what = match f.status {
                Some(status) => format!("{} {status}", f.kind),
                None => f.kind.clone(),
            };
            *by.entry((f.step, what)).or_default() += 1;
            if f.kind == "harness" {
                self.violation(format!(
                    "payment {}: {}: {}",
                    f.index,
                    f.step.name(),
                    f.message
                ));
                continue;
            }
            if !f.retryable {
                self.violation(format!(
                    "payment {}: {} failed with a non-retryable error: {}",
                    f.index,
                    f.step.name(),
                    f.message
                ));
            }
            match (&f.error_key, f.step.needs_key()) {
                (Some(key), _) => {
                    with_key += 1;
                    if f.attempts > 0 && !logged_keys.contains(key.as_str()) {
                        self.violation(format!(
                            "payment {}: the error's idempotency key was never sent",
                            f.index
                        ));
                    }
                }
                (None, true) => self.violation(format!(
                    "payment {}: {} error carries no idempotency key: {}",
                    f.index,
                    f.step.name(),
                    f.message
                )),
                (None, false) => {}
            }
        }
        for ((step, what), n) in by {
            self.row(format!("  {} / {what}", step.name()), n.to_string());
        }
        let keyless = failed - with_key;
        self.row(
            "  carrying the idempotency key",
            format!("{with_key} (the other {keyless}: PATCH, repeatable as is)"),
        );
        let unseen = input.before_recovery;
        self.row(
            "processed, answer lost (faulty pass)",
            format!(
                "{} ({} sessions, {} charges, {} captures, {} refunds)",
                unseen.total(),
                unseen.sessions,
                unseen.charges,
                unseen.captures,
                unseen.refunds
            ),
        );
        self.row(
            "converged on retry with the same key",
            format!("{} of {failed}", failed - input.recovery_failures.len()),
        );
        for f in input.recovery_failures {
            self.violation(format!(
                "payment {} did not converge at {}: {}",
                f.index,
                f.step.name(),
                f.message
            ));
        }
        let unfinished = input.ledger.iter().filter(|p| p.next.is_some()).count();
        if unfinished > 0 {
            self.violation(format!("{unfinished} payment(s) never finished"));
        }
    }

    fn emulator_side(&mut self, input: &Inputs<'_>) {
        let objects = input.objects;
        let left = unseen(input.ledger, objects);
        self.row(
            "emulator objects the caller cannot find",
            left.total().to_string(),
        );
        if left.total() > 0 {
            self.violation(format!(
                "the emulator holds objects the caller does not know: {left:?}"
            ));
        }

        let sessions: HashMap<&str, &Value> =
            by_id(objects, "checkoutSessions", "/checkoutSessionId");
        let charges: HashMap<&str, &Value> = by_id(objects, "charges", "/chargeId");
        let mut per_reference: HashMap<&str, usize> = HashMap::new();
        for s in sessions.values() {
            if let Some(r) = text(s, "/merchantMetadata/merchantReferenceId") {
                *per_reference.entry(r).or_default() += 1;
            }
        }
        let mut charges_per_permission: HashMap<&str, usize> = HashMap::new();
        for c in charges.values() {
            if let Some(cp) = text(c, "/chargePermissionId") {
                *charges_per_permission.entry(cp).or_default() += 1;
            }
        }
        let mut refunds_per_charge: HashMap<&str, Vec<&Value>> = HashMap::new();
        for r in items(objects, "refunds") {
            if let Some(c) = text(r, "/chargeId") {
                refunds_per_charge.entry(c).or_default().push(r);
            }
        }
        let extra = |counts: &mut dyn Iterator<Item = usize>| -> usize {
            counts.map(|n| n.saturating_sub(1)).sum()
        };
        let duplicate_sessions = extra(&mut per_reference.values().copied());
        let duplicate_charges = extra(&mut charges_per_permission.values().copied());
        let duplicate_refunds = extra(&mut refunds_per_charge.values().map(Vec::len));

        let (mut captured, mut refunded, mut expected_captured, mut expected_refunded) =
            (0u64, 0u64, 0u64, 0u64);
        let mut wrong = Vec::new();
        for p in input.ledger {
            expected_captured += p.amount_cents;
            expected_refunded += p.refund_cents.unwrap_or(0);
            let session = p.session_id.as_deref().and_then(|id| sessions.get(id));
            let charge = p.charge_id.as_deref().and_then(|id| charges.get(id));
            let (Some(session), Some(charge)) = (session, charge) else {
                wrong.push(format!("{}: session or charge missing", p.reference));
                continue;
            };
            if text(session, "/statusDetails/state") != Some("Completed")
                || text(session, "/chargeId") != p.charge_id.as_deref()
                || text(session, "/chargePermissionId") != p.charge_permission_id.as_deref()
            {
                wrong.push(format!(
                    "{}: session not completed as reported",
                    p.reference
                ));
            }
            if text(charge, "/statusDetails/state") != Some("Captured")
                || cents(charge, "/captureAmount/amount") != Some(p.amount_cents)
            {
                wrong.push(format!("{}: charge not captured once in full", p.reference));
            }
            captured += cents(charge, "/captureAmount/amount").unwrap_or(0);
            let refunds = p
                .charge_id
                .as_deref()
                .and_then(|id| refunds_per_charge.get(id))
                .map_or(&[][..], Vec::as_slice);
            let expected = usize::from(p.refund_cents.is_some());
            if refunds.len() != expected {
                wrong.push(format!(
                    "{}: {} refund(s), expected {expected}",
                    p.reference,
                    refunds.len()
                ));
            }
            for r in refunds {
                if text(r, "/statusDetails/state") != Some("Refunded")
                    || text(r, "/refundId") != p.refund_id.as_deref()
                {
                    wrong.push(format!("{}: refund not settled as reported", p.reference));
                }
                refunded += cents(r, "/refundAmount/amount").unwrap_or(0);
            }
            if cents(charge, "/refundedAmount/amount").unwrap_or(0) != p.refund_cents.unwrap_or(0) {
                wrong.push(format!("{}: refunded amount differs", p.reference));
            }
        }
        self.row(
            "checkout sessions / charges / refunds",
            format!(
                "{} / {} / {}",
                sessions.len(),
                charges.len(),
                items(objects, "refunds").len()
            ),
        );
        self.row(
            "duplicate sessions / charges / refunds",
            format!("{duplicate_sessions} / {duplicate_charges} / {duplicate_refunds}"),
        );
        for (what, n) in [
            ("checkout sessions", duplicate_sessions),
            ("charges", duplicate_charges),
            ("refunds", duplicate_refunds),
        ] {
            if n > 0 {
                self.violation(format!("{n} duplicate {what}"));
            }
        }
        self.row(
            "captured / refunded (USD)",
            format!(
                "{} / {} (expected {} / {})",
                dollars(captured),
                dollars(refunded),
                dollars(expected_captured),
                dollars(expected_refunded)
            ),
        );
        if captured != expected_captured || refunded != expected_refunded {
            self.violation("captured or refunded totals differ from the ledger".to_owned());
        }
        self.row("payments whose state differs", wrong.len().to_string());
        for w in wrong.into_iter().take(20) {
            self.violation(w);
        }
    }

    fn request_log(&mut self, input: &Inputs<'_>) {
        let requests = input.requests;
        let faults = requests.iter().filter(|r| r.fault.is_some()).count();
        self.row(
            "API requests received",
            format!(
                "{} ({faults} faulted = {:.1}%)",
                requests.len(),
                100.0 * faults as f64 / requests.len().max(1) as f64
            ),
        );
        let mut by_fault: BTreeMap<String, usize> = BTreeMap::new();
        for r in requests {
            if let Some(f) = &r.fault {
                *by_fault.entry(f.clone()).or_default() += 1;
            }
        }
        for (fault, n) in by_fault {
            self.row(format!("  {fault}"), n.to_string());
        }
        let replays = requests.iter().filter(|r| r.replayed).count();
        self.row("answers replayed for a repeated key", replays.to_string());
        let mut per_key: HashMap<&str, usize> = HashMap::new();
        let mut captures_per_charge: HashMap<&str, usize> = HashMap::new();
        for r in requests.iter().filter(|r| processed(r)) {
            if let Some(key) = r.idempotency_key.as_deref() {
                *per_key.entry(key).or_default() += 1;
            }
            if r.operation.as_deref() == Some("CaptureCharge") {
                let charge = r.path.trim_end_matches("/capture").rsplit('/').next();
                if let Some(charge) = charge {
                    *captures_per_charge.entry(charge).or_default() += 1;
                }
            }
        }
        let twice = per_key.values().filter(|n| **n > 1).count();
        let double_captures = captures_per_charge.values().filter(|n| **n > 1).count();
        self.row(
            "keys carried out twice / charges captured twice",
            format!("{twice} / {double_captures}"),
        );
        if twice > 0 {
            self.violation(format!(
                "{twice} idempotency key(s) carried out more than once"
            ));
        }
        if double_captures > 0 {
            self.violation(format!(
                "{double_captures} charge(s) captured more than once"
            ));
        }
        let unexpected: usize = requests
            .iter()
            .filter(|r| r.fault.is_none() && r.status >= 400)
            .count();
        self.row("error answers not from a fault", unexpected.to_string());
        if unexpected > 0 {
            let sample: Vec<String> = requests
                .iter()
                .filter(|r| r.fault.is_none() && r.status >= 400)
                .take(5)
                .map(|r| {
                    format!(
                        "{} {} -> {} {}",
                        r.method,
                        r.path,
                        r.status,
                        r.reason_code.as_deref().unwrap_or("")
                    )
                })
                .collect();
            self.violation(format!(
                "{unexpected} error answer(s) not caused by a fault: {}",
                sample.join(", ")
            ));
        }
    }

    /// Prints the table.
    pub(crate) fn print(&self) {
        let width = self.rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        println!();
        for (name, value) in &self.rows {
            println!("  {name:<width$}  {value}");
        }
        for v in self.violations.iter().take(50) {
            println!("  VIOLATION: {v}");
        }
        println!();
    }
}

fn by_id<'a>(objects: &'a Value, kind: &str, field: &str) -> HashMap<&'a str, &'a Value> {
    items(objects, kind)
        .iter()
        .filter_map(|o| text(o, field).map(|id| (id, o)))
        .collect()
}

fn dollars(cents: u64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}
