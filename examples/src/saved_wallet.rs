//! A saved wallet (`PaymentMethodOnFile`): the buyer saves a payment method, the merchant charges
//! it later, and the buyer updates it through the Amazon Pay hosted page (the update flow: a
//! signed payload with the saved charge permission id, `setupOnly: false`, intent `Confirm`,
//! then Complete Checkout Session with an empty body).

use amazon_pay::prelude::*;
use amazon_pay::types::{ChargeInitiator, ChargePermissionId};
use anyhow::Context as _;

use crate::buyer;
use crate::checkout::RESULT_URL;
use crate::connection::Connection;
use crate::orders;
use crate::output::{Steps, state_of};

/// What the saved wallet went through.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The charge permission saved at setup.
    pub saved: String,
    /// The charge permission the update flow's completion named.
    pub after_update: String,
    /// The type of the charge permission after the update.
    pub charge_permission_type: Option<ChargePermissionType>,
    /// The charge made before the update.
    pub first_charge: ChargeState,
    /// The charge made after the update.
    pub second_charge: ChargeState,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let steps = Steps::new();

    steps.step("Save a payment method: payload with setupOnly true, intent Confirm");
    let setup = CreateCheckoutSessionRequest::payment_method_on_file(
        connection.store_id(),
        RESULT_URL,
        true,
    );
    let id = buyer::starts_checkout(connection, &steps, &setup).await?;
    let saved = complete(connection, &steps, &id).await?;

    steps.step("Charge the saved wallet (merchant-initiated)");
    let first_charge = charge(connection, &steps, &saved, 1999, "first").await?;

    steps.step("Update flow: payload with the saved chargePermissionId, setupOnly false");
    let update = CreateCheckoutSessionRequest::payment_method_on_file(
        connection.store_id(),
        RESULT_URL,
        false,
    )
    .charge_permission_id(saved.clone())
    .payment_details(
        PaymentDetails::new()
            .payment_intent(PaymentIntent::Confirm)
            .can_handle_pending_authorization(false),
    );
    let id = buyer::starts_checkout(connection, &steps, &update).await?;
    let after_update = complete(connection, &steps, &id).await?;

    let permission = orders::charge_permission(connection, &steps, &after_update).await?;
    let charge_permission_type = permission.charge_permission_type.clone();
    for preference in permission.payment_preferences.iter().flatten() {
        if let Some(descriptor) = &preference.payment_descriptor {
            steps.show("payment method", descriptor);
        }
    }

    steps.step("Charge the updated wallet");
    let second_charge = charge(connection, &steps, &after_update, 2499, "second").await?;

    Ok(Outcome {
        saved: saved.to_string(),
        after_update: after_update.to_string(),
        charge_permission_type,
        first_charge,
        second_charge,
    })
}

/// Complete Checkout Session with `{}` (no amount: nothing is charged); returns the charge
/// permission the answer names — store it for the buyer.
async fn complete(
    connection: &Connection,
    steps: &Steps,
    checkout_session_id: &str,
) -> anyhow::Result<ChargePermissionId> {
    let session = connection
        .client()
        .complete_checkout_session(
            checkout_session_id,
            &CompleteCheckoutSessionRequest::empty(),
        )
        .await?
        .into_body();
    steps.show("session", state_of(session.status_details.as_ref()));
    let id = session
        .charge_permission_id
        .context("the completed session names no charge permission")?;
    steps.show("chargePermissionId", &id);
    Ok(id)
}

async fn charge(
    connection: &Connection,
    steps: &Steps,
    permission: &ChargePermissionId,
    minor: i64,
    which: &str,
) -> anyhow::Result<ChargeState> {
    let amount = connection.price(minor)?;
    let charge = connection
        .client()
        .create_charge(
            &CreateChargeRequest::new(permission.clone(), amount.clone())
                .capture_now(true)
                .can_handle_pending_authorization(false)
                .charge_initiator(ChargeInitiator::Mitu),
        )
        .idempotency_key(format!("wallet-{}-{which}", std::process::id()))
        .await?
        .into_body();
    let state = charge
        .status_details
        .map(|d| d.state)
        .context("the charge has no state")?;
    steps.show("charged", &amount);
    steps.show("charge", &state);
    Ok(state)
}
