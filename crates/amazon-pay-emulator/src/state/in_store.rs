//! In-store operations: a merchant scan opens a permission, charged and refunded at once.

use serde_json::{Value, json};

use super::record::{Record, find, str_of};
use super::{Ctx, Reply, Store};
use crate::error::{ApiError, ApiResult};
use crate::money::Money;

pub(crate) fn merchant_scan(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let total = Money::from_price("chargeTotal", &body["chargeTotal"])?;
    let id = store.ids.charge_permission("S01");
    let r = json!({ "kind": "scan", "chargePermissionId": id, "currency": total.currency, "scanReferenceId": body["scanReferenceId"] });
    store.in_store.insert(id.clone(), Record::new(ctx, r));
    Ok(Reply::ok(json!({ "chargePermissionId": id })))
}

pub(crate) fn charge(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let cp = str_of(body, "chargePermissionId").to_owned();
    let scan = find(&mut store.in_store, "Charge Permission", &cp, ctx.env)?
        .body
        .clone();
    let total = Money::from_price("chargeTotal", &body["chargeTotal"])?;
    if scan.get("currency").and_then(Value::as_str) != Some(total.currency.as_str()) {
        return Err(ApiError::bad_request(
            "CurrencyMismatch",
            "chargeTotal currency differs from the scan",
        ));
    }
    let id = store.ids.charge(&cp);
    let r = json!({ "kind": "charge", "chargeId": id, "chargePermissionId": cp, "minor": total.minor, "currency": total.currency, "refundedMinor": 0 });
    store.in_store.insert(id.clone(), Record::new(ctx, r));
    Ok(Reply::ok(
        json!({ "chargeId": id, "chargeStatus": { "state": "Completed" } }),
    ))
}

pub(crate) fn refund(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let charge_id = str_of(body, "chargeId").to_owned();
    let total = Money::from_price("refundTotal", &body["refundTotal"])?;
    let c = find(&mut store.in_store, "Charge", &charge_id, ctx.env)?;
    let minor = c.body.get("minor").and_then(Value::as_i64).unwrap_or(0);
    let refunded = c
        .body
        .get("refundedMinor")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    if c.body.get("currency").and_then(Value::as_str) != Some(total.currency.as_str()) {
        return Err(ApiError::bad_request(
            "CurrencyMismatch",
            "refundTotal currency differs from the charge",
        ));
    }
    if refunded + total.minor > minor {
        return Err(ApiError::bad_request(
            "TransactionAmountExceeded",
            "refundTotal exceeds the charged amount",
        ));
    }
    c.body
        .insert("refundedMinor".into(), json!(refunded + total.minor));
    let id = store.ids.refund(&charge_id);
    Ok(Reply::ok(
        json!({ "refundId": id, "refundStatus": { "state": "Pending" } }),
    ))
}
