//! Instant Payment Notifications: SNS-style `Notification` envelopes, signed with the emulator's
//! SNS certificate (SignatureVersion 2), POSTed to the configured URL.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::app::lock;
use crate::clock::sns_timestamp;
use crate::ids::IdGen;
use crate::pki::{Pki, SNS_CERT_URL};
use crate::state::Change;

/// The topic the emulator publishes from.
pub(crate) const TOPIC_ARN: &str = "arn:aws:sns:us-east-1:000000000000:amazon-pay-emulator-ipn";
const LOG_CAP: usize = 1_000;

/// One notification the emulator sent (or tried to send).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IpnRecord {
    /// The SNS `MessageId`.
    pub message_id: String,
    /// `CHARGE_PERMISSION`, `CHARGE` or `REFUND`.
    pub object_type: String,
    /// The id of the changed object.
    pub object_id: String,
    /// Its charge permission.
    pub charge_permission_id: String,
    /// Where it was sent.
    pub url: String,
    /// The complete POST body (the signed SNS envelope).
    pub body: String,
    /// The receiver's status, once delivered.
    pub status: Option<u16>,
    /// Why delivery failed, if it did.
    pub error: Option<String>,
}

#[derive(Debug)]
struct Delivery {
    index_id: String,
    url: String,
    body: String,
}

/// Builds, signs, logs and queues notifications.
#[derive(Debug)]
pub(crate) struct Ipn {
    url: Mutex<Option<String>>,
    merchant_id: String,
    pki: Arc<Pki>,
    ids: Mutex<IdGen>,
    log: Arc<Mutex<VecDeque<IpnRecord>>>,
    tx: mpsc::UnboundedSender<Delivery>,
}

impl Ipn {
    /// The notifier and the delivery loop to spawn.
    pub(crate) fn new(
        url: Option<String>,
        merchant_id: String,
        pki: Arc<Pki>,
        seed: Option<u64>,
    ) -> (Self, impl Future<Output = ()> + Send + 'static) {
        let (tx, rx) = mpsc::unbounded_channel();
        let log = Arc::new(Mutex::new(VecDeque::new()));
        let ipn = Self {
            url: Mutex::new(url),
            merchant_id,
            pki,
            ids: Mutex::new(IdGen::new(seed.map(|s| s.wrapping_add(1)))),
            log: Arc::clone(&log),
            tx,
        };
        (ipn, deliver(rx, log))
    }

    pub(crate) fn set_url(&self, url: Option<String>) {
        *lock(&self.url) = url;
    }

    pub(crate) fn url(&self) -> Option<String> {
        lock(&self.url).clone()
    }

    pub(crate) fn records(&self) -> Vec<IpnRecord> {
        lock(&self.log).iter().cloned().collect()
    }

    pub(crate) fn clear_log(&self) {
        lock(&self.log).clear();
    }

    /// Sends one notification per change, if an IPN URL is configured.
    pub(crate) fn notify(&self, changes: Vec<Change>, now: OffsetDateTime) {
        let Some(url) = self.url() else { return };
        for change in changes {
            let Some(record) = self.envelope(&change, &url, now) else {
                continue;
            };
            let delivery = Delivery {
                index_id: record.message_id.clone(),
                url: url.clone(),
                body: record.body.clone(),
            };
            {
                let mut log = lock(&self.log);
                if log.len() == LOG_CAP {
                    log.pop_front();
                }
                log.push_back(record);
            }
            // The receiver lives as long as the emulator; after shutdown nothing is delivered.
            let _ = self.tx.send(delivery);
        }
    }

    fn envelope(&self, change: &Change, url: &str, now: OffsetDateTime) -> Option<IpnRecord> {
        let (message_id, notification_id, subscription) = {
            let mut ids = lock(&self.ids);
            (ids.uuid(), ids.uuid(), ids.uuid())
        };
        let q = |s: &str| serde_json::Value::from(s).to_string();
        let message = format!(
            "{{\"MerchantID\":{},\"ObjectType\":{},\"ObjectId\":{},\"ChargePermissionId\":{},\"NotificationType\":\"STATE_CHANGE\",\"NotificationId\":{},\"NotificationVersion\":\"V2\"}}",
            q(&self.merchant_id),
            q(change.object_type.as_str()),
            q(&change.object_id),
            q(&change.charge_permission_id),
            q(&notification_id),
        );
        let timestamp = sns_timestamp(now);
        let string_to_sign = string_to_sign(&message, &message_id, &timestamp);
        let signature = BASE64.encode(self.pki.sign_sns(string_to_sign.as_bytes())?);
        let body = serde_json::json!({
            "Type": "Notification",
            "MessageId": message_id,
            "TopicArn": TOPIC_ARN,
            "Message": message,
            "Timestamp": timestamp,
            "SignatureVersion": "2",
            "Signature": signature,
            "SigningCertURL": SNS_CERT_URL,
            "UnsubscribeURL": format!("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={TOPIC_ARN}:{subscription}"),
        });
        Some(IpnRecord {
            message_id,
            object_type: change.object_type.as_str().to_owned(),
            object_id: change.object_id.clone(),
            charge_permission_id: change.charge_permission_id.clone(),
            url: url.to_owned(),
            body: body.to_string(),
            status: None,
            error: None,
        })
    }
}

/// The SNS string to sign of a `Notification` without `Subject`.
pub(crate) fn string_to_sign(message: &str, message_id: &str, timestamp: &str) -> String {
    format!(
        "Message\n{message}\nMessageId\n{message_id}\nTimestamp\n{timestamp}\nTopicArn\n{TOPIC_ARN}\nType\nNotification\n"
    )
}

async fn deliver(mut rx: mpsc::UnboundedReceiver<Delivery>, log: Arc<Mutex<VecDeque<IpnRecord>>>) {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    while let Some(d) = rx.recv().await {
        let result = post(&client, &d).await;
        let mut log = lock(&log);
        if let Some(r) = log.iter_mut().find(|r| r.message_id == d.index_id) {
            match result {
                Ok(status) => r.status = Some(status),
                Err(e) => r.error = Some(e),
            }
        }
    }
}

async fn post(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    d: &Delivery,
) -> Result<u16, String> {
    let uri: http::Uri = d.url.parse().map_err(|e| format!("invalid IPN URL: {e}"))?;
    if uri.scheme_str() != Some("http") {
        return Err(
            "the emulator delivers IPNs over plain HTTP only (as the sandbox allows)".into(),
        );
    }
    let request = http::Request::post(uri)
        .header("content-type", "text/plain; charset=UTF-8")
        .header("x-amz-sns-message-type", "Notification")
        .header("x-amz-sns-message-id", &d.index_id)
        .header("x-amz-sns-topic-arn", TOPIC_ARN)
        .header("user-agent", "Amazon Simple Notification Service Agent")
        .body(Full::new(Bytes::from(d.body.clone())))
        .map_err(|e| e.to_string())?;
    match tokio::time::timeout(Duration::from_secs(10), client.request(request)).await {
        Ok(Ok(response)) => Ok(response.status().as_u16()),
        Ok(Err(e)) => Err(format!("delivery failed: {e}")),
        Err(_) => Err("delivery timed out after 10 s".into()),
    }
}
