//! Charge: `AuthorizationInitiated` → `Authorized` → `CaptureInitiated` → `Captured`;
//! `Declined`; `Canceled`; authorizations expire after 30 days.

use amazon_pay_signing::Environment;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use super::charge_permission::{self, PermissionState};
use super::payment_method::SimulatedPaymentMethod;
use super::{Ctx, Due, ObjectType, PENDING_DELAY, Reply, Store, check_env, field, status_details};
use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::release;

/// An authorization not captured within 30 days is canceled.
const AUTHORIZATION_LIFETIME: time::Duration = time::Duration::days(30);
/// Captures later than this after authorization are processed asynchronously.
const SYNC_CAPTURE_WINDOW: time::Duration = time::Duration::days(7);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChargeState {
    AuthorizationInitiated,
    Authorized,
    CaptureInitiated,
    Captured,
    Canceled,
    Declined,
}

impl ChargeState {
    fn as_str(self) -> &'static str {
        match self {
            Self::AuthorizationInitiated => "AuthorizationInitiated",
            Self::Authorized => "Authorized",
            Self::CaptureInitiated => "CaptureInitiated",
            Self::Captured => "Captured",
            Self::Canceled => "Canceled",
            Self::Declined => "Declined",
        }
    }
}

/// How a new charge begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// Authorized (or Captured) at once.
    Immediate,
    PendingThenAuthorized,
    PendingThenDeclined,
    /// Captured asynchronously.
    CaptureInitiated,
    /// Declined at once with this reason.
    Declined(&'static str),
}

#[derive(Debug, Clone)]
pub(crate) struct Charge {
    pub(crate) id: String,
    pub(crate) cp_id: String,
    pub(crate) env: Environment,
    pub(crate) amount: Money,
    pub(crate) capture_amount: Option<Money>,
    pub(crate) refunded: Money,
    pub(crate) state: ChargeState,
    pub(crate) reason: Option<&'static str>,
    pub(crate) reason_description: Option<String>,
    pub(crate) created: OffsetDateTime,
    pub(crate) updated: OffsetDateTime,
    pub(crate) authorized_at: Option<OffsetDateTime>,
    pub(crate) fields: Map<String, Value>,
    /// Capture as soon as the pending authorization succeeds.
    capture_on_authorize: bool,
    /// The pending authorization's outcome.
    declines_when_resolved: bool,
    pub(crate) refund_ids: Vec<String>,
}

impl Charge {
    fn set_state(&mut self, state: ChargeState, reason: Option<&'static str>, at: OffsetDateTime) {
        self.state = state;
        self.reason = reason;
        self.updated = at;
    }

    /// The part of the permission's limit this charge holds.
    pub(crate) fn committed_minor(&self) -> i64 {
        match self.state {
            ChargeState::AuthorizationInitiated | ChargeState::Authorized => self.amount.minor,
            ChargeState::CaptureInitiated | ChargeState::Captured => self.captured_or_amount(),
            ChargeState::Canceled | ChargeState::Declined => 0,
        }
    }

    fn captured_or_amount(&self) -> i64 {
        self.capture_amount
            .as_ref()
            .map_or(self.amount.minor, |m| m.minor)
    }

    /// The captured amount (zero unless Captured).
    pub(crate) fn captured_minor(&self) -> i64 {
        if self.state == ChargeState::Captured {
            self.captured_or_amount()
        } else {
            0
        }
    }

    /// Cancels the charge if it is still open (authorized or pending); true when it was.
    pub(crate) fn cancel_if_open(
        &mut self,
        reason: &'static str,
        description: Option<String>,
        at: OffsetDateTime,
    ) -> bool {
        let open = matches!(
            self.state,
            ChargeState::Authorized | ChargeState::AuthorizationInitiated
        );
        if open {
            self.set_state(ChargeState::Canceled, Some(reason), at);
            self.reason_description = description;
        }
        open
    }
}

pub(crate) fn to_json(c: &Charge) -> Value {
    json!({
        "chargeId": c.id,
        "chargePermissionId": c.cp_id,
        "chargeAmount": c.amount.to_json(),
        "captureAmount": c.capture_amount.as_ref().map(Money::to_json),
        "refundedAmount": c.refunded.to_json(),
        "convertedAmount": null,
        "conversionRate": null,
        "softDescriptor": field(&c.fields, "softDescriptor"),
        "captureNow": c.fields.get("captureNow").cloned().unwrap_or(json!(false)),
        "canHandlePendingAuthorization": c.fields.get("canHandlePendingAuthorization").cloned().unwrap_or(json!(false)),
        "providerMetadata": field(&c.fields, "providerMetadata"),
        "merchantMetadata": field(&c.fields, "merchantMetadata"),
        "platformId": field(&c.fields, "platformId"),
        "channel": field(&c.fields, "channel"),
        "chargeInitiator": field(&c.fields, "chargeInitiator"),
        "webCheckoutDetails": field(&c.fields, "webCheckoutDetails"),
        "statusDetails": status_details(c.state.as_str(), c.reason, c.reason_description.as_deref(), c.updated),
        "creationTimestamp": api_timestamp(c.created),
        "expirationTimestamp": api_timestamp(c.created + AUTHORIZATION_LIFETIME),
        "releaseEnvironment": release(c.env),
    })
}

