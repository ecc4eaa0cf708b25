//! A paid order in one go, for the examples that start after checkout.

use amazon_pay::prelude::*;
use amazon_pay::types::{ChargeId, ChargePermission, ChargePermissionId};
use anyhow::{Context as _, bail};

use crate::buyer;
use crate::checkout::RESULT_URL;
use crate::connection::Connection;
use crate::output::{Steps, state_of};

/// The ids of a completed checkout.
#[derive(Debug, Clone)]
pub struct PaidOrder {
    /// The charge permission.
    pub charge_permission_id: ChargePermissionId,
    /// The charge.
    pub charge_id: ChargeId,
}

/// A one-time checkout of `total` with `intent` (`Authorize` or `AuthorizeWithCapture`):
/// create the session with everything set, the buyer pays, complete.
pub async fn paid_order(
    connection: &Connection,
    steps: &Steps,
    total: &Price,
    intent: PaymentIntent,
) -> anyhow::Result<PaidOrder> {
    let client = connection.client();
    steps.step(format!(
        "Checkout of {total} ({intent}): create, the buyer pays, complete"
    ));
    let request = CreateCheckoutSessionRequest::new(
        WebCheckoutDetails::new().checkout_result_return_url(RESULT_URL),
        connection.store_id(),
    )
    .payment_details(
        PaymentDetails::new()
            .payment_intent(intent)
            .can_handle_pending_authorization(false)
            .charge_amount(total.clone()),
    );
    let session = client.create_checkout_session(&request).await?.into_body();
    let id = session.checkout_session_id.to_string();
    steps.show("checkoutSessionId", &id);
    let redirect = session
        .web_checkout_details
        .and_then(|w| w.amazon_pay_redirect_url)
        .context("no amazonPayRedirectUrl")?;
    let returned = buyer::pays_on_hosted_page(connection, steps, &redirect).await?;
    if returned != id {
        bail!("the buyer came back with session {returned}, expected {id}");
    }
    let complete = CompleteCheckoutSessionRequest::with_charge_amount(total.clone());
    let session = client
        .complete_checkout_session(&id, &complete)
        .await?
        .into_body();
    steps.show("session", state_of(session.status_details.as_ref()));
    let order = PaidOrder {
        charge_permission_id: session
            .charge_permission_id
            .context("no charge permission")?,
        charge_id: session.charge_id.context("no charge")?,
    };
    let charge = client.get_charge(&order.charge_id).await?.into_body();
    steps.show("chargeId", &order.charge_id);
    steps.show("charge", state_of(charge.status_details.as_ref()));
    Ok(order)
}

/// Get Charge Permission: shows its type and state, and returns it.
pub async fn charge_permission(
    connection: &Connection,
    steps: &Steps,
    id: &ChargePermissionId,
) -> anyhow::Result<ChargePermission> {
    steps.step("Get Charge Permission");
    let permission = connection
        .client()
        .get_charge_permission(id)
        .await?
        .into_body();
    steps.show(
        "type",
        permission
            .charge_permission_type
            .as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string),
    );
    steps.show(
        "state",
        permission
            .status_details
            .as_ref()
            .map_or_else(|| "-".to_owned(), |d| d.state.to_string()),
    );
    Ok(permission)
}
