//! The audit of a crash-soak run: the emulator's objects and notifications against the
//! database. Every order in its final state; per order exactly one checkout session, one
//! charge permission, one charge and one capture (two of each for a recurring order) and the
//! refunds it asks for; no object the database does not know; every notification acknowledged,
//! stored once in the inbox and applied once.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::Value;
use sqlx::Row;

use crate::db::{Database, DbError};
use crate::emulator_admin::{AdminError, EmulatorAdmin};
use crate::orders::{self, Order};

/// Why the audit could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The emulator's admin API failed.
    #[error(transparent)]
    Admin(#[from] AdminError),
}

impl From<sqlx::Error> for AuditError {
    fn from(e: sqlx::Error) -> Self {
        AuditError::Db(e.into())
    }
}

/// Objects on the emulator, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Objects {
    /// Checkout sessions.
    pub sessions: usize,
    /// Charge permissions.
    pub permissions: usize,
    /// Charges.
    pub charges: usize,
    /// Charges captured.
    pub captures: usize,
    /// Refunds.
    pub refunds: usize,
}

/// What the audit found. [`AuditReport::is_clean`] when every list of violations is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditReport {
    /// Orders in the database.
    pub orders: usize,
    /// Orders `fulfilled`.
    pub fulfilled: usize,
    /// What the orders asked for, in all.
    pub expected: Objects,
    /// What the emulator holds.
    pub found: Objects,
    /// Notifications the emulator sent.
    pub notifications: usize,
    /// Of those, acknowledged with a 2xx.
    pub acknowledged: usize,
    /// Of those, delivered more than once (a delivery got no 2xx, or the receiver was killed).
    pub redelivered: usize,
    /// Inbox rows.
    pub inbox_rows: usize,
    /// Inbox rows done and applied exactly once.
    pub applied_once: usize,
    /// Objects beyond what an order asked for (a step done twice).
    pub duplicates: Vec<String>,
    /// Payments missing, or orders the database does not know.
    pub lost: Vec<String>,
    /// Orders not `fulfilled`.
    pub stuck: Vec<String>,
    /// Notifications not acknowledged, not stored, not done, or applied other than once.
    pub notification_violations: Vec<String>,
}

impl AuditReport {
    /// No violation.
    pub fn is_clean(&self) -> bool {
        self.violation_count() == 0
    }

    /// How many violations, of every kind.
    pub fn violation_count(&self) -> usize {
        self.violations().iter().map(|(_, list)| list.len()).sum()
    }

    /// The lists of violations, by name.
    fn violations(&self) -> [(&'static str, &[String]); 4] {
        [
            ("duplicate", &self.duplicates),
            ("lost", &self.lost),
            ("stuck", &self.stuck),
            ("notification", &self.notification_violations),
        ]
    }
}

/// Audits the database against the emulator; `expected_orders` is how many orders were created.
pub async fn audit(
    db: &Database,
    emulator: &EmulatorAdmin,
    expected_orders: usize,
) -> Result<AuditReport, AuditError> {
    let orders = orders::all(db).await?;
    let objects = emulator.objects().await?;
    let ipns = emulator.ipns().await?;
    let rows = sqlx::query("SELECT notification_id, state, applied FROM ipn_inbox")
        .fetch_all(db.pool())
        .await?;
    let mut inbox = HashMap::new();
    for r in &rows {
        let id: String = r.try_get("notification_id")?;
        let state: String = r.try_get("state")?;
        let applied: i64 = r.try_get("applied")?;
        inbox.insert(id, (state, applied));
    }
    let mut report = AuditReport {
        orders: orders.len(),
        ..AuditReport::default()
    };
    if orders.len() < expected_orders {
        report.lost.push(format!(
            "the database holds {} orders, {expected_orders} were created",
            orders.len()
        ));
    }
    audit_objects(&mut report, &orders, &objects);
    audit_notifications(&mut report, &ipns, &inbox);
    Ok(report)
}

/// Per order: the objects found on the emulator, by kind.
#[derive(Debug, Default)]
struct Found {
    sessions: Vec<String>,
    permissions: Vec<String>,
    charges: usize,
    captures: usize,
    refunds: usize,
}

fn list<'a>(objects: &'a Value, kind: &str) -> &'a [Value] {
    objects[kind].as_array().map_or(&[], Vec::as_slice)
}

fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn audit_objects(report: &mut AuditReport, orders: &[Order], objects: &Value) {
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    let reference_of = |v: &Value| {
        text(v, &["merchantMetadata", "merchantReferenceId"])
            .unwrap_or("(no reference)")
            .to_owned()
    };
    for s in list(objects, "checkoutSessions") {
        let id = text(s, &["checkoutSessionId"])
            .unwrap_or_default()
            .to_owned();
        found.entry(reference_of(s)).or_default().sessions.push(id);
        report.found.sessions += 1;
    }
    let mut permission_owner = HashMap::new();
    for p in list(objects, "chargePermissions") {
        let id = text(p, &["chargePermissionId"])
            .unwrap_or_default()
            .to_owned();
        let reference = reference_of(p);
        permission_owner.insert(id.clone(), reference.clone());
        found.entry(reference).or_default().permissions.push(id);
        report.found.permissions += 1;
    }
    let unowned = "(no charge permission)".to_owned();
    let mut charge_owner = HashMap::new();
    for c in list(objects, "charges") {
        let permission = text(c, &["chargePermissionId"]).unwrap_or_default();
        let reference = permission_owner.get(permission).unwrap_or(&unowned).clone();
        let captured = !c["captureAmount"].is_null();
        let entry = found.entry(reference.clone()).or_default();
        entry.charges += 1;
        entry.captures += usize::from(captured);
        report.found.charges += 1;
        report.found.captures += usize::from(captured);
        charge_owner.insert(
            text(c, &["chargeId"]).unwrap_or_default().to_owned(),
            reference,
        );
    }
    for r in list(objects, "refunds") {
        let charge = text(r, &["chargeId"]).unwrap_or_default();
        let reference = charge_owner.get(charge).unwrap_or(&unowned).clone();
        found.entry(reference).or_default().refunds += 1;
        report.found.refunds += 1;
    }

    for order in orders {
        let recurring = usize::from(order.recurring);
        let refunds = order.refunds as usize;
        let asked = [1, 1, 1 + recurring, 1 + recurring, refunds];
        for (total, n) in [
            &mut report.expected.sessions,
            &mut report.expected.permissions,
            &mut report.expected.charges,
            &mut report.expected.captures,
            &mut report.expected.refunds,
        ]
        .into_iter()
        .zip(asked)
        {
            *total += n;
        }
        let fulfilled = order.state == "fulfilled";
        report.fulfilled += usize::from(fulfilled);
        if !fulfilled {
            report
                .stuck
                .push(format!("{}: state {}", order.reference, order.state));
        }
        let f = found.remove(&order.reference).unwrap_or_default();
        let got = [
            f.sessions.len(),
            f.permissions.len(),
            f.charges,
            f.captures,
            f.refunds,
        ];
        let kinds = [
            "checkout sessions",
            "charge permissions",
            "charges",
            "captures",
            "refunds",
        ];
        for ((kind, got), asked) in kinds.into_iter().zip(got).zip(asked) {
            if got > asked {
                report.duplicates.push(format!(
                    "{}: {got} {kind}, asked for {asked}",
                    order.reference
                ));
            } else if got < asked && fulfilled {
                report.lost.push(format!(
                    "{}: {got} {kind}, asked for {asked}",
                    order.reference
                ));
            }
        }
        // The database must name the objects the emulator holds.
        let recorded = [
            ("checkout session", &order.checkout_session_id, &f.sessions),
            (
                "charge permission",
                &order.charge_permission_id,
                &f.permissions,
            ),
        ];
        for (kind, id, ids) in recorded {
            if let (Some(id), [only]) = (id, ids.as_slice())
                && id != only
            {
                report.lost.push(format!(
                    "{}: the database names {kind} {id}, the emulator holds {only}",
                    order.reference
                ));
            }
        }
    }
    for (reference, f) in found {
        report.lost.push(format!(
            "{reference}: {} checkout sessions, {} charge permissions, {} charges, {} refunds \
             of no order in the database",
            f.sessions.len(),
            f.permissions.len(),
            f.charges,
            f.refunds
        ));
    }
}

