//! Checkout Session: `Open` (with constraints) → `Completed` or `Canceled`.

use amazon_pay_signing::Environment;
use http::StatusCode;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use super::charge_permission::PermissionRequest;
use super::payment_method::SimulatedPaymentMethod;
use super::{
    Ctx, Due, Reply, Store, buyer, charge, charge_permission, check_env, field, merge,
    status_details,
};
use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::release;

/// How long a session stays open.
const SESSION_LIFETIME: time::Duration = time::Duration::hours(24);
/// "Amazon Pay permanently deletes Checkout Session objects and any associated info after 30
/// days" (<https://developer.amazon.com/docs/amazon-pay-api-v2/checkout-session.html>).
const SESSION_RETENTION: time::Duration = time::Duration::days(30);
/// Fields that "you can only set during Checkout Session creation"
/// (<https://developer.amazon.com/docs/amazon-pay-checkout/advanced-one-time-payment-options.html>).
const CREATION_ONLY: &[&str] = &["allowOvercharge", "extendExpiration"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SessionState {
    Open,
    Completed,
    Canceled,
}

impl SessionState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Completed => "Completed",
            Self::Canceled => "Canceled",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CheckoutSession {
    pub(crate) id: String,
    pub(crate) env: Environment,
    /// The merchant's fields, merged from Create and Update.
    pub(crate) fields: Map<String, Value>,
    pub(crate) state: SessionState,
    pub(crate) reason: Option<&'static str>,
    pub(crate) created: OffsetDateTime,
    pub(crate) updated: OffsetDateTime,
    /// The buyer's choice on the hosted page.
    pub(crate) method: Option<SimulatedPaymentMethod>,
    /// The buyer was sent to `checkoutResultReturnUrl`.
    pub(crate) buyer_returned: bool,
    pub(crate) charge_permission_id: Option<String>,
    pub(crate) charge_id: Option<String>,
}

impl CheckoutSession {
    fn sub(&self, object: &str, name: &str) -> Option<&Value> {
        self.fields.get(object).and_then(|o| o.get(name))
    }

    pub(crate) fn charge_amount(&self) -> Option<Money> {
        self.sub("paymentDetails", "chargeAmount")
            .and_then(|p| Money::from_price("chargeAmount", p).ok())
    }

    pub(crate) fn total_order_amount(&self) -> Option<Money> {
        self.sub("paymentDetails", "totalOrderAmount")
            .and_then(|p| Money::from_price("totalOrderAmount", p).ok())
    }

    fn payment_intent(&self) -> Option<&str> {
        self.sub("paymentDetails", "paymentIntent")
            .and_then(Value::as_str)
    }

    /// A `paymentDetails` flag (`canHandlePendingAuthorization`, `allowOvercharge`, …).
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.sub("paymentDetails", name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// What this session asks of its charge permission on completion.
    fn permission_request(&self) -> PermissionRequest<'_> {
        let mut fields = Map::new();
        for k in ["merchantMetadata", "recurringMetadata", "platformId"] {
            if let Some(v) = self.fields.get(k) {
                fields.insert(k.into(), v.clone());
            }
        }
        PermissionRequest {
            existing: self
                .fields
                .get("chargePermissionId")
                .and_then(Value::as_str),
            kind: self.permission_type(),
            amount: self.charge_amount(),
            order: self.total_order_amount(),
            allow_overcharge: self.flag("allowOvercharge"),
            extend_expiration: self.flag("extendExpiration"),
            fields,
        }
    }

    pub(crate) fn permission_type(&self) -> &str {
        self.fields
            .get("chargePermissionType")
            .and_then(Value::as_str)
            .unwrap_or("OneTime")
    }

    fn url(&self, name: &str) -> Option<&str> {
        self.sub("webCheckoutDetails", name).and_then(Value::as_str)
    }

    /// Missing mandatory fields, as `(constraintId, description)`; the buyer constraint excluded.
    pub(crate) fn merchant_constraints(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.url("checkoutResultReturnUrl").is_none() {
            out.push((
                "CheckoutResultReturnUrlNotSet",
                "checkoutResultReturnUrl is not set.",
            ));
        }
        let setup_only = self.permission_type() == "PaymentMethodOnFile";
        if self.charge_amount().is_none() && !setup_only {
            out.push(("ChargeAmountNotSet", "chargeAmount is not set."));
        }
        if self.payment_intent().is_none() {
            out.push(("PaymentIntentNotSet", "paymentIntent is not set."));
        }
        if self.permission_type() == "Recurring"
            && self.sub("recurringMetadata", "frequency").is_none()
        {
            out.push((
                "RecurringFrequencyNotSet",
                "recurringMetadata.frequency is not set.",
            ));
        }
        out
    }

    fn constraints(&self) -> Vec<(&'static str, &'static str)> {
        if self.state != SessionState::Open {
            return Vec::new();
        }
        let mut out = Vec::new();
        if self.method.is_none() {
            out.push((
                "BuyerNotAssociated",
                "The buyer is not associated with this checkout session.",
            ));
        }
        out.extend(self.merchant_constraints());
        out
    }
}

/// The hosted page that stands in for the buyer.
pub(crate) fn hosted_page_url(base_url: &str, id: &str) -> String {
    format!("{base_url}/checkout/{id}")
}

pub(crate) fn to_json(store: &Store, s: &CheckoutSession, base_url: &str) -> Value {
    let region = store.region;
    let shows_buyer = s.method.is_some() && s.state == SessionState::Open;
    let mut web = s
        .fields
        .get("webCheckoutDetails")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for k in [
        "checkoutReviewReturnUrl",
        "checkoutResultReturnUrl",
        "checkoutCancelUrl",
        "checkoutMode",
    ] {
        web.entry(k).or_insert(Value::Null);
    }
    let redirect = (s.state == SessionState::Open && s.merchant_constraints().is_empty())
        .then(|| hosted_page_url(base_url, &s.id));
    web.insert("amazonPayRedirectUrl".into(), json!(redirect));
    let mut payment = s
        .fields
        .get("paymentDetails")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for k in [
        "paymentIntent",
        "canHandlePendingAuthorization",
        "chargeAmount",
        "totalOrderAmount",
        "presentmentCurrency",
        "softDescriptor",
        "allowOvercharge",
        "extendExpiration",
        "estimateOrderTotal",
    ] {
        payment.entry(k).or_insert(Value::Null);
    }
    if payment
        .get("presentmentCurrency")
        .is_some_and(Value::is_null)
        && let Some(m) = s.charge_amount()
    {
        payment.insert("presentmentCurrency".into(), json!(m.currency));
    }
    let pay_only = s
        .fields
        .get("scopes")
        .and_then(Value::as_array)
        .is_some_and(|scopes| !scopes.iter().any(|v| v == "shippingAddress"));
    let constraints: Vec<Value> = s
        .constraints()
        .into_iter()
        .map(|(id, d)| json!({ "constraintId": id, "description": d }))
        .collect();
    json!({
        "checkoutSessionId": s.id,
        "webCheckoutDetails": web,
        "productType": if pay_only { "PayOnly" } else { "PayAndShip" },
        "paymentDetails": payment,
        "chargePermissionType": s.permission_type(),
        "orderType": null,
        "recurringMetadata": field(&s.fields, "recurringMetadata"),
        "paymentMethodOnFileMetadata": field(&s.fields, "paymentMethodOnFileMetadata"),
        "merchantMetadata": field(&s.fields, "merchantMetadata"),
        "supplementaryData": field(&s.fields, "supplementaryData"),
        "buyer": if shows_buyer { buyer::buyer(region) } else { Value::Null },
        "billingAddress": if shows_buyer { buyer::address(region) } else { Value::Null },
        "shippingAddress": if shows_buyer && !pay_only { buyer::address(region) } else { Value::Null },
        "shippingAddressList": null,
        "multiAddressesCheckoutMetadata": field(&s.fields, "multiAddressesCheckoutMetadata"),
        "paymentPreferences": match (shows_buyer, s.method) {
            (true, Some(m)) => json!([{ "paymentDescriptor": m.descriptor() }]),
            _ => Value::Null,
        },
        "statusDetails": status_details(s.state.as_str(), s.reason, None, s.updated),
        "constraints": constraints,
        "creationTimestamp": api_timestamp(s.created),
        "expirationTimestamp": api_timestamp(s.created + SESSION_LIFETIME),
        "chargePermissionId": s.charge_permission_id,
        "chargeId": s.charge_id,
        "storeId": field(&s.fields, "storeId"),
        "platformId": field(&s.fields, "platformId"),
        "providerMetadata": field(&s.fields, "providerMetadata"),
        "deliverySpecifications": field(&s.fields, "deliverySpecifications"),
        "addressDetails": field(&s.fields, "addressDetails"),
        "checkoutButtonText": null,
        "releaseEnvironment": release(s.env),
    })
}

fn find<'a>(
    store: &'a mut Store,
    id: &str,
    env: Environment,
) -> ApiResult<&'a mut CheckoutSession> {
    let s = store
        .sessions
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Checkout Session", id))?;
    check_env(env, s.env, "Checkout Session", id)?;
    Ok(s)
}

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let fields = body.as_object().cloned().unwrap_or_default();
    let store_id = fields
        .get("storeId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !store.store_ids.iter().any(|s| s == store_id) {
        return Err(ApiError::invalid_value(
            "storeId",
            format!("{store_id} is not a store of this merchant"),
        ));
    }
    let web = fields.get("webCheckoutDetails");
    let has = |k: &str| web.and_then(|w| w.get(k)).is_some();
    if !has("checkoutReviewReturnUrl") && !has("checkoutResultReturnUrl") {
        return Err(ApiError::bad_request(
            "MissingParameterValue",
            "webCheckoutDetails needs checkoutReviewReturnUrl or checkoutResultReturnUrl",
        ));
    }
    if let Some(cp) = fields.get("chargePermissionId").and_then(Value::as_str)
        && store.permissions.get(cp).is_none()
    {
        return Err(ApiError::invalid_value(
            "chargePermissionId",
            format!("{cp} does not exist"),
        ));
    }
    let id = store.ids.uuid();
    let session = CheckoutSession {
        id: id.clone(),
        env: ctx.env,
        fields,
        state: SessionState::Open,
        reason: None,
        created: ctx.now,
        updated: ctx.now,
        method: None,
        buyer_returned: false,
        charge_permission_id: None,
        charge_id: None,
    };
    let body = to_json(store, &session, ctx.base_url);
    store.sessions.insert(id.clone(), session);
    store.schedule(ctx.now + SESSION_LIFETIME, Due::SessionExpiry(id.clone()));
    store.schedule(ctx.now + SESSION_RETENTION, Due::SessionDeletion(id));
    Ok(Reply::created(body))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let s = store
        .sessions
        .get(id)
        .ok_or_else(|| ApiError::not_found("Checkout Session", id))?;
    check_env(ctx.env, s.env, "Checkout Session", id)?;
    Ok(Reply::ok(to_json(store, s, ctx.base_url)))
}

