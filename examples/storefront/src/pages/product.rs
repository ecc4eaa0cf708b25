//! The product page with the Amazon Pay button.

use std::sync::Arc;

use amazon_pay::ButtonExt as _;
use amazon_pay::CreateCheckoutSessionRequest;
use amazon_pay::types::WebCheckoutDetails;
use axum::extract::State;
use axum::response::Html;

use super::{button_html, button_options};
use crate::html::{PageError, escape, page};
use crate::shop::Shop;

/// The signed payload: a one-time checkout whose buyer comes back to `/review`.
fn payload(shop: &Shop) -> CreateCheckoutSessionRequest {
    let details = WebCheckoutDetails::new()
        .checkout_review_return_url(shop.url("/review"))
        .checkout_cancel_url(shop.url("/"));
    CreateCheckoutSessionRequest::new(details, shop.config.store_id.as_str())
}

/// `GET /`.
pub(crate) async fn show(State(shop): State<Arc<Shop>>) -> Result<Html<String>, PageError> {
    let config = shop.config.client.button_config(&payload(&shop))?;
    let options = button_options(
        &shop,
        "PayAndShip",
        "Product",
        "createCheckoutSessionConfig",
        &config,
    );
    let product = &shop.config.product;
    let body = format!(
        "<div class=\"product\"><div class=\"picture\"></div><div>\
         <h1 id=\"product-name\">{name}</h1><p>{description}</p>\
         <p class=\"price\" id=\"price\">{price}</p>{button}\
         <p>Have an Amazon account? <a href=\"/signin\" id=\"sign-in-link\">Sign in with Amazon</a></p>\
         </div></div>",
        name = escape(&product.name),
        description = escape(&product.description),
        price = escape(&product.price.to_string()),
        button = button_html(&shop, "AmazonPayButton", &options),
    );
    Ok(page(&product.name, &body))
}
