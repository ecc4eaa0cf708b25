//! End to end: the emulator changes a refund's or a charge's state, its signed IPN reaches the
//! example endpoint over loopback, the event verifies and is handled, and a GET of the object
//! shows the state the endpoint recorded. Forged and repeated deliveries are answered without
//! handling.

use std::collections::HashSet;
use std::time::Duration;

use amazon_pay::emulator::{IpnRecord, PAYMENT_METHOD_PARAM, RunningEmulator};
use amazon_pay::ipn::ObjectType;
use amazon_pay::prelude::*;
use amazon_pay::types::{ChargeState, RefundState};
use amazon_pay_examples::checkout::RESULT_URL;
use amazon_pay_examples::ipn_endpoint::{self, IpnEndpoint, current_state};
use amazon_pay_examples::refund::EMULATOR_REFUND_DELAY;
use amazon_pay_examples::{Browser, Connection};
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;

/// Upper bound on waiting for a delivery to be handled (loopback, so normally milliseconds).
const LIMIT: Duration = Duration::from_secs(30);

async fn post(url: &str, body: String) -> u16 {
    let client: HttpClient<_, Full<Bytes>> = HttpClient::builder(TokioExecutor::new()).build_http();
    let request = http::Request::post(url)
        .header("content-type", "text/plain; charset=UTF-8")
        .header("x-amz-sns-message-type", "Notification")
        .body(Full::new(Bytes::from(body)))
        .expect("request");
    let response = tokio::time::timeout(LIMIT, client.request(request))
        .await
        .expect("the endpoint answers in time")
        .expect("the endpoint answers");
    response.status().as_u16()
}

