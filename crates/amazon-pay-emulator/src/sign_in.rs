//! Amazon Sign-In: what the Sign-In button of checkout.js's stand-in posts
//! (`POST /signin/button` with `payloadJSON`, `signature`, `publicKeyId`, `algorithm`), the
//! hosted sign-in page, and the redirect to `signInReturnUrl?buyerToken=…` (or to
//! `signInCancelUrl`). Any buyer token the emulator issues works with Get Buyer.

use std::collections::HashMap;
use std::sync::Arc;

use amazon_pay_types::SignInPayload;
use axum::Router;
use axum::extract::{Form, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use http::HeaderMap;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::hosted_page::escape;
use crate::ids::IdGen;
use crate::schema::check_url;
use crate::state::buyer;

/// The path the Sign-In button posts to.
pub(crate) const SIGN_IN_PATH: &str = "/signin/button";
/// The form field of the hosted page that carries the buyer's decision.
pub(crate) const DECISION_FIELD: &str = "decision";
/// The query parameter of `signInReturnUrl` that carries the buyer token.
pub(crate) const BUYER_TOKEN_PARAM: &str = "buyerToken";

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route(SIGN_IN_PATH, post(submit))
}

/// Verifies the signature and reads the payload.
fn verified_payload(app: &App, form: &HashMap<String, String>) -> ApiResult<SignInPayload> {
    let (payload, _key_id) = crate::button::verify_form(app, form)?;
    let parsed: SignInPayload = serde_json::from_str(payload).map_err(|e| {
        ApiError::bad_request(
            "InvalidParameterValue",
            format!("payloadJSON is not a sign-in payload: {e}"),
        )
    })?;
    check_url("signInReturnUrl", &parsed.sign_in_return_url)?;
    if let Some(cancel) = &parsed.sign_in_cancel_url {
        check_url("signInCancelUrl", cancel)?;
    }
    Ok(parsed)
}

/// `url` with `name=value` appended to its query.
fn with_param(url: &str, name: &str, value: &str) -> ApiResult<String> {
    let mut parsed = url::Url::parse(url)
        .map_err(|e| ApiError::invalid_value("signInReturnUrl", format!("'{url}': {e}")))?;
    parsed.query_pairs_mut().append_pair(name, value);
    Ok(parsed.into())
}

fn scope_names(payload: &SignInPayload) -> Vec<String> {
    payload
        .sign_in_scopes
        .iter()
        .flatten()
        .filter_map(|s| serde_json::to_value(s).ok())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The hosted sign-in page: the signed form again, plus the buyer's choice.
fn page(app: &App, form: &HashMap<String, String>, payload: &SignInPayload) -> Response {
    let person = buyer::buyer(app.hosts.region);
    let name = person["name"].as_str().unwrap_or_default();
    let email = person["email"].as_str().unwrap_or_default();
    let hidden: String = ["payloadJSON", "signature", "publicKeyId", "algorithm"]
        .iter()
        .filter_map(|k| form.get(*k).map(|v| (k, v)))
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{k}\" value=\"{}\">",
                escape(v)
            )
        })
        .collect();
    let scopes: String = scope_names(payload)
        .iter()
        .map(|s| format!("<li>{}</li>", escape(s)))
        .collect();
    let cancel = if payload.sign_in_cancel_url.is_some() {
        format!(
            "<button type=\"submit\" name=\"{DECISION_FIELD}\" value=\"cancel\" id=\"sign-in-cancel\">Cancel</button>"
        )
    } else {
        String::new()
    };
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Amazon Sign-In (emulator)</title></head>\
         <body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\">\
         <h1>Sign in with Amazon (emulator)</h1>\
         <p>Signed in as <strong id=\"buyer-name\">{}</strong> ({}).</p>\
         <p>The merchant asks for:</p><ul>{scopes}</ul>\
         <form method=\"post\" action=\"{SIGN_IN_PATH}\">{hidden}\
         <button type=\"submit\" name=\"{DECISION_FIELD}\" value=\"continue\" id=\"sign-in-continue\">Continue</button> {cancel}\
         </form></body></html>",
        escape(name),
        escape(email)
    );
    Html(body).into_response()
}

fn decide(app: &App, form: &HashMap<String, String>) -> ApiResult<Response> {
    let payload = verified_payload(app, form)?;
    match form.get(DECISION_FIELD).map(String::as_str) {
        None => Ok(page(app, form, &payload)),
        Some("continue") => {
            let token = format!("emulator-buyer-token-{}", IdGen::new(None).uuid());
            let url = with_param(&payload.sign_in_return_url, BUYER_TOKEN_PARAM, &token)?;
            Ok(Redirect::to(&url).into_response())
        }
        Some("cancel") => match &payload.sign_in_cancel_url {
            Some(url) => Ok(Redirect::to(url).into_response()),
            None => Err(ApiError::bad_request(
                "InvalidParameterValue",
                "the payload has no signInCancelUrl",
            )),
        },
        Some(other) => Err(ApiError::invalid_value(
            DECISION_FIELD,
            format!("'{other}' is not continue or cancel"),
        )),
    }
}

async fn submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    decide(&app, &form).unwrap_or_else(|e| crate::buyer_error::respond(&headers, &e))
}
