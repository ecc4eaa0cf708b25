//! Raw signed requests against a running emulator: the signing crate and a plain HTTP client.

#![allow(dead_code, unreachable_pub)]

pub mod button;

use std::sync::OnceLock;
use std::time::SystemTime;

use amazon_pay_emulator::{Emulator, EmulatorBuilder, RunningEmulator};
use amazon_pay_signing::{Algorithm, PrivateKey, SignableRequest, SigningParams, sign};
use bytes::Bytes;
use http::{Method, StatusCode};
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// One key pair for the whole test binary: RSA key generation is slow.
pub fn shared_key() -> PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::generate_2048().expect("generate a test key"))
        .clone()
}

/// A builder that reuses the shared key.
pub fn builder() -> EmulatorBuilder {
    Emulator::builder().private_key(shared_key(), None).seed(1)
}

pub struct Api {
    pub emu: RunningEmulator,
    pub client: Client<HttpConnector, Full<Bytes>>,
    /// The path prefix for the key id kind (`/v2` or `/sandbox/v2`).
    pub prefix: String,
}

/// What the emulator answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn reason(&self) -> &str {
        self.body["reasonCode"].as_str().unwrap_or_default()
    }

    /// The body as text: a string body as is, anything else as JSON.
    pub fn text(&self) -> String {
        self.body
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| self.body.to_string())
    }

    /// The string `field` of the body (an id); panics naming the field and the body if absent.
    pub fn id(&self, field: &str) -> String {
        self.body[field]
            .as_str()
            .unwrap_or_else(|| panic!("no {field} in {:?}", self.body))
            .to_owned()
    }
}

/// Asserts the status and reason code of an answer, showing its body on failure.
pub fn assert_reason(a: &Answer, status: StatusCode, reason: &str) {
    assert_eq!((a.status, a.reason()), (status, reason), "{:?}", a.body);
}

/// A request to send; `tweak` changes it after signing.
pub struct Call<'a> {
    pub method: Method,
    pub path: String,
    pub query: Vec<(&'a str, &'a str)>,
    pub body: Option<String>,
    pub headers: Vec<(&'a str, String)>,
    pub time: SystemTime,
    pub region: amazon_pay_signing::Region,
    pub host: String,
    pub algorithm: Algorithm,
}

impl Api {
    pub async fn start(builder: EmulatorBuilder) -> Self {
        let emu = builder.start().await.expect("start the emulator");
        let prefix = if emu.public_key_id().environment().is_some() {
            "/v2"
        } else {
            "/sandbox/v2"
        }
        .to_owned();
        Self {
            emu,
            client: Client::builder(TokioExecutor::new()).build_http(),
            prefix,
        }
    }

    pub async fn default() -> Self {
        Self::start(builder()).await
    }

    /// A call to `{prefix}{path}`.
    pub fn call<'a>(&self, method: Method, path: &str) -> Call<'a> {
        Call {
            method,
            path: format!("{}{path}", self.prefix),
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
            time: SystemTime::now(),
            region: self.emu.region(),
            host: "127.0.0.1".into(),
            algorithm: Algorithm::V2,
        }
    }

    pub async fn send(&self, call: Call<'_>) -> Answer {
        self.send_with(call, |_| {}).await
    }

    /// Signs `call` with the emulator's key, lets `tweak` edit the wire request, sends it.
    pub async fn send_with(
        &self,
        call: Call<'_>,
        tweak: impl FnOnce(&mut http::Request<Full<Bytes>>),
    ) -> Answer {
        let mut req = self.signed_request(&call);
        tweak(&mut req);
        self.raw(req).await
    }

    /// The wire request for `call`, signed with the emulator's key.
    pub fn signed_request(&self, call: &Call<'_>) -> http::Request<Full<Bytes>> {
        let body = call.body.clone().unwrap_or_default();
        let extra: Vec<(&str, &str)> = call.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let request = SignableRequest::new(call.method.as_str(), &call.path)
            .with_query(&call.query)
            .with_headers(&extra)
            .with_body(body.as_bytes());
        let mut params = SigningParams::new(
            call.region,
            self.emu.public_key_id().clone(),
            call.algorithm,
            call.time,
        );
        params.host = call.host.clone();
        let signed = sign(&request, &params, self.emu.private_key()).expect("sign");
        let uri = format!("{}{}", self.emu.base_url(), signed.path_and_query());
        let mut builder = http::Request::builder()
            .method(call.method.clone())
            .uri(uri);
        for (k, v) in signed.headers() {
            builder = builder.header(*k, v);
        }
        for (k, v) in &call.headers {
            builder = builder.header(*k, v);
        }
        builder.body(Full::new(Bytes::from(body))).expect("request")
    }

    pub async fn raw(&self, req: http::Request<Full<Bytes>>) -> Answer {
        let resp = self.client.request(req).await.expect("send");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.call(Method::GET, path)).await
    }

    /// A POST with a fresh idempotency key.
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(self.post_call(path, &body, unique_key())).await
    }

    /// A POST call carrying `body` and the idempotency key `key`.
    pub fn post_call<'a>(&self, path: &str, body: &Value, key: String) -> Call<'a> {
        let mut call = self.call(Method::POST, path);
        call.body = Some(body.to_string());
        call.headers.push(("x-amz-pay-idempotency-key", key));
        call
    }

    /// Completes checkout session `id` for `amount` USD.
    pub async fn complete(&self, id: &str, amount: &str) -> Answer {
        self.post(
            &format!("/checkoutSessions/{id}/complete"),
            serde_json::json!({ "chargeAmount": { "amount": amount, "currencyCode": "USD" } }),
        )
        .await
    }

    /// How many objects of `kind` (`checkoutSessions`, `charges`, ...) the emulator holds.
    pub fn count(&self, kind: &str) -> Option<usize> {
        self.emu.objects()[kind].as_array().map(Vec::len)
    }

    pub async fn send_json(&self, method: Method, path: &str, body: Value) -> Answer {
        let mut call = self.call(method, path);
        call.body = Some(body.to_string());
        self.send(call).await
    }

    /// Creates a session ready for payment and has the buyer approve it with `method`.
    pub async fn approved_session(&self, amount: &str, intent: &str, method: &str) -> String {
        let created = self
            .post(
                "/checkoutSessions",
                serde_json::json!({
                    "storeId": self.emu.store_id(),
                    "webCheckoutDetails": { "checkoutResultReturnUrl": "https://merchant.example/result" },
                    "paymentDetails": {
                        "paymentIntent": intent,
                        "canHandlePendingAuthorization": true,
                        "chargeAmount": { "amount": amount, "currencyCode": "USD" }
                    }
                }),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
        let id = created.id("checkoutSessionId");
        self.emu
            .approve_checkout(&id, method.parse().expect("method"))
            .expect("approve");
        id
    }
}

pub fn unique_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("k{:x}{:x}", nanos, N.fetch_add(1, Ordering::Relaxed))
}
