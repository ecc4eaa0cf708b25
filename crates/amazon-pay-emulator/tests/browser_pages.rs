//! The pages a buyer's browser sees: the checkout.js stand-in, Amazon Sign-In, the error page
//! for a bad button signature, and the `amazonPayRedirectUrl` visit that needs no second choice.

mod common;

use bytes::Bytes;
use common::button::{Button, form_post};
use common::{Api, assert_reason};
use http::StatusCode;
use http_body_util::Full;
use serde_json::json;

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

#[tokio::test]
async fn serves_the_checkout_js_stand_in() {
    let api = Api::default().await;
    let req = http::Request::get(format!("{}/checkout.js", api.emu.base_url()))
        .body(Full::new(Bytes::new()))
        .expect("request");
    let a = api.raw(req).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("application/javascript")
    );
    let js = a.text();
    assert!(js.contains("renderButton") && js.contains("initCheckout"));
    assert!(js.contains(api.emu.base_url()) && js.contains(api.emu.merchant_id()));
}

#[tokio::test]
async fn sign_in_shows_the_buyer_then_returns_a_buyer_token() {
    let api = Api::default().await;
    let button = Button::sign(
        &api,
        json!({
            "signInReturnUrl": "http://127.0.0.1:9/account",
            "storeId": api.emu.store_id(),
            "signInScopes": ["name", "email"],
            "signInCancelUrl": "http://127.0.0.1:9/cancelled",
        }),
    );
    let mut fields = button.fields();
    let page = api
        .raw(form_post(
            &api,
            "/signin/button",
            &fields,
            Some(BROWSER_ACCEPT),
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(
        html.contains("Jane Example") && html.contains("<li>email</li>"),
        "{html}"
    );

    fields.push(("decision", "continue"));
    let a = api
        .raw(form_post(
            &api,
            "/signin/button",
            &fields,
            Some(BROWSER_ACCEPT),
        ))
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let location = a.headers["location"].to_str().expect("location");
    let token = location
        .strip_prefix("http://127.0.0.1:9/account?buyerToken=")
        .expect("buyer token on the return URL");
    let buyer = api.get(&format!("/buyers/{token}")).await;
    assert_eq!(
        (buyer.status, buyer.body["name"].as_str()),
        (StatusCode::OK, Some("Jane Example"))
    );

    fields.pop();
    fields.push(("decision", "cancel"));
    let a = api
        .raw(form_post(&api, "/signin/button", &fields, None))
        .await;
    assert_eq!(a.headers["location"], "http://127.0.0.1:9/cancelled");
}

#[tokio::test]
async fn a_bad_button_signature_shows_amazons_error_to_browsers() {
    let api = Api::default().await;
    let mut button = Button::checkout(&api);
    button.payload = button.payload.replace("/review", "/elsewhere");
    let fields = button.fields();
    for path in ["/checkout/button", "/signin/button"] {
        let page = api
            .raw(form_post(&api, path, &fields, Some(BROWSER_ACCEPT)))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(
            page.text().contains("InvalidSignatureError"),
            "{path}: {}",
            page.text()
        );
        let json = api.raw(form_post(&api, path, &fields, None)).await;
        assert_reason(&json, StatusCode::FORBIDDEN, "InvalidRequestSignature");
    }
}

#[tokio::test]
async fn the_redirect_url_visit_processes_the_method_chosen_before() {
    let api = Api::default().await;
    let button = Button::checkout(&api);
    let mut fields = button.fields();
    fields.push(("paymentMethod", "declined"));
    let a = api
        .raw(form_post(
            &api,
            "/checkout/button",
            &fields,
            Some(BROWSER_ACCEPT),
        ))
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let location = a.headers["location"].to_str().expect("location").to_owned();
    let id = location.rsplit('=').next().expect("session id").to_owned();
    let update = api
        .send_json(
            http::Method::PATCH,
            &format!("/checkoutSessions/{id}"),
            json!({
                "webCheckoutDetails": {"checkoutResultReturnUrl": "http://127.0.0.1:9/result"},
                "paymentDetails": {"paymentIntent": "AuthorizeWithCapture",
                                   "chargeAmount": {"amount": "14.00", "currencyCode": "USD"}},
            }),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK, "{:?}", update.body);
    let redirect = update.body["webCheckoutDetails"]["amazonPayRedirectUrl"]
        .as_str()
        .expect("redirect url")
        .to_owned();
    let visit = http::Request::get(redirect)
        .body(Full::new(Bytes::new()))
        .expect("request");
    let a = api.raw(visit).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers["location"].to_str().expect("location"),
        format!("http://127.0.0.1:9/result?amazonCheckoutSessionId={id}")
    );
    let session = api.get(&format!("/checkoutSessions/{id}")).await;
    assert_eq!(session.body["statusDetails"]["state"], "Canceled");
    assert_eq!(session.body["statusDetails"]["reasonCode"], "Declined");
}
