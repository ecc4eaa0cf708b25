//! The IPN endpoint (`POST /ipn`): verify the notification with the facade's
//! `NotificationVerifier`, store it in the inbox, then answer; and a page listing what the inbox
//! worker processed (the object's state fetched after the notification).

use std::sync::Arc;

use amazon_pay::ipn::Event;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::html::{PageError, escape, page};
use crate::inbox;
use crate::shop::Shop;

/// A verified notification and the state of its object when it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReceivedNotification {
    /// `NotificationType` (`STATE_CHANGE`, …).
    pub notification_type: String,
    /// `ObjectType` (`CHARGE`, `CHARGE_PERMISSION`, `REFUND`, …).
    pub object_type: String,
    /// The id of the object that changed.
    pub object_id: String,
    /// The object's state as fetched after the notification, if it could be fetched.
    pub state: Option<String>,
}

/// `POST /ipn`.
pub(crate) async fn receive(
    State(shop): State<Arc<Shop>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(verifier) = shop.config.ipn.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let event = match verifier.verify(&headers, &body).await {
        // Redeliveries too: the inbox, not the verifier's memory, decides what is new.
        Ok(Event::Notification(event)) => event,
        Ok(_) => return StatusCode::OK.into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, e.to_string()).into_response();
        }
    };
    // 200 only once the notification is committed: otherwise it is delivered again.
    if let Err(e) = inbox::store(&shop.db, &event).await {
        eprintln!("storefront: notification not stored: {e}");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    shop.inbox_wake.notify_one();
    StatusCode::OK.into_response()
}

/// `GET /notifications`.
pub(crate) async fn list(State(shop): State<Arc<Shop>>) -> Result<Html<String>, PageError> {
    let rows: String = inbox::processed(&shop.db)
        .await?
        .iter()
        .map(|n| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&n.notification_type),
                escape(&n.object_type),
                escape(&n.object_id),
                escape(n.state.as_deref().unwrap_or("-"))
            )
        })
        .collect();
    let body = format!(
        "<h1>Notifications</h1><p>Verified instant payment notifications, newest last.</p>\
         <table id=\"notifications\"><tr><th>Type</th><th>Object</th><th>Id</th><th>State</th></tr>{rows}</table>"
    );
    Ok(page("Notifications", &body))
}
