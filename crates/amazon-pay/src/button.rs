//! Typed button helpers: serialize a button payload once, sign exactly those bytes, and return
//! what `amazon.Pay.renderButton` needs.

use amazon_pay_client::{Client, Error};
use amazon_pay_types::{ButtonConfig, CreateCheckoutSessionRequest, SignInPayload};

/// A payload the Amazon Pay button signs: [`CreateCheckoutSessionRequest`] (the
/// `createCheckoutSessionConfig` of the checkout button, with the constructors `one_time`,
/// `recurring`, `payment_method_on_file` and `additional_payment_button`) or [`SignInPayload`]
/// (the `signInConfig` of the sign-in button).
pub trait ButtonPayload {
    /// The exact payload text to sign and render.
    fn to_payload_json(&self) -> String;
}

impl ButtonPayload for CreateCheckoutSessionRequest {
    fn to_payload_json(&self) -> String {
        CreateCheckoutSessionRequest::to_payload_json(self)
    }
}

impl ButtonPayload for SignInPayload {
    fn to_payload_json(&self) -> String {
        SignInPayload::to_payload_json(self)
    }
}

/// Button configs signed with a client's key, key id and algorithm.
///
/// ```
/// use amazon_pay::{ButtonExt as _, Client, PrivateKey};
/// use amazon_pay::types::CreateCheckoutSessionRequest;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let key = PrivateKey::generate_2048()?;
/// let client = Client::builder()
///     .public_key_id("SANDBOX-AFVX7ULWSGBZ5535PCUQOY7B")
///     .signer(key)
///     .region("na")
///     .build()?;
/// let payload = CreateCheckoutSessionRequest::one_time(
///     "amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId",
///     "https://shop.example/review",
/// );
/// let config = client.button_config(&payload)?;
/// // Hand this object to `amazon.Pay.renderButton` as `createCheckoutSessionConfig`.
/// let json = serde_json::to_value(&config)?;
/// assert_eq!(json["payloadJSON"], payload.to_payload_json());
/// assert_eq!(json["publicKeyId"], "SANDBOX-AFVX7ULWSGBZ5535PCUQOY7B");
/// assert_eq!(json["algorithm"], "AMZN-PAY-RSASSA-PSS-V2");
/// # Ok(()) }
/// ```
pub trait ButtonExt {
    /// Serializes `payload` once, signs exactly that text and returns the button config:
    /// `payloadJSON`, `signature`, `publicKeyId` and `algorithm`, which serializes to the
    /// `createCheckoutSessionConfig` / `signInConfig` object of the front end.
    ///
    /// Signing runs on the calling thread (one RSA signature); in async code that signs many
    /// payloads, use `tokio::task::spawn_blocking`.
    fn button_config<P: ButtonPayload + ?Sized>(&self, payload: &P) -> Result<ButtonConfig, Error>;
}

impl ButtonExt for Client {
    fn button_config<P: ButtonPayload + ?Sized>(&self, payload: &P) -> Result<ButtonConfig, Error> {
        let payload_json = payload.to_payload_json();
        let signed = self.sign_button_payload(&payload_json)?;
        Ok(ButtonConfig::new(
            payload_json,
            signed.signature(),
            signed.public_key_id().as_str(),
        )
        .algorithm(signed.algorithm().as_str()))
    }
}
