//! Delivery trackers: after shipping, tell Amazon the carrier and tracking number so the buyer
//! gets Alexa delivery notifications.

use amazon_pay::prelude::*;
use amazon_pay::types::{DeliveryDetail, DeliveryTrackerRequest};

use crate::connection::Connection;
use crate::orders::paid_order;
use crate::output::Steps;

/// A tracking number in the carrier's format.
pub const TRACKING_NUMBER: &str = "1Z999AA10123456784";
/// The carrier code (see the Amazon Pay carrier list).
pub const CARRIER: &str = "UPS";

/// What the example saw.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The tracking numbers the service echoed.
    pub tracking_numbers: Vec<String>,
    /// The reason code of the refused request without delivery details.
    pub empty_request_reason: Option<String>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let total = connection.price(3500)?;
    let order = paid_order(
        connection,
        &steps,
        &total,
        PaymentIntent::AuthorizeWithCapture,
    )
    .await?;

    steps.step(format!(
        "Create Delivery Tracker: {CARRIER} {TRACKING_NUMBER}"
    ));
    let tracker = client
        .create_delivery_tracker(
            &DeliveryTrackerRequest::new(vec![DeliveryDetail::new(TRACKING_NUMBER, CARRIER)])
                .charge_permission_id(order.charge_permission_id.clone()),
        )
        .await?
        .into_body();
    let tracking_numbers: Vec<String> = tracker
        .delivery_details
        .iter()
        .flatten()
        .map(|d| format!("{} {}", d.carrier_code, d.tracking_number))
        .collect();
    steps.show("accepted", tracking_numbers.join(", "));

    steps.step("Create Delivery Tracker without delivery details (refused)");
    let empty_request_reason = match client
        .create_delivery_tracker(
            &DeliveryTrackerRequest::new(Vec::new())
                .charge_permission_id(order.charge_permission_id),
        )
        .await
    {
        Ok(_) => anyhow::bail!("an empty delivery tracker was accepted"),
        Err(error) => {
            steps.show("refused", &error);
            error.reason_code().map(|code| code.as_str().to_owned())
        }
    };
    Ok(Outcome {
        tracking_numbers,
        empty_request_reason,
    })
}
