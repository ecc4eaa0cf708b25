//! The journal of payment calls (docs/crash-safety.md): each call is a step of an order, committed
//! as `pending` with its derived idempotency key and its body before anything is sent, and
//! `done` (with the answer) or `failed` (with the reason code) after the answer. A step whose
//! outcome is unknown stays `pending`; [`recover`] repeats it with the same key and the same body,
//! and the service replays its first answer instead of acting twice.
//!
//! Several processes may share the database. A step is claimed before its call by a conditional
//! `UPDATE … WHERE state = 'pending' AND lease_until < now`: the database runs it under the row's
//! write lock (PostgreSQL re-checks the condition after a competing transaction commits; SQLite
//! has one writer at a time), so exactly one process wins the claim and the others see zero rows
//! changed. A claim is a lease, not a held transaction: no lock is held across the HTTP call, and
//! the lease of a process killed mid-call expires, after which another process repeats the call
//! with the same key and gets the same answer.

use amazon_pay::client::ErrorKind;
use amazon_pay::{Client, derive_idempotency_key};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::Row;

use crate::db::{Database, DbError, now_ms};
use crate::markers::{self, Phase};
use crate::orders;

/// The payment calls the shop journals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    /// Create Checkout Session; no target (the payment worker's orders start here).
    Create,
    /// Complete Checkout Session; the target is the checkout session id.
    Complete,
    /// Capture Charge; the target is the charge id.
    Capture,
    /// Create Refund; the target is the charge id (also in the body).
    Refund,
    /// Create Charge on a charge permission (recurring, saved wallet); the target is the
    /// charge permission id (also in the body).
    Charge,
}

impl Operation {
    fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Complete => "complete",
            Operation::Capture => "capture",
            Operation::Refund => "refund",
            Operation::Charge => "charge",
        }
    }

    fn parse(s: &str) -> Result<Self, DbError> {
        Ok(match s {
            "create" => Operation::Create,
            "complete" => Operation::Complete,
            "capture" => Operation::Capture,
            "refund" => Operation::Refund,
            "charge" => Operation::Charge,
            other => return Err(DbError::Corrupt(format!("unknown operation `{other}`"))),
        })
    }
}

/// One call of one order.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) reference: String,
    /// The step's name within the order (`complete`, `capture`, `refund-1`): with the reference,
    /// it derives the idempotency key.
    pub(crate) name: String,
    pub(crate) operation: Operation,
    pub(crate) target: String,
    /// The body, serialized once: a repeat sends these bytes again.
    pub(crate) request: String,
}

impl Step {
    pub(crate) fn new(
        reference: &str,
        name: &str,
        operation: Operation,
        target: &str,
        request: &impl Serialize,
    ) -> Result<Self, DbError> {
        Ok(Step {
            reference: reference.to_owned(),
            name: name.to_owned(),
            operation,
            target: target.to_owned(),
            request: serde_json::to_string(request)
                .map_err(|e| DbError::Corrupt(format!("request body: {e}")))?,
        })
    }
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// The service's answer (the object created or changed), as JSON.
    Done(Value),
    /// The service refused the call for good: its reason code.
    Failed(String),
}

impl Outcome {
    /// The answer decoded as `T`.
    pub(crate) fn answer<T: DeserializeOwned>(&self) -> Option<T> {
        match self {
            Outcome::Done(v) => serde_json::from_value(v.clone()).ok(),
            Outcome::Failed(_) => None,
        }
    }
}

/// Why a step has no outcome yet.
#[derive(Debug, thiserror::Error)]
pub(crate) enum JournalError {
    /// The database failed; nothing was sent, or the answer is not recorded yet.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The call failed without a definitive answer (transport, timeout, 5xx after retries): the
    /// step stays pending and is repeated with the same key.
    #[error("the outcome is not known yet: {0}")]
    Unknown(amazon_pay::Error),
    /// Another process holds the step.
    #[error("the step is being processed elsewhere")]
    Busy,
}

impl From<sqlx::Error> for JournalError {
    fn from(e: sqlx::Error) -> Self {
        JournalError::Db(e.into())
    }
}

/// Records `step` (unless already recorded), claims it, calls the service with the key derived
/// from its reference and name, and records the answer. A step already finished returns its
/// recorded outcome without a call.
pub(crate) async fn run(
    db: &Database,
    client: &Client,
    step: &Step,
) -> Result<Outcome, JournalError> {
    let key = derive_idempotency_key(&step.reference, &step.name)
        .map_err(|e| DbError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO steps (reference, step, operation, target, idempotency_key, request, state, lease_until) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0) ON CONFLICT (reference, step) DO NOTHING",
    )
    .bind(&step.reference)
    .bind(&step.name)
    .bind(step.operation.as_str())
    .bind(&step.target)
    .bind(&key)
    .bind(&step.request)
    .execute(db.pool())
    .await?;
    resume(db, client, &step.reference, &step.name).await
}