fn require_open(s: &CheckoutSession) -> ApiResult<()> {
    match s.state {
        SessionState::Open => Ok(()),
        state => Err(ApiError::unprocessable(
            "InvalidCheckoutSessionStatus",
            format!("The Checkout Session is in the {} state", state.as_str()),
        )),
    }
}

pub(crate) fn update(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    ctx.simulation(&[])?;
    let s = find(store, id, ctx.env)?;
    require_open(s)?;
    if let Some(name) = CREATION_ONLY.iter().find(|k| {
        body.get("paymentDetails")
            .and_then(|p| p.get(**k))
            .is_some()
    }) {
        return Err(ApiError::invalid_value(
            &format!("paymentDetails.{name}"),
            "it can only be set when the Checkout Session is created",
        ));
    }
    if let Some(patch) = body.as_object() {
        merge(&mut s.fields, patch);
    }
    s.updated = ctx.now;
    let s = s.clone();
    Ok(Reply::ok(to_json(store, &s, ctx.base_url)))
}

fn with_session_id(url: &str, id: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            u.query_pairs_mut()
                .append_pair("amazonCheckoutSessionId", id);
            u.to_string()
        }
        Err(_) => url.to_owned(),
    }
}

pub(crate) fn approve(
    store: &mut Store,
    id: &str,
    method: SimulatedPaymentMethod,
    now: OffsetDateTime,
) -> ApiResult<String> {
    let s = store
        .sessions
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Checkout Session", id))?;
    require_open(s)?;
    s.method = Some(method);
    s.updated = now;
    if s.merchant_constraints().is_empty() {
        s.buyer_returned = true;
        match method {
            SimulatedPaymentMethod::BuyerCanceled => {
                s.state = SessionState::Canceled;
                s.reason = Some("BuyerCanceled");
            }
            SimulatedPaymentMethod::Declined => {
                s.state = SessionState::Canceled;
                s.reason = Some("Declined");
            }
            _ => {}
        }
        let url = s
            .url("checkoutResultReturnUrl")
            .unwrap_or_default()
            .to_owned();
        return Ok(with_session_id(&url, id));
    }
    match s.url("checkoutReviewReturnUrl") {
        Some(url) => Ok(with_session_id(url, id)),
        None => Err(ApiError::unprocessable(
            "InvalidCheckoutSessionStatus",
            "The Checkout Session has no checkoutReviewReturnUrl and is not ready for payment",
        )),
    }
}

