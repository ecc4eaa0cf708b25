//! The review page: reads the checkout session (buyer, address, payment method), and on
//! "Place your order" sets the amount and the result URL and sends the buyer to Amazon Pay.

use std::collections::HashMap;
use std::sync::Arc;

use amazon_pay::CheckoutSession;
use amazon_pay::prelude::{
    PaymentDetails, PaymentIntent, UpdateCheckoutSessionRequest, WebCheckoutDetails,
};
use amazon_pay::types::{Address, MerchantMetadata};
use axum::extract::{Form, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::{SESSION_PARAM, required};
use crate::html::{PageError, escape, page};
use crate::shop::Shop;

fn address_lines(a: &Address) -> String {
    [
        a.name.as_deref(),
        a.address_line1.as_deref(),
        a.address_line2.as_deref(),
        a.address_line3.as_deref(),
        a.city.as_deref(),
        a.state_or_region.as_deref(),
        a.postal_code.as_deref(),
        a.country_code.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(escape)
    .collect::<Vec<_>>()
    .join(", ")
}

fn describe(session: &CheckoutSession) -> String {
    let buyer = session.buyer.as_ref();
    let name = buyer
        .and_then(|b| b.name.as_deref())
        .unwrap_or("(not shared)");
    let email = buyer
        .and_then(|b| b.email.as_deref())
        .unwrap_or("(not shared)");
    let shipping = session
        .shipping_address
        .as_ref()
        .map_or_else(|| "(none)".to_owned(), address_lines);
    let payment = session
        .payment_preferences
        .iter()
        .flatten()
        .filter_map(|p| p.payment_descriptor.as_deref())
        .map(escape)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "<dl><dt>Buyer</dt><dd id=\"buyer-name\">{}</dd><dt>Email</dt><dd>{}</dd>\
         <dt>Ship to</dt><dd id=\"shipping-address\">{shipping}</dd>\
         <dt>Pay with</dt><dd id=\"payment-descriptor\">{}</dd></dl>",
        escape(name),
        escape(email),
        if payment.is_empty() {
            "(none)".to_owned()
        } else {
            payment
        },
    )
}

/// `GET /review?amazonCheckoutSessionId=…`.
pub(crate) async fn show(
    State(shop): State<Arc<Shop>>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Html<String>, PageError> {
    let id = required(&q, SESSION_PARAM)?;
    let session = shop
        .config
        .client
        .get_checkout_session(id)
        .await?
        .into_body();
    let product = &shop.config.product;
    let body = format!(
        "<h1>Review your order</h1>\
         <p>{name}: <strong id=\"total\">{price}</strong></p>{details}\
         <form method=\"post\" action=\"/place-order\">\
         <input type=\"hidden\" name=\"{SESSION_PARAM}\" value=\"{id}\">\
         <button type=\"submit\" class=\"primary\" id=\"place-order\">Place your order</button></form>",
        name = escape(&product.name),
        price = escape(&product.price.to_string()),
        details = describe(&session),
        id = escape(id),
    );
    Ok(page("Review your order", &body))
}

/// `POST /place-order`: sets the amount, the intent and the result URL, then redirects the
/// buyer to `amazonPayRedirectUrl`.
pub(crate) async fn place_order(
    State(shop): State<Arc<Shop>>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = required(&form, SESSION_PARAM)?;
    crate::orders::place(&shop.db, id, &shop.config.product.price).await?;
    let update = UpdateCheckoutSessionRequest::new()
        .web_checkout_details(
            WebCheckoutDetails::new().checkout_result_return_url(shop.url("/result")),
        )
        .payment_details(
            PaymentDetails::new()
                .payment_intent(PaymentIntent::AuthorizeWithCapture)
                .can_handle_pending_authorization(false)
                .charge_amount(shop.config.product.price.clone()),
        )
        .merchant_metadata(MerchantMetadata::new().merchant_store_name("Emulator Coffee Co."));
    let session = shop
        .config
        .client
        .update_checkout_session(id, &update)
        .await?
        .into_body();
    let redirect = session
        .web_checkout_details
        .and_then(|w| w.amazon_pay_redirect_url)
        .ok_or_else(|| {
            PageError::BadRequest(
                "Amazon Pay gave no amazonPayRedirectUrl: the checkout session still has constraints"
                    .to_owned(),
            )
        })?;
    Ok(Redirect::to(&redirect).into_response())
}
