//! The rules of the official docs, one test each (the table in docs/testing-with-the-emulator.md
//! names the page of each).

mod common;

use std::time::Duration;

use amazon_pay_signing::Region;
use common::{Api, assert_reason, builder};
use http::{Method, StatusCode};
use serde_json::{Value, json};

const DAY: Duration = Duration::from_secs(24 * 3600);

fn state(v: &Value) -> &str {
    v["statusDetails"]["state"].as_str().unwrap_or_default()
}

/// Creates a session with `payment_details` (and `extra` top-level fields), has the buyer
/// approve it and completes it; returns the completed session.
async fn checkout(api: &Api, payment_details: Value, extra: Value) -> Value {
    let mut body = json!({
        "storeId": api.emu.store_id(),
        "webCheckoutDetails": { "checkoutResultReturnUrl": "https://merchant.example/result" },
        "paymentDetails": payment_details,
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let created = api.post("/checkoutSessions", body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    let id = created.id("checkoutSessionId");
    api.emu
        .approve_checkout(&id, "approve".parse().expect("method"))
        .expect("approve");
    let amount = created.body["paymentDetails"]["chargeAmount"].clone();
    let completed = api
        .post(
            &format!("/checkoutSessions/{id}/complete"),
            json!({ "chargeAmount": amount }),
        )
        .await;
    assert_eq!(completed.status, StatusCode::OK, "{:?}", completed.body);
    completed.body
}

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currencyCode": "USD" })
}

async fn charge_permission(api: &Api, id: &str) -> Value {
    let got = api.get(&format!("/chargePermissions/{id}")).await;
    assert_eq!(got.status, StatusCode::OK, "{:?}", got.body);
    got.body
}

/// POSTs `body` to `path` `limit` times (each created), then once more: `TransactionCountExceeded`.
async fn allows_exactly(api: &Api, path: &str, body: Value, limit: usize) {
    for _ in 0..limit {
        let created = api.post(path, body.clone()).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    }
    let more = api.post(path, body).await;
    assert_reason(&more, StatusCode::BAD_REQUEST, "TransactionCountExceeded");
}

#[tokio::test]
async fn at_most_ten_refunds_per_charge() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "AuthorizeWithCapture", "chargeAmount": usd("100.00") }),
        json!({}),
    )
    .await;
    let charge_id = done["chargeId"].as_str().expect("a captured charge");
    let refund = json!({ "chargeId": charge_id, "refundAmount": usd("1.00") });
    allows_exactly(&api, "/refunds", refund, 10).await;
}

#[tokio::test]
async fn at_most_twenty_five_charges_per_one_time_permission() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("100.00") }),
        json!({}),
    )
    .await;
    let cp = done["chargePermissionId"].as_str().expect("permission");
    let charge = json!({ "chargePermissionId": cp, "chargeAmount": usd("1.00") });
    allows_exactly(&api, "/charges", charge, 25).await;
}

#[tokio::test]
async fn one_time_permissions_expire_after_180_days_or_13_months_when_extended() {
    let api = Api::default().await;
    let plain = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("10.00") }),
        json!({}),
    )
    .await;
    let extended = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("10.00"), "extendExpiration": true }),
        json!({}),
    )
    .await;
    let plain_id = plain["chargePermissionId"].as_str().expect("permission");
    let extended_id = extended["chargePermissionId"].as_str().expect("permission");

    api.emu.clock().advance(179 * DAY);
    assert_eq!(
        state(&charge_permission(&api, plain_id).await),
        "Chargeable"
    );
    api.emu.clock().advance(2 * DAY);
    let expired = charge_permission(&api, plain_id).await;
    assert_eq!(state(&expired), "Closed");
    assert_eq!(
        expired["statusDetails"]["reasons"][0]["reasonCode"],
        "Expired"
    );
    // 181 days on, the extended one is still chargeable; it closes after 13 months.
    assert_eq!(
        state(&charge_permission(&api, extended_id).await),
        "Chargeable"
    );
    api.emu.clock().advance(220 * DAY);
    assert_eq!(state(&charge_permission(&api, extended_id).await), "Closed");
}

