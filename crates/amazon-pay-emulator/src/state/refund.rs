//! Refund: `RefundInitiated` → `Refunded` or `Declined`, within the refund limit.

use amazon_pay_signing::Environment;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::{
    Ctx, Due, ObjectType, PENDING_DELAY, Reply, Store, charge, check_env, field, status_details,
};
use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::release;

/// "The maximum number of refunds allowed for a given charge is 10"
/// (<https://pay.amazon.com/help/201212360>).
const MAX_REFUNDS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefundState {
    RefundInitiated,
    Refunded,
    Declined,
}

impl RefundState {
    fn as_str(self) -> &'static str {
        match self {
            Self::RefundInitiated => "RefundInitiated",
            Self::Refunded => "Refunded",
            Self::Declined => "Declined",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Refund {
    pub(crate) id: String,
    pub(crate) charge_id: String,
    pub(crate) cp_id: String,
    pub(crate) env: Environment,
    pub(crate) amount: Money,
    pub(crate) state: RefundState,
    pub(crate) reason: Option<&'static str>,
    pub(crate) created: OffsetDateTime,
    pub(crate) updated: OffsetDateTime,
    pub(crate) soft_descriptor: Value,
    /// The reason it will be declined with, if the simulation asked for it.
    declines_with: Option<&'static str>,
}

pub(crate) fn to_json(r: &Refund) -> Value {
    json!({
        "refundId": r.id,
        "chargeId": r.charge_id,
        "refundAmount": r.amount.to_json(),
        "softDescriptor": r.soft_descriptor,
        "creationTimestamp": api_timestamp(r.created),
        "statusDetails": status_details(r.state.as_str(), r.reason, None, r.updated),
        "releaseEnvironment": release(r.env),
    })
}

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let sim = ctx.simulation(&["AmazonRejected", "ProcessingFailure"])?;
    let charge_id = body
        .get("chargeId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let amount = Money::from_price(
        "refundAmount",
        body.get("refundAmount").unwrap_or(&Value::Null),
    )?;
    let c = store
        .charges
        .get(&charge_id)
        .ok_or_else(|| ApiError::not_found("Charge", &charge_id))?;
    check_env(ctx.env, c.env, "Charge", &charge_id)?;
    let Some(captured) = charge::refundable(c) else {
        return Err(ApiError::unprocessable(
            "InvalidChargeStatus",
            format!("The Charge {charge_id} is not Captured and cannot be refunded"),
        ));
    };
    if c.refund_ids.len() >= MAX_REFUNDS {
        return Err(ApiError::bad_request(
            "TransactionCountExceeded",
            format!("At most {MAX_REFUNDS} Refunds can be created on a Charge"),
        ));
    }
    if amount.currency != captured.currency {
        return Err(ApiError::bad_request(
            "CurrencyMismatch",
            format!(
                "The refundAmount currency {} differs from the Charge's {}",
                amount.currency, captured.currency
            ),
        ));
    }
    if amount.minor == 0 {
        return Err(ApiError::invalid_value(
            "refundAmount.amount",
            "must be greater than zero",
        ));
    }
    let already: i64 = c
        .refund_ids
        .iter()
        .filter_map(|id| store.refunds.get(id))
        .filter(|r| r.state != RefundState::Declined)
        .map(|r| r.amount.minor)
        .sum();
    let limit = captured.max_refund_total();
    if already + amount.minor > limit.minor {
        return Err(ApiError::bad_request(
            "TransactionAmountExceeded",
            format!(
                "Refunds would total {} but at most {limit} can be refunded on a capture of {captured}",
                captured.with_minor(already + amount.minor)
            ),
        ));
    }
    let cp_id = c.cp_id.clone();
    let id = store.ids.refund(&cp_id);
    let refund = Refund {
        id: id.clone(),
        charge_id: charge_id.clone(),
        cp_id,
        env: ctx.env,
        amount,
        state: RefundState::RefundInitiated,
        reason: None,
        created: ctx.now,
        updated: ctx.now,
        soft_descriptor: field(
            body.as_object().unwrap_or(&serde_json::Map::new()),
            "softDescriptor",
        ),
        declines_with: match sim {
            Some("AmazonRejected") => Some("AmazonRejected"),
            Some(_) => Some("ProcessingFailure"),
            None => None,
        },
    };
    let out = to_json(&refund);
    store.refunds.insert(id.clone(), refund);
    if let Some(c) = store.charges.get_mut(&charge_id) {
        c.refund_ids.push(id.clone());
    }
    store.schedule(ctx.now + PENDING_DELAY, Due::RefundResult(id));
    Ok(Reply::created(out))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let r = store
        .refunds
        .get(id)
        .ok_or_else(|| ApiError::not_found("Refund", id))?;
    check_env(ctx.env, r.env, "Refund", id)?;
    Ok(Reply::ok(to_json(r)))
}

pub(crate) fn resolve(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(r) = store.refunds.get_mut(id) else {
        return;
    };
    if r.state != RefundState::RefundInitiated {
        return;
    }
    r.updated = at;
    match r.declines_with {
        Some(reason) => {
            r.state = RefundState::Declined;
            r.reason = Some(reason);
        }
        None => {
            r.state = RefundState::Refunded;
            let (charge_id, amount) = (r.charge_id.clone(), r.amount.minor);
            if let Some(c) = store.charges.get_mut(&charge_id) {
                c.refunded.minor += amount;
            }
        }
    }
    let Some(r) = store.refunds.get(id) else {
        return;
    };
    let cp_id = r.cp_id.clone();
    store.changed(ObjectType::Refund, id, &cp_id);
}
