//! Charge Permission: `Chargeable` ⇄ `NonChargeable` → `Closed`, with limits and balance.

use amazon_pay_signing::Environment;
use amazon_pay_types::Currency;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use super::payment_method::SimulatedPaymentMethod;
use super::{Ctx, Due, ObjectType, Reply, Store, buyer, check_env, field, merge};
use crate::clock::{add_months, api_timestamp};
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::release;

/// A one-time permission expires after 180 days
/// (<https://developer.amazon.com/docs/amazon-pay-api-v2/charge-permission.html>).
const ONE_TIME_LIFETIME: time::Duration = time::Duration::days(180);
/// With `extendExpiration` a one-time permission lasts 13 months, and a recurring one expires
/// 13 months after its last charge
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/advanced-one-time-payment-options.html>).
const EXTENDED_MONTHS: u32 = 13;
/// Buyer details of a one-time permission, and of a recurring one once closed, are readable
/// for 30 days (<https://developer.amazon.com/docs/amazon-pay-api-v2/charge-permission.html>).
const BUYER_DATA_DAYS: time::Duration = time::Duration::days(30);
/// "For a one-time Charge Permission, you can create up to 25 Charges"
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/deferred-transactions.html>).
pub(crate) const MAX_ONE_TIME_CHARGES: usize = 25;
/// `allowOvercharge` raises the limit to "900% of the order amount or 500 USD/GBP/EUR and
/// 70000 JPY (whichever is more)"
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/advanced-one-time-payment-options.html>).
const OVERCHARGE_PERCENT: i64 = 900;

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
    pub(crate) env: Environment,
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
                .map(|c| c.committed_minor())
                .sum();
            limit.with_minor((limit.minor - used).max(0))
        }
        None => Money::max_charge(&Currency::parse(&cp.currency)),
    }
}

/// The minimum an `allowOvercharge` limit reaches in `currency`, in minor units, where the
/// docs give one.
fn overcharge_floor(currency: &Currency) -> Option<i64> {
    match currency {
        Currency::Usd | Currency::Gbp | Currency::Eur => Some(50_000),
        Currency::Jpy => Some(70_000),
        _ => None,
    }
}

/// The limit of a one-time permission for `order` (the total order amount).
fn one_time_limit(order: Money, allow_overcharge: bool) -> Money {
    if !allow_overcharge {
        return order;
    }
    let grown = order.minor.saturating_mul(OVERCHARGE_PERCENT) / 100;
    let floor = overcharge_floor(&order.currency).unwrap_or(0);
    order.with_minor(grown.max(floor))
}

/// Whether the buyer's details are still readable at `now`.
fn shows_buyer(cp: &ChargePermission, now: OffsetDateTime) -> bool {
    match (cp.kind.as_str(), cp.state) {
        ("OneTime", _) => now < cp.created + BUYER_DATA_DAYS,
        (_, PermissionState::Closed) => now < cp.updated + BUYER_DATA_DAYS,
        _ => true,
    }
}

pub(crate) fn to_json(store: &Store, cp: &ChargePermission) -> Value {
    let region = store.region;
    let buyer_shown = shows_buyer(cp, store.now());
    let when_shown = |v: Value| if buyer_shown { v } else { Value::Null };
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
        "buyer": when_shown(buyer::buyer(region)),
        "shippingAddress": when_shown(buyer::address(region)),
        "billingAddress": when_shown(buyer::address(region)),
        "paymentPreferences": [{ "paymentDescriptor": cp.method.descriptor() }],
        "statusDetails": {
            "state": cp.state.as_str(),
            "reasons": reasons,
            "lastUpdatedTimestamp": api_timestamp(cp.updated),
        },
        "creationTimestamp": api_timestamp(cp.created),
        "expirationTimestamp": cp.expires.map(api_timestamp),
        "merchantMetadata": field(&cp.fields, "merchantMetadata"),
        "releaseEnvironment": release(cp.env),
        "limits": { "amountLimit": limit.to_json(), "amountBalance": balance(store, cp).to_json() },
        "presentmentCurrency": cp.currency,
        "recurringMetadata": field(&cp.fields, "recurringMetadata"),
    })
}

