//! `cargo xtask smoke`: a few signed calls against the real sandbox when credentials are set,
//! else against the embedded emulator (and it says so).
//!
//! Credentials come from the environment: `AMAZON_PAY_PUBLIC_KEY_ID`, `AMAZON_PAY_PRIVATE_KEY`
//! (PEM text) or `AMAZON_PAY_PRIVATE_KEY_PATH`, `AMAZON_PAY_REGION` and `AMAZON_PAY_STORE_ID`.
//! `AMAZON_PAY_RETURN_URL` (an HTTPS URL) overrides the return URL the checkout session names.
//!
//! `--emulator` ignores the credentials and always uses the emulator (CI runs that).
//!
//! The calls: create a checkout session, get it, update it with an amount, and get a charge
//! that does not exist, which must be a `404 ResourceNotFound` (a signature problem would be a
//! `403 InvalidRequestSignature` instead).

use amazon_pay_client::types::{
    CheckoutSession, CreateCheckoutSessionRequest, ReasonCode, UpdateCheckoutSessionRequest,
};
use amazon_pay_client::{Client, Environment, ErrorKind};
use amazon_pay_emulator::Emulator;
use serde_json::json;

/// The charge id asked for in the not-found check: well formed, never issued.
const MISSING_CHARGE_ID: &str = "S01-0000000-0000000-C000000";

/// The return URL used unless `AMAZON_PAY_RETURN_URL` is set.
const DEFAULT_RETURN_URL: &str = "https://example.com/amazon-pay/return";

/// Where the calls go.
struct Target {
    client: Client,
    store_id: String,
    return_url: String,
}

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let emulator_only = match args {
        [] => false,
        [flag] if flag == "--emulator" => true,
        _ => return Err("usage: cargo xtask smoke [--emulator]".to_owned()),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))?;
    runtime.block_on(async {
        let sandbox = if emulator_only {
            None
        } else {
            sandbox_target()?
        };
        match sandbox {
            Some(target) => {
                println!(
                    "xtask smoke: calling the REAL {} {} service at {}",
                    target.client.region(),
                    target.client.environment().as_str(),
                    target.client.base_url()
                );
                calls(&target).await
            }
            None => {
                println!("{}", emulator_banner());
                let emulator = Emulator::builder()
                    .start()
                    .await
                    .map_err(|e| format!("starting the emulator: {e}"))?;
                let client = Client::builder()
                    .public_key_id(emulator.public_key_id().as_str())
                    .signer(emulator.private_key().clone())
                    .region(emulator.region().as_str())
                    .endpoint(emulator.base_url())
                    .build()
                    .map_err(|e| format!("configuring the client: {e}"))?;
                let target = Target {
                    client,
                    store_id: emulator.store_id().to_owned(),
                    return_url: DEFAULT_RETURN_URL.to_owned(),
                };
                let result = calls(&target).await;
                emulator.shutdown().await;
                result
            }
        }
    })?;
    println!("xtask smoke: all calls behaved");
    Ok(())
}

fn emulator_banner() -> String {
    let line = "=".repeat(78);
    format!(
        "{line}\n\
         xtask smoke: NO CREDENTIALS: running against the EMBEDDED EMULATOR, not Amazon Pay.\n\
         Set AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY (or AMAZON_PAY_PRIVATE_KEY_PATH),\n\
         AMAZON_PAY_REGION and AMAZON_PAY_STORE_ID to call the real sandbox.\n\
         {line}"
    )
}

