//! Amazon Sign-In: the page with the Sign-In button, and the account page that the buyer
//! returns to with a buyer token (`signInReturnUrl?buyerToken=…`).

use std::collections::HashMap;
use std::sync::Arc;

use amazon_pay::ButtonExt as _;
use amazon_pay::SignInPayload;
use amazon_pay::types::Scope;
use axum::extract::{Query, State};
use axum::response::Html;

use super::{button_html, button_options, required};
use crate::html::{PageError, escape, page};
use crate::shop::Shop;

/// The query parameter Amazon appends to `signInReturnUrl`.
const BUYER_TOKEN_PARAM: &str = "buyerToken";

/// `GET /signin`.
pub(crate) async fn show(State(shop): State<Arc<Shop>>) -> Result<Html<String>, PageError> {
    let payload = SignInPayload::new(shop.url("/account"), shop.config.store_id.as_str())
        .sign_in_scopes(vec![Scope::Name, Scope::Email])
        .sign_in_cancel_url(shop.url("/signin"));
    let config = shop.config.client.button_config(&payload)?;
    let options = button_options(&shop, "SignIn", "Other", "signInConfig", &config);
    let body = format!(
        "<h1>Sign in</h1><p>Use your Amazon account to sign in to the shop.</p>{}",
        button_html(&shop, "AmazonSignInButton", &options)
    );
    Ok(page("Sign in", &body))
}

/// `GET /account?buyerToken=…`: Get Buyer with the token.
pub(crate) async fn account(
    State(shop): State<Arc<Shop>>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Html<String>, PageError> {
    let token = required(&q, BUYER_TOKEN_PARAM)?;
    let buyer = shop.config.client.get_buyer(token).await?.into_body();
    let name = buyer.name.as_deref().unwrap_or("Amazon customer");
    let email = buyer.email.as_deref().unwrap_or("(not shared)");
    let body = format!(
        "<h1>Welcome, <span id=\"buyer-name\">{}</span></h1>\
         <dl><dt>Email</dt><dd id=\"buyer-email\">{}</dd></dl>\
         <p><a href=\"/\">Continue shopping</a></p>",
        escape(name),
        escape(email)
    );
    Ok(page("Your account", &body))
}
