//! A processed call is never lost: when the answer is late or unreadable, the error says the
//! outcome is unknown, carries what is needed to learn it, and repeating the call with its
//! idempotency key returns the first outcome instead of a second capture.

use std::time::Duration;

use amazon_pay::prelude::*;
use amazon_pay::types::{ChargeId, ChargeState};
use amazon_pay::{Client, ErrorKind, RetryPolicy};
use amazon_pay_emulator::{Emulator, Fault, RunningEmulator, SimulatedPaymentMethod};

const TOTAL: Duration = Duration::from_millis(400);

async fn emulator() -> RunningEmulator {
    Emulator::builder().start().await.expect("emulator starts")
}

fn client(emu: &RunningEmulator) -> Client {
    Client::builder()
        .public_key_id(emu.public_key_id().as_str())
        .signer(emu.private_key().clone())
        .region(emu.region().as_str())
        .endpoint(emu.base_url())
        .retry_policy(
            RetryPolicy::new()
                .max_attempts(4)
                .base_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(5)),
        )
        .total_timeout(TOTAL)
        .build()
        .expect("client builds")
}

fn price() -> Price {
    Price::new("24.99", Currency::Usd).expect("price")
}

/// A completed one-time checkout with an authorized (not captured) charge.
async fn authorized_charge(emu: &RunningEmulator, client: &Client) -> ChargeId {
    let request = CreateCheckoutSessionRequest::new(
        WebCheckoutDetails::new().checkout_result_return_url("https://merchant.example/result"),
        emu.store_id(),
    )
    .payment_details(
        PaymentDetails::new()
            .payment_intent(PaymentIntent::Authorize)
            .can_handle_pending_authorization(false)
            .charge_amount(price()),
    );
    let session = client
        .create_checkout_session(&request)
        .await
        .expect("session created")
        .into_body();
    let id = session.checkout_session_id.to_string();
    emu.approve_checkout(&id, SimulatedPaymentMethod::Approve)
        .expect("the buyer approves");
    let complete = CompleteCheckoutSessionRequest::with_charge_amount(price());
    client
        .complete_checkout_session(&id, &complete)
        .await
        .expect("session completed")
        .into_body()
        .charge_id
        .expect("the completed session names its charge")
}

/// Capture Charge requests the emulator carried out (not replays of a saved answer).
fn captures_processed(emu: &RunningEmulator) -> usize {
    emu.requests()
        .iter()
        .filter(|r| r.operation.as_deref() == Some("CaptureCharge") && !r.replayed)
        .filter(|r| (200..300).contains(&r.status))
        .count()
}

/// Capture Charge requests that reached the emulator, replays included.
fn captures_received(emu: &RunningEmulator) -> usize {
    emu.requests()
        .iter()
        .filter(|r| r.operation.as_deref() == Some("CaptureCharge"))
        .count()
}

/// Repeats the capture of `charge_id` with `key` and checks that it returns the first
/// outcome: the same charge, captured, and still one capture on the emulator.
async fn repeat_returns_the_first_capture(
    emu: &RunningEmulator,
    client: &Client,
    charge_id: &ChargeId,
    key: impl Into<String>,
) {
    let charge = client
        .capture_charge(charge_id, &CaptureChargeRequest::new(price()))
        .idempotency_key(key)
        .await
        .expect("the repeat returns the first outcome")
        .into_body();
    assert_eq!(&charge.charge_id, charge_id);
    assert_eq!(
        charge.status_details.as_ref().map(|d| &d.state),
        Some(&ChargeState::Captured)
    );
    assert_eq!(charge.capture_amount, Some(price()));
    assert_eq!(captures_processed(emu), 1, "one capture on the emulator");
}

