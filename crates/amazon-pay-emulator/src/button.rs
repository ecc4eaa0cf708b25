//! The Amazon Pay button path: what checkout.js posts when the buyer clicks the button
//! (`payloadJSON`, `signature`, `publicKeyId`, `algorithm`). The emulator verifies the button
//! signature, creates the Checkout Session from the payload and sends the buyer on.

use std::collections::HashMap;
use std::sync::Arc;

use amazon_pay_signing::{Algorithm, Environment, PublicKeyId, button_string_to_sign};
use axum::Router;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use http::StatusCode;

use crate::app::{App, lock};
use crate::error::{ApiError, ApiResult};
use crate::hosted_page::{self, METHOD_PARAM};
use crate::routing::Operation;
use crate::state::payment_method::SimulatedPaymentMethod;
use crate::state::{Ctx, hosted_page_url};
use crate::{schema, typed};

/// The path checkout.js's stand-in posts to.
pub(crate) const BUTTON_PATH: &str = "/checkout/button";

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route(BUTTON_PATH, post(submit))
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> ApiResult<&'a str> {
    form.get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            ApiError::bad_request("MissingParameterValue", format!("{name} is required"))
        })
}

/// Verifies the signature of a button form (`payloadJSON`, `signature`, `publicKeyId`,
/// optional `algorithm`) and returns the verified payload and key id.
pub(crate) fn verify_form<'a>(
    app: &App,
    form: &'a HashMap<String, String>,
) -> ApiResult<(&'a str, &'a str)> {
    let payload = field(form, "payloadJSON")?;
    let signature = field(form, "signature")?;
    let key_id = field(form, "publicKeyId")?;
    let algorithm: Algorithm = match form
        .get("algorithm")
        .map(String::as_str)
        .filter(|a| !a.is_empty())
    {
        Some(a) => a
            .parse()
            .map_err(|_| ApiError::invalid_value("algorithm", format!("unknown algorithm {a}")))?,
        None => Algorithm::V1,
    };
    let forbidden = |m: String| ApiError::new(StatusCode::FORBIDDEN, "InvalidRequestSignature", m);
    let key = app
        .keys
        .get(key_id)
        .ok_or_else(|| forbidden(format!("The public key id {key_id} is not registered")))?;
    let string_to_sign = button_string_to_sign(algorithm, payload);
    let sig = BASE64
        .decode(signature.trim())
        .map_err(|_| forbidden("The signature is not valid Base64".into()))?;
    key.verify(algorithm, string_to_sign.as_bytes(), &sig)
        .map_err(|_| {
            forbidden(format!(
                "Unable to verify the button signature, signing String [{string_to_sign}]"
            ))
        })?;
    Ok((payload, key_id))
}

/// Verifies the button signature and creates the session; returns its id.
pub(crate) fn create_session(app: &App, form: &HashMap<String, String>) -> ApiResult<String> {
    let (payload, key_id) = verify_form(app, form)?;

    let body = schema::parse_body(
        Operation::CreateCheckoutSession,
        payload.as_bytes(),
        app.hosts.region,
    )?;
    typed::check(Operation::CreateCheckoutSession, payload.as_bytes())?;
    let env = match PublicKeyId::new(key_id).ok().and_then(|k| k.environment()) {
        Some(env) => env,
        None if form.get("sandbox").is_some_and(|s| s == "false") => Environment::Live,
        None => Environment::Sandbox,
    };
    let ctx = Ctx {
        now: app.clock.now(),
        env,
        simulation: None,
        base_url: &app.base_url,
        auth_token: None,
        query: &[],
    };
    let reply =
        lock(&app.state)
            .store
            .handle(Operation::CreateCheckoutSession, &[], &body, &ctx)?;
    reply
        .body
        .as_ref()
        .and_then(|b| b.get("checkoutSessionId"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "no session id",
            )
        })
}

async fn submit(
    State(app): State<Arc<App>>,
    headers: http::HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let id = match create_session(&app, &form) {
        Ok(id) => id,
        Err(e) => return crate::buyer_error::respond(&headers, &e),
    };
    match form.get(METHOD_PARAM) {
        Some(value) => match value.parse::<SimulatedPaymentMethod>() {
            Ok(method) => match hosted_page::approve(&app, &id, method) {
                Ok(url) => Redirect::to(&url).into_response(),
                Err(e) => (e.status, axum::Json(e.body())).into_response(),
            },
            Err(e) => (
                StatusCode::BAD_REQUEST,
                axum::Json(ApiError::bad_request("InvalidParameterValue", e.to_string()).body()),
            )
                .into_response(),
        },
        None => Redirect::to(&hosted_page_url(&app.base_url, &id)).into_response(),
    }
}
