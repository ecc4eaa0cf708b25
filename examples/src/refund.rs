//! Refunds of a captured charge: two partial refunds (one the sandbox declines on request), a
//! refund above what is left (a typed error), and waiting for the asynchronous outcome.

use std::time::Duration;

use amazon_pay::prelude::*;
use anyhow::Context as _;

use crate::connection::Connection;
use crate::orders::paid_order;
use crate::output::{Steps, state_of};

/// How far the emulator's clock is moved for refunds to finish (they take 30 seconds on it).
pub const EMULATOR_REFUND_DELAY: Duration = Duration::from_secs(31);
/// Against the real sandbox: how often and how many times a refund is polled.
const POLL_EVERY: Duration = Duration::from_secs(10);
const POLLS: u32 = 12;

/// What the refunds ended as.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The last state of the first partial refund.
    pub first: RefundState,
    /// The last state of the refund the sandbox was asked to reject.
    pub rejected: RefundState,
    /// The reason code of the refused over-refund.
    pub over_refund_reason: Option<String>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let total = connection.price(5000)?;
    let order = paid_order(
        connection,
        &steps,
        &total,
        PaymentIntent::AuthorizeWithCapture,
    )
    .await?;

    let first_amount = connection.price(1000)?;
    steps.step(format!("Create Refund: {first_amount}"));
    let first = client
        .create_refund(&CreateRefundRequest::new(
            order.charge_id.clone(),
            first_amount,
        ))
        .await?
        .into_body();
    steps.show("refundId", &first.refund_id);
    steps.show("refund", state_of(first.status_details.as_ref()));

    let second_amount = connection.price(1500)?;
    steps.step(format!(
        "Create Refund: {second_amount}, with the sandbox simulation code AmazonRejected"
    ));
    let rejected = client
        .create_refund(&CreateRefundRequest::new(
            order.charge_id.clone(),
            second_amount,
        ))
        .simulation_code("AmazonRejected")
        .await?
        .into_body();
    steps.show("refundId", &rejected.refund_id);
    steps.show("refund", state_of(rejected.status_details.as_ref()));

    let too_much = connection.price(6000)?;
    steps.step(format!(
        "Create Refund: {too_much} (more than was captured)"
    ));
    let over_refund_reason = match client
        .create_refund(&CreateRefundRequest::new(order.charge_id.clone(), too_much))
        .await
    {
        Ok(unexpected) => anyhow::bail!(
            "the over-refund was accepted as {}",
            unexpected.body().refund_id
        ),
        Err(error) => {
            steps.show("refused", &error);
            steps.show("kind", format!("{:?}", error.kind()));
            steps.show("retryable", error.is_retryable());
            error.reason_code().map(|code| code.as_str().to_owned())
        }
    };

    steps.step("Wait for the refunds to be processed");
    let mut states = wait_for_refunds(
        connection,
        &steps,
        &[first.refund_id.as_str(), rejected.refund_id.as_str()],
    )
    .await?;

    steps.step("Get Charge");
    let charge = client.get_charge(&order.charge_id).await?.into_body();
    steps.show("charge", state_of(charge.status_details.as_ref()));
    if let Some(refunded) = &charge.refunded_amount {
        steps.show("refundedAmount", refunded);
    }
    let rejected = states.pop().context("two refund states")?;
    let first = states.pop().context("two refund states")?;
    Ok(Outcome {
        first,
        rejected,
        over_refund_reason,
    })
}

/// Waits until none of `refund_ids` is `RefundInitiated` and returns their states, in order.
///
/// On the emulator, moves its clock past the processing delay. Against the real sandbox, polls
/// Get Refund every 10 seconds, at most 12 times, and returns the states seen last.
pub async fn wait_for_refunds(
    connection: &Connection,
    steps: &Steps,
    refund_ids: &[&str],
) -> anyhow::Result<Vec<RefundState>> {
    let client = connection.client();
    if let Some(emulator) = connection.emulator_handle() {
        steps.show(
            "emulator clock",
            format!("advanced by {} s", EMULATOR_REFUND_DELAY.as_secs()),
        );
        emulator.clock().advance(EMULATOR_REFUND_DELAY);
    }
    let mut polls = 0;
    loop {
        let mut states = Vec::with_capacity(refund_ids.len());
        for id in refund_ids {
            let refund = client.get_refund(id).await?.into_body();
            let state = refund
                .status_details
                .map(|d| d.state)
                .with_context(|| format!("refund {id} has no state"))?;
            steps.show(&format!("refund {id}"), &state);
            states.push(state);
        }
        polls += 1;
        let pending = states.contains(&RefundState::RefundInitiated);
        if !pending || connection.emulator_handle().is_some() || polls == POLLS {
            if pending {
                steps.show(
                    "note",
                    "still processing; an IPN announces the outcome when it is known",
                );
            }
            return Ok(states);
        }
        tokio::time::sleep(POLL_EVERY).await;
    }
}
