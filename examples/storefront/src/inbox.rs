//! The notification inbox: `/ipn` stores each verified notification (unique on its notification
//! id) and answers 200 only after that commit, so a crash before it gets a redelivery; a worker
//! claims stored rows (the same lease as the journal's steps, so several processes never work on
//! one row at once), gets the object the notification names, updates the order and marks the
//! row done. A notification is processed at least once and applied once.

use std::sync::Arc;
use std::time::Duration;

use amazon_pay::Client;
use amazon_pay::ipn::{NotificationEvent, ObjectType};
use sqlx::Row;
use tokio::sync::Notify;

use crate::db::{Database, DbError, now_ms};
use crate::notifications::ReceivedNotification;
use crate::orders;

/// How often the worker looks for rows nobody announced (stored by another process, or left
/// by a crash).
const POLL: Duration = Duration::from_millis(500);

/// The id the inbox is unique on: the message's `NotificationId`, or the SNS `MessageId` when
/// the message has none (both are stable across redeliveries).
fn notification_id(event: &NotificationEvent) -> String {
    event
        .verified()
        .notification()
        .and_then(|n| n.notification_id.as_ref())
        .map_or_else(|| event.message_id.clone(), |id| id.as_str().to_owned())
}

/// Stores a notification, once: a redelivery of a stored one changes nothing.
pub(crate) async fn store(db: &Database, event: &NotificationEvent) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO ipn_inbox (notification_id, object_type, object_id, notification_type, \
         received_at, state, lease_until) VALUES ($1, $2, $3, $4, $5, 'new', 0) \
         ON CONFLICT (notification_id) DO NOTHING",
    )
    .bind(notification_id(event))
    .bind(event.object_type.as_str())
    .bind(&event.object_id)
    .bind(event.notification_type.as_str())
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The notifications processed, oldest first.
pub(crate) async fn processed(db: &Database) -> Result<Vec<ReceivedNotification>, DbError> {
    let rows = sqlx::query(
        "SELECT notification_type, object_type, object_id, object_state FROM ipn_inbox \
         WHERE state = 'done' ORDER BY received_at, notification_id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ReceivedNotification {
                notification_type: r.try_get("notification_type")?,
                object_type: r.try_get("object_type")?,
                object_id: r.try_get("object_id")?,
                state: r.try_get("object_state")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}

/// `statusDetails.state` of an object.
fn state_of<T: serde::Serialize>(object: &T) -> Option<String> {
    let value = serde_json::to_value(object).ok()?;
    value["statusDetails"]["state"].as_str().map(str::to_owned)
}

/// The current state of an object, by a Get call.
async fn fetch_state(
    client: &Client,
    object_type: &str,
    id: &str,
) -> Result<Option<String>, amazon_pay::Error> {
    Ok(match ObjectType::from(object_type) {
        ObjectType::Charge => state_of(client.get_charge(id).await?.body()),
        ObjectType::ChargePermission => state_of(client.get_charge_permission(id).await?.body()),
        ObjectType::Refund => state_of(client.get_refund(id).await?.body()),
        _ => None,
    })
}

/// Claims one stored row and processes it; `false` when there was none to claim.
pub(crate) async fn process_one(db: &Database, client: &Client) -> Result<bool, DbError> {
    let now = now_ms();
    let Some(row) = sqlx::query(
        "SELECT notification_id, object_type, object_id FROM ipn_inbox \
         WHERE state = 'new' AND lease_until < $1 ORDER BY received_at LIMIT 1",
    )
    .bind(now)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(false);
    };
    let id: String = row.try_get("notification_id")?;
    let object_type: String = row.try_get("object_type")?;
    let object_id: String = row.try_get("object_id")?;
    let claimed = sqlx::query(
        "UPDATE ipn_inbox SET lease_until = $1 \
         WHERE notification_id = $2 AND state = 'new' AND lease_until < $3",
    )
    .bind(now + db.inbox_lease_ms())
    .bind(&id)
    .bind(now)
    .execute(db.pool())
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        // Another process took it first; look again.
        return Ok(true);
    }
    let state = match fetch_state(client, &object_type, &object_id).await {
        Ok(state) => state,
        Err(e) => {
            // Left for a later pass, when the lease lapses.
            eprintln!("storefront: notification {id}: Get {object_type} failed: {e}");
            return Ok(true);
        }
    };
    // Applied once: the row turns done and the order changes in one transaction, only if no
    // other process (whose lease had lapsed) got there first.
    let mut tx = db.pool().begin().await?;
    let first = sqlx::query(
        "UPDATE ipn_inbox SET state = 'done', object_state = $1, lease_until = 0, \
         applied = applied + 1 WHERE notification_id = $2 AND state = 'new'",
    )
    .bind(&state)
    .bind(&id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !first {
        tx.rollback().await?;
        return Ok(true);
    }
    if let (ObjectType::Charge, Some(state)) = (ObjectType::from(object_type.as_str()), &state) {
        orders::set_charge_state(&mut tx, &object_id, state).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Processes the inbox until the task is dropped: at once when `wake` is notified, otherwise
/// every [`POLL`].
pub(crate) async fn work(db: Database, client: Client, wake: Arc<Notify>) {
    loop {
        match process_one(&db, &client).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => eprintln!("storefront: inbox: {e}"),
        }
        let _ = tokio::time::timeout(POLL, wake.notified()).await;
    }
}
