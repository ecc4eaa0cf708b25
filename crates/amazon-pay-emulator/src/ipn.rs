//! Instant Payment Notifications: SNS-style `Notification` envelopes, signed with the emulator's
//! SNS certificate (SignatureVersion 2), POSTed to the configured URL.
//!
//! A delivery that gets no 2xx (another status, a refused or cut connection, a timeout) is
//! delivered again, the same envelope with the same `MessageId`, after a growing delay, as SNS
//! does: "If you send another response, Amazon SNS performs retries every hour for 14 days"
//! (<https://amazonpaylegacyintegrationguide.s3.amazonaws.com/docs/amazon-pay-onetime/ipn-response.html>).
//! The emulator compresses that schedule ([`IpnRedelivery`]) so that tests see it.

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
use tokio::sync::mpsc::WeakUnboundedSender;

use crate::app::lock;
use crate::clock::sns_timestamp;
use crate::ids::IdGen;
use crate::pki::{Pki, SNS_CERT_URL};
use crate::state::Change;

/// The topic the emulator publishes from.
pub(crate) const TOPIC_ARN: &str = "arn:aws:sns:us-east-1:000000000000:amazon-pay-emulator-ipn";

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
    /// The receiver's status at the last attempt.
    pub status: Option<u16>,
    /// Why the last attempt failed, if it did.
    pub error: Option<String>,
    /// How many times the notification was POSTed so far.
    pub attempts: u32,
}

/// When a notification that got no 2xx is delivered again.
///
/// Attempt `n + 1` follows attempt `n` after `first_delay × 2^(n-1)`, at most `max_delay`, until
/// `max_attempts` POSTs were made. The default (1 s, doubling to 60 s, 20 attempts: about 15
/// minutes) is SNS's hourly retries for 14 days compressed for local runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpnRedelivery {
    /// The delay before the second attempt.
    pub first_delay: Duration,
    /// The longest delay between two attempts.
    pub max_delay: Duration,
    /// The most POSTs of one notification, the first included (1: never redeliver).
    pub max_attempts: u32,
}

impl Default for IpnRedelivery {
    fn default() -> Self {
        Self {
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            max_attempts: 20,
        }
    }
}

impl IpnRedelivery {
    /// The delay after failed attempt `attempt` (1-based), or `None` when it was the last.
    fn delay_after(&self, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let factor = 1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX);
        Some(self.first_delay.saturating_mul(factor).min(self.max_delay))
    }
}

#[derive(Debug)]
struct Delivery {
    index_id: String,
    url: String,
    body: String,
    attempt: u32,
}

/// Builds, signs, logs and queues notifications.
#[derive(Debug)]
pub(crate) struct Ipn {
    url: Mutex<Option<String>>,
    merchant_id: String,
    pki: Arc<Pki>,
    ids: Mutex<IdGen>,
    log: Arc<Mutex<VecDeque<IpnRecord>>>,
    /// The most notifications the log keeps (the oldest are dropped).
    log_cap: usize,
    tx: mpsc::UnboundedSender<Delivery>,
}

impl Ipn {
    /// The notifier and the delivery loop to spawn.
    pub(crate) fn new(
        url: Option<String>,
        merchant_id: String,
        pki: Arc<Pki>,
        seed: Option<u64>,
        redelivery: IpnRedelivery,
        log_cap: usize,
    ) -> (Self, impl Future<Output = ()> + Send + 'static) {
        let (tx, rx) = mpsc::unbounded_channel();
        let log = Arc::new(Mutex::new(VecDeque::new()));
        let again = tx.downgrade();
        let ipn = Self {
            url: Mutex::new(url),
            merchant_id,
            pki,
            ids: Mutex::new(IdGen::new(seed.map(|s| s.wrapping_add(1)))),
            log: Arc::clone(&log),
            log_cap: log_cap.max(1),
            tx,
        };
        (ipn, deliver(rx, again, log, redelivery))
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
                attempt: 1,
            };
            {
                let mut log = lock(&self.log);
                if log.len() >= self.log_cap {
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
            attempts: 0,
        })
    }
}

/// The SNS string to sign of a `Notification` without `Subject`.
pub(crate) fn string_to_sign(message: &str, message_id: &str, timestamp: &str) -> String {
    format!(
        "Message\n{message}\nMessageId\n{message_id}\nTimestamp\n{timestamp}\nTopicArn\n{TOPIC_ARN}\nType\nNotification\n"
    )
}

/// POSTs notifications one after the other, in order; each failed one is queued again after its
/// delay, behind whatever arrived meanwhile.
async fn deliver(
    mut rx: mpsc::UnboundedReceiver<Delivery>,
    again: WeakUnboundedSender<Delivery>,
    log: Arc<Mutex<VecDeque<IpnRecord>>>,
    redelivery: IpnRedelivery,
) {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    while let Some(mut d) = rx.recv().await {
        let result = post(&client, &d).await;
        let delivered = matches!(result, Ok(status) if (200..300).contains(&status));
        if let Some(r) = lock(&log).iter_mut().find(|r| r.message_id == d.index_id) {
            r.attempts = d.attempt;
            match result {
                Ok(status) => {
                    r.status = Some(status);
                    r.error = None;
                }
                Err(e) => {
                    r.status = None;
                    r.error = Some(e);
                }
            }
        }
        if delivered {
            continue;
        }
        let Some(delay) = redelivery.delay_after(d.attempt) else {
            continue;
        };
        let again = again.clone();
        d.attempt += 1;
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            // Gone when the emulator stopped: nothing is delivered after shutdown.
            if let Some(tx) = again.upgrade() {
                let _ = tx.send(d);
            }
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap_and_stop_at_the_last_attempt() {
        let policy = IpnRedelivery {
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            max_attempts: 5,
        };
        let delays: Vec<_> = (1..=5).map(|n| policy.delay_after(n)).collect();
        let ms = |n| Some(Duration::from_millis(n));
        assert_eq!(delays, [ms(100), ms(200), ms(350), ms(350), None]);
        let once = IpnRedelivery {
            max_attempts: 1,
            ..policy
        };
        assert_eq!(once.delay_after(1), None);
        let long = IpnRedelivery {
            max_attempts: u32::MAX,
            ..IpnRedelivery::default()
        };
        assert_eq!(long.delay_after(40), Some(Duration::from_secs(60)));
    }
}
