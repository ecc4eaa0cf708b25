//! Orders: one per checkout session, moved on by the journal's answers and by notifications.

use amazon_pay::Price;
use serde_json::Value;
use sqlx::{Any, Row, Transaction};

use crate::db::{Database, DbError, now_ms};
use crate::journal::{Operation, Outcome};

/// An order as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Order {
    /// The shop's reference (`SF-` and the checkout session id): with a step name, it derives
    /// the idempotency key of each payment call.
    pub reference: String,
    /// The checkout session.
    pub checkout_session_id: String,
    /// `placed`, `completed`, `captured`, `refunded`, `charged` or `canceled`.
    pub state: String,
    /// The charge permission, once checkout completed.
    pub charge_permission_id: Option<String>,
    /// The charge, once authorized.
    pub charge_id: Option<String>,
    /// The charge's last known state (from an answer or a notification).
    pub charge_state: Option<String>,
}

/// The reference of the order of a checkout session.
pub(crate) fn reference_of(checkout_session_id: &str) -> String {
    format!("SF-{checkout_session_id}")
}

/// Records the order of a checkout session, once; returns its reference.
pub(crate) async fn place(
    db: &Database,
    checkout_session_id: &str,
    price: &Price,
) -> Result<String, DbError> {
    let reference = reference_of(checkout_session_id);
    sqlx::query(
        "INSERT INTO orders (reference, checkout_session_id, amount, currency, state, updated_at) \
         VALUES ($1, $2, $3, $4, 'placed', $5) ON CONFLICT (reference) DO NOTHING",
    )
    .bind(&reference)
    .bind(checkout_session_id)
    .bind(price.amount.as_str())
    .bind(price.currency_code.as_str())
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(reference)
}

/// Every order, oldest reference first.
pub(crate) async fn all(db: &Database) -> Result<Vec<Order>, DbError> {
    let rows = sqlx::query(
        "SELECT reference, checkout_session_id, state, charge_permission_id, charge_id, charge_state \
         FROM orders ORDER BY reference",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Order {
                reference: r.try_get("reference")?,
                checkout_session_id: r.try_get("checkout_session_id")?,
                state: r.try_get("state")?,
                charge_permission_id: r.try_get("charge_permission_id")?,
                charge_id: r.try_get("charge_id")?,
                charge_state: r.try_get("charge_state")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}

fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

/// Moves the order on after a step's answer, inside the journal's transaction.
pub(crate) async fn apply(
    tx: &mut Transaction<'static, Any>,
    reference: &str,
    operation: Operation,
    outcome: &Outcome,
) -> Result<(), DbError> {
    let (state, permission, charge, charge_state) = match (operation, outcome) {
        (Operation::Complete, Outcome::Done(s)) => (
            "completed",
            text(s, &["chargePermissionId"]),
            text(s, &["chargeId"]),
            None,
        ),
        (Operation::Complete, Outcome::Failed(_)) => ("canceled", None, None, None),
        (Operation::Capture, Outcome::Done(c)) => {
            ("captured", None, None, text(c, &["statusDetails", "state"]))
        }
        (Operation::Refund, Outcome::Done(_)) => ("refunded", None, None, None),
        (Operation::Charge, Outcome::Done(c)) => (
            "charged",
            None,
            text(c, &["chargeId"]),
            text(c, &["statusDetails", "state"]),
        ),
        // A refused capture, refund or charge leaves the order where it was; the step keeps
        // the reason.
        (_, Outcome::Failed(_)) => return Ok(()),
    };
    sqlx::query(
        "UPDATE orders SET state = $1, charge_permission_id = COALESCE($2, charge_permission_id), \
         charge_id = COALESCE($3, charge_id), charge_state = COALESCE($4, charge_state), \
         updated_at = $5 WHERE reference = $6",
    )
    .bind(state)
    .bind(permission)
    .bind(charge)
    .bind(charge_state)
    .bind(now_ms())
    .bind(reference)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records the state of a charge learnt from a notification.
pub(crate) async fn set_charge_state(
    tx: &mut Transaction<'static, Any>,
    charge_id: &str,
    state: &str,
) -> Result<(), DbError> {
    sqlx::query("UPDATE orders SET charge_state = $1, updated_at = $2 WHERE charge_id = $3")
        .bind(state)
        .bind(now_ms())
        .bind(charge_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
