//! The pages that stand in for Amazon in the buyer's browser: the checkout page behind
//! `amazonPayRedirectUrl`, report downloads, file uploads and the merchant claim page.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, put};

use crate::app::{App, lock};
use crate::error::{ApiError, ApiResult};
use crate::state::payment_method::SimulatedPaymentMethod;

/// The query/form parameter that names the simulated payment method.
pub(crate) const METHOD_PARAM: &str = "paymentMethod";

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/checkout/{id}", get(page).post(submit))
        .route("/downloads/report-documents/{id}", get(report_document))
        .route("/uploads/{id}", put(upload))
        .route("/merchant-claim/{id}", get(claim))
}

/// Records the buyer's choice and returns the merchant URL the buyer goes to next.
pub(crate) fn approve(app: &App, id: &str, method: SimulatedPaymentMethod) -> ApiResult<String> {
    let now = app.clock.now();
    let (url, changes) = {
        let mut st = lock(&app.state);
        let url = st.store.approve(id, method, now)?;
        (url, st.store.take_changes())
    };
    app.ipn.notify(changes, now);
    Ok(url)
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn error_page(e: &ApiError) -> Response {
    let body = format!(
        "<!doctype html><html><head><title>Amazon Pay emulator</title></head><body><h1>{}</h1><p>{}</p></body></html>",
        escape(e.reason_code),
        escape(&e.message)
    );
    (e.status, Html(body)).into_response()
}

fn decide(app: &App, id: &str, value: &str) -> Response {
    let method = match value.parse::<SimulatedPaymentMethod>() {
        Ok(m) => m,
        Err(e) => {
            return error_page(&ApiError::bad_request(
                "InvalidParameterValue",
                e.to_string(),
            ));
        }
    };
    match approve(app, id, method) {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => error_page(&e),
    }
}

async fn page(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(value) = q.get(METHOD_PARAM) {
        return decide(&app, &id, value);
    }
    let (exists, chosen) = {
        let st = lock(&app.state);
        let session = st.store.sessions.get(&id);
        let chosen = session
            .filter(|s| s.merchant_constraints().is_empty())
            .and_then(|s| s.method);
        (session.is_some(), chosen)
    };
    if !exists {
        return error_page(&ApiError::not_found("Checkout Session", &id));
    }
    // The buyer chose on the first visit and the merchant has set the amount: this is the
    // `amazonPayRedirectUrl` visit, where Amazon processes the payment without asking again.
    if let Some(method) = chosen {
        return decide(&app, &id, method.as_str());
    }
    let options: String = SimulatedPaymentMethod::ALL
        .iter()
        .enumerate()
        .map(|(i, m)| {
            format!(
                "<p><label><input type=\"radio\" name=\"{METHOD_PARAM}\" value=\"{}\"{}> Visa ****{} ({})</label></p>",
                m.as_str(),
                if i == 0 { " checked" } else { "" },
                m.card_ending(),
                m.label()
            )
        })
        .collect();
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Amazon Pay emulator checkout</title></head><body>\
         <h1>Amazon Pay (emulator)</h1><p>Checkout Session {}</p><form method=\"post\">{options}\
         <button type=\"submit\">Continue</button></form></body></html>",
        escape(&id)
    );
    Html(body).into_response()
}

async fn submit(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    match form.get(METHOD_PARAM) {
        Some(value) => decide(&app, &id, value),
        None => error_page(&ApiError::bad_request(
            "MissingParameterValue",
            format!("{METHOD_PARAM} is required"),
        )),
    }
}

async fn report_document(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let st = lock(&app.state);
    let header_line = "SettlementId,TransactionType,ChargeId,Amount,CurrencyCode,TransactionTime\n";
    let rows: String = st
        .store
        .charges
        .values()
        .filter(|c| c.capture_amount.is_some())
        .map(|c| {
            let captured = c
                .capture_amount
                .as_ref()
                .map(|m| m.amount_string())
                .unwrap_or_default();
            format!(
                "{id},Capture,{},{captured},{},{}\n",
                c.id,
                c.amount.currency,
                crate::clock::api_timestamp(c.updated)
            )
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "text/csv")],
        format!("{header_line}{rows}"),
    )
        .into_response()
}

async fn upload(Path(_id): Path<String>) -> StatusCode {
    StatusCode::OK
}

async fn claim(Path(id): Path<String>) -> Html<String> {
    Html(format!(
        "<!doctype html><html><body><h1>Amazon Pay (emulator)</h1><p>Merchant account {} claimed.</p></body></html>",
        escape(&id)
    ))
}
