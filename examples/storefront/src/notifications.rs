//! The IPN endpoint (`POST /ipn`): verify the notification with the facade's
//! `NotificationVerifier`, answer, then fetch the object it names to learn its state; and a page
//! listing what arrived.

use std::sync::Arc;

use amazon_pay::ipn::{Event, NotificationEvent, ObjectType};
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::html::{escape, page};
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

/// The current state of the object a notification names.
async fn fetch_state(shop: &Shop, n: &NotificationEvent) -> Option<String> {
    let client = &shop.config.client;
    let id = n.object_id.as_str();
    match n.object_type {
        ObjectType::Charge => client.get_charge(id).await.ok().and_then(|r| {
            r.into_body()
                .status_details
                .map(|s| s.state.as_str().to_owned())
        }),
        ObjectType::ChargePermission => client.get_charge_permission(id).await.ok().and_then(|r| {
            r.into_body()
                .status_details
                .map(|s| s.state.as_str().to_owned())
        }),
        ObjectType::Refund => client.get_refund(id).await.ok().and_then(|r| {
            r.into_body()
                .status_details
                .map(|s| s.state.as_str().to_owned())
        }),
        _ => None,
    }
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
        Ok(Event::Notification(event)) if event.first_delivery => event,
        Ok(_) => return StatusCode::OK.into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, e.to_string()).into_response();
        }
    };
    // Answer at once; learn the object's new state afterwards.
    tokio::spawn(async move {
        let state = fetch_state(&shop, &event).await;
        shop.notifications().push(ReceivedNotification {
            notification_type: event.notification_type.as_str().to_owned(),
            object_type: event.object_type.as_str().to_owned(),
            object_id: event.object_id.clone(),
            state,
        });
    });
    StatusCode::OK.into_response()
}

/// `GET /notifications`.
pub(crate) async fn list(State(shop): State<Arc<Shop>>) -> Html<String> {
    let rows: String = shop
        .notifications()
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
    page("Notifications", &body)
}
