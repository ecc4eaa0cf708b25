//! Disputes on captured charges, contested with uploaded files.

use serde_json::{Value, json};

use super::record::{Record, find, str_of};
use super::{Ctx, Reply, Store, charge, check_env, merge};
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::release;

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let charge_id = str_of(body, "chargeId");
    let c = store
        .charges
        .get(charge_id)
        .ok_or_else(|| ApiError::not_found("Charge", charge_id))?;
    check_env(ctx.env, c.env, "Charge", charge_id)?;
    let captured = charge::refundable(c).ok_or_else(|| {
        ApiError::unprocessable(
            "InvalidChargeStatus",
            format!("The Charge {charge_id} is not Captured"),
        )
    })?;
    let amount = Money::from_price("disputeAmount", &body["disputeAmount"])?;
    if amount.currency != captured.currency || amount.minor > captured.minor {
        return Err(ApiError::invalid_value(
            "disputeAmount",
            format!("must not exceed the captured {captured}"),
        ));
    }
    let id = format!("{}-D{}", c.cp_id, store.ids.alnum(6));
    let now = ctx.now.unix_timestamp();
    let filing = body
        .get("filingTimestamp")
        .or_else(|| body.get("creationTimestamp"))
        .cloned()
        .unwrap_or(json!(now));
    let state = body
        .get("statusDetails")
        .and_then(|s| s.get("state"))
        .cloned()
        .unwrap_or(json!("ActionRequired"));
    let d = json!({
        "disputeId": id,
        "chargeId": charge_id,
        "disputeType": "Chargeback",
        "disputeAmount": amount.to_json(),
        "filingReason": body.get("filingReason").cloned(),
        "filingTimestamp": filing,
        "resolutionAuthority": "AmazonPay",
        "statusDetails": { "state": state, "reasonCode": "MerchantResponseRequired", "reasonDescription": null, "resolution": null },
        "merchantResponseDeadline": body.get("merchantResponseDeadline").cloned().unwrap_or(json!(now + 14 * 86_400)),
        "providerMetadata": body.get("providerMetadata").cloned(),
        "merchantEvidences": [],
        "closureTimestamp": null,
        "releaseEnvironment": release(ctx.env),
    });
    store.disputes.insert(id, Record::new(ctx, d.clone()));
    Ok(Reply::ok(d))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let d = find(&mut store.disputes, "Dispute", id, ctx.env)?;
    Ok(Reply::ok(Value::Object(d.body.clone())))
}

pub(crate) fn update(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let d = find(&mut store.disputes, "Dispute", id, ctx.env)?;
    if d.body["statusDetails"]["state"] == "Closed" {
        return Err(ApiError::unprocessable(
            "InvalidDisputeStatus",
            "The Dispute is Closed",
        ));
    }
    if let Some(patch) = body.as_object() {
        merge(&mut d.body, patch);
    }
    Ok(Reply::ok(Value::Object(d.body.clone())))
}

pub(crate) fn contest(
    store: &mut Store,
    id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let evidences = body["merchantEvidences"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for e in &evidences {
        if let Some(file) = e.get("fileId").and_then(Value::as_str) {
            find(&mut store.files, "File", file, ctx.env)?;
        }
    }
    let d = find(&mut store.disputes, "Dispute", id, ctx.env)?;
    let state = d.body["statusDetails"]["state"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if !matches!(state.as_str(), "ActionRequired" | "UnderReview") {
        return Err(ApiError::unprocessable(
            "InvalidDisputeStatus",
            format!("A {state} Dispute cannot be contested"),
        ));
    }
    if let Some(Value::Array(list)) = d.body.get_mut("merchantEvidences") {
        list.extend(evidences);
    }
    d.body.insert("statusDetails".into(), json!({ "state": "UnderReview", "reasonCode": null, "reasonDescription": null, "resolution": null }));
    Ok(Reply::ok(Value::Object(d.body.clone())))
}
