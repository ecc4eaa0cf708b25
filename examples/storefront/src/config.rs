//! What the shop sells and how it reaches Amazon Pay.

use std::fmt;

use amazon_pay::ipn::NotificationVerifier;
use amazon_pay::{Client, Price};

/// The one product on sale.
#[derive(Debug, Clone)]
pub struct Product {
    /// The product name.
    pub name: String,
    /// A line about it.
    pub description: String,
    /// The price; its currency is the ledger currency of the button.
    pub price: Price,
}

/// Everything the shop needs to take Amazon Pay.
pub struct ShopConfig {
    /// The API client (its key id and signer also sign the buttons).
    pub client: Client,
    /// The store id (`amzn1.application-oa2-client.…`).
    pub store_id: String,
    /// The merchant id the buttons name.
    pub merchant_id: String,
    /// The URL of checkout.js (Amazon's for the region, or the emulator's stand-in).
    pub checkout_js_url: String,
    /// The product on sale.
    pub product: Product,
    /// Verifies notifications posted to `/ipn`; without it the endpoint answers 404.
    pub ipn: Option<NotificationVerifier>,
}

impl fmt::Debug for ShopConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShopConfig")
            .field("store_id", &self.store_id)
            .field("merchant_id", &self.merchant_id)
            .field("checkout_js_url", &self.checkout_js_url)
            .field("product", &self.product)
            .field("ipn", &self.ipn.is_some())
            .finish_non_exhaustive()
    }
}
