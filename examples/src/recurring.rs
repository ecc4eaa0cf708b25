//! A recurring charge permission: checkout with a monthly frequency, the first charge captured,
//! a second charge on the same permission later, then the subscription ends.

use amazon_pay::prelude::*;
use amazon_pay::types::{
    ChargePermissionState, CloseChargePermissionRequest, Frequency, FrequencyUnit, MerchantMetadata,
};
use anyhow::{Context as _, bail};

use crate::buyer;
use crate::checkout::{RESULT_URL, REVIEW_URL};
use crate::connection::Connection;
use crate::orders;
use crate::output::{Steps, state_of};

/// What the subscription went through.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The charge permission's type.
    pub charge_permission_type: Option<ChargePermissionType>,
    /// The first charge's state after capture.
    pub first_charge: ChargeState,
    /// The second charge's state.
    pub second_charge: ChargeState,
    /// The charge permission's state after closing.
    pub closed: ChargePermissionState,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let monthly = connection.price(999)?;
    let subscription = format!("subscription-{}", std::process::id());

    steps.step(format!(
        "Create Checkout Session: recurring, monthly, {monthly}"
    ));
    let request = CreateCheckoutSessionRequest::recurring(
        connection.store_id(),
        REVIEW_URL,
        Frequency::new(FrequencyUnit::Month, 1u32),
        Some(monthly.clone()),
    );
    let session = client.create_checkout_session(&request).await?.into_body();
    let id = session.checkout_session_id.to_string();
    steps.show("checkoutSessionId", &id);
    steps.show("state", state_of(session.status_details.as_ref()));

    steps.step("Update Checkout Session: the first month's amount");
    let update = UpdateCheckoutSessionRequest::new()
        .web_checkout_details(WebCheckoutDetails::new().checkout_result_return_url(RESULT_URL))
        .payment_details(
            PaymentDetails::new()
                .payment_intent(PaymentIntent::Authorize)
                .can_handle_pending_authorization(false)
                .charge_amount(monthly.clone()),
        )
        .merchant_metadata(MerchantMetadata::new().merchant_reference_id(&subscription));
    let session = client
        .update_checkout_session(&id, &update)
        .await?
        .into_body();
    let redirect = session
        .web_checkout_details
        .and_then(|w| w.amazon_pay_redirect_url)
        .context("no amazonPayRedirectUrl after the update")?;

    steps.step("The buyer agrees to the subscription and pays");
    let returned = buyer::pays_on_hosted_page(connection, &steps, &redirect).await?;
    if returned != id {
        bail!("the buyer came back with session {returned}, expected {id}");
    }

    steps.step("Complete Checkout Session");
    let session = client
        .complete_checkout_session(
            &id,
            &CompleteCheckoutSessionRequest::with_charge_amount(monthly.clone()),
        )
        .await?
        .into_body();
    steps.show("state", state_of(session.status_details.as_ref()));
    let permission_id = session
        .charge_permission_id
        .context("no charge permission")?;
    let first_charge_id = session.charge_id.context("no first charge")?;
    steps.show("chargePermissionId", &permission_id);

    steps.step("Capture the first month");
    let first = client
        .capture_charge(
            &first_charge_id,
            &CaptureChargeRequest::new(monthly.clone()),
        )
        .await?
        .into_body();
    let first_charge = first
        .status_details
        .map(|d| d.state)
        .context("the first charge has no state")?;
    steps.show("charge", &first_charge);

    let permission = orders::charge_permission(connection, &steps, &permission_id).await?;
    let charge_permission_type = permission.charge_permission_type.clone();
    if let Some(frequency) = permission
        .recurring_metadata
        .as_ref()
        .and_then(|m| m.frequency.as_ref())
    {
        steps.show(
            "frequency",
            format!("every {} {}", frequency.value, frequency.unit),
        );
    }

    steps.step("Next month: Create Charge on the same permission, captured at once");
    let second = client
        .create_charge(
            &CreateChargeRequest::new(permission_id.clone(), monthly)
                .capture_now(true)
                .can_handle_pending_authorization(false)
                .merchant_metadata(
                    MerchantMetadata::new().merchant_reference_id(format!("{subscription}-2")),
                ),
        )
        .idempotency_key(format!("{subscription}-2"))
        .await?
        .into_body();
    let second_charge = second
        .status_details
        .map(|d| d.state)
        .context("the second charge has no state")?;
    steps.show("chargeId", &second.charge_id);
    steps.show("charge", &second_charge);

    steps.step("The buyer cancels: Close Charge Permission");
    let closed = client
        .close_charge_permission(
            &permission_id,
            &CloseChargePermissionRequest::new()
                .closure_reason("Subscription canceled by the buyer")
                .cancel_pending_charges(false),
        )
        .await?
        .into_body();
    let closed = closed
        .status_details
        .map(|d| d.state)
        .context("the closed charge permission has no state")?;
    steps.show("charge permission", &closed);

    Ok(Outcome {
        charge_permission_type,
        first_charge,
        second_charge,
        closed,
    })
}