/// Claims the recorded step and finishes it, or returns its recorded outcome.
async fn resume(
    db: &Database,
    client: &Client,
    reference: &str,
    name: &str,
) -> Result<Outcome, JournalError> {
    let now = now_ms();
    let claimed = sqlx::query(
        "UPDATE steps SET lease_until = $1 \
         WHERE reference = $2 AND step = $3 AND state = 'pending' AND lease_until < $4",
    )
    .bind(now + db.step_lease_ms())
    .bind(reference)
    .bind(name)
    .bind(now)
    .execute(db.pool())
    .await?
    .rows_affected()
        == 1;
    let row = sqlx::query(
        "SELECT operation, target, idempotency_key, request, state, answer FROM steps \
         WHERE reference = $1 AND step = $2",
    )
    .bind(reference)
    .bind(name)
    .fetch_one(db.pool())
    .await?;
    let state: String = row.try_get("state")?;
    let answer: Option<String> = row.try_get("answer")?;
    match (state.as_str(), claimed) {
        ("done", _) => return Ok(Outcome::Done(parse_answer(answer)?)),
        ("failed", _) => return Ok(Outcome::Failed(answer.unwrap_or_default())),
        (_, false) => return Err(JournalError::Busy),
        _ => {}
    }
    let operation = Operation::parse(&row.try_get::<String, _>("operation")?)?;
    let target: String = row.try_get("target")?;
    let key: String = row.try_get("idempotency_key")?;
    let request: String = row.try_get("request")?;
    markers::mark(Phase::Sent, reference, name);
    let outcome = match call(client, operation, &target, &request, key).await? {
        Ok(answer) => Outcome::Done(answer),
        Err(e) if e.kind() == ErrorKind::Service && !e.is_retryable() => {
            Outcome::Failed(e.reason_code().map_or_else(
                || format!("HTTP {:?}", e.status()),
                |r| r.as_str().to_owned(),
            ))
        }
        Err(e) => {
            // Unknown: free the step for the next attempt with the same key.
            sqlx::query("UPDATE steps SET lease_until = 0 WHERE reference = $1 AND step = $2")
                .bind(reference)
                .bind(name)
                .execute(db.pool())
                .await?;
            return Err(JournalError::Unknown(e));
        }
    };
    markers::mark(Phase::Answered, reference, name);
    if !finish(db, reference, name, operation, &outcome).await? {
        // Another process recorded it first (our claim had lapsed): theirs stands.
        return Box::pin(resume(db, client, reference, name)).await;
    }
    markers::mark(Phase::Committed, reference, name);
    Ok(outcome)
}

/// Records the answer and moves the order on, in one transaction; `false` (and nothing changed)
/// when the step was already recorded, so an answer is applied to the order once.
async fn finish(
    db: &Database,
    reference: &str,
    name: &str,
    operation: Operation,
    outcome: &Outcome,
) -> Result<bool, JournalError> {
    let (state, answer) = match outcome {
        Outcome::Done(v) => ("done", v.to_string()),
        Outcome::Failed(reason) => ("failed", reason.clone()),
    };
    let mut tx = db.pool().begin().await?;
    let recorded = sqlx::query(
        "UPDATE steps SET state = $1, answer = $2, lease_until = 0 \
         WHERE reference = $3 AND step = $4 AND state = 'pending'",
    )
    .bind(state)
    .bind(&answer)
    .bind(reference)
    .bind(name)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !recorded {
        tx.rollback().await?;
        return Ok(false);
    }
    orders::apply(&mut tx, reference, operation, outcome).await?;
    tx.commit().await?;
    Ok(true)
}

fn parse_answer(answer: Option<String>) -> Result<Value, DbError> {
    serde_json::from_str(answer.as_deref().unwrap_or("null"))
        .map_err(|e| DbError::Corrupt(format!("recorded answer: {e}")))
}

fn decode<T: DeserializeOwned>(request: &str) -> Result<T, DbError> {
    serde_json::from_str(request).map_err(|e| DbError::Corrupt(format!("recorded request: {e}")))
}

/// Sends a call with the step's key; the answer as JSON.
async fn send<O: amazon_pay::Operation>(
    call: amazon_pay::Call<O>,
    key: String,
) -> Result<Value, amazon_pay::Error>
where
    O::Response: Serialize,
{
    let body = call.idempotency_key(key).await?.into_body();
    // The client decoded this body from JSON: it encodes back.
    Ok(serde_json::to_value(body).unwrap_or(Value::Null))
}

/// The call of a step, with its key; the outer error is a recorded body that does not decode.
async fn call(
    client: &Client,
    operation: Operation,
    target: &str,
    request: &str,
    key: String,
) -> Result<Result<Value, amazon_pay::Error>, DbError> {
    Ok(match operation {
        Operation::Create => send(client.create_checkout_session(&decode(request)?), key).await,
        Operation::Complete => {
            send(
                client.complete_checkout_session(target, &decode(request)?),
                key,
            )
            .await
        }
        Operation::Capture => send(client.capture_charge(target, &decode(request)?), key).await,
        Operation::Refund => send(client.create_refund(&decode(request)?), key).await,
        Operation::Charge => send(client.create_charge(&decode(request)?), key).await,
    })
}

/// Repeats every pending step whose claim has lapsed (all of them after a restart), with its
/// recorded key and body. Returns how many steps finished; steps still without an outcome stay
/// pending for the next pass.
pub(crate) async fn recover(db: &Database, client: &Client) -> Result<usize, DbError> {
    let rows = sqlx::query(
        "SELECT reference, step FROM steps WHERE state = 'pending' AND lease_until < $1 \
         ORDER BY reference, step",
    )
    .bind(now_ms())
    .fetch_all(db.pool())
    .await?;
    let mut finished = 0;
    for row in rows {
        let reference: String = row.try_get("reference")?;
        let name: String = row.try_get("step")?;
        match resume(db, client, &reference, &name).await {
            Ok(_) => finished += 1,
            Err(JournalError::Db(e)) => return Err(e),
            Err(JournalError::Busy | JournalError::Unknown(_)) => {}
        }
    }
    Ok(finished)
}

/// The state (`pending`, `done`, `failed`) of each recorded step of an order, by step name.
pub(crate) async fn states(
    db: &Database,
    reference: &str,
) -> Result<std::collections::HashMap<String, String>, DbError> {
    let rows = sqlx::query("SELECT step, state FROM steps WHERE reference = $1")
        .bind(reference)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("step")?, r.try_get("state")?)))
        .collect()
}