/// Creates a charge on a permission and schedules what follows.
pub(crate) fn open(
    store: &mut Store,
    cp_id: &str,
    amount: Money,
    capture: bool,
    start: Start,
    fields: Map<String, Value>,
    ctx: &Ctx<'_>,
) -> String {
    let id = store.ids.charge(cp_id);
    let now = ctx.now;
    let (state, reason) = match start {
        Start::Immediate if capture => (ChargeState::Captured, None),
        Start::Immediate => (ChargeState::Authorized, None),
        Start::PendingThenAuthorized | Start::PendingThenDeclined => {
            (ChargeState::AuthorizationInitiated, None)
        }
        Start::CaptureInitiated => (ChargeState::CaptureInitiated, None),
        Start::Declined(r) => (ChargeState::Declined, Some(r)),
    };
    let charge = Charge {
        id: id.clone(),
        cp_id: cp_id.to_owned(),
        env: ctx.env,
        capture_amount: matches!(state, ChargeState::Captured | ChargeState::CaptureInitiated)
            .then(|| amount.clone()),
        refunded: Money::zero(&amount.currency),
        amount,
        state,
        reason,
        reason_description: None,
        created: now,
        updated: now,
        authorized_at: matches!(
            state,
            ChargeState::Authorized | ChargeState::Captured | ChargeState::CaptureInitiated
        )
        .then_some(now),
        fields,
        capture_on_authorize: capture,
        declines_when_resolved: start == Start::PendingThenDeclined,
        refund_ids: Vec::new(),
    };
    store.charges.insert(id.clone(), charge);
    if let Some(cp) = store.permissions.get_mut(cp_id) {
        cp.charge_ids.push(id.clone());
    }
    match state {
        ChargeState::AuthorizationInitiated => {
            store.schedule(now + PENDING_DELAY, Due::AuthorizationResult(id.clone()))
        }
        ChargeState::Authorized => store.schedule(
            now + AUTHORIZATION_LIFETIME,
            Due::AuthorizationExpiry(id.clone()),
        ),
        ChargeState::CaptureInitiated => {
            store.schedule(now + PENDING_DELAY, Due::CaptureResult(id.clone()))
        }
        ChargeState::Captured => charge_permission::close_if_fully_captured(store, cp_id, now),
        ChargeState::Declined | ChargeState::Canceled => {}
    }
    id
}

fn find<'a>(store: &'a mut Store, id: &str, env: Environment) -> ApiResult<&'a mut Charge> {
    let c = store
        .charges
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Charge", id))?;
    check_env(env, c.env, "Charge", id)?;
    Ok(c)
}

