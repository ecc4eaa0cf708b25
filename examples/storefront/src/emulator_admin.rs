//! The emulator's admin API over HTTP (`/__admin/…`, docs/testing-with-the-emulator.md), for a
//! payment worker and an audit in other processes than the emulator: its identity and
//! certificates, the buyer's approval, and every object and notification.

use bytes::Bytes;
use http::{Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// Why an admin call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdminError {
    /// The emulator could not be reached, or the answer not read.
    #[error("emulator admin API {path}: {message}")]
    Transport {
        /// The admin path.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The emulator refused the call.
    #[error("emulator admin API {path} answered {status}: {body}")]
    Refused {
        /// The admin path.
        path: String,
        /// The HTTP status.
        status: u16,
        /// The answer's body.
        body: String,
    },
}

/// A running emulator, reached over HTTP.
#[derive(Debug, Clone)]
pub struct EmulatorAdmin {
    base_url: String,
    http: HttpClient<HttpConnector, Full<Bytes>>,
}

impl EmulatorAdmin {
    /// The emulator at `base_url` (`http://127.0.0.1:PORT`).
    pub fn new(base_url: impl Into<String>) -> Self {
        EmulatorAdmin {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            http: HttpClient::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// The emulator's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Bytes, AdminError> {
        let transport = |message: String| AdminError::Transport {
            path: path.to_owned(),
            message,
        };
        let request = Request::builder()
            .method(method)
            .uri(format!("{}/__admin/{path}", self.base_url))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(
                body.map(Value::to_string).unwrap_or_default(),
            )))
            .map_err(|e| transport(e.to_string()))?;
        let response = self
            .http
            .request(request)
            .await
            .map_err(|e| transport(e.to_string()))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| transport(e.to_string()))?
            .to_bytes();
        if !status.is_success() {
            return Err(AdminError::Refused {
                path: path.to_owned(),
                status: status.as_u16(),
                body: String::from_utf8_lossy(&bytes).into_owned(),
            });
        }
        Ok(bytes)
    }

    async fn json(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, AdminError> {
        let bytes = self.call(method, path, body).await?;
        serde_json::from_slice(&bytes).map_err(|e| AdminError::Transport {
            path: path.to_owned(),
            message: format!("not JSON: {e}"),
        })
    }

    /// `GET info`: base URL, public key id, store id, merchant id, region.
    pub async fn info(&self) -> Result<Value, AdminError> {
        self.json(Method::GET, "info", None).await
    }

    /// `GET ca.pem` or `GET sns-certificate`: a PEM text.
    pub async fn pem(&self, path: &str) -> Result<String, AdminError> {
        let bytes = self.call(Method::GET, path, None).await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// `GET objects`: every checkout session, charge permission, charge and refund.
    pub async fn objects(&self) -> Result<Value, AdminError> {
        self.json(Method::GET, "objects", None).await
    }

    /// `GET ipns`: every notification sent, with its attempts and last status.
    pub async fn ipns(&self) -> Result<Value, AdminError> {
        self.json(Method::GET, "ipns", None).await
    }

    /// The buyer approves checkout session `id` with the simulated method `approve`.
    pub async fn approve(&self, id: &str) -> Result<(), AdminError> {
        let body = serde_json::json!({ "paymentMethod": "approve" });
        self.json(
            Method::POST,
            &format!("checkout-sessions/{id}/approve"),
            Some(&body),
        )
        .await
        .map(drop)
    }
}
