//! A client that gives up on a delayed request (an attempt timeout) does not stop the emulator
//! from carrying it out, as a real service would not notice either; and every request it carries
//! out is in the request log, so an audit can count what was processed.

mod common;

use std::time::Duration;

use amazon_pay_emulator::Fault;
use common::{Api, unique_key};
use serde_json::json;

const DELAY: Duration = Duration::from_millis(400);
const CLIENT_GIVES_UP: Duration = Duration::from_millis(100);

/// Sends a Create Checkout Session with `key` and gives up after [`CLIENT_GIVES_UP`].
async fn create_and_give_up(api: &Api, key: &str) {
    let body = json!({
        "storeId": api.emu.store_id(),
        "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
    });
    let call = api.post_call("/checkoutSessions", &body, key.to_owned());
    let answered = tokio::time::timeout(CLIENT_GIVES_UP, api.send(call)).await;
    assert!(
        answered.is_err(),
        "the delayed answer came before the client gave up"
    );
}

/// Waits (bounded) until the emulator holds `n` checkout sessions.
async fn sessions_eventually(api: &Api, n: usize) -> usize {
    let mut seen = 0;
    for _ in 0..50 {
        seen = api.count("checkoutSessions").unwrap_or(0);
        if seen >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    seen
}

#[tokio::test]
async fn a_request_delayed_after_processing_is_logged_when_the_client_gave_up() {
    let api = Api::default().await;
    api.emu.faults().inject(
        Fault::delay(DELAY)
            .after_processing()
            .on("*/checkoutSessions"),
    );
    create_and_give_up(&api, &unique_key()).await;
    assert_eq!(sessions_eventually(&api, 1).await, 1, "it was processed");
    tokio::time::sleep(DELAY).await;
    let log = api.emu.requests();
    assert!(
        log.iter()
            .any(|r| r.operation.as_deref() == Some("CreateCheckoutSession")
                && r.fault.as_deref() == Some("delay 400ms after")),
        "a processed request is missing from the log: {log:?}"
    );
}

#[tokio::test]
async fn a_request_delayed_before_processing_is_still_carried_out_and_logged() {
    let api = Api::default().await;
    api.emu
        .faults()
        .inject(Fault::delay(DELAY).on("*/checkoutSessions"));
    let key = unique_key();
    create_and_give_up(&api, &key).await;
    assert_eq!(
        sessions_eventually(&api, 1).await,
        1,
        "a queued request is carried out although its client left"
    );
    let log = api.emu.requests();
    assert!(
        log.iter()
            .any(|r| r.idempotency_key.as_deref() == Some(key.as_str())
                && r.fault.as_deref() == Some("delay 400ms before")
                && r.status == 201),
        "the delayed request is missing from the log: {log:?}"
    );
}
