//! Every example's body against a fresh embedded emulator, with its outcome checked.

use amazon_pay::types::{
    ChargePermissionType, ChargeState, CheckoutSessionState, InStoreState, RefundState,
};
use amazon_pay_examples::{
    Connection, auth_token, button_signature, checkout, custom_transport, delivery_tracker,
    instore, recurring, refund, reports, saved_wallet,
};

async fn emulator() -> Connection {
    Connection::emulator().await.expect("the emulator starts")
}

#[tokio::test]
async fn checkout_runs_to_a_refunded_capture() {
    let connection = emulator().await;
    let outcome = checkout::run(&connection).await.expect("checkout runs");
    assert_eq!(outcome.session_state, CheckoutSessionState::Completed);
    assert_eq!(outcome.charge_state, ChargeState::Captured);
    assert_eq!(outcome.refund_state, RefundState::Refunded);
    assert!(outcome.charge_id.starts_with(&outcome.charge_permission_id));
    assert!(outcome.refund_id.starts_with(&outcome.charge_permission_id));

    // The emulator saw the whole flow, every call verified, in order.
    let emulator = connection.emulator_handle().expect("emulator");
    let operations: Vec<String> = emulator
        .requests()
        .into_iter()
        .inspect(|r| assert_eq!(r.verdict, amazon_pay::emulator::Verdict::Accepted, "{r:?}"))
        .filter_map(|r| r.operation)
        .collect();
    assert_eq!(
        operations,
        [
            "CreateCheckoutSession",
            "UpdateCheckoutSession",
            "GetCheckoutSession",
            "CompleteCheckoutSession",
            "GetChargePermission",
            "GetCharge",
            "CaptureCharge",
            "CreateRefund",
            "GetRefund",
            "GetCharge",
        ]
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn button_signature_is_accepted_by_the_button() {
    let connection = emulator().await;
    let outcome = button_signature::run(&connection)
        .await
        .expect("button_signature runs");
    assert_eq!(
        outcome.checkout.algorithm.as_deref(),
        Some("AMZN-PAY-RSASSA-PSS-V2")
    );
    assert_eq!(outcome.checkout.public_key_id, connection.public_key_id());
    assert!(outcome.sign_in.payload_json.contains("signInReturnUrl"));
    let id = outcome
        .session_from_button
        .expect("the button created a session");
    let session = connection
        .client()
        .get_checkout_session(&id)
        .await
        .expect("the session exists")
        .into_body();
    assert_eq!(session.state(), Some(&CheckoutSessionState::Open));
    connection.shutdown().await;
}

#[tokio::test]
async fn recurring_charges_twice_then_closes() {
    let connection = emulator().await;
    let outcome = recurring::run(&connection).await.expect("recurring runs");
    assert_eq!(
        outcome.charge_permission_type,
        Some(ChargePermissionType::Recurring)
    );
    assert_eq!(outcome.first_charge, ChargeState::Captured);
    assert_eq!(outcome.second_charge, ChargeState::Captured);
    assert_eq!(outcome.closed, "Closed");
    connection.shutdown().await;
}

#[tokio::test]
async fn saved_wallet_is_charged_before_and_after_its_update() {
    let connection = emulator().await;
    let outcome = saved_wallet::run(&connection)
        .await
        .expect("saved_wallet runs");
    assert_eq!(
        outcome.charge_permission_type,
        Some(ChargePermissionType::PaymentMethodOnFile)
    );
    assert_eq!(outcome.first_charge, ChargeState::Captured);
    assert_eq!(outcome.second_charge, ChargeState::Captured);
    assert!(outcome.saved.starts_with("B01-"));
    assert_eq!(
        outcome.after_update, outcome.saved,
        "the update flow keeps the saved charge permission"
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn refunds_settle_and_an_over_refund_is_refused() {
    let connection = emulator().await;
    let outcome = refund::run(&connection).await.expect("refund runs");
    assert_eq!(outcome.first, RefundState::Refunded);
    assert_eq!(outcome.rejected, RefundState::Declined);
    assert_eq!(
        outcome.over_refund_reason.as_deref(),
        Some("TransactionAmountExceeded")
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn delivery_tracker_is_accepted_and_an_empty_one_refused() {
    let connection = emulator().await;
    let outcome = delivery_tracker::run(&connection)
        .await
        .expect("delivery_tracker runs");
    assert_eq!(
        outcome.tracking_numbers,
        [format!(
            "{} {}",
            delivery_tracker::CARRIER,
            delivery_tracker::TRACKING_NUMBER
        )]
    );
    assert_eq!(
        outcome.empty_request_reason.as_deref(),
        Some("MissingParameterValue")
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn instore_scan_charge_refund() {
    let connection = emulator().await;
    let outcome = instore::run(&connection).await.expect("instore runs");
    assert_eq!(outcome.charge, Some(InStoreState::Completed));
    assert_eq!(outcome.refund, Some(InStoreState::Pending));
    connection.shutdown().await;
}

#[tokio::test]
async fn auth_token_per_call_and_per_client() {
    let connection = emulator().await;
    let outcome = auth_token::run(&connection).await.expect("auth_token runs");
    assert_eq!(outcome.without_token.as_deref(), Some("MissingHeader"));
    assert!(
        outcome
            .store_id
            .starts_with("amzn1.application-oa2-client.")
    );
    assert_eq!(
        outcome.updated_name.as_deref(),
        Some("Example Merchant (renamed)")
    );
    assert_eq!(
        outcome.wrong_token.as_deref(),
        Some("InvalidAuthorizationToken")
    );
    connection.shutdown().await;
}

#[tokio::test]
async fn custom_transport_request_is_verified() {
    let connection = emulator().await;
    let outcome = custom_transport::run(&connection)
        .await
        .expect("custom_transport runs");
    assert_eq!(outcome.status, 200);
    assert_eq!(outcome.state.as_deref(), Some("Open"));
    assert!(outcome.accepted);
    connection.shutdown().await;
}

#[tokio::test]
async fn reports_stream_follows_every_page() {
    let connection = emulator().await;
    let outcome = reports::run(&connection).await.expect("reports runs");
    assert_eq!(outcome.created.len(), 5);
    let mut listed = outcome.listed.clone();
    let mut created = outcome.created.clone();
    listed.sort();
    created.sort();
    assert_eq!(listed, created);
    // Five reports, two per page.
    assert_eq!(outcome.pages, Some(3));
    assert!(
        outcome
            .document_first_line
            .as_deref()
            .is_some_and(|l| l.starts_with("SettlementId,"))
    );
    connection.shutdown().await;
}