const DECLINE_CODES: &[&str] = &[
    "SoftDeclined",
    "HardDeclined",
    "AmazonRejected",
    "TransactionTimedOut",
];

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let sim = ctx.simulation(&[
        "SoftDeclined",
        "HardDeclined",
        "AmazonRejected",
        "TransactionTimedOut",
        "AuthorizationInitiated",
        "CaptureInitiated",
    ])?;
    let cp_id = body
        .get("chargePermissionId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let amount = Money::from_price(
        "chargeAmount",
        body.get("chargeAmount").unwrap_or(&Value::Null),
    )?;
    let capture = body
        .get("captureNow")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let can_pend = body
        .get("canHandlePendingAuthorization")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let cp = charge_permission::find(store, &cp_id, ctx.env)?.clone();
    if cp.state != PermissionState::Chargeable {
        return Err(ApiError::unprocessable(
            "InvalidChargePermissionStatus",
            format!("The Charge Permission {cp_id} is not Chargeable"),
        ));
    }
    if cp.kind == "OneTime" && cp.charge_ids.len() >= charge_permission::MAX_ONE_TIME_CHARGES {
        return Err(ApiError::bad_request(
            "TransactionCountExceeded",
            format!(
                "A OneTime Charge Permission allows at most {} Charges",
                charge_permission::MAX_ONE_TIME_CHARGES
            ),
        ));
    }
    if amount.currency.as_str() != cp.currency {
        return Err(ApiError::bad_request(
            "CurrencyMismatch",
            format!(
                "The chargeAmount currency {} differs from the Charge Permission's {}",
                amount.currency, cp.currency
            ),
        ));
    }
    let balance = charge_permission::balance(store, &cp);
    if amount.minor > Money::max_charge(&amount.currency).minor || amount.minor > balance.minor {
        return Err(ApiError::bad_request(
            "TransactionAmountExceeded",
            format!(
                "The chargeAmount {amount} exceeds the amount available on the Charge Permission ({balance})"
            ),
        ));
    }
    if amount.minor == 0 {
        return Err(ApiError::invalid_value(
            "chargeAmount.amount",
            "must be greater than zero",
        ));
    }
    let start = match sim {
        Some(code) if DECLINE_CODES.contains(&code) => Start::Declined(
            DECLINE_CODES
                .iter()
                .copied()
                .find(|c| *c == code)
                .unwrap_or("HardDeclined"),
        ),
        Some("AuthorizationInitiated") if can_pend => Start::PendingThenAuthorized,
        Some("CaptureInitiated") if capture => Start::CaptureInitiated,
        Some(code) => {
            return Err(ApiError::bad_request(
                "InvalidSandboxSimulationSpecified",
                format!(
                    "The simulation code {code} needs {}",
                    if code == "CaptureInitiated" {
                        "captureNow true"
                    } else {
                        "canHandlePendingAuthorization true"
                    }
                ),
            ));
        }
        None => match cp.method {
            SimulatedPaymentMethod::PendingThenAuthorized if can_pend => {
                Start::PendingThenAuthorized
            }
            SimulatedPaymentMethod::PendingThenDeclined if can_pend => Start::PendingThenDeclined,
            SimulatedPaymentMethod::PendingThenDeclined => Start::Declined("HardDeclined"),
            _ => Start::Immediate,
        },
    };
    let mut fields = body.as_object().cloned().unwrap_or_default();
    fields.remove("chargePermissionId");
    fields.remove("chargeAmount");
    let id = open(store, &cp_id, amount, capture, start, fields, ctx);
    charge_permission::charged(store, &cp_id, ctx.now);
    if let Start::Declined(reason) = start {
        store.changed(ObjectType::Charge, &id, &cp_id);
        if reason == "HardDeclined" {
            charge_permission::mark_non_chargeable(store, &cp_id, ctx.now);
        }
        return Err(ApiError::unprocessable(
            reason,
            format!("The charge was declined ({reason})"),
        ));
    }
    let c = find(store, &id, ctx.env)?.clone();
    Ok(Reply::created(to_json(&c)))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    Ok(Reply::ok(to_json(find(store, id, ctx.env)?)))
}

fn invalid_status(c: &Charge, action: &str) -> ApiError {
    ApiError::unprocessable(
        "InvalidChargeStatus",
        format!(
            "The Charge {} is {} and cannot be {action}",
            c.id,
            c.state.as_str()
        ),
    )
}

pub(crate) fn capture(
    store: &mut Store,
    id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let sim = ctx.simulation(&["CaptureInitiated"])?;
    let amount = Money::from_price(
        "captureAmount",
        body.get("captureAmount").unwrap_or(&Value::Null),
    )?;
    let c = find(store, id, ctx.env)?;
    if c.state != ChargeState::Authorized {
        return Err(invalid_status(c, "captured"));
    }
    if amount.currency != c.amount.currency {
        return Err(ApiError::bad_request(
            "CurrencyMismatch",
            format!(
                "The captureAmount currency {} differs from the Charge's {}",
                amount.currency, c.amount.currency
            ),
        ));
    }
    if amount.minor > c.amount.minor {
        return Err(ApiError::bad_request(
            "TransactionAmountExceeded",
            format!(
                "The captureAmount {amount} exceeds the authorized amount {}",
                c.amount
            ),
        ));
    }
    if amount.minor == 0 {
        return Err(ApiError::invalid_value(
            "captureAmount.amount",
            "must be greater than zero",
        ));
    }
    let late = c
        .authorized_at
        .is_some_and(|t| ctx.now - t > SYNC_CAPTURE_WINDOW);
    let asynchronous = sim.is_some() || late;
    c.capture_amount = Some(amount);
    if let Some(d) = body.get("softDescriptor") {
        c.fields.insert("softDescriptor".into(), d.clone());
    }
    let cp_id = c.cp_id.clone();
    if asynchronous {
        c.set_state(ChargeState::CaptureInitiated, None, ctx.now);
        store.schedule(ctx.now + PENDING_DELAY, Due::CaptureResult(id.to_owned()));
    } else {
        c.set_state(ChargeState::Captured, None, ctx.now);
        charge_permission::close_if_fully_captured(store, &cp_id, ctx.now);
    }
    store.changed(ObjectType::Charge, id, &cp_id);
    Ok(Reply::ok(to_json(find(store, id, ctx.env)?)))
}