/// Creates the permission of a completed checkout.
/// What a completed checkout session asks of its charge permission.
#[derive(Debug)]
pub(crate) struct PermissionRequest<'a> {
    /// The permission a saved-wallet update names.
    pub(crate) existing: Option<&'a str>,
    /// `chargePermissionType`.
    pub(crate) kind: &'a str,
    /// The session's charge amount.
    pub(crate) amount: Option<Money>,
    /// The session's total order amount.
    pub(crate) order: Option<Money>,
    pub(crate) allow_overcharge: bool,
    pub(crate) extend_expiration: bool,
    /// The session fields the permission keeps (metadata, platform id).
    pub(crate) fields: Map<String, Value>,
}

/// Opens (or, for a saved-wallet update, renews) the permission of a completed session.
pub(crate) fn open_for_session(
    store: &mut Store,
    s: PermissionRequest<'_>,
    method: SimulatedPaymentMethod,
    ctx: &Ctx<'_>,
) -> String {
    // The saved-wallet update flow names the permission it updates: the buyer's new payment
    // method goes onto that permission, which keeps its id.
    if let Some(existing) = s.existing
        && let Some(cp) = store.permissions.get_mut(existing)
    {
        cp.method = method;
        cp.state = PermissionState::Chargeable;
        cp.reasons.clear();
        cp.updated = ctx.now;
        return existing.to_owned();
    }
    let kind = s.kind.to_owned();
    let one_time = kind == "OneTime";
    let id = store
        .ids
        .charge_permission(if one_time { "S01" } else { "B01" });
    let amount = s.amount;
    let currency = amount
        .as_ref()
        .map_or_else(|| default_currency(store), |m| m.currency.to_string());
    let limit = if one_time {
        s.order
            .or(amount)
            .map(|order| one_time_limit(order, s.allow_overcharge))
    } else {
        None
    };
    let expires = match (one_time, s.extend_expiration) {
        (true, false) => Some(ctx.now + ONE_TIME_LIFETIME),
        _ if kind == "PaymentMethodOnFile" => None,
        _ => Some(add_months(ctx.now, EXTENDED_MONTHS)),
    };
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
        fields: s.fields,
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
    env: Environment,
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
        closed_update_allowed(cp, body)?;
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

/// On a Closed permission only a one-time permission's `merchantMetadata` fields that are
/// still null or empty may be set
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/update-info-post-checkout.html>);
/// anything else is `ChargePermissionNotModifiable`.
fn closed_update_allowed(cp: &ChargePermission, body: &Value) -> ApiResult<()> {
    let refuse = |why: &str| {
        Err(ApiError::unprocessable(
            "ChargePermissionNotModifiable",
            format!("The Charge Permission is Closed: {why}"),
        ))
    };
    if cp.kind != "OneTime" {
        return refuse("only a OneTime Charge Permission can be updated once Closed");
    }
    if body.get("recurringMetadata").is_some() {
        return refuse("only merchantMetadata can be updated");
    }
    let current = cp.fields.get("merchantMetadata");
    let updates = body.get("merchantMetadata").and_then(Value::as_object);
    for name in updates.into_iter().flat_map(|m| m.keys()) {
        let set = current
            .and_then(|m| m.get(name))
            .and_then(Value::as_str)
            .is_some_and(|v| !v.is_empty());
        if set {
            return refuse(&format!("merchantMetadata.{name} already has a value"));
        }
    }
    Ok(())
}

/// Pushes a recurring permission's expiration to 13 months after a new charge.
pub(crate) fn charged(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(cp) = store.permissions.get_mut(id) else {
        return;
    };
    if cp.kind != "Recurring" {
        return;
    }
    let expires = add_months(at, EXTENDED_MONTHS);
    cp.expires = Some(expires);
    store.schedule(expires, Due::PermissionExpiry(id.to_owned()));
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
            store.cancel_open_charge(&charge_id, "ChargePermissionCanceled", None, ctx.now);
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
        .map(|c| c.captured_minor())
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

/// Closes the permission at its expiration (an earlier schedule entry of a recurring
/// permission whose expiration moved on is ignored).
pub(crate) fn expire(store: &mut Store, id: &str, at: OffsetDateTime) {
    if let Some(cp) = store.permissions.get_mut(id)
        && cp.state != PermissionState::Closed
        && cp.expires.is_some_and(|e| e <= at)
    {
        cp.set_state(PermissionState::Closed, Some(("Expired", None)), at);
        store.changed(ObjectType::ChargePermission, id, id);
    }
}