/// Complete (or Finalize) a session: creates the Charge Permission and, unless the intent is
/// Confirm, the Charge.
pub(crate) fn complete(
    store: &mut Store,
    id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
    finalize: bool,
) -> ApiResult<Reply> {
    let sim = ctx.simulation(&[
        "BuyerCanceled",
        "AmazonCanceled",
        "Declined",
        "AuthorizationInitiated",
    ])?;
    let s = find(store, id, ctx.env)?;
    // The FAQ: a session canceled because checkout was not confirmed within 24 hours answers
    // InvalidCheckoutSessionStatus (https://developer.amazon.com/docs/amazon-pay-checkout/faqs.html).
    if s.state == SessionState::Canceled && s.reason != Some("Expired") {
        return Err(ApiError::unprocessable(
            "CheckoutSessionCanceled",
            format!(
                "The Checkout Session was canceled ({})",
                s.reason.unwrap_or("Canceled")
            ),
        ));
    }
    require_open(s)?;
    if finalize {
        let mut details = Map::new();
        for k in [
            "paymentIntent",
            "canHandlePendingAuthorization",
            "totalOrderAmount",
        ] {
            if let Some(v) = body.get(k) {
                details.insert(k.into(), v.clone());
            }
        }
        if s.charge_amount().is_none()
            && let Some(v) = body.get("chargeAmount")
        {
            details.insert("chargeAmount".into(), v.clone());
        }
        let mut patch = Map::new();
        patch.insert("paymentDetails".into(), Value::Object(details));
        if let Some(v) = body.get("supplementaryData") {
            patch.insert("supplementaryData".into(), v.clone());
        }
        merge(&mut s.fields, &patch);
    }
    let Some(method) = s.method else {
        return Err(ApiError::unprocessable(
            "InvalidCheckoutSessionStatus",
            "The buyer has not approved this Checkout Session yet (send the buyer to amazonPayRedirectUrl)",
        ));
    };
    let missing = s.merchant_constraints();
    if let Some((c, _)) = missing.first() {
        return Err(ApiError::unprocessable(
            "InvalidCheckoutSessionStatus",
            format!("The Checkout Session still has the constraint {c}"),
        ));
    }
    if !s.buyer_returned {
        return Err(ApiError::unprocessable(
            "InvalidCheckoutSessionStatus",
            "The buyer has not been redirected to checkoutResultReturnUrl yet (send the buyer to amazonPayRedirectUrl)",
        ));
    }
    let session_amount = s.charge_amount();
    match (body.get("chargeAmount"), &session_amount) {
        (Some(p), Some(expected)) => {
            let given = Money::from_price("chargeAmount", p)?;
            if &given != expected {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "AmountMismatch",
                    format!(
                        "The chargeAmount {given} does not match the Checkout Session's chargeAmount {expected}"
                    ),
                ));
            }
        }
        (None, Some(_)) if !finalize => {
            return Err(ApiError::bad_request(
                "MissingParameterValue",
                "The mandatory parameter chargeAmount is missing",
            ));
        }
        _ => {}
    }
    if let Some(code @ ("BuyerCanceled" | "AmazonCanceled" | "Declined")) = sim {
        let reason = match code {
            "BuyerCanceled" => "BuyerCanceled",
            "AmazonCanceled" => "AmazonCanceled",
            _ => "Declined",
        };
        s.state = SessionState::Canceled;
        s.reason = Some(reason);
        s.updated = ctx.now;
        return Err(ApiError::unprocessable(
            "CheckoutSessionCanceled",
            format!("The Checkout Session was canceled ({reason})"),
        ));
    }
    let intent = s.payment_intent().unwrap_or("Authorize").to_owned();
    let pending = method.is_pending() || sim == Some("AuthorizationInitiated");
    if pending && (intent == "Confirm" || !s.flag("canHandlePendingAuthorization")) {
        return Err(ApiError::bad_request(
            "InvalidParameterCombination",
            "A pending authorization needs paymentIntent Authorize or AuthorizeWithCapture and canHandlePendingAuthorization true",
        ));
    }
    let session = s.clone();
    let cp_id =
        charge_permission::open_for_session(store, session.permission_request(), method, ctx);
    let charge_id = match (intent.as_str(), session_amount) {
        ("Confirm", _) | (_, None) => None,
        (_, Some(amount)) => {
            let capture = intent == "AuthorizeWithCapture";
            let start = match (pending, method) {
                (false, _) => charge::Start::Immediate,
                (true, SimulatedPaymentMethod::PendingThenDeclined) => {
                    charge::Start::PendingThenDeclined
                }
                (true, _) => charge::Start::PendingThenAuthorized,
            };
            let mut fields = Map::new();
            for k in ["softDescriptor", "canHandlePendingAuthorization"] {
                if let Some(v) = session.sub("paymentDetails", k) {
                    fields.insert(k.into(), v.clone());
                }
            }
            if let Some(v) = session.fields.get("merchantMetadata") {
                fields.insert("merchantMetadata".into(), v.clone());
            }
            fields.insert("captureNow".into(), json!(capture));
            Some(charge::open(
                store, &cp_id, amount, capture, start, fields, ctx,
            ))
        }
    };
    let s = find(store, id, ctx.env)?;
    s.state = SessionState::Completed;
    s.updated = ctx.now;
    s.charge_permission_id = Some(cp_id);
    s.charge_id = charge_id;
    let s = s.clone();
    let status = if pending {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok(Reply::json(status, to_json(store, &s, ctx.base_url)))
}

pub(crate) fn expire(store: &mut Store, id: &str, at: OffsetDateTime) {
    if let Some(s) = store.sessions.get_mut(id)
        && s.state == SessionState::Open
    {
        s.state = SessionState::Canceled;
        s.reason = Some("Expired");
        s.updated = at;
    }
}

/// Deletes a session 30 days after its creation: it is then `ResourceNotFound`.
pub(crate) fn delete(store: &mut Store, id: &str) {
    store.sessions.remove(id);
}