pub(crate) fn cancel(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let c = find(store, id, ctx.env)?;
    if !matches!(
        c.state,
        ChargeState::Authorized | ChargeState::AuthorizationInitiated
    ) {
        return Err(invalid_status(c, "canceled"));
    }
    let description = body
        .get("cancellationReason")
        .and_then(Value::as_str)
        .map(str::to_owned);
    store.cancel_open_charge(id, "MerchantCanceled", description, ctx.now);
    Ok(Reply::ok(to_json(find(store, id, ctx.env)?)))
}

/// Update Charge (payment service providers): moves the charge along its state machine.
pub(crate) fn update(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let details = body.get("statusDetails").cloned().unwrap_or(Value::Null);
    let target = details
        .get("state")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let reason = details
        .get("reasonCode")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let c = find(store, id, ctx.env)?;
    use ChargeState::*;
    let next = match (c.state, target.as_str()) {
        (AuthorizationInitiated, "Authorized") => Authorized,
        (AuthorizationInitiated | Authorized | CaptureInitiated, "Declined") => Declined,
        (Authorized | AuthorizationInitiated, "Canceled") => Canceled,
        (Authorized | CaptureInitiated, "Captured") => Captured,
        (Authorized, "CaptureInitiated") => CaptureInitiated,
        _ => return Err(invalid_status(c, &format!("moved to {target}"))),
    };
    let known_reason = reason.as_deref().and_then(|r| {
        [
            "ExpiredUnused",
            "MerchantCanceled",
            "AmazonCanceled",
            "SoftDeclined",
            "HardDeclined",
            "AmazonRejected",
            "ProcessingFailure",
            "TransactionTimedOut",
        ]
        .into_iter()
        .find(|k| *k == r)
    });
    if reason.is_some() && known_reason.is_none() {
        return Err(ApiError::invalid_value(
            "statusDetails.reasonCode",
            reason.unwrap_or_default(),
        ));
    }
    if matches!(next, Captured | CaptureInitiated) && c.capture_amount.is_none() {
        c.capture_amount = Some(c.amount.clone());
    }
    if next == Authorized {
        c.authorized_at = Some(ctx.now);
    }
    c.set_state(next, known_reason, ctx.now);
    let cp_id = c.cp_id.clone();
    store.changed(ObjectType::Charge, id, &cp_id);
    if next == Captured {
        charge_permission::close_if_fully_captured(store, &cp_id, ctx.now);
    }
    Ok(Reply::ok(to_json(find(store, id, ctx.env)?)))
}

pub(crate) fn resolve_authorization(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(c) = store.charges.get_mut(id) else {
        return;
    };
    if c.state != ChargeState::AuthorizationInitiated {
        return;
    }
    let cp_id = c.cp_id.clone();
    if c.declines_when_resolved {
        c.set_state(ChargeState::Declined, Some("HardDeclined"), at);
        store.changed(ObjectType::Charge, id, &cp_id);
        charge_permission::mark_non_chargeable(store, &cp_id, at);
        return;
    }
    c.authorized_at = Some(at);
    if c.capture_on_authorize {
        c.capture_amount = Some(c.amount.clone());
        c.set_state(ChargeState::Captured, None, at);
        store.changed(ObjectType::Charge, id, &cp_id);
        charge_permission::close_if_fully_captured(store, &cp_id, at);
    } else {
        c.set_state(ChargeState::Authorized, None, at);
        store.changed(ObjectType::Charge, id, &cp_id);
        store.schedule(
            at + AUTHORIZATION_LIFETIME,
            Due::AuthorizationExpiry(id.to_owned()),
        );
    }
}

pub(crate) fn resolve_capture(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(c) = store.charges.get_mut(id) else {
        return;
    };
    if c.state != ChargeState::CaptureInitiated {
        return;
    }
    c.set_state(ChargeState::Captured, None, at);
    let cp_id = c.cp_id.clone();
    store.changed(ObjectType::Charge, id, &cp_id);
    charge_permission::close_if_fully_captured(store, &cp_id, at);
}

pub(crate) fn expire_authorization(store: &mut Store, id: &str, at: OffsetDateTime) {
    let Some(c) = store.charges.get_mut(id) else {
        return;
    };
    if c.state == ChargeState::Authorized {
        c.set_state(ChargeState::Canceled, Some("ExpiredUnused"), at);
        let cp_id = c.cp_id.clone();
        store.changed(ObjectType::Charge, id, &cp_id);
    }
}

/// Whether a charge can be refunded, and the amount captured.
pub(crate) fn refundable(c: &Charge) -> Option<Money> {
    (c.state == ChargeState::Captured)
        .then(|| c.capture_amount.clone().unwrap_or_else(|| c.amount.clone()))
}
