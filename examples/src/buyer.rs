//! The buyer's part of a checkout: on the emulator, the examples act as the browser; against the
//! real sandbox, a person does, and pastes back where Amazon Pay sent them.

use amazon_pay::ButtonConfig;
use amazon_pay::emulator::PAYMENT_METHOD_PARAM;
use amazon_pay::prelude::*;
use anyhow::{Context as _, bail};

use crate::browser::{Browser, query_param};
use crate::connection::Connection;
use crate::output::Steps;

/// The query parameter Amazon Pay adds to the merchant's return URLs.
pub const SESSION_ID_PARAM: &str = "amazonCheckoutSessionId";

/// The happy-path sandbox payment method of the emulator's hosted page (card ending 1111).
pub const HAPPY_PATH: &str = "approve";

/// The buyer opens `amazon_pay_redirect_url`, pays with the happy-path method and is sent back to
/// the merchant's return URL; returns the `amazonCheckoutSessionId` it carries.
///
/// On the emulator: `GET` the hosted page, then `POST` its form with the payment method, as a
/// browser would. Against the real sandbox: print the URL and read the session id (or the whole
/// return URL) from stdin.
pub async fn pays_on_hosted_page(
    connection: &Connection,
    steps: &Steps,
    amazon_pay_redirect_url: &str,
) -> anyhow::Result<String> {
    if connection.emulator_handle().is_none() {
        return ask_person(amazon_pay_redirect_url).await;
    }
    let browser = Browser::new();
    let page = browser.get(amazon_pay_redirect_url).await?;
    if !page.status.is_success() {
        bail!("the hosted page answered {}", page.status);
    }
    steps.show("buyer opens", amazon_pay_redirect_url);
    steps.show("page", page.title().unwrap_or("(untitled)"));
    let answer = browser
        .post_form(
            amazon_pay_redirect_url,
            &[(PAYMENT_METHOD_PARAM, HAPPY_PATH)],
        )
        .await?;
    let back = answer.redirect()?;
    steps.show(
        "buyer chooses",
        format!("{PAYMENT_METHOD_PARAM}={HAPPY_PATH}"),
    );
    steps.show("redirected to", back);
    session_id_in(back)
}

/// The buyer clicks the Amazon Pay button rendered with `config` (what checkout.js posts),
/// signs in and pays with the happy-path method; returns the `amazonCheckoutSessionId` of the
/// return URL. Emulator only: the real button needs a browser.
pub async fn clicks_button(
    connection: &Connection,
    steps: &Steps,
    config: &ButtonConfig,
) -> anyhow::Result<String> {
    let Some(emulator) = connection.emulator_handle() else {
        bail!("clicking the button needs a browser; this step runs on the emulator only");
    };
    let browser = Browser::new();
    let button_url = format!("{}/checkout/button", emulator.base_url());
    let mut form = vec![
        ("payloadJSON", config.payload_json.as_str()),
        ("signature", config.signature.as_str()),
        ("publicKeyId", config.public_key_id.as_str()),
    ];
    if let Some(algorithm) = &config.algorithm {
        form.push(("algorithm", algorithm.as_str()));
    }
    let answer = browser.post_form(&button_url, &form).await?;
    let hosted_page = answer
        .redirect()
        .context("the button was refused (see the answer above)")?
        .to_owned();
    steps.show("button accepted; buyer sent to", &hosted_page);
    pays_on_hosted_page(connection, steps, &hosted_page).await
}

fn session_id_in(url: &str) -> anyhow::Result<String> {
    query_param(url, SESSION_ID_PARAM)
        .with_context(|| format!("{url} carries no {SESSION_ID_PARAM}"))
}

async fn ask_person(url: &str) -> anyhow::Result<String> {
    println!("    Open this URL in a browser, sign in with a sandbox buyer account and pay:");
    println!("    {url}");
    println!("    Then paste the {SESSION_ID_PARAM} (or the whole URL you were sent to):");
    let line = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .context("reading stdin")??;
    let line = line.trim();
    if line.is_empty() {
        bail!("no checkout session id given");
    }
    if line.contains(SESSION_ID_PARAM) {
        return session_id_in(line);
    }
    Ok(line.to_owned())
}

/// Starts a checkout the way the front end does: signs `request` into the button config (shown),
/// and the buyer clicks the button and pays; returns the session id of the return URL.
///
/// On the emulator the button is clicked for real (the emulator verifies the signature and
/// creates the session from the payload). Against the real sandbox, where clicking needs
/// checkout.js in a browser, the same typed request creates the session through the API and a
/// person pays on its `amazonPayRedirectUrl`.
pub async fn starts_checkout(
    connection: &Connection,
    steps: &Steps,
    request: &CreateCheckoutSessionRequest,
) -> anyhow::Result<String> {
    let config = connection.client().button_config(request)?;
    steps.show("payloadJSON", &config.payload_json);
    steps.show(
        "signature",
        format!("{} Base64 characters", config.signature.len()),
    );
    steps.show("publicKeyId", &config.public_key_id);
    steps.show("algorithm", config.algorithm.as_deref().unwrap_or("(V1)"));
    if connection.emulator_handle().is_some() {
        return clicks_button(connection, steps, &config).await;
    }
    let session = connection
        .client()
        .create_checkout_session(request)
        .await?
        .into_body();
    let redirect = session
        .web_checkout_details
        .and_then(|w| w.amazon_pay_redirect_url)
        .context("the session has no amazonPayRedirectUrl (set checkoutResultReturnUrl and the payment details)")?;
    pays_on_hosted_page(connection, steps, &redirect).await
}
