//! The API endpoint: route, verify, apply idempotency, validate, run the operation.

use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use bytes::Bytes;
use http::request::Parts;
use http::{HeaderValue, Method, StatusCode, header};

use crate::app::{App, lock};
use crate::auth;
use crate::error::ApiError;
use crate::idempotency::{Lookup, SavedAnswer, fingerprint, validate_key};
use crate::routing::{self, Idempotency, RouteError, redacted_path};
use crate::schema;
use crate::state::{Ctx, Reply};
use crate::typed;

/// The largest body accepted.
pub(crate) const MAX_BODY: usize = 1 << 20;

/// What the request log needs to know about an answered API request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    pub(crate) path: String,
    pub(crate) operation: Option<&'static str>,
    pub(crate) reason_code: Option<String>,
    pub(crate) replayed: bool,
}

/// An answer before it becomes an HTTP response.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    body: Bytes,
    location: Option<String>,
}

impl From<&ApiError> for Answer {
    fn from(e: &ApiError) -> Self {
        Self {
            status: e.status,
            body: Bytes::from(e.body().to_string()),
            location: None,
        }
    }
}

impl From<Reply> for Answer {
    fn from(r: Reply) -> Self {
        let body = r
            .body
            .map(|b| Bytes::from(b.to_string()))
            .unwrap_or_default();
        Self {
            status: r.status,
            body,
            location: r.location,
        }
    }
}

impl From<SavedAnswer> for Answer {
    fn from(a: SavedAnswer) -> Self {
        Self {
            status: StatusCode::from_u16(a.status).unwrap_or(StatusCode::OK),
            body: a.body,
            location: a.location,
        }
    }
}

fn header_str<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

fn route_error(e: RouteError) -> ApiError {
    match e {
        RouteError::WrongMethod => ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "UnsupportedOperation",
            "The method is not supported on this path",
        ),
        RouteError::NotApi | RouteError::UnknownPath => ApiError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            "No Amazon Pay API operation has this path",
        ),
    }
}

/// The axum fallback handler for every API path.
pub(crate) async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (answer, outcome) = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => process(&app, &parts, &bytes),
        Err(_) => {
            let e = ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "InvalidRequest",
                "The request body is too large",
            );
            let outcome = Outcome {
                path: parts.uri.path().to_owned(),
                reason_code: Some(e.reason_code.into()),
                ..Outcome::default()
            };
            (Answer::from(&e), outcome)
        }
    };
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&app.request_id()) {
        headers.insert("x-amz-pay-request-id", v);
    }
    if let Some(v) = answer.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, v);
    }
    response.extensions_mut().insert(outcome);
    response
}

fn process(app: &App, parts: &Parts, body: &Bytes) -> (Answer, Outcome) {
    let path = parts.uri.path();
    let route = routing::route(&parts.method, path);
    let mut outcome = Outcome {
        path: redacted_path(route.as_ref().ok(), path),
        ..Outcome::default()
    };
    let answer = match run(app, parts, body, route, &mut outcome) {
        Ok(a) => a,
        Err(e) => Answer::from(&e),
    };
    if (answer.status.is_client_error() || answer.status.is_server_error())
        && outcome.reason_code.is_none()
    {
        outcome.reason_code = serde_json::from_slice::<serde_json::Value>(&answer.body)
            .ok()
            .and_then(|v| {
                v.get("reasonCode")
                    .and_then(|r| r.as_str())
                    .map(str::to_owned)
            });
    }
    (answer, outcome)
}

fn run(
    app: &App,
    parts: &Parts,
    body: &Bytes,
    route: Result<routing::Route, RouteError>,
    outcome: &mut Outcome,
) -> Result<Answer, ApiError> {
    let route = route.map_err(route_error)?;
    let op = route.operation;
    outcome.operation = Some(op.name());
    let authenticated = auth::authenticate(
        parts,
        body,
        &route,
        &app.keys,
        &app.hosts,
        SystemTime::now(),
    )?;

    let key = header_str(parts, "x-amz-pay-idempotency-key");
    if let Some(k) = key {
        validate_key(k)?;
    }
    let uses_key = parts.method == Method::POST && op.idempotency() != Idempotency::Ignored;
    if op.idempotency() == Idempotency::Required && key.is_none() {
        return Err(ApiError::bad_request(
            "MissingHeader",
            format!(
                "The header x-amz-pay-idempotency-key is required for {}",
                op.name()
            ),
        ));
    }
    let value = schema::parse_body(op, body, app.hosts.region)?;
    typed::check(op, body)?;

    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let simulation = header_str(parts, "x-amz-pay-simulation-code")
        .or_else(|| header_str(parts, "x-amz-simulation-code"))
        .filter(|c| !c.trim().is_empty());
    let now = app.clock.now();
    let ctx = Ctx {
        now,
        env: authenticated.env,
        simulation,
        base_url: &app.base_url,
        auth_token: header_str(parts, "x-amz-pay-authtoken"),
        query: &query,
    };
    let target = format!("{}:{}", op.name(), route.params.join("/"));
    let fp = fingerprint(parts.method.as_str(), &target, body);

    let (answer, changes) = {
        let mut st = lock(&app.state);
        if let (true, Some(k)) = (uses_key, key)
            && let Lookup::Replay(saved) = st.idempotency.lookup(k, &fp)?
        {
            outcome.replayed = true;
            return Ok(Answer::from(saved));
        }
        let answer = match st.store.handle(op, &route.params, &value, &ctx) {
            Ok(reply) => Answer::from(reply),
            Err(e) => {
                outcome.reason_code = Some(e.reason_code.to_owned());
                Answer::from(&e)
            }
        };
        if let (true, Some(k)) = (uses_key, key) {
            let saved = SavedAnswer {
                status: answer.status.as_u16(),
                body: answer.body.clone(),
                location: answer.location.clone(),
            };
            st.idempotency.save(k, fp, saved);
        }
        (answer, st.store.take_changes())
    };
    app.ipn.notify(changes, now);
    Ok(answer)
}
