//! Charge Permission: `Chargeable` ⇄ `NonChargeable` → `Closed`, with limits and balance.

use amazon_pay_types::Currency;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use super::checkout_session::CheckoutSession;
use super::payment_method::SimulatedPaymentMethod;
use super::{Ctx, Due, ObjectType, Reply, Store, buyer, charge, check_env, field, merge};
use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::Env;

/// A one-time permission expires after 180 days.
const ONE_TIME_LIFETIME: time::Duration = time::Duration::days(180);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PermissionState {
    Chargeable,
    NonChargeable,
    Closed,
}

impl PermissionState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Chargeable => "Chargeable",
            Self::NonChargeable => "NonChargeable",
            Self::Closed => "Closed",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ChargePermission {
    pub(crate) id: String,
    pub(crate) env: Env,
    pub(crate) kind: String,
    pub(crate) state: PermissionState,
    pub(crate) reasons: Vec<(&'static str, Option<String>)>,
    pub(crate) created: OffsetDateTime,
    pub(crate) updated: OffsetDateTime,
    pub(crate) expires: Option<OffsetDateTime>,
    pub(crate) currency: String,
    /// The one-time limit (the total order amount); `None` for recurring and saved-wallet permissions.
    pub(crate) limit: Option<Money>,
    pub(crate) fields: Map<String, Value>,
    pub(crate) method: SimulatedPaymentMethod,
    pub(crate) charge_ids: Vec<String>,
}

impl ChargePermission {
    pub(crate) fn set_state(
        &mut self,
        state: PermissionState,
        reason: Option<(&'static str, Option<String>)>,
        at: OffsetDateTime,
    ) {
        self.state = state;
        self.reasons = reason.into_iter().collect();
        self.updated = at;
    }
}

/// The amount still chargeable: the limit minus what open and captured charges hold.
pub(crate) fn balance(store: &Store, cp: &ChargePermission) -> Money {
    match &cp.limit {
        Some(limit) => {
            let used: i64 = cp
                .charge_ids
                .iter()
                .filter_map(|id| store.charges.get(id))
                .map(charge::committed_minor)
                .sum();
            limit.with_minor((limit.minor - used).max(0))
        }
        None => Money::max_charge(&Currency::parse(&cp.currency)),
    }
}

pub(crate) fn to_json(store: &Store, cp: &ChargePermission) -> Value {
    let region = store.region;
    let limit = cp
        .limit
        .clone()
        .unwrap_or_else(|| Money::max_charge(&Currency::parse(&cp.currency)));
    let reasons: Value = if cp.reasons.is_empty() {
        Value::Null
    } else {
        cp.reasons
            .iter()
            .map(|(c, d)| json!({ "reasonCode": c, "reasonDescription": d }))
            .collect()
    };
    json!({
        "chargePermissionId": cp.id,
        "chargePermissionReferenceId": cp.fields.get("merchantMetadata").and_then(|m| m.get("merchantReferenceId")).cloned(),
        "chargePermissionType": cp.kind,
        "platformId": field(&cp.fields, "platformId"),
        "buyer": buyer::buyer(region),
        "shippingAddress": buyer::address(region),
        "billingAddress": buyer::address(region),
        "paymentPreferences": [{ "paymentDescriptor": cp.method.descriptor() }],
        "statusDetails": {
            "state": cp.state.as_str(),
            "reasons": reasons,
            "lastUpdatedTimestamp": api_timestamp(cp.updated),
        },
        "creationTimestamp": api_timestamp(cp.created),
        "expirationTimestamp": cp.expires.map(api_timestamp),
        "merchantMetadata": field(&cp.fields, "merchantMetadata"),
        "releaseEnvironment": cp.env.release(),
        "limits": { "amountLimit": limit.to_json(), "amountBalance": balance(store, cp).to_json() },
        "presentmentCurrency": cp.currency,
        "recurringMetadata": field(&cp.fields, "recurringMetadata"),
    })
}

/// Creates the permission of a completed checkout.
pub(crate) fn open_for_session(
    store: &mut Store,
    s: &CheckoutSession,
    method: SimulatedPaymentMethod,
    ctx: &Ctx<'_>,
) -> String {
    // The saved-wallet update flow names the permission it updates: the buyer's new payment
    // method goes onto that permission, which keeps its id.
    if let Some(existing) = s.fields.get("chargePermissionId").and_then(Value::as_str)
        && let Some(cp) = store.permissions.get_mut(existing)
    {
        cp.method = method;
        cp.state = PermissionState::Chargeable;
        cp.reasons.clear();
        cp.updated = ctx.now;
        return existing.to_owned();
    }
    let kind = s.permission_type().to_owned();
    let one_time = kind == "OneTime";
    let id = store
        .ids
        .charge_permission(if one_time { "S01" } else { "B01" });
    let amount = s.charge_amount();
    let currency = amount
        .as_ref()
        .map_or_else(|| default_currency(store), |m| m.currency.to_string());
    let limit = if one_time {
        s.total_order_amount().or(amount)
    } else {
        None
    };
    let mut fields = Map::new();
    for k in ["merchantMetadata", "recurringMetadata", "platformId"] {
        if let Some(v) = s.fields.get(k) {
            fields.insert(k.into(), v.clone());
        }
    }
    let expires = one_time.then(|| ctx.now + ONE_TIME_LIFETIME);
    let cp = ChargePermission {
        id: id.clone(),
        env: ctx.env,
        kind,
        state: PermissionState::Chargeable,
        reasons: Vec::new(),
        created: ctx.now,
        updated: ctx.now,
        expires,
        currency,
        limit,
        fields,
        method,
        charge_ids: Vec::new(),
    };
    store.permissions.insert(id.clone(), cp);
    if let Some(at) = expires {
        store.schedule(at, Due::PermissionExpiry(id.clone()));
    }
    id
}

fn default_currency(store: &Store) -> String {
    match store.region {
        amazon_pay_signing::Region::Na => "USD",
        amazon_pay_signing::Region::Eu => "EUR",
        amazon_pay_signing::Region::Jp => "JPY",
    }
    .to_owned()
}

pub(crate) fn find<'a>(
    store: &'a mut Store,
    id: &str,
    env: Env,
) -> ApiResult<&'a mut ChargePermission> {
    let cp = store
        .permissions
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Charge Permission", id))?;
    check_env(env, cp.env, "Charge Permission", id)?;
    Ok(cp)
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let cp = store
        .permissions
        .get(id)
        .ok_or_else(|| ApiError::not_found("Charge Permission", id))?;
    check_env(ctx.env, cp.env, "Charge Permission", id)?;
    Ok(Reply::ok(to_json(store, cp)))
}