/// The `NotificationId` inside a notification's SNS envelope (the inbox's key), or its
/// `MessageId` when the message has none.
fn notification_id(record: &Value) -> Option<String> {
    let body: Value = serde_json::from_str(record["body"].as_str()?).ok()?;
    let message: Value = serde_json::from_str(body["Message"].as_str()?).ok()?;
    message["NotificationId"]
        .as_str()
        .or_else(|| body["MessageId"].as_str())
        .map(str::to_owned)
}

fn audit_notifications(
    report: &mut AuditReport,
    ipns: &Value,
    inbox: &HashMap<String, (String, i64)>,
) {
    report.inbox_rows = inbox.len();
    report.applied_once = inbox
        .values()
        .filter(|(state, applied)| state == "done" && *applied == 1)
        .count();
    let mut sent = std::collections::HashSet::new();
    for record in ipns["notifications"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
    {
        report.notifications += 1;
        let message_id = record["messageId"].as_str().unwrap_or_default();
        let attempts = record["attempts"].as_u64().unwrap_or(0);
        let acknowledged = record["status"]
            .as_u64()
            .is_some_and(|s| (200..300).contains(&s));
        report.acknowledged += usize::from(acknowledged);
        report.redelivered += usize::from(attempts > 1);
        if !acknowledged {
            report.notification_violations.push(format!(
                "notification {message_id}: not acknowledged after {attempts} attempts"
            ));
            continue;
        }
        let Some(id) = notification_id(record) else {
            report
                .notification_violations
                .push(format!("notification {message_id}: no notification id"));
            continue;
        };
        match inbox.get(&id) {
            None => report.notification_violations.push(format!(
                "notification {id}: acknowledged but not in the inbox"
            )),
            Some((state, _)) if state != "done" => report
                .notification_violations
                .push(format!("notification {id}: still {state} in the inbox")),
            Some((_, applied)) if *applied != 1 => report
                .notification_violations
                .push(format!("notification {id}: applied {applied} times")),
            Some(_) => {}
        }
        sent.insert(id);
    }
    for id in inbox.keys().filter(|id| !sent.contains(*id)) {
        report.notification_violations.push(format!(
            "inbox row {id}: the emulator sent no such notification"
        ));
    }
}

impl fmt::Display for AuditReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (e, g) = (self.expected, self.found);
        writeln!(f, "| audit | expected | found |")?;
        writeln!(f, "| --- | ---: | ---: |")?;
        writeln!(
            f,
            "| orders fulfilled | {} | {} |",
            self.orders, self.fulfilled
        )?;
        for (what, e, g) in [
            ("checkout sessions", e.sessions, g.sessions),
            ("charge permissions", e.permissions, g.permissions),
            ("charges", e.charges, g.charges),
            ("captures", e.captures, g.captures),
            ("refunds", e.refunds, g.refunds),
        ] {
            writeln!(f, "| {what} | {e} | {g} |")?;
        }
        writeln!(
            f,
            "| notifications acknowledged | {} | {} |",
            self.notifications, self.acknowledged
        )?;
        writeln!(
            f,
            "| inbox rows applied once | {} | {} |",
            self.notifications, self.applied_once
        )?;
        writeln!(f, "| notifications redelivered | | {} |", self.redelivered)?;
        for (what, list) in self.violations() {
            writeln!(f, "| {what} violations | 0 | {} |", list.len())?;
        }
        for (what, list) in self.violations() {
            for v in list.iter().take(10) {
                writeln!(f, "{what}: {v}")?;
            }
            if list.len() > 10 {
                writeln!(f, "{what}: … and {} more", list.len() - 10)?;
            }
        }
        Ok(())
    }
}
