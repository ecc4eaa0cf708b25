//! The shop's pages.

pub(crate) mod product;
pub(crate) mod result;
pub(crate) mod review;
pub(crate) mod sign_in;

use std::collections::HashMap;

use amazon_pay::{ButtonConfig, Environment};
use serde_json::{Value, json};

use crate::html::{PageError, escape, script_json};
use crate::shop::Shop;

/// The query parameter Amazon Pay appends to the review and result URLs.
pub(crate) const SESSION_PARAM: &str = "amazonCheckoutSessionId";

/// A required query or form parameter.
pub(crate) fn required<'a>(
    params: &'a HashMap<String, String>,
    name: &str,
) -> Result<&'a str, PageError> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| PageError::BadRequest(format!("the parameter {name} is missing")))
}

/// The options of `amazon.Pay.renderButton`; `config_name` is `createCheckoutSessionConfig`
/// or `signInConfig`.
fn button_options(
    shop: &Shop,
    product_type: &str,
    placement: &str,
    config_name: &str,
    config: &ButtonConfig,
) -> Value {
    let c = &shop.config;
    json!({
        "merchantId": c.merchant_id,
        "ledgerCurrency": c.product.price.currency_code.as_str(),
        "sandbox": c.client.environment() == Environment::Sandbox,
        "checkoutLanguage": "en_US",
        "productType": product_type,
        "placement": placement,
        "buttonColor": "Gold",
        config_name: config,
    })
}

/// The button container, checkout.js, and the script that renders the button; the options are
/// also left in `window.amazonPayButtonOptions`.
pub(crate) fn button_html(shop: &Shop, element_id: &str, options: &Value) -> String {
    format!(
        "<div id=\"{id}\"></div>\
         <script src=\"{js}\"></script>\
         <script>window.amazonPayButtonOptions = {options};\
         amazon.Pay.renderButton('#{id}', window.amazonPayButtonOptions);</script>",
        id = escape(element_id),
        js = escape(&shop.config.checkout_js_url),
        options = script_json(options),
    )
}
