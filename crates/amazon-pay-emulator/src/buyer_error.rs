//! How the pages that stand in for Amazon answer an error: a browser (a request that accepts
//! `text/html`) sees an error page as Amazon shows the buyer, any other caller the JSON error body.

use axum::response::{Html, IntoResponse, Response};
use http::{HeaderMap, header};

use crate::error::ApiError;
use crate::hosted_page::escape;

/// The error code Amazon's page shows for an API reason code.
pub(crate) fn page_code(reason_code: &str) -> &str {
    match reason_code {
        "InvalidRequestSignature" => "InvalidSignatureError",
        other => other,
    }
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("text/html"))
}

/// The error as an HTML page for browsers, as JSON otherwise; the status is the error's.
pub(crate) fn respond(headers: &HeaderMap, e: &ApiError) -> Response {
    if !wants_html(headers) {
        return (e.status, axum::Json(e.body())).into_response();
    }
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Amazon Pay - error</title></head>\
         <body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\">\
         <h1>Something went wrong</h1>\
         <p>We're sorry, there was a problem with this request. Please return to the merchant's site.</p>\
         <p id=\"amazon-pay-error-code\">Error code: <strong>{}</strong></p>\
         <p id=\"amazon-pay-error-message\" style=\"color:#555\">{}</p></body></html>",
        escape(page_code(e.reason_code)),
        escape(&e.message)
    );
    (e.status, Html(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderValue, StatusCode};

    #[test]
    fn browsers_get_a_page_and_programs_json() {
        let e = ApiError::new(
            StatusCode::FORBIDDEN,
            "InvalidRequestSignature",
            "bad <sig>",
        );
        let mut browser = HeaderMap::new();
        browser.insert(
            header::ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        let page = respond(&browser, &e);
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        assert!(
            page.headers()[header::CONTENT_TYPE]
                .to_str()
                .is_ok_and(|v| v.starts_with("text/html"))
        );
        let json = respond(&HeaderMap::new(), &e);
        assert_eq!(json.status(), StatusCode::FORBIDDEN);
        assert!(
            json.headers()[header::CONTENT_TYPE]
                .to_str()
                .is_ok_and(|v| v.starts_with("application/json"))
        );
        assert_eq!(
            page_code("InvalidRequestSignature"),
            "InvalidSignatureError"
        );
        assert_eq!(page_code("InvalidParameterValue"), "InvalidParameterValue");
    }
}