pub(crate) fn update(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let cp = find(store, id, ctx.env)?;
    if cp.state == PermissionState::Closed {
        return Err(ApiError::unprocessable(
            "InvalidChargePermissionStatus",
            "The Charge Permission is Closed",
        ));
    }
    if body.get("recurringMetadata").is_some() && cp.kind != "Recurring" {
        return Err(ApiError::unprocessable(
            "ChargePermissionNotModifiable",
            "recurringMetadata can only be updated on a Recurring Charge Permission",
        ));
    }
    if let Some(patch) = body.as_object() {
        merge(&mut cp.fields, patch);
    }
    cp.updated = ctx.now;
    let cp = cp.clone();
    Ok(Reply::ok(to_json(store, &cp)))
}

pub(crate) fn close(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let sim = ctx.simulation(&["AmazonClosed"])?;
    let cp = find(store, id, ctx.env)?;
    if cp.state == PermissionState::Closed {
        return Err(ApiError::unprocessable(
            "InvalidChargePermissionStatus",
            "The Charge Permission is already Closed",
        ));
    }
    let reason = if sim.is_some() {
        "AmazonClosed"
    } else {
        "MerchantClosed"
    };
    let description = body
        .get("closureReason")
        .and_then(Value::as_str)
        .map(str::to_owned);
    cp.set_state(
        PermissionState::Closed,
        Some((reason, description)),
        ctx.now,
    );
    let charge_ids = cp.charge_ids.clone();
    store.changed(ObjectType::ChargePermission, id, id);
    if body
        .get("cancelPendingCharges")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        for charge_id in charge_ids {
            charge::cancel_open(store, &charge_id, "ChargePermissionCanceled", None, ctx.now);
        }
    }
    let cp = find(store, id, ctx.env)?.clone();
    Ok(Reply::ok(to_json(store, &cp)))
}

/// Closes a one-time permission once its whole limit is captured.
pub(crate) fn close_if_fully_captured(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(cp) = store.permissions.get(id) else {
        return;
    };
    let Some(limit) = cp.limit.clone() else {
        return;
    };
    if cp.state == PermissionState::Closed {
        return;
    }
    let captured: i64 = cp
        .charge_ids
        .iter()
        .filter_map(|c| store.charges.get(c))
        .map(charge::captured_minor)
        .sum();
    if captured >= limit.minor {
        if let Some(cp) = store.permissions.get_mut(id) {
            cp.set_state(PermissionState::Closed, None, at);
        }
        store.changed(ObjectType::ChargePermission, id, id);
    }
}

/// A payment method failure makes the permission non-chargeable.
pub(crate) fn mark_non_chargeable(store: &mut Store, id: &str, at: OffsetDateTime) {
    if let Some(cp) = store.permissions.get_mut(id)
        && cp.state == PermissionState::Chargeable
    {
        cp.set_state(
            PermissionState::NonChargeable,
            Some(("PaymentMethodInvalid", None)),
            at,
        );
        store.changed(ObjectType::ChargePermission, id, id);
    }
}

pub(crate) fn expire(store: &mut Store, id: &str, at: OffsetDateTime) {
    if let Some(cp) = store.permissions.get_mut(id)
        && cp.state != PermissionState::Closed
    {
        cp.set_state(PermissionState::Closed, Some(("Expired", None)), at);
        store.changed(ObjectType::ChargePermission, id, id);
    }
}
