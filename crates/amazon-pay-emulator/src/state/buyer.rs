//! The sandbox test buyer: name, email and addresses per region.

use amazon_pay_signing::Region;
use serde_json::{Value, json};

use super::{Reply, Store};
use crate::error::{ApiError, ApiResult};

/// The buyer id of the emulator's test buyer.
pub(crate) const BUYER_ID: &str = "amzn1.account.AEMULATORTESTBUYER0000000000";

pub(crate) fn buyer(region: Region) -> Value {
    let (name, phone) = match region {
        Region::Jp => ("Hanako Example", "0300000000"),
        Region::Eu => ("Erika Example", "+49 30 0000000"),
        Region::Na => ("Jane Example", "800-000-0000"),
    };
    json!({
        "buyerId": BUYER_ID,
        "name": name,
        "email": "buyer@example.com",
        "phoneNumber": phone,
        "primeMembershipTypes": null,
    })
}

pub(crate) fn address(region: Region) -> Value {
    match region {
        Region::Jp => json!({
            "name": "Hanako Example", "addressLine1": "1-2-3 Example", "addressLine2": null, "addressLine3": null,
            "city": "Chiyoda-ku", "county": null, "district": null, "stateOrRegion": "Tokyo",
            "postalCode": "100-0001", "countryCode": "JP", "phoneNumber": "0300000000",
        }),
        Region::Eu => json!({
            "name": "Erika Example", "addressLine1": "Examplestrasse 1", "addressLine2": null, "addressLine3": null,
            "city": "Berlin", "county": null, "district": null, "stateOrRegion": "Berlin",
            "postalCode": "10115", "countryCode": "DE", "phoneNumber": "+49 30 0000000",
        }),
        Region::Na => json!({
            "name": "Jane Example", "addressLine1": "410 Terry Ave N", "addressLine2": null, "addressLine3": null,
            "city": "Seattle", "county": null, "district": null, "stateOrRegion": "WA",
            "postalCode": "98109", "countryCode": "US", "phoneNumber": "800-000-0000",
        }),
    }
}

/// The buyer record answered by Get Buyer.
fn get_buyer(region: Region) -> Value {
    let mut b = buyer(region);
    let addr = address(region);
    if let Some(m) = b.as_object_mut() {
        m.insert("postalCode".into(), addr["postalCode"].clone());
        m.insert("countryCode".into(), addr["countryCode"].clone());
        m.insert("shippingAddress".into(), addr.clone());
        m.insert("billingAddress".into(), addr);
    }
    b
}

/// Get Buyer: the test buyer, for any non-empty buyer token.
pub(crate) fn get(store: &Store, buyer_token: &str) -> ApiResult<Reply> {
    if buyer_token.is_empty() {
        return Err(ApiError::invalid_value("buyerToken", "is empty"));
    }
    Ok(Reply::ok(get_buyer(store.region)))
}
