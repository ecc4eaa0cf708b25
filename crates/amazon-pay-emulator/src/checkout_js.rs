//! The stand-in for Amazon's checkout.js, served at `GET /checkout.js`: `amazon.Pay.renderButton`
//! and `amazon.Pay.initCheckout`, whose button sends the buyer to the emulator's button paths.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::header;

use crate::app::App;

/// The path of the script.
pub(crate) const CHECKOUT_JS_PATH: &str = "/checkout.js";

const SCRIPT: &str = include_str!("assets/checkout.js");
const CONFIG_SLOT: &str = "/*EMULATOR*/";

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new().route(CHECKOUT_JS_PATH, get(serve))
}

/// The script with the emulator's base URL and merchant id filled in.
pub(crate) fn script(base_url: &str, merchant_id: &str) -> String {
    let config = serde_json::json!({ "baseUrl": base_url, "merchantId": merchant_id });
    SCRIPT.replace(CONFIG_SLOT, &config.to_string())
}

async fn serve(State(app): State<Arc<App>>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/javascript; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        script(&app.base_url, &app.merchant_id),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_carries_the_emulator_config() {
        let js = script("http://127.0.0.1:9", "AEXAMPLE");
        assert!(!js.contains(CONFIG_SLOT));
        assert!(js.contains(r#"({"baseUrl":"http://127.0.0.1:9","merchantId":"AEXAMPLE"});"#));
        for api in [
            "renderButton",
            "initCheckout",
            "/checkout/button",
            "/signin/button",
        ] {
            assert!(js.contains(api), "{api}");
        }
    }
}
