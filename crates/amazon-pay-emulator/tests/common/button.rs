//! What a buyer's browser posts: a signed button payload as form fields.

use amazon_pay_signing::{Algorithm, sign_button_payload};
use bytes::Bytes;
use http_body_util::Full;
use serde_json::{Value, json};

use super::Api;

/// A button payload signed by the emulator's key, as a button's form carries it.
pub struct Button {
    pub payload: String,
    pub signature: String,
    pub key_id: String,
    pub algorithm: Algorithm,
}

impl Button {
    /// `payload` signed with V2.
    pub fn sign(api: &Api, payload: Value) -> Self {
        Self::sign_with(api, payload, Algorithm::V2)
    }

    /// `payload` signed with `algorithm`.
    pub fn sign_with(api: &Api, payload: Value, algorithm: Algorithm) -> Self {
        let payload = payload.to_string();
        let signature = sign_button_payload(
            &payload,
            api.emu.public_key_id(),
            algorithm,
            api.emu.private_key(),
        )
        .expect("sign")
        .signature()
        .to_owned();
        Self {
            payload,
            signature,
            key_id: api.emu.public_key_id().as_str().to_owned(),
            algorithm,
        }
    }

    /// A V2 checkout button whose review URL is `http://127.0.0.1:9/review`.
    pub fn checkout(api: &Api) -> Self {
        Self::sign(
            api,
            json!({
                "storeId": api.emu.store_id(),
                "webCheckoutDetails": {"checkoutReviewReturnUrl": "http://127.0.0.1:9/review"},
            }),
        )
    }

    /// The form fields: payload, signature, key id and algorithm.
    pub fn fields(&self) -> Vec<(&str, &str)> {
        vec![
            ("payloadJSON", self.payload.as_str()),
            ("signature", self.signature.as_str()),
            ("publicKeyId", self.key_id.as_str()),
            ("algorithm", self.algorithm.as_str()),
        ]
    }
}

/// A form POST of `fields` to `path` on the emulator, with `accept` if given.
pub fn form_post(
    api: &Api,
    path: &str,
    fields: &[(&str, &str)],
    accept: Option<&str>,
) -> http::Request<Full<Bytes>> {
    let body = fields
        .iter()
        .map(|(k, v)| {
            let v: String = url::form_urlencoded::byte_serialize(v.as_bytes()).collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut b = http::Request::post(format!("{}{path}", api.emu.base_url()))
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(accept) = accept {
        b = b.header("accept", accept);
    }
    b.body(Full::new(Bytes::from(body))).expect("request")
}
