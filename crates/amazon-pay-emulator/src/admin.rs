//! The admin API under `/__admin`: request log, objects, reset, clock, faults, keys, IPNs and
//! the certificates a verifier needs. JSON in and out.

use std::sync::Arc;
use std::time::Duration;

use amazon_pay_signing::PublicKey;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::{App, lock};
use crate::clock::{api_timestamp, parse_timestamp};
use crate::faults::{Fault, FaultId};
use crate::state::payment_method::SimulatedPaymentMethod;

type AppState = State<Arc<App>>;

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

fn pem(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/x-pem-file")], text).into_response()
}

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/__admin/info", get(info))
        .route("/__admin/requests", get(requests).delete(clear_requests))
        .route("/__admin/objects", get(objects))
        .route("/__admin/reset", post(reset))
        .route("/__admin/clock", get(clock))
        .route("/__admin/clock/advance", post(advance))
        .route("/__admin/clock/set", post(set_clock))
        .route(
            "/__admin/faults",
            get(faults).post(inject).delete(clear_faults),
        )
        .route("/__admin/faults/{id}", delete(remove_fault))
        .route("/__admin/keys", get(keys).post(add_key))
        .route("/__admin/keys/{id}", delete(remove_key))
        .route("/__admin/ca.pem", get(ca))
        .route("/__admin/sns-certificate", get(sns_certificate))
        .route("/__admin/ipns", get(ipns))
        .route("/__admin/ipn-url", put(set_ipn_url))
        .route("/__admin/checkout-sessions/{id}/approve", post(approve))
}

pub(crate) fn info_json(app: &App) -> Value {
    json!({
        "baseUrl": app.base_url,
        "publicKeyId": app.public_key_id,
        "storeId": app.store_id,
        "merchantId": app.merchant_id,
        "region": app.hosts.region.as_str(),
        "ipnUrl": app.ipn.url(),
        "now": api_timestamp(app.clock.now()),
    })
}

async fn info(State(app): AppState) -> Json<Value> {
    Json(info_json(&app))
}

async fn requests(State(app): AppState) -> Json<Value> {
    Json(json!({ "requests": lock(&app.log).all() }))
}

async fn clear_requests(State(app): AppState) -> StatusCode {
    lock(&app.log).clear();
    StatusCode::NO_CONTENT
}

async fn objects(State(app): AppState) -> Json<Value> {
    Json(lock(&app.state).store.snapshot(&app.base_url))
}

async fn reset(State(app): AppState) -> StatusCode {
    app.reset();
    StatusCode::NO_CONTENT
}

fn clock_json(app: &App) -> Value {
    json!({ "now": api_timestamp(app.clock.now()), "offsetSeconds": app.clock.offset().whole_seconds() })
}

async fn clock(State(app): AppState) -> Json<Value> {
    Json(clock_json(&app))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AdvanceBody {
    #[serde(default)]
    seconds: u64,
    #[serde(default)]
    millis: u64,
}

async fn advance(State(app): AppState, Json(body): Json<AdvanceBody>) -> Json<Value> {
    app.advance(Duration::from_secs(body.seconds) + Duration::from_millis(body.millis));
    Json(clock_json(&app))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetClockBody {
    now: String,
}

async fn set_clock(State(app): AppState, Json(body): Json<SetClockBody>) -> Response {
    match parse_timestamp(&body.now) {
        Some(t) => {
            app.clock.set(t);
            app.tick();
            Json(clock_json(&app)).into_response()
        }
        None => error(
            StatusCode::BAD_REQUEST,
            "now must be YYYYMMDDTHHMMSSZ or YYYY-MM-DDTHH:MM:SSZ",
        ),
    }
}

async fn faults(State(app): AppState) -> Json<Value> {
    let list: Vec<Value> = lock(&app.faults)
        .list()
        .into_iter()
        .map(|(id, f)| json!({ "id": id.0, "fault": f }))
        .collect();
    Json(json!({ "faults": list }))
}

async fn inject(State(app): AppState, Json(fault): Json<Fault>) -> Json<Value> {
    let id = lock(&app.faults).inject(fault);
    Json(json!({ "id": id.0 }))
}

async fn clear_faults(State(app): AppState) -> StatusCode {
    lock(&app.faults).clear();
    StatusCode::NO_CONTENT
}

async fn remove_fault(State(app): AppState, Path(id): Path<u64>) -> StatusCode {
    if lock(&app.faults).remove(FaultId(id)) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

async fn keys(State(app): AppState) -> Json<Value> {
    Json(json!({ "publicKeyIds": app.keys.ids() }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AddKeyBody {
    public_key_id: String,
    public_key_pem: String,
}

async fn add_key(State(app): AppState, Json(body): Json<AddKeyBody>) -> Response {
    if body.public_key_id.trim().is_empty() {
        return error(StatusCode::BAD_REQUEST, "publicKeyId is empty");
    }
    match PublicKey::from_pem(&body.public_key_pem) {
        Ok(key) => {
            app.keys.insert(body.public_key_id.clone(), key);
            (
                StatusCode::CREATED,
                Json(json!({ "publicKeyId": body.public_key_id })),
            )
                .into_response()
        }
        Err(e) => error(StatusCode::BAD_REQUEST, format!("publicKeyPem: {e}")),
    }
}

async fn remove_key(State(app): AppState, Path(id): Path<String>) -> StatusCode {
    if app.keys.remove(&id) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

async fn ca(State(app): AppState) -> Response {
    pem(app.pki.ca_pem.clone())
}

async fn sns_certificate(State(app): AppState) -> Response {
    pem(app.pki.sns_cert_pem.clone())
}

async fn ipns(State(app): AppState) -> Json<Value> {
    Json(json!({ "ipnUrl": app.ipn.url(), "notifications": app.ipn.records() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IpnUrlBody {
    url: Option<String>,
}

async fn set_ipn_url(State(app): AppState, Json(body): Json<IpnUrlBody>) -> Response {
    if let Some(u) = &body.url
        && url::Url::parse(u).is_err()
    {
        return error(StatusCode::BAD_REQUEST, format!("{u} is not a URL"));
    }
    app.ipn.set_url(body.url);
    Json(json!({ "ipnUrl": app.ipn.url() })).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ApproveBody {
    payment_method: String,
}

async fn approve(
    State(app): AppState,
    Path(id): Path<String>,
    Json(body): Json<ApproveBody>,
) -> Response {
    let method: SimulatedPaymentMethod = match body.payment_method.parse() {
        Ok(m) => m,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    match crate::hosted_page::approve(&app, &id, method) {
        Ok(url) => Json(json!({ "redirectUrl": url })).into_response(),
        Err(e) => (e.status, Json(e.body())).into_response(),
    }
}
