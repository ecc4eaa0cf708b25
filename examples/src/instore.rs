//! In-store: the till scans the code in the buyer's app, charges it, and refunds part of it.

use amazon_pay::prelude::*;
use amazon_pay::types::{
    InStoreChargeRequest, InStoreMetadata, InStoreRefundRequest, InStoreState, MerchantScanRequest,
    StoreLocation,
};
use anyhow::Context as _;

use crate::connection::Connection;
use crate::output::Steps;

/// What the till saw.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The charge's state.
    pub charge: Option<InStoreState>,
    /// The refund's state.
    pub refund: Option<InStoreState>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();
    let total = connection.price(1250)?;
    let till = format!("till4-{}", std::process::id());

    steps.step(format!("Merchant Scan: {total}"));
    let scan = client
        .merchant_scan(
            &MerchantScanRequest::new(
                "AMZ-0123-4567-8901-2345",
                format!("{till}-scan"),
                "US",
                connection.currency(),
            )
            .charge_total(total.clone())
            .store_location(StoreLocation::new().country_code("US"))
            .metadata(InStoreMetadata::new().merchant_note("Till 4")),
        )
        .await?
        .into_body();
    steps.show("chargePermissionId", &scan.charge_permission_id);

    steps.step(format!("In-Store Charge: {total}"));
    let charge = client
        .in_store_charge(
            &InStoreChargeRequest::new(scan.charge_permission_id, format!("{till}-charge"), total)
                .soft_descriptor("EXAMPLE SHOP"),
        )
        .idempotency_key(format!("{till}-charge"))
        .await?
        .into_body();
    let charge_state = charge.charge_status.map(|s| s.state);
    steps.show("chargeId", &charge.charge_id);
    steps.show("charge", state_text(charge_state.as_ref()));

    let part = connection.price(250)?;
    steps.step(format!("In-Store Refund: {part}"));
    let refund = client
        .in_store_refund(&InStoreRefundRequest::new(
            charge.charge_id,
            format!("{till}-refund"),
            part,
        ))
        .await
        .context("in-store refund")?
        .into_body();
    let refund_state = refund.refund_status.map(|s| s.state);
    steps.show("refundId", &refund.refund_id);
    steps.show("refund", state_text(refund_state.as_ref()));

    Ok(Outcome {
        charge: charge_state,
        refund: refund_state,
    })
}

fn state_text(state: Option<&InStoreState>) -> String {
    state.map_or_else(|| "-".to_owned(), ToString::to_string)
}
