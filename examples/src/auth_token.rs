//! Solution providers act for their merchants with a delegated authorization token, sent as
//! `x-amz-pay-authtoken`: per call with `.auth_token(..)`, or for every call of a client built
//! with `ClientBuilder::auth_token`. The token is a secret: it is never printed.

use amazon_pay::types::{
    BusinessInfo, CreateMerchantAccountRequest, CreateStoreRequest, UpdateStoreRequest,
};
use anyhow::Context as _;

use crate::connection::Connection;
use crate::output::Steps;

/// What the example saw.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The reason code of the call made without a token.
    pub without_token: Option<String>,
    /// The store created with a per-call token.
    pub store_id: String,
    /// The store name after the update made with the client's default token.
    pub updated_name: Option<String>,
    /// The reason code of the call made with a wrong per-call token.
    pub wrong_token: Option<String>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let reference = format!("merchant-{}", std::process::id());

    steps.step("Create Merchant Account (as the solution provider)");
    let account = client
        .create_merchant_account(&CreateMerchantAccountRequest::new(
            reference.as_str(),
            connection.currency(),
            BusinessInfo::new()
                .email("owner@merchant.example")
                .business_legal_name("Example Merchant LLC"),
        ))
        .await?
        .into_body();
    let merchant_id = account
        .merchant_account_id
        .context("no merchantAccountId")?;
    let token = account
        .authorization_token
        .context("no authorizationToken")?;
    steps.show("merchantAccountId", &merchant_id);
    steps.show("authorizationToken", "received (a secret: not shown)");

    steps.step("Create Store without the token (refused)");
    let store = CreateStoreRequest::new()
        .store_name("Example Merchant")
        .allowed_origin_domains(vec!["https://merchant.example".to_owned()]);
    let without_token = match client.create_store(&merchant_id, &store).await {
        Ok(_) => anyhow::bail!("the store was created without a token"),
        Err(error) => {
            steps.show("refused", &error);
            error.reason_code().map(|code| code.as_str().to_owned())
        }
    };

    steps.step("Create Store with the token on this call");
    let created = client
        .create_store(&merchant_id, &store)
        .auth_token(token.as_str())
        .await?
        .into_body();
    let store_id = created.store_id.context("no storeId")?.to_string();
    steps.show("storeId", &store_id);

    steps.step("A client acting for this merchant: the token on every call");
    let delegated = connection.builder().auth_token(token.as_str()).build()?;
    let updated = delegated
        .update_store(
            &merchant_id,
            &store_id,
            &UpdateStoreRequest::new().store_name("Example Merchant (renamed)"),
        )
        .await?
        .into_body();
    steps.show("storeName", updated.store_name.as_deref().unwrap_or("-"));

    steps.step("A wrong token on one call overrides the client's (refused)");
    let wrong_token = match delegated
        .update_store(&merchant_id, &store_id, &UpdateStoreRequest::new())
        .auth_token("Atza|not-this-merchants-token")
        .await
    {
        Ok(_) => anyhow::bail!("a wrong token was accepted"),
        Err(error) => {
            steps.show("refused", &error);
            error.reason_code().map(|code| code.as_str().to_owned())
        }
    };

    Ok(Outcome {
        without_token,
        store_id,
        updated_name: updated.store_name,
        wrong_token,
    })
}
