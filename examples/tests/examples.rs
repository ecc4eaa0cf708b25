//! Every example's body against a fresh embedded emulator, with its outcome checked.

use amazon_pay::types::{
    ChargePermissionState, ChargePermissionType, ChargeState, CheckoutSessionState, InStoreState,
    RefundState,
};
use amazon_pay_examples::{
    Connection, auth_token, button_signature, checkout, custom_transport, delivery_tracker,
    instore, recurring, refund, reports, saved_wallet,
};

async fn emulator() -> Connection {
    Connection::emulator().await.expect("the emulator starts")
}

/// The outcome of `example` run against a fresh emulator, which is stopped afterwards.
async fn outcome_of<T>(
    name: &str,
    example: impl AsyncFnOnce(&Connection) -> anyhow::Result<T>,
) -> T {
    let connection = emulator().await;
    let outcome = example(&connection)
        .await
        .unwrap_or_else(|err| panic!("{name} fails: {err:#}"));
    connection.shutdown().await;
    outcome
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
    let outcome = outcome_of("recurring", recurring::run).await;
    assert_eq!(
        outcome.charge_permission_type,
        Some(ChargePermissionType::Recurring)
    );
    assert_eq!(outcome.first_charge, ChargeState::Captured);
    assert_eq!(outcome.second_charge, ChargeState::Captured);
    assert_eq!(outcome.closed, ChargePermissionState::Closed);
}

#[tokio::test]
async fn saved_wallet_is_charged_before_and_after_its_update() {
    let outcome = outcome_of("saved_wallet", saved_wallet::run).await;
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
}

#[tokio::test]
async fn refunds_settle_and_an_over_refund_is_refused() {
    let outcome = outcome_of("refund", refund::run).await;
    assert_eq!(outcome.first, RefundState::Refunded);
    assert_eq!(outcome.rejected, RefundState::Declined);
    assert_eq!(
        outcome.over_refund_reason.as_deref(),
        Some("TransactionAmountExceeded")
    );
}

#[tokio::test]
async fn delivery_tracker_is_accepted_and_an_empty_one_refused() {
    let outcome = outcome_of("delivery_tracker", delivery_tracker::run).await;
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
}

#[tokio::test]
async fn instore_scan_charge_refund() {
    let outcome = outcome_of("instore", instore::run).await;
    assert_eq!(outcome.charge, Some(InStoreState::Completed));
    assert_eq!(outcome.refund, Some(InStoreState::Pending));
}

#[tokio::test]
async fn auth_token_per_call_and_per_client() {
    let outcome = outcome_of("auth_token", auth_token::run).await;
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
}

#[tokio::test]
async fn custom_transport_request_is_verified() {
    let outcome = outcome_of("custom_transport", custom_transport::run).await;
    assert_eq!(outcome.status, 200);
    assert_eq!(outcome.state.as_deref(), Some("Open"));
    assert!(outcome.accepted);
}

#[tokio::test]
async fn reports_stream_follows_every_page() {
    let outcome = outcome_of("reports", reports::run).await;
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
}