/// The emulator's notifications once each delivery has an outcome (its delivery loop records
/// the receiver's status after the answer), waiting at most [`LIMIT`].
async fn delivered(emulator: &RunningEmulator) -> Vec<IpnRecord> {
    let outcome = tokio::time::timeout(LIMIT, async {
        loop {
            let records = emulator.ipns();
            if records
                .iter()
                .all(|record| record.status.is_some() || record.error.is_some())
            {
                return records;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    outcome.expect("every IPN delivery has an outcome")
}

/// The record's body with `from` replaced by `to` in `field`, under a new `MessageId`.
fn forge(record: &IpnRecord, field: &str, from: &str, to: &str) -> String {
    let mut envelope: serde_json::Value = serde_json::from_str(&record.body).expect("json");
    let text = envelope[field].as_str().expect("field").to_owned();
    assert!(text.contains(from), "{field} lacks {from}: {text}");
    envelope[field] = text.replace(from, to).into();
    // A new MessageId, so that de-duplication cannot be what stops the forgery.
    envelope["MessageId"] = format!("forged-{}", record.message_id).into();
    envelope.to_string()
}

#[tokio::test]
async fn the_example_runs_to_a_handled_refund_notification() {
    let connection = Connection::emulator().await.expect("the emulator starts");
    let outcome = ipn_endpoint::run(&connection)
        .await
        .expect("the example runs");
    assert_eq!(outcome.refund_state, RefundState::Refunded.as_str());
    assert!(
        outcome
            .handled
            .iter()
            .any(|event| event.object_type == ObjectType::Refund
                && event.object_id == outcome.refund_id),
        "{:?}",
        outcome.handled
    );
    // Every notification the emulator sent was answered 200.
    let ipns = delivered(connection.emulator_handle().expect("emulator")).await;
    assert!(!ipns.is_empty());
    for record in &ipns {
        assert_eq!(record.status, Some(200), "{record:?}");
    }
    connection.shutdown().await;
}

#[tokio::test]
async fn signed_state_changes_verify_forgeries_do_not() {
    let connection = Connection::emulator().await.expect("the emulator starts");
    let emulator = connection.emulator_handle().expect("emulator");
    let client = connection.client();
    let endpoint = IpnEndpoint::start_for_emulator(emulator, client.clone())
        .await
        .expect("the endpoint starts");

    // A captured order, then a refund that the emulator completes 30 s later.
    let steps = amazon_pay_examples::Steps::new();
    let total = connection.price(2500).expect("price");
    let order = amazon_pay_examples::orders::paid_order(
        &connection,
        &steps,
        &total,
        amazon_pay::types::PaymentIntent::AuthorizeWithCapture,
    )
    .await
    .expect("paid order");
    let refund = client
        .create_refund(&amazon_pay::CreateRefundRequest::new(
            order.charge_id.clone(),
            connection.price(500).expect("price"),
        ))
        .await
        .expect("refund")
        .into_body();
    let refund_id = refund.refund_id.to_string();
    assert_eq!(
        refund.status_details.map(|s| s.state),
        Some(RefundState::RefundInitiated)
    );

    emulator.clock().advance(EMULATOR_REFUND_DELAY);
    let handled = endpoint
        .wait_for(LIMIT, |event| {
            event.object_type == ObjectType::Refund
                && event.object_id == refund_id
                && event.state == RefundState::Refunded.as_str()
        })
        .await
        .expect("the refund's IPN is verified and handled");

    // The object, fetched now, is in the state the handler recorded.
    let refund = client
        .get_refund(&refund_id)
        .await
        .expect("get refund")
        .into_body();
    assert_eq!(
        refund.status_details.map(|s| s.state),
        Some(RefundState::Refunded)
    );
    // Every object a handled IPN named is, fetched now, in the state last recorded for it.
    let all = endpoint.handled();
    assert!(
        all.iter()
            .any(|event| event.object_type == ObjectType::ChargePermission
                && event.object_id == order.charge_permission_id.as_str()),
        "no charge permission IPN was handled: {all:?}"
    );
    for (index, event) in all.iter().enumerate() {
        let later = all[index + 1..].iter().any(|other| {
            other.object_type == event.object_type && other.object_id == event.object_id
        });
        if later {
            continue;
        }
        let now = current_state(client, &event.object_type, &event.object_id)
            .await
            .expect("the object can be fetched");
        assert_eq!(now, event.state, "{event:?}");
    }

    // Stop the emulator's own deliveries; everything below is sent by hand.
    emulator.set_ipn_url(None);
    let record = delivered(emulator)
        .await
        .into_iter()
        .find(|record| record.message_id == handled.message_id)
        .expect("the emulator logged the refund IPN");
    assert_eq!(record.status, Some(200));
    let started = endpoint.tasks_started();
    let handled_count = endpoint.handled().len();

    // Forgeries: another object id in the signed Message, or another MessageId alone.
    let forged_message = forge(
        &record,
        "Message",
        &refund_id,
        "S01-0000000-0000000-R000000",
    );
    assert_eq!(post(&endpoint.url(), forged_message).await, 403);
    let forged_id = forge(&record, "MessageId", &record.message_id, "forged");
    assert_eq!(post(&endpoint.url(), forged_id).await, 403);
    // Not an SNS message at all.
    assert_eq!(post(&endpoint.url(), "{}".to_owned()).await, 400);
    // The genuine message again: a redelivery, answered 200 and not handled twice.
    assert_eq!(post(&endpoint.url(), record.body.clone()).await, 200);

    assert_eq!(
        endpoint.tasks_started(),
        started,
        "a refused or repeated IPN started handling"
    );
    assert_eq!(endpoint.handled().len(), handled_count);
    assert!(
        endpoint
            .handled()
            .iter()
            .all(|event| event.object_id != "S01-0000000-0000000-R000000")
    );

    endpoint.shutdown().await.expect("the endpoint stops");
    connection.shutdown().await;
}

#[tokio::test]
async fn a_pending_charge_authorizes_and_its_notification_is_handled() {
    let connection = Connection::emulator().await.expect("the emulator starts");
    let emulator = connection.emulator_handle().expect("emulator");
    let client = connection.client();
    let endpoint = IpnEndpoint::start_for_emulator(emulator, client.clone())
        .await
        .expect("the endpoint starts");

    // A checkout that accepts a pending authorization; the buyer pays with the sandbox method
    // whose authorization stays pending for 30 s, then succeeds.
    let total = connection.price(4200).expect("price");
    let request = CreateCheckoutSessionRequest::new(
        WebCheckoutDetails::new().checkout_result_return_url(RESULT_URL),
        connection.store_id(),
    )
    .payment_details(
        PaymentDetails::new()
            .payment_intent(PaymentIntent::Authorize)
            .can_handle_pending_authorization(true)
            .charge_amount(total.clone()),
    );
    let session = client
        .create_checkout_session(&request)
        .await
        .expect("create checkout session")
        .into_body();
    let session_id = session.checkout_session_id.to_string();
    let hosted_page = session
        .web_checkout_details
        .and_then(|details| details.amazon_pay_redirect_url)
        .expect("amazonPayRedirectUrl");
    let browser = Browser::new();
    let answer = browser
        .post_form(
            &hosted_page,
            &[(PAYMENT_METHOD_PARAM, "pending-authorized")],
        )
        .await
        .expect("the buyer pays");
    let back = answer.redirect().expect("the buyer is sent back");
    assert!(back.contains(&session_id), "{back}");
    let completed = client
        .complete_checkout_session(
            &session_id,
            &CompleteCheckoutSessionRequest::with_charge_amount(total),
        )
        .await
        .expect("complete checkout session")
        .into_body();
    let charge_id = completed.charge_id.expect("a charge").to_string();

    let charge = client
        .get_charge(&charge_id)
        .await
        .expect("get charge")
        .into_body();
    assert_eq!(
        charge.status_details.map(|s| s.state),
        Some(ChargeState::AuthorizationInitiated)
    );
    // Nothing has told the endpoint the charge is authorized yet.
    assert!(
        !endpoint
            .handled()
            .iter()
            .any(|event| event.object_type == ObjectType::Charge
                && event.object_id == charge_id
                && event.state == ChargeState::Authorized.as_str()),
        "{:?}",
        endpoint.handled()
    );

    // Every notification so far (the checkout's) has been answered and handled; the next ones
    // are the transition's.
    let earlier: HashSet<String> = delivered(emulator)
        .await
        .into_iter()
        .map(|record| record.message_id)
        .collect();
    let started = endpoint.tasks_started();
    tokio::time::timeout(LIMIT, async {
        while endpoint.handled().len() < started {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the checkout's notifications are handled");

    // The emulator's clock passes the 30 s: the authorization succeeds and its IPN goes out.
    emulator.clock().advance(Duration::from_secs(31));
    let sent: Vec<IpnRecord> = emulator
        .ipns()
        .into_iter()
        .filter(|record| {
            !earlier.contains(&record.message_id)
                && record.object_type == "CHARGE"
                && record.object_id == charge_id
        })
        .collect();
    assert_eq!(sent.len(), 1, "one CHARGE IPN for the transition: {sent:?}");
    let message_id = sent[0].message_id.clone();
    let handled = endpoint
        .wait_for(LIMIT, |event| event.message_id == message_id)
        .await
        .expect("the charge's IPN is verified and handled");
    assert_eq!(handled.object_type, ObjectType::Charge);
    assert_eq!(handled.object_id, charge_id);
    assert_eq!(
        handled.state,
        ChargeState::Authorized.as_str(),
        "{handled:?}"
    );

    let charge = client
        .get_charge(&charge_id)
        .await
        .expect("get charge")
        .into_body();
    assert_eq!(
        charge.status_details.map(|s| s.state),
        Some(ChargeState::Authorized)
    );
    // The last state the endpoint recorded for the charge is the one a GET shows now.
    let recorded = endpoint
        .handled()
        .into_iter()
        .rev()
        .find(|event| event.object_type == ObjectType::Charge && event.object_id == charge_id)
        .expect("a recorded charge event");
    assert_eq!(recorded.state, ChargeState::Authorized.as_str());

    let record = delivered(emulator)
        .await
        .into_iter()
        .find(|record| record.message_id == message_id)
        .expect("the emulator logged the charge IPN");
    assert_eq!(record.status, Some(200));

    emulator.set_ipn_url(None);
    endpoint.shutdown().await.expect("the endpoint stops");
    connection.shutdown().await;
}
