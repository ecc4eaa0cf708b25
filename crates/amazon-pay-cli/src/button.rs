//! `amazon-pay button --payload FILE`: the signed configuration for `amazon.Pay.renderButton`.

use std::path::PathBuf;
use std::process::ExitCode;

use amazon_pay::types::from_json;
use amazon_pay::{ButtonExt as _, ButtonPayload, CreateCheckoutSessionRequest, SignInPayload};
use anyhow::Context as _;

use crate::config::Config;

/// `button --payload FILE`.
#[derive(Debug, clap::Args)]
pub(crate) struct ButtonArgs {
    /// The payload JSON: a `createCheckoutSessionConfig` payload (a Create Checkout Session
    /// request), or a `signInConfig` payload (it has `signInScopes`). A payload without
    /// `storeId` gets the configured store id.
    #[arg(long, value_name = "FILE")]
    payload: PathBuf,
}

pub(crate) fn run(config: &Config, args: &ButtonArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.payload)
        .with_context(|| format!("reading the payload {}", args.payload.display()))?;
    let mut value: serde_json::Value =
        serde_json::from_slice(&bytes).context("the payload is not JSON")?;
    let object = value
        .as_object_mut()
        .context("the payload must be a JSON object")?;
    if !object.contains_key("storeId") {
        let store_id = config.store_id().context(
            "the payload has no storeId: add it, or pass --store-id / set AMAZON_PAY_STORE_ID",
        )?;
        object.insert("storeId".to_owned(), store_id.into());
    }
    let sign_in = object.contains_key("signInScopes");
    let bytes = serde_json::to_vec(&value)?;
    let payload: Box<dyn ButtonPayload> = if sign_in {
        Box::new(from_json::<SignInPayload>(&bytes).context("the sign-in payload")?)
    } else {
        Box::new(
            from_json::<CreateCheckoutSessionRequest>(&bytes)
                .context("the checkout session payload")?,
        )
    };
    let client = config.client()?;
    let button = client.button_config(payload.as_ref())?;
    println!("{}", serde_json::to_string_pretty(&button)?);
    Ok(ExitCode::SUCCESS)
}