#[tokio::test]
async fn allow_overcharge_raises_the_limit_to_the_documented_maximum() {
    let api = Api::default().await;
    let small = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("10.00"), "allowOvercharge": true }),
        json!({}),
    )
    .await;
    let large = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("100.00"), "allowOvercharge": true }),
        json!({}),
    )
    .await;
    let without = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("10.00") }),
        json!({}),
    )
    .await;
    let limit = |v: &Value| v["limits"]["amountLimit"]["amount"].clone();
    let small_cp = small["chargePermissionId"].as_str().expect("permission");
    // 900% of 10 USD is less than 500 USD: the limit is 500 USD.
    assert_eq!(limit(&charge_permission(&api, small_cp).await), "500.00");
    let large_cp = large["chargePermissionId"].as_str().expect("permission");
    assert_eq!(limit(&charge_permission(&api, large_cp).await), "900.00");
    let without_cp = without["chargePermissionId"].as_str().expect("permission");
    assert_eq!(limit(&charge_permission(&api, without_cp).await), "10.00");

    let over = api
        .post(
            "/charges",
            json!({ "chargePermissionId": small_cp, "chargeAmount": usd("450.00") }),
        )
        .await;
    assert_eq!(over.status, StatusCode::CREATED, "{:?}", over.body);
    let beyond = api
        .post(
            "/charges",
            json!({ "chargePermissionId": without_cp, "chargeAmount": usd("10.01") }),
        )
        .await;
    assert_reason(
        &beyond,
        StatusCode::BAD_REQUEST,
        "TransactionAmountExceeded",
    );

    // Only Create Checkout Session can ask for it.
    let open = api
        .post(
            "/checkoutSessions",
            json!({
                "storeId": api.emu.store_id(),
                "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" }
            }),
        )
        .await;
    let id = open.id("checkoutSessionId");
    let update = api
        .send_json(
            Method::PATCH,
            &format!("/checkoutSessions/{id}"),
            json!({ "paymentDetails": { "allowOvercharge": true } }),
        )
        .await;
    assert_reason(&update, StatusCode::BAD_REQUEST, "InvalidParameterValue");
}

#[tokio::test]
async fn closed_permissions_take_only_unset_merchant_metadata() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "AuthorizeWithCapture", "chargeAmount": usd("5.00") }),
        json!({ "merchantMetadata": { "merchantStoreName": "Shop" } }),
    )
    .await;
    let cp = done["chargePermissionId"].as_str().expect("permission");
    assert_eq!(state(&charge_permission(&api, cp).await), "Closed");
    let path = format!("/chargePermissions/{cp}");
    let first = api
        .send_json(
            Method::PATCH,
            &path,
            json!({ "merchantMetadata": { "merchantReferenceId": "order-1" } }),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!(
        first.body["merchantMetadata"]["merchantReferenceId"],
        "order-1"
    );
    for field in ["merchantReferenceId", "merchantStoreName"] {
        let again = api
            .send_json(
                Method::PATCH,
                &path,
                json!({ "merchantMetadata": { field: "changed" } }),
            )
            .await;
        assert_reason(
            &again,
            StatusCode::UNPROCESSABLE_ENTITY,
            "ChargePermissionNotModifiable",
        );
    }

    let recurring = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("5.00") }),
        json!({
            "chargePermissionType": "Recurring",
            "recurringMetadata": { "frequency": { "unit": "Month", "value": 1 } }
        }),
    )
    .await;
    let rcp = recurring["chargePermissionId"]
        .as_str()
        .expect("permission");
    let closed = api
        .send(api.call(Method::DELETE, &format!("/chargePermissions/{rcp}/close")))
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{:?}", closed.body);
    let update = api
        .send_json(
            Method::PATCH,
            &format!("/chargePermissions/{rcp}"),
            json!({ "merchantMetadata": { "merchantReferenceId": "order-2" } }),
        )
        .await;
    assert_reason(
        &update,
        StatusCode::UNPROCESSABLE_ENTITY,
        "ChargePermissionNotModifiable",
    );
}

#[tokio::test]
async fn an_expired_session_cannot_be_completed_and_is_gone_after_30_days() {
    let api = Api::default().await;
    let id = api.approved_session("12.00", "Authorize", "approve").await;
    api.emu.clock().advance(DAY + Duration::from_secs(1));
    let session = api.get(&format!("/checkoutSessions/{id}")).await;
    assert_eq!(state(&session.body), "Canceled");
    assert_eq!(session.body["statusDetails"]["reasonCode"], "Expired");
    let late = api.complete(&id, "12.00").await;
    assert_reason(
        &late,
        StatusCode::UNPROCESSABLE_ENTITY,
        "InvalidCheckoutSessionStatus",
    );

    api.emu.clock().advance(28 * DAY);
    assert_eq!(
        api.get(&format!("/checkoutSessions/{id}")).await.status,
        StatusCode::OK
    );
    api.emu.clock().advance(DAY);
    assert_reason(
        &api.get(&format!("/checkoutSessions/{id}")).await,
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
    );
}

#[tokio::test]
async fn one_time_buyer_details_are_readable_for_30_days() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("10.00") }),
        json!({}),
    )
    .await;
    let cp = done["chargePermissionId"].as_str().expect("permission");
    let fresh = charge_permission(&api, cp).await;
    assert!(fresh["buyer"]["buyerId"].is_string(), "{fresh}");
    api.emu.clock().advance(29 * DAY);
    assert!(charge_permission(&api, cp).await["buyer"].is_object());
    api.emu.clock().advance(2 * DAY);
    let later = charge_permission(&api, cp).await;
    assert!(later["buyer"].is_null(), "{later}");
    assert!(later["shippingAddress"].is_null());
    assert_eq!(state(&later), "Chargeable");
}

