//! The main job: a whole one-time checkout — create, update with the amount, the buyer pays on
//! the hosted page, complete, capture, refund — printing every state.

use amazon_pay::prelude::*;
use amazon_pay::types::{MerchantMetadata, Scope};
use anyhow::{Context as _, bail};

use crate::buyer;
use crate::connection::Connection;
use crate::output::{Steps, state_of};
use crate::refund::wait_for_refunds;

/// Where the buyer returns to review the order (the button payload's URL).
pub const REVIEW_URL: &str = "https://shop.example/checkout/review";
/// Where the buyer returns after paying.
pub const RESULT_URL: &str = "https://shop.example/checkout/result";

/// What the checkout ended with.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The checkout session.
    pub checkout_session_id: String,
    /// The session's final state.
    pub session_state: CheckoutSessionState,
    /// The one-time charge permission.
    pub charge_permission_id: String,
    /// The charge.
    pub charge_id: String,
    /// The charge's state after capture.
    pub charge_state: ChargeState,
    /// The refund.
    pub refund_id: String,
    /// The refund's last state.
    pub refund_state: RefundState,
}

/// Runs the checkout; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let total = connection.price(2499)?;
    let refund_amount = connection.price(500)?;
    let order = format!("order-{}", std::process::id());

    steps.step("Create Checkout Session (the payload the button sends)");
    let request = CreateCheckoutSessionRequest::one_time(connection.store_id(), REVIEW_URL)
        .scopes(vec![Scope::Name, Scope::Email]);
    let session = client.create_checkout_session(&request).await?.into_body();
    let id = session.checkout_session_id.to_string();
    steps.show("checkoutSessionId", &id);
    steps.show("state", state_of(session.status_details.as_ref()));
    steps.show("constraints", constraints(&session));

    steps.step(format!(
        "Update Checkout Session: {total}, Authorize, result URL"
    ));
    let update = UpdateCheckoutSessionRequest::new()
        .web_checkout_details(WebCheckoutDetails::new().checkout_result_return_url(RESULT_URL))
        .payment_details(
            PaymentDetails::new()
                .payment_intent(PaymentIntent::Authorize)
                .can_handle_pending_authorization(false)
                .charge_amount(total.clone()),
        )
        .merchant_metadata(
            MerchantMetadata::new()
                .merchant_reference_id(&order)
                .merchant_store_name("Example Shop"),
        );
    let session = client
        .update_checkout_session(&id, &update)
        .await?
        .into_body();
    steps.show("state", state_of(session.status_details.as_ref()));
    steps.show("constraints", constraints(&session));
    let redirect = session
        .web_checkout_details
        .as_ref()
        .and_then(|w| w.amazon_pay_redirect_url.clone())
        .context("no amazonPayRedirectUrl after the update")?;
    steps.show("amazonPayRedirectUrl", &redirect);

    steps.step("The buyer pays on the Amazon Pay page");
    let returned_id = buyer::pays_on_hosted_page(connection, &steps, &redirect).await?;
    if returned_id != id {
        bail!("the buyer came back with session {returned_id}, expected {id}");
    }

    steps.step("Get Checkout Session (on the result page)");
    let session = client.get_checkout_session(&id).await?.into_body();
    steps.show("state", state_of(session.status_details.as_ref()));
    let descriptors: Vec<_> = session
        .payment_preferences
        .iter()
        .flatten()
        .filter_map(|p| p.payment_descriptor.as_deref())
        .collect();
    steps.show("payment method", descriptors.join(", "));

    steps.step(format!("Complete Checkout Session with {total}"));
    let complete = CompleteCheckoutSessionRequest::with_charge_amount(total.clone());
    let session = client
        .complete_checkout_session(&id, &complete)
        .await?
        .into_body();
    let session_state = session
        .state()
        .cloned()
        .context("the completed session has no state")?;
    let charge_permission_id = session
        .charge_permission_id
        .context("the completed session names no charge permission")?;
    let charge_id = session
        .charge_id
        .context("the completed session names no charge")?;
    steps.show("state", &session_state);
    steps.show("chargePermissionId", &charge_permission_id);
    steps.show("chargeId", &charge_id);

    steps.step("Get Charge Permission and Charge");
    let permission = client
        .get_charge_permission(&charge_permission_id)
        .await?
        .into_body();
    steps.show(
        "charge permission",
        permission
            .status_details
            .as_ref()
            .map_or_else(|| "-".to_owned(), |d| d.state.to_string()),
    );
    let charge = client.get_charge(&charge_id).await?.into_body();
    steps.show("charge", state_of(charge.status_details.as_ref()));

    steps.step(format!("Capture Charge: {total}"));
    let charge = client
        .capture_charge(&charge_id, &CaptureChargeRequest::new(total.clone()))
        .idempotency_key(format!("{order}-capture"))
        .await?
        .into_body();
    let charge_state = charge
        .status_details
        .as_ref()
        .map(|d| d.state.clone())
        .context("the captured charge has no state")?;
    steps.show("charge", &charge_state);

    steps.step(format!("Create Refund: {refund_amount}"));
    let refund = client
        .create_refund(&CreateRefundRequest::new(charge_id.clone(), refund_amount))
        .idempotency_key(format!("{order}-refund-1"))
        .await?
        .into_body();
    let refund_id = refund.refund_id.to_string();
    steps.show("refundId", &refund_id);
    steps.show("refund", state_of(refund.status_details.as_ref()));

    steps.step("Wait for the refund to be processed");
    let refund_state = wait_for_refunds(connection, &steps, &[&refund_id])
        .await?
        .remove(0);

    steps.step("Get Charge");
    let charge_now = client.get_charge(&charge_id).await?.into_body();
    steps.show("charge", state_of(charge_now.status_details.as_ref()));
    if let Some(refunded) = &charge_now.refunded_amount {
        steps.show("refundedAmount", refunded);
    }
    println!("\nCheckout done in {} steps.", steps.count());

    Ok(Outcome {
        checkout_session_id: id,
        session_state,
        charge_permission_id: charge_permission_id.to_string(),
        charge_id: charge_id.to_string(),
        charge_state,
        refund_id,
        refund_state,
    })
}

fn constraints(session: &amazon_pay::CheckoutSession) -> String {
    let ids: Vec<_> = session
        .constraints
        .iter()
        .flatten()
        .filter_map(|c| c.constraint_id.as_ref().map(ToString::to_string))
        .collect();
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}
