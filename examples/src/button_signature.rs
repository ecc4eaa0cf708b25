//! Button signatures: a typed payload serialized once, signed, and handed to the front end as
//! `createCheckoutSessionConfig` / `signInConfig`; the emulator's button accepts it.

use amazon_pay::prelude::*;
use amazon_pay::signing::button_string_to_sign;
use amazon_pay::types::{Scope, SignInPayload};
use amazon_pay::{Algorithm, ButtonConfig};
use anyhow::Context as _;

use crate::buyer;
use crate::checkout::REVIEW_URL;
use crate::connection::Connection;
use crate::output::{Steps, state_of};

/// Where the sign-in button returns the buyer.
pub const SIGN_IN_URL: &str = "https://shop.example/account/signed-in";

/// What the example produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The checkout button's config.
    pub checkout: ButtonConfig,
    /// The sign-in button's config.
    pub sign_in: ButtonConfig,
    /// The session the emulator created when the button was clicked (emulator only).
    pub session_from_button: Option<String>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();

    steps.step("Sign a Create Checkout Session payload");
    let payload = CreateCheckoutSessionRequest::one_time(connection.store_id(), REVIEW_URL)
        .scopes(vec![Scope::Name, Scope::Email, Scope::ShippingAddress]);
    let checkout = client.button_config(&payload)?;
    println!("    createCheckoutSessionConfig:");
    println!("{}", indent(&serde_json::to_string_pretty(&checkout)?));

    steps.step("Check the signature with the public key");
    let algorithm: Algorithm = checkout
        .algorithm
        .as_deref()
        .unwrap_or(Algorithm::V1.as_str())
        .parse()
        .context("the config names an unknown algorithm")?;
    let string_to_sign = button_string_to_sign(algorithm, &checkout.payload_json);
    steps.show("string to sign", string_to_sign.replace('\n', "\\n"));
    let signature = base64_decode(&checkout.signature)?;
    connection
        .private_key()
        .public_key()
        .verify(algorithm, string_to_sign.as_bytes(), &signature)
        .context("the button signature does not verify")?;
    steps.show("verified", "yes");

    steps.step("Sign an Amazon Sign-In payload");
    let sign_in_payload = SignInPayload::new(SIGN_IN_URL, connection.store_id())
        .sign_in_scopes(vec![Scope::Name, Scope::Email]);
    let sign_in = client.button_config(&sign_in_payload)?;
    println!("    signInConfig:");
    println!("{}", indent(&serde_json::to_string_pretty(&sign_in)?));

    let session_from_button = if connection.emulator_handle().is_some() {
        steps.step("The buyer clicks the checkout button (the emulator checks the signature)");
        let id = buyer::clicks_button(connection, &steps, &checkout).await?;
        let session = client.get_checkout_session(&id).await?.into_body();
        steps.show("session", state_of(session.status_details.as_ref()));
        Some(id)
    } else {
        steps.step("Render the button");
        println!(
            "    Pass the config above to amazon.Pay.renderButton(...) as createCheckoutSessionConfig."
        );
        None
    };
    Ok(Outcome {
        checkout,
        sign_in,
        session_from_button,
    })
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn base64_decode(text: &str) -> anyhow::Result<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .context("the signature is not Base64")
}