#[tokio::test]
async fn a_capture_past_the_total_timeout_is_retryable_and_its_key_returns_the_same_capture() {
    let emu = emulator().await;
    let client = client(&emu);
    let charge_id = authorized_charge(&emu, &client).await;
    let faults = emu.faults();
    // The first attempt is answered 503 (retried), the second is processed and its answer
    // comes after the total timeout.
    faults.inject(Fault::status(503).on("*/capture"));
    faults.inject(Fault::delay(TOTAL * 3).after_processing().on("*/capture"));

    let err = client
        .capture_charge(&charge_id, &CaptureChargeRequest::new(price()))
        .await
        .expect_err("the answer comes too late");
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(err.is_retryable(), "{err:?}");
    assert_eq!(err.attempts(), 2, "{err:?}");
    let key = err
        .idempotency_key()
        .expect("the key to repeat the call with")
        .to_owned();

    // Wait for the late answer to be sent, so the repeat is a plain replay.
    tokio::time::sleep(TOTAL * 3).await;
    assert_eq!(
        captures_received(&emu),
        2,
        "both attempts reached the emulator"
    );
    repeat_returns_the_first_capture(&emu, &client, &charge_id, key).await;
    assert_eq!(
        client
            .get_charge(&charge_id)
            .await
            .expect("get charge")
            .into_body()
            .capture_amount,
        Some(price())
    );
}

#[tokio::test]
async fn a_success_with_an_unreadable_body_keeps_the_body_and_the_charge_id() {
    let emu = emulator().await;
    let client = client(&emu);
    let charge_id = authorized_charge(&emu, &client).await;
    emu.faults().inject(Fault::truncate_body().on("*/capture"));

    let err = client
        .capture_charge(&charge_id, &CaptureChargeRequest::new(price()))
        .idempotency_key("capture-unreadable-1")
        .await
        .expect_err("half a body does not decode");
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert!(!err.is_retryable(), "processed: not to be repeated blindly");
    assert_eq!(err.attempts(), 1);
    assert!(err.request_id().is_some(), "{err:?}");
    assert_eq!(err.idempotency_key(), Some("capture-unreadable-1"));
    assert_eq!(err.object_id(), Some(charge_id.as_str()), "{err:?}");
    let body = err.raw_body().expect("the body as received");
    assert!(!body.is_empty());
    assert!(serde_json::from_slice::<serde_json::Value>(body).is_err());
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains(&String::from_utf8_lossy(body).into_owned()),
        "the body is never shown: {shown}"
    );

    // The capture went through, once; the key returns it.
    assert_eq!(captures_processed(&emu), 1);
    repeat_returns_the_first_capture(&emu, &client, &charge_id, "capture-unreadable-1").await;
}

/// Whether the emulator holds the charge `id` as captured, looked at (bounded) until it does.
async fn captured_on_emulator(emu: &RunningEmulator, id: &ChargeId) -> bool {
    for _ in 0..200 {
        let objects = emu.objects();
        let captured = objects["charges"].as_array().is_some_and(|charges| {
            charges
                .iter()
                .any(|c| c["chargeId"] == id.as_str() && c["statusDetails"]["state"] == "Captured")
        });
        if captured {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

#[tokio::test]
async fn a_dropped_capture_repeated_with_its_key_returns_the_same_capture() {
    let emu = emulator().await;
    let client = client(&emu);
    let charge_id = authorized_charge(&emu, &client).await;
    // The capture is carried out, and its answer held back past the point the caller stops
    // waiting.
    let delay = TOTAL * 2;
    emu.faults()
        .inject(Fault::delay(delay).after_processing().on("*/capture"));
    let request = CaptureChargeRequest::new(price());
    let call = client
        .capture_charge(&charge_id, &request)
        .idempotency_key("capture-dropped-1")
        .into_future();
    // The caller drops its future once the request has reached the emulator and taken effect,
    // before any answer, as a caller's own timeout or a cancelled task would.
    tokio::select! {
        answer = call => panic!("the answer was held back, yet came: {answer:?}"),
        reached = captured_on_emulator(&emu, &charge_id) => {
            assert!(reached, "the capture reached the emulator");
        }
    }

    // The outcome is unknown to the caller: it repeats the call with the same key, and gets
    // the first capture back instead of a second one.
    tokio::time::sleep(delay).await;
    repeat_returns_the_first_capture(&emu, &client, &charge_id, "capture-dropped-1").await;
    assert_eq!(
        captures_received(&emu),
        2,
        "the dropped call and its repeat both reached the emulator"
    );
}