#[tokio::test]
async fn a_recurring_permission_closes_at_its_expiration() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "Confirm", "chargeAmount": usd("5.00") }),
        json!({
            "chargePermissionType": "Recurring",
            "recurringMetadata": { "frequency": { "unit": "Month", "value": 1 } }
        }),
    )
    .await;
    let cp = done["chargePermissionId"].as_str().expect("permission");
    let first = charge_permission(&api, cp).await;
    let expires = first["expirationTimestamp"]
        .as_str()
        .expect("an expiration");
    let created = first["creationTimestamp"].as_str().expect("created");
    // 13 months later: same day and time, one year and one month on.
    let year: i32 = created[..4].parse().expect("year");
    let month: u32 = created[4..6].parse().expect("month");
    let (y, m) = if month == 12 {
        (year + 2, 1)
    } else {
        (year + 1, month + 1)
    };
    assert!(
        expires.starts_with(&format!("{y:04}{m:02}")),
        "{created} -> {expires}"
    );

    // A charge 300 days on moves the expiration 13 months past it.
    api.emu.clock().advance(300 * DAY);
    let charge = api
        .post(
            "/charges",
            json!({ "chargePermissionId": cp, "chargeAmount": usd("5.00"), "captureNow": true }),
        )
        .await;
    assert_eq!(charge.status, StatusCode::CREATED, "{:?}", charge.body);
    api.emu.clock().advance(200 * DAY);
    assert_eq!(state(&charge_permission(&api, cp).await), "Chargeable");
    api.emu.clock().advance(200 * DAY);
    let closed = charge_permission(&api, cp).await;
    assert_eq!(state(&closed), "Closed");
    assert_eq!(
        closed["statusDetails"]["reasons"][0]["reasonCode"],
        "Expired"
    );
    // Buyer details of a closed recurring permission stay readable for 30 days.
    assert!(closed["buyer"].is_object());
    api.emu.clock().advance(31 * DAY);
    assert!(charge_permission(&api, cp).await["buyer"].is_null());
}

#[tokio::test]
async fn a_capture_more_than_7_days_after_authorization_is_asynchronous() {
    let api = Api::default().await;
    let id = api.approved_session("20.00", "Authorize", "approve").await;
    let done = api.complete(&id, "20.00").await;
    let charge_id = done.id("chargeId");
    api.emu.clock().advance(7 * DAY + Duration::from_secs(60));
    let capture = api
        .post(
            &format!("/charges/{charge_id}/capture"),
            json!({ "captureAmount": usd("20.00") }),
        )
        .await;
    assert_eq!(capture.status, StatusCode::OK, "{:?}", capture.body);
    assert_eq!(state(&capture.body), "CaptureInitiated");
    api.emu.clock().advance(Duration::from_secs(31));
    let later = api.get(&format!("/charges/{charge_id}")).await;
    assert_eq!(state(&later.body), "Captured");

    // Within 7 days a capture completes at once.
    let id = api.approved_session("20.00", "Authorize", "approve").await;
    let charge_id = api.complete(&id, "20.00").await.id("chargeId");
    api.emu.clock().advance(6 * DAY);
    let quick = api
        .post(
            &format!("/charges/{charge_id}/capture"),
            json!({ "captureAmount": usd("20.00") }),
        )
        .await;
    assert_eq!(state(&quick.body), "Captured");
}

#[tokio::test]
async fn amounts_are_echoed_as_written_and_currencies_follow_the_region() {
    let api = Api::default().await;
    let done = checkout(
        &api,
        json!({ "paymentIntent": "AuthorizeWithCapture", "chargeAmount": usd("1") }),
        json!({}),
    )
    .await;
    assert_eq!(done["paymentDetails"]["chargeAmount"], usd("1"));
    let charge = api
        .get(&format!(
            "/charges/{}",
            done["chargeId"].as_str().expect("charge")
        ))
        .await;
    assert_eq!(charge.body["chargeAmount"], usd("1"));
    // Computed amounts are written with the currency's digits.
    assert_eq!(charge.body["refundedAmount"], usd("0.00"));

    let yen = json!({
        "storeId": api.emu.store_id(),
        "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
        "paymentDetails": { "chargeAmount": { "amount": "705", "currencyCode": "JPY" } }
    });
    let on_na = api.post("/checkoutSessions", yen.clone()).await;
    assert_reason(&on_na, StatusCode::BAD_REQUEST, "InvalidParameterValue");
    assert!(
        on_na.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot charge JPY")
    );

    let jp = Api::start(builder().region(Region::Jp)).await;
    let mut yen_jp = yen.clone();
    yen_jp["storeId"] = json!(jp.emu.store_id());
    let accepted = jp.post("/checkoutSessions", yen_jp.clone()).await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{:?}", accepted.body);
    assert_eq!(
        accepted.body["paymentDetails"]["chargeAmount"]["amount"],
        "705"
    );
    yen_jp["paymentDetails"]["chargeAmount"]["amount"] = json!("705.00");
    let decimals = jp.post("/checkoutSessions", yen_jp).await;
    assert_reason(&decimals, StatusCode::BAD_REQUEST, "InvalidParameterValue");
}
