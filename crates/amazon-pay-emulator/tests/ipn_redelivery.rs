//! Notifications that get no 2xx are delivered again, the same envelope, with growing delays.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use amazon_pay_emulator::{IpnRecord, IpnRedelivery};
use common::{Api, builder};
use http::StatusCode;
use serde_json::Value;

/// Every POST received, by `MessageId`; answers `fail` to the first `failures` of each message.
#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<HashMap<String, Vec<String>>>>,
}

impl Receiver {
    async fn start(&self, failures: usize, fail: StatusCode) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        self.serve(listener, failures, fail);
        format!("http://{addr}/ipn")
    }

    fn serve(&self, listener: tokio::net::TcpListener, failures: usize, fail: StatusCode) {
        let seen = Arc::clone(&self.seen);
        let app = axum::Router::new().route(
            "/ipn",
            axum::routing::post(move |body: String| {
                let seen = Arc::clone(&seen);
                async move {
                    let envelope: Value = serde_json::from_str(&body).expect("json");
                    let id = envelope["MessageId"].as_str().expect("id").to_owned();
                    let mut seen = seen.lock().unwrap();
                    let bodies = seen.entry(id).or_default();
                    bodies.push(body);
                    if bodies.len() <= failures {
                        fail
                    } else {
                        StatusCode::OK
                    }
                }
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
    }

    fn seen(&self) -> HashMap<String, Vec<String>> {
        self.seen.lock().unwrap().clone()
    }
}

fn fast(max_attempts: u32) -> IpnRedelivery {
    IpnRedelivery {
        first_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(80),
        max_attempts,
    }
}

/// Makes the emulator send notifications (a completed, then authorized charge).
async fn notifications(api: &Api) {
    let id = api
        .approved_session("10.00", "Authorize", "pending-authorized")
        .await;
    api.complete(&id, "10.00").await;
    api.emu.clock().advance(Duration::from_secs(30));
}

/// Waits (at most 10 s) until every record has made `attempts` attempts.
async fn settle(api: &Api, attempts: u32) -> Vec<IpnRecord> {
    for _ in 0..200 {
        let records = api.emu.ipns();
        if !records.is_empty() && records.iter().all(|r| r.attempts >= attempts) {
            return records;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "not every notification reached {attempts} attempts: {:?}",
        api.emu.ipns()
    );
}

#[tokio::test]
async fn a_failed_delivery_comes_again_with_the_same_message() {
    let receiver = Receiver::default();
    let url = receiver.start(2, StatusCode::SERVICE_UNAVAILABLE).await;
    let api = Api::start(builder().ipn_url(url).ipn_redelivery(fast(10))).await;
    notifications(&api).await;

    let records = settle(&api, 3).await;
    // Later attempts would show if the 200 did not stop the redelivery.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen = receiver.seen();
    for record in &records {
        let record = api
            .emu
            .ipns()
            .into_iter()
            .find(|r| r.message_id == record.message_id)
            .unwrap();
        assert_eq!(
            (record.attempts, record.status),
            (3, Some(200)),
            "{record:?}"
        );
        let bodies = &seen[&record.message_id];
        assert_eq!(bodies.len(), 3, "two 503s, then the 200");
        assert!(
            bodies.iter().all(|b| *b == record.body),
            "the same envelope"
        );
    }
}

#[tokio::test]
async fn redelivery_stops_after_the_last_attempt() {
    let receiver = Receiver::default();
    let url = receiver
        .start(usize::MAX, StatusCode::INTERNAL_SERVER_ERROR)
        .await;
    let api = Api::start(builder().ipn_url(url).ipn_redelivery(fast(3))).await;
    notifications(&api).await;

    let records = settle(&api, 3).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let seen = receiver.seen();
    assert_eq!(seen.len(), records.len());
    for record in api.emu.ipns() {
        assert_eq!(
            (record.attempts, record.status),
            (3, Some(500)),
            "{record:?}"
        );
        assert_eq!(seen[&record.message_id].len(), 3);
    }
}

#[tokio::test]
async fn an_unreachable_receiver_is_tried_again() {
    // A port that refuses connections, then a receiver on it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let api = Api::start(
        builder()
            .ipn_url(format!("http://{addr}/ipn"))
            .ipn_redelivery(IpnRedelivery {
                first_delay: Duration::from_millis(300),
                max_delay: Duration::from_millis(300),
                max_attempts: 20,
            }),
    )
    .await;
    notifications(&api).await;
    let failed = settle(&api, 1).await;
    assert!(failed.iter().all(|r| r.error.is_some()), "{failed:?}");

    let receiver = Receiver::default();
    let listener = tokio::net::TcpListener::bind(addr).await.expect("rebind");
    receiver.serve(listener, 0, StatusCode::OK);

    for _ in 0..200 {
        if api.emu.ipns().iter().all(|r| r.status == Some(200)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let records = api.emu.ipns();
    assert!(
        records
            .iter()
            .all(|r| r.status == Some(200) && r.error.is_none()),
        "{records:?}"
    );
    assert_eq!(receiver.seen().len(), records.len());
}
