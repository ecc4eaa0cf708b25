//! A whole checkout → charge → capture → refund over HTTP, driven by raw signed requests.

mod common;

use std::time::Duration;

use bytes::Bytes;
use common::{Api, assert_reason, unique_key};
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::json;

fn state(v: &serde_json::Value) -> &str {
    v["statusDetails"]["state"].as_str().unwrap_or_default()
}

fn constraint_ids(v: &serde_json::Value) -> Vec<String> {
    v["constraints"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c["constraintId"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn buyer_visits(api: &Api, url: String, form: Option<&str>) -> String {
    let req = match form {
        Some(f) => http::Request::post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Full::new(Bytes::from(f.to_owned()))),
        None => http::Request::get(url).body(Full::new(Bytes::new())),
    }
    .expect("request");
    let resp = api.raw(req).await;
    assert_eq!(resp.status, StatusCode::SEE_OTHER, "{:?}", resp.body);
    resp.headers["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

#[tokio::test]
async fn checkout_charge_capture_refund() {
    let api = Api::default().await;
    let emu = &api.emu;

    // The button's payload: only a review URL. The session waits for the buyer and the merchant.
    let created = api
        .post(
            "/checkoutSessions",
            json!({
                "storeId": emu.store_id(),
                "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
                "scopes": ["name", "email", "shippingAddress"]
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert!(created.headers.contains_key("x-amz-pay-request-id"));
    let session = &created.body;
    let id = created.id("checkoutSessionId");
    assert_eq!(state(session), "Open");
    assert_eq!(session["releaseEnvironment"], "Sandbox");
    assert_eq!(
        constraint_ids(session),
        [
            "BuyerNotAssociated",
            "CheckoutResultReturnUrlNotSet",
            "ChargeAmountNotSet",
            "PaymentIntentNotSet"
        ]
    );
    assert!(session["webCheckoutDetails"]["amazonPayRedirectUrl"].is_null());

    // The buyer signs in on the hosted page and comes back to the review page.
    let review = buyer_visits(
        &api,
        format!("{}?paymentMethod=approve", emu.hosted_page_url(&id)),
        None,
    )
    .await;
    assert_eq!(
        review,
        format!("https://merchant.example/review?amazonCheckoutSessionId={id}")
    );
    let seen = api.get(&format!("/checkoutSessions/{id}")).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["buyer"]["email"], "buyer@example.com");
    assert_eq!(
        seen.body["paymentPreferences"][0]["paymentDescriptor"],
        "Visa ****1111 (Amazon Pay)"
    );
    assert!(!constraint_ids(&seen.body).contains(&"BuyerNotAssociated".to_owned()));

    // The merchant sets the payment info; the redirect URL appears.
    let updated = api
        .send_json(
            Method::PATCH,
            &format!("/checkoutSessions/{id}"),
            json!({
                "webCheckoutDetails": { "checkoutResultReturnUrl": "https://merchant.example/result" },
                "paymentDetails": {
                    "paymentIntent": "Authorize",
                    "canHandlePendingAuthorization": false,
                    "chargeAmount": { "amount": "50.00", "currencyCode": "USD" }
                },
                "merchantMetadata": { "merchantReferenceId": "order-1" }
            }),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{:?}", updated.body);
    assert!(constraint_ids(&updated.body).is_empty());
    let redirect = updated.body["webCheckoutDetails"]["amazonPayRedirectUrl"]
        .as_str()
        .expect("redirect")
        .to_owned();
    assert_eq!(redirect, emu.hosted_page_url(&id));

    // The buyer confirms on the hosted page (the form) and returns to the result page.
    let result = buyer_visits(&api, redirect, Some("paymentMethod=approve")).await;
    assert_eq!(
        result,
        format!("https://merchant.example/result?amazonCheckoutSessionId={id}")
    );

    // Complete: a different amount is refused, the right one completes.
    let mismatch = api.complete(&id, "51.00").await;
    assert_reason(&mismatch, StatusCode::CONFLICT, "AmountMismatch");
    let completed = api.complete(&id, "50.00").await;
    assert_eq!(completed.status, StatusCode::OK, "{:?}", completed.body);
    assert_eq!(state(&completed.body), "Completed");
    assert!(completed.body["buyer"].is_null());
    let cp_id = completed.id("chargePermissionId");
    let charge_id = completed.id("chargeId");
    assert!(charge_id.starts_with(&cp_id));
    let again = api.complete(&id, "50.00").await;
    assert_reason(
        &again,
        StatusCode::UNPROCESSABLE_ENTITY,
        "InvalidCheckoutSessionStatus",
    );

    let cp = api.get(&format!("/chargePermissions/{cp_id}")).await;
    assert_eq!(state(&cp.body), "Chargeable");
    assert_eq!(cp.body["chargePermissionType"], "OneTime");
    assert_eq!(cp.body["chargePermissionReferenceId"], "order-1");
    assert_eq!(
        cp.body["limits"]["amountLimit"],
        json!({ "amount": "50.00", "currencyCode": "USD" })
    );
    assert_eq!(
        cp.body["limits"]["amountBalance"],
        json!({ "amount": "0.00", "currencyCode": "USD" })
    );

    let charge = api.get(&format!("/charges/{charge_id}")).await;
    assert_eq!(state(&charge.body), "Authorized");
    assert_eq!(charge.body["chargeAmount"]["amount"], "50.00");

    // Capture: at most the authorized amount.
    let too_much = api
        .post(
            &format!("/charges/{charge_id}/capture"),
            json!({ "captureAmount": { "amount": "50.01", "currencyCode": "USD" } }),
        )
        .await;
    assert_reason(
        &too_much,
        StatusCode::BAD_REQUEST,
        "TransactionAmountExceeded",
    );
    let captured = api
        .post(&format!("/charges/{charge_id}/capture"), json!({ "captureAmount": { "amount": "50.00", "currencyCode": "USD" }, "softDescriptor": "EXAMPLE" }))
        .await;
    assert_eq!(captured.status, StatusCode::OK, "{:?}", captured.body);
    assert_eq!(state(&captured.body), "Captured");
    let cp = api.get(&format!("/chargePermissions/{cp_id}")).await;
    assert_eq!(
        state(&cp.body),
        "Closed",
        "a one-time permission closes once its total is captured"
    );

    // Refund: up to the captured amount plus 15% (7.50 here).
    let key = unique_key();
    let refund_body = json!({ "chargeId": charge_id, "refundAmount": { "amount": "30.00", "currencyCode": "USD" } });
    let refund = api
        .send(api.post_call("/refunds", &refund_body, key.clone()))
        .await;
    assert_eq!(refund.status, StatusCode::CREATED, "{:?}", refund.body);
    assert_eq!(state(&refund.body), "RefundInitiated");
    let refund_id = refund.id("refundId");

    // Same key, same body: the saved answer. Same key, other body: refused.
    let replay = api
        .send(api.post_call("/refunds", &refund_body, key.clone()))
        .await;
    assert_eq!(
        (replay.status, replay.body["refundId"].as_str()),
        (StatusCode::CREATED, Some(refund_id.as_str()))
    );
    let other_body = json!({ "chargeId": charge_id, "refundAmount": { "amount": "1.00", "currencyCode": "USD" } });
    let conflict = api.send(api.post_call("/refunds", &other_body, key)).await;
    assert_reason(
        &conflict,
        StatusCode::BAD_REQUEST,
        "DuplicateIdempotencyKey",
    );

    let over = api.post("/refunds", json!({ "chargeId": charge_id, "refundAmount": { "amount": "27.51", "currencyCode": "USD" } })).await;
    assert_reason(&over, StatusCode::BAD_REQUEST, "TransactionAmountExceeded");
    let rest = api.post("/refunds", json!({ "chargeId": charge_id, "refundAmount": { "amount": "27.50", "currencyCode": "USD" } })).await;
    assert_eq!(rest.status, StatusCode::CREATED, "{:?}", rest.body);

    assert_eq!(
        state(&api.get(&format!("/refunds/{refund_id}")).await.body),
        "RefundInitiated"
    );
    emu.clock().advance(Duration::from_secs(31));
    assert_eq!(
        state(&api.get(&format!("/refunds/{refund_id}")).await.body),
        "Refunded"
    );
    let charge = api.get(&format!("/charges/{charge_id}")).await;
    assert_eq!(state(&charge.body), "Captured");
    assert_eq!(
        charge.body["refundedAmount"],
        json!({ "amount": "57.50", "currencyCode": "USD" })
    );

    // The request log saw all of it.
    let log = emu.requests();
    assert!(
        log.iter()
            .any(|r| r.operation.as_deref() == Some("CreateRefund") && r.replayed)
    );
    assert!(
        log.iter()
            .any(|r| r.reason_code.as_deref() == Some("AmountMismatch"))
    );
    assert!(log.iter().all(|r| r.operation.is_some()));
}

#[tokio::test]
async fn pending_authorization_resolves_when_time_passes() {
    let api = Api::default().await;
    let id = api
        .approved_session("10.00", "Authorize", "pending-authorized")
        .await;
    let completed = api.complete(&id, "10.00").await;
    assert_eq!(
        completed.status,
        StatusCode::ACCEPTED,
        "{:?}",
        completed.body
    );
    let charge_id = completed.id("chargeId");
    assert_eq!(
        state(&api.get(&format!("/charges/{charge_id}")).await.body),
        "AuthorizationInitiated"
    );
    api.emu.clock().advance(Duration::from_secs(30));
    assert_eq!(
        state(&api.get(&format!("/charges/{charge_id}")).await.body),
        "Authorized"
    );
    // Authorizations expire after 30 days.
    api.emu.clock().advance(Duration::from_secs(30 * 24 * 3600));
    let expired = api.get(&format!("/charges/{charge_id}")).await;
    assert_eq!(
        (
            state(&expired.body),
            expired.body["statusDetails"]["reasonCode"].as_str()
        ),
        ("Canceled", Some("ExpiredUnused"))
    );
}

#[tokio::test]
async fn pending_then_declined_and_buyer_canceled() {
    let api = Api::default().await;
    let id = api
        .approved_session("10.00", "Authorize", "pending-declined")
        .await;
    let completed = api.complete(&id, "10.00").await;
    let charge_id = completed.id("chargeId");
    let cp_id = completed.id("chargePermissionId");
    api.emu.clock().advance(Duration::from_secs(31));
    let charge = api.get(&format!("/charges/{charge_id}")).await;
    assert_eq!(
        (
            state(&charge.body),
            charge.body["statusDetails"]["reasonCode"].as_str()
        ),
        ("Declined", Some("HardDeclined"))
    );
    assert_eq!(
        state(&api.get(&format!("/chargePermissions/{cp_id}")).await.body),
        "NonChargeable"
    );

    let id = api
        .approved_session("10.00", "Authorize", "buyer-canceled")
        .await;
    let session = api.get(&format!("/checkoutSessions/{id}")).await;
    assert_eq!(
        (
            state(&session.body),
            session.body["statusDetails"]["reasonCode"].as_str()
        ),
        ("Canceled", Some("BuyerCanceled"))
    );
    let refused = api.complete(&id, "10.00").await;
    assert_reason(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "CheckoutSessionCanceled",
    );

    let id = api.approved_session("10.00", "Authorize", "3434").await;
    let session = api.get(&format!("/checkoutSessions/{id}")).await;
    assert_eq!(session.body["statusDetails"]["reasonCode"], "Declined");
}

#[tokio::test]
async fn sessions_expire_after_a_day_and_charges_follow_permissions() {
    let api = Api::default().await;
    let open = api
        .post("/checkoutSessions", json!({ "storeId": api.emu.store_id(), "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" } }))
        .await;
    let open_id = open.id("checkoutSessionId");

    let id = api.approved_session("100.00", "Confirm", "approve").await;
    let completed = api.complete(&id, "100.00").await;
    assert!(
        completed.body["chargeId"].is_null(),
        "Confirm creates no charge"
    );
    let cp_id = completed.id("chargePermissionId");

    let charge = api.post("/charges", json!({ "chargePermissionId": cp_id, "chargeAmount": { "amount": "60.00", "currencyCode": "USD" }, "captureNow": true })).await;
    assert_eq!(
        (charge.status, state(&charge.body)),
        (StatusCode::CREATED, "Captured")
    );
    let too_much = api.post("/charges", json!({ "chargePermissionId": cp_id, "chargeAmount": { "amount": "40.01", "currencyCode": "USD" } })).await;
    assert_reason(
        &too_much,
        StatusCode::BAD_REQUEST,
        "TransactionAmountExceeded",
    );
    let yen = api.post("/charges", json!({ "chargePermissionId": cp_id, "chargeAmount": { "amount": "40", "currencyCode": "EUR" } })).await;
    assert_reason(&yen, StatusCode::BAD_REQUEST, "CurrencyMismatch");
    let second = api.post("/charges", json!({ "chargePermissionId": cp_id, "chargeAmount": { "amount": "40.00", "currencyCode": "USD" } })).await;
    assert_eq!(state(&second.body), "Authorized");
    let second_id = second.id("chargeId");
    let mut call = api.call(Method::DELETE, &format!("/charges/{second_id}/cancel"));
    call.body = Some(json!({ "cancellationReason": "out of stock" }).to_string());
    let canceled = api.send(call).await;
    assert_eq!(
        (
            state(&canceled.body),
            canceled.body["statusDetails"]["reasonCode"].as_str()
        ),
        ("Canceled", Some("MerchantCanceled"))
    );

    let mut call = api.call(Method::DELETE, &format!("/chargePermissions/{cp_id}/close"));
    call.body = Some(json!({ "closureReason": "done", "cancelPendingCharges": true }).to_string());
    let closed = api.send(call).await;
    assert_eq!(closed.status, StatusCode::OK, "{:?}", closed.body);
    assert_eq!(
        closed.body["statusDetails"]["reasons"][0]["reasonCode"],
        "MerchantClosed"
    );
    let refused = api.post("/charges", json!({ "chargePermissionId": cp_id, "chargeAmount": { "amount": "1.00", "currencyCode": "USD" } })).await;
    assert_reason(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "InvalidChargePermissionStatus",
    );

    api.emu.clock().advance(Duration::from_secs(24 * 3600 + 1));
    let expired = api.get(&format!("/checkoutSessions/{open_id}")).await;
    assert_eq!(
        (
            state(&expired.body),
            expired.body["statusDetails"]["reasonCode"].as_str()
        ),
        ("Canceled", Some("Expired"))
    );
}