/// The sandbox target when every credential variable is set; an error when only some are.
fn sandbox_target() -> Result<Option<Target>, String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let key_id = var("AMAZON_PAY_PUBLIC_KEY_ID");
    let key_pem = var("AMAZON_PAY_PRIVATE_KEY");
    let key_path = var("AMAZON_PAY_PRIVATE_KEY_PATH");
    let region = var("AMAZON_PAY_REGION");
    let store_id = var("AMAZON_PAY_STORE_ID");
    let has_key = key_pem.is_some() || key_path.is_some();
    let (Some(key_id), true, Some(region), Some(store_id)) =
        (key_id.clone(), has_key, region.clone(), store_id.clone())
    else {
        if key_id.is_some() || has_key || region.is_some() || store_id.is_some() {
            return Err("some AMAZON_PAY_* variables are set but not all: set \
                AMAZON_PAY_PUBLIC_KEY_ID, AMAZON_PAY_PRIVATE_KEY or AMAZON_PAY_PRIVATE_KEY_PATH, \
                AMAZON_PAY_REGION and AMAZON_PAY_STORE_ID, or none of them"
                .to_owned());
        }
        return Ok(None);
    };
    let mut builder = Client::builder()
        .public_key_id(key_id)
        .region(region)
        .environment(Environment::Sandbox);
    builder = match (key_pem, key_path) {
        (Some(pem), _) => builder.private_key_pem(pem),
        (None, Some(path)) => builder.private_key_path(path),
        (None, None) => return Err("no private key".to_owned()),
    };
    let client = builder
        .build()
        .map_err(|e| format!("configuring the client: {e}"))?;
    if client.environment() != Environment::Sandbox {
        return Err("smoke only calls the sandbox: use a SANDBOX- or classic key id".to_owned());
    }
    Ok(Some(Target {
        client,
        store_id,
        return_url: var("AMAZON_PAY_RETURN_URL").unwrap_or_else(|| DEFAULT_RETURN_URL.to_owned()),
    }))
}

/// The ledger currency and a small amount of the client's region.
fn amount(client: &Client) -> serde_json::Value {
    match client.region().as_str() {
        "eu" => json!({"amount": "1.00", "currencyCode": "EUR"}),
        "jp" => json!({"amount": "100", "currencyCode": "JPY"}),
        _ => json!({"amount": "1.00", "currencyCode": "USD"}),
    }
}

fn typed<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| format!("building a request: {e}"))
}

fn check(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        println!("  ok   {what}");
        Ok(())
    } else {
        Err(format!("smoke check failed: {what}"))
    }
}

fn session_json(session: &CheckoutSession) -> Result<serde_json::Value, String> {
    serde_json::to_value(session).map_err(|e| format!("re-encoding a checkout session: {e}"))
}

/// The smoke calls themselves.
async fn calls(target: &Target) -> Result<(), String> {
    let client = &target.client;
    let call_error = |what: &str, e: amazon_pay_client::Error| format!("{what}: {e}");

    let create: CreateCheckoutSessionRequest = typed(json!({
        "storeId": target.store_id,
        "webCheckoutDetails": { "checkoutReviewReturnUrl": target.return_url },
    }))?;
    let created = client
        .create_checkout_session(&create)
        .await
        .map_err(|e| call_error("Create Checkout Session", e))?;
    let created_json = session_json(created.body())?;
    let id = created_json["checkoutSessionId"]
        .as_str()
        .ok_or("Create Checkout Session: no checkoutSessionId")?
        .to_owned();
    check(
        created.status().is_success(),
        &format!(
            "Create Checkout Session -> {} (request id {})",
            created.status(),
            created.request_id().unwrap_or("none")
        ),
    )?;

    let got = client
        .get_checkout_session(&id)
        .await
        .map_err(|e| call_error("Get Checkout Session", e))?;
    let got_json = session_json(got.body())?;
    check(
        got_json["checkoutSessionId"] == id.as_str()
            && got_json["statusDetails"]["state"] == "Open",
        "Get Checkout Session returns the open session",
    )?;

    let charge_amount = amount(client);
    let update: UpdateCheckoutSessionRequest = typed(json!({
        "webCheckoutDetails": { "checkoutResultReturnUrl": target.return_url },
        "paymentDetails": {
            "paymentIntent": "Authorize",
            "canHandlePendingAuthorization": false,
            "chargeAmount": charge_amount,
        },
        "merchantMetadata": { "merchantReferenceId": "xtask-smoke", "merchantStoreName": "xtask smoke" },
    }))?;
    let updated = client
        .update_checkout_session(&id, &update)
        .await
        .map_err(|e| call_error("Update Checkout Session", e))?;
    let updated_json = session_json(updated.body())?;
    check(
        updated_json["paymentDetails"]["chargeAmount"]["currencyCode"]
            == charge_amount["currencyCode"],
        "Update Checkout Session sets the charge amount",
    )?;

    match client.get_charge(MISSING_CHARGE_ID).await {
        Ok(response) => Err(format!(
            "Get Charge of a missing charge answered {} instead of 404",
            response.status()
        )),
        Err(e) => check(
            e.kind() == ErrorKind::Service
                && e.status().map(|s| s.as_u16()) == Some(404)
                && e.reason_code() == Some(&ReasonCode::ResourceNotFound),
            &format!("Get Charge of a missing charge -> {e}"),
        ),
    }
}
