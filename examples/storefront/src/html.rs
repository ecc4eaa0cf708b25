//! Page layout, escaping and error pages.

use amazon_pay::Error as ApiError;
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value as a JavaScript expression inside `<script>`: JSON is JavaScript, and `</` is
/// written `<\/` (the same string once parsed) so the text cannot close the script element.
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace("</", "<\\/")
}

const STYLE: &str = include_str!("style.css");

/// The page around `body`.
pub(crate) fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} - Emulator Coffee Co.</title><style>{STYLE}</style></head><body>\
         <header><a href=\"/\">Emulator Coffee Co.</a><nav><a href=\"/signin\">Sign in</a> \
         <a href=\"/notifications\">Notifications</a></nav></header><main>{body}</main></body></html>",
        title = escape(title),
    ))
}

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum PageError {
    /// The request lacks something (a query parameter, a form field).
    BadRequest(String),
    /// Amazon Pay refused or failed a call.
    Api(ApiError),
    /// The shop's database failed.
    Db(crate::db::DbError),
    /// A payment step is being processed, or its outcome is not known yet: reloading finishes it.
    Pending(String),
}

impl From<crate::db::DbError> for PageError {
    fn from(e: crate::db::DbError) -> Self {
        PageError::Db(e)
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError::Api(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, detail) = match &self {
            PageError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Bad request", escape(m)),
            PageError::Db(e) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Shop database error",
                escape(&e.to_string()),
            ),
            PageError::Pending(m) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Payment in progress",
                format!(
                    "<span id=\"pending\">{}</span> Reload this page.",
                    escape(m)
                ),
            ),
            PageError::Api(e) => (
                StatusCode::BAD_GATEWAY,
                "Amazon Pay error",
                format!(
                    "<span id=\"reason-code\">{}</span>: {}",
                    escape(
                        e.reason_code()
                            .map_or("no reason code", |code| code.as_str())
                    ),
                    escape(e.message())
                ),
            ),
        };
        let body = format!(
            "<h1>{title}</h1><p class=\"error\">{detail}</p><p><a href=\"/\">Back to the shop</a></p>"
        );
        (status, page(title, &body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_script_ends() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let v = serde_json::json!({"payloadJSON": "</script><script>alert(1)</script>"});
        let js = script_json(&v);
        assert!(!js.contains("</"));
        let back: serde_json::Value = serde_json::from_str(&js).expect("still JSON");
        assert_eq!(back, v);
    }
}
