//! Orders: one per checkout session, moved on by the journal's answers and by notifications.

use amazon_pay::Price;
use serde_json::Value;
use sqlx::any::AnyRow;
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
    /// The checkout session, once created (orders of the payment worker start without one).
    pub checkout_session_id: Option<String>,
    /// The amount (`14.00`).
    pub amount: String,
    /// Its currency (`USD`).
    pub currency: String,
    /// `new` (a payment worker's order without a session yet), `placed` (a session awaits the
    /// buyer), `approved`, `completed`, `captured`, `refunded`, `charged`; final: `fulfilled`
    /// (every payment the order asks for is done), `canceled` or `failed`.
    pub state: String,
    /// How many refunds the order asks for (payment worker orders).
    pub refunds: u32,
    /// Whether the order is recurring: a second charge on its charge permission.
    pub recurring: bool,
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

/// The states after which nothing more happens to an order.
pub(crate) const FINAL_STATES: [&str; 3] = ["fulfilled", "canceled", "failed"];

const COLUMNS: &str = "reference, checkout_session_id, amount, currency, state, \
     charge_permission_id, charge_id, charge_state, refunds, recurring";

fn order(r: &AnyRow) -> Result<Order, DbError> {
    let count = |column: &str| -> Result<i64, DbError> { Ok(r.try_get(column)?) };
    Ok(Order {
        reference: r.try_get("reference")?,
        checkout_session_id: r.try_get("checkout_session_id")?,
        amount: r.try_get("amount")?,
        currency: r.try_get("currency")?,
        state: r.try_get("state")?,
        refunds: u32::try_from(count("refunds")?)
            .map_err(|_| DbError::Corrupt("a negative refund count".to_owned()))?,
        recurring: count("recurring")? != 0,
        charge_permission_id: r.try_get("charge_permission_id")?,
        charge_id: r.try_get("charge_id")?,
        charge_state: r.try_get("charge_state")?,
    })
}

/// Every order, oldest reference first.
pub(crate) async fn all(db: &Database) -> Result<Vec<Order>, DbError> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM orders ORDER BY reference"))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(order).collect()
}

/// One order.
pub(crate) async fn get(db: &Database, reference: &str) -> Result<Order, DbError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM orders WHERE reference = $1"
    ))
    .bind(reference)
    .fetch_one(db.pool())
    .await?;
    order(&row)
}

/// The references of the orders not in a final state, oldest first.
pub(crate) async fn unfinished(db: &Database) -> Result<Vec<String>, DbError> {
    let rows = sqlx::query(
        "SELECT reference FROM orders WHERE state NOT IN ($1, $2, $3) ORDER BY reference",
    )
    .bind(FINAL_STATES[0])
    .bind(FINAL_STATES[1])
    .bind(FINAL_STATES[2])
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| Ok(r.try_get("reference")?)).collect()
}

/// Records an order of the payment worker, once, before its checkout session exists.
pub(crate) async fn create(
    db: &Database,
    reference: &str,
    price: &Price,
    refunds: u32,
    recurring: bool,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO orders (reference, amount, currency, state, refunds, recurring, updated_at) \
         VALUES ($1, $2, $3, 'new', $4, $5, $6) ON CONFLICT (reference) DO NOTHING",
    )
    .bind(reference)
    .bind(price.amount.as_str())
    .bind(price.currency_code.as_str())
    .bind(i64::from(refunds))
    .bind(i64::from(recurring))
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Moves an order from `from` to `to`; `false` when it was no longer in `from`.
pub(crate) async fn advance(
    db: &Database,
    reference: &str,
    from: &str,
    to: &str,
) -> Result<bool, DbError> {
    let changed = sqlx::query(
        "UPDATE orders SET state = $1, updated_at = $2 WHERE reference = $3 AND state = $4",
    )
    .bind(to)
    .bind(now_ms())
    .bind(reference)
    .bind(from)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(changed == 1)
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
    let mut session = None;
    let (state, permission, charge, charge_state) = match (operation, outcome) {
        (Operation::Create, Outcome::Done(s)) => {
            session = text(s, &["checkoutSessionId"]);
            ("placed", None, None, None)
        }
        (Operation::Create, Outcome::Failed(_)) => ("failed", None, None, None),
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
    // A final order stays final.
    sqlx::query(
        "UPDATE orders SET state = $1, charge_permission_id = COALESCE($2, charge_permission_id), \
         charge_id = COALESCE($3, charge_id), charge_state = COALESCE($4, charge_state), \
         checkout_session_id = COALESCE($5, checkout_session_id), updated_at = $6 \
         WHERE reference = $7 AND state NOT IN ($8, $9, $10)",
    )
    .bind(state)
    .bind(permission)
    .bind(charge)
    .bind(charge_state)
    .bind(session)
    .bind(now_ms())
    .bind(reference)
    .bind(FINAL_STATES[0])
    .bind(FINAL_STATES[1])
    .bind(FINAL_STATES[2])
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
