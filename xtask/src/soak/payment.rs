//! One payment of the soak: checkout session → buyer approval → complete → capture → (refund),
//! driven through the client one step at a time so a failed step can be resumed.

use amazon_pay_client::types::{
    CaptureChargeRequest, CompleteCheckoutSessionRequest, CreateCheckoutSessionRequest,
    CreateRefundRequest, UpdateCheckoutSessionRequest,
};
use amazon_pay_client::{Call, Client, Error, Operation};
use amazon_pay_emulator::{RunningEmulator, SimulatedPaymentMethod};
use serde_json::{Value, json};

/// Where the buyer returns to (never visited: the emulator's handle approves the session).
const RETURN_URL: &str = "https://merchant.example/amazon-pay/return";

/// The steps of a payment, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Step {
    /// Create Checkout Session (POST, idempotency key).
    Create,
    /// Update Checkout Session with the amount and result URL (PATCH: repeatable as is).
    Update,
    /// The buyer approves on the hosted page (the emulator's handle; no fault applies).
    Approve,
    /// Complete Checkout Session (POST, idempotency key): authorizes the charge.
    Complete,
    /// Capture Charge (POST, idempotency key).
    Capture,
    /// Create Refund (POST, idempotency key), for the refunded share.
    Refund,
}

impl Step {
    /// The step's name in tables.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Step::Create => "create session",
            Step::Update => "update session",
            Step::Approve => "buyer approval",
            Step::Complete => "complete session",
            Step::Capture => "capture",
            Step::Refund => "refund",
        }
    }

    /// Whether the step is a POST whose safe repetition needs its idempotency key.
    pub(crate) fn needs_key(self) -> bool {
        matches!(
            self,
            Step::Create | Step::Complete | Step::Capture | Step::Refund
        )
    }
}

/// What the caller knows about one payment.
#[derive(Debug, Clone)]
pub(crate) struct Payment {
    /// The merchant reference id (`soak-<index>`), also sent in the checkout session.
    pub(crate) reference: String,
    /// The charge amount in cents.
    pub(crate) amount_cents: u64,
    /// The refund amount in cents, for the refunded share.
    pub(crate) refund_cents: Option<u64>,
    /// The next step to run; `None` once done.
    pub(crate) next: Option<Step>,
    pub(crate) session_id: Option<String>,
    pub(crate) charge_permission_id: Option<String>,
    pub(crate) charge_id: Option<String>,
    pub(crate) refund_id: Option<String>,
}

/// A step that failed, as the client reported it.
#[derive(Debug)]
pub(crate) enum StepError {
    /// The client's typed error.
    Client(Error),
    /// The emulator's handle refused the approval, or an answer lacked an id.
    Harness(String),
}

/// USD amount text for cents.
pub(crate) fn usd(cents: u64) -> Value {
    json!({ "amount": format!("{}.{:02}", cents / 100, cents % 100), "currencyCode": "USD" })
}

impl Payment {
    /// Payment `index`: amounts vary from 1.00 to 999.99 USD; every fourth one is half refunded.
    pub(crate) fn new(index: usize) -> Self {
        let i = index as u64;
        let amount_cents = 100 + (i.wrapping_mul(7_919) % 99_900);
        Payment {
            reference: format!("soak-{index}"),
            amount_cents,
            refund_cents: index.is_multiple_of(4).then_some(amount_cents / 2),
            next: Some(Step::Create),
            session_id: None,
            charge_permission_id: None,
            charge_id: None,
            refund_id: None,
        }
    }

    fn step_after(&self, step: Step) -> Option<Step> {
        match step {
            Step::Create => Some(Step::Update),
            Step::Update => Some(Step::Approve),
            Step::Approve => Some(Step::Complete),
            Step::Complete => Some(Step::Capture),
            Step::Capture => self.refund_cents.map(|_| Step::Refund),
            Step::Refund => None,
        }
    }

    /// Runs the remaining steps. `key` (the idempotency key of an earlier failure) is sent with
    /// the first step only. Stops at the first failure and reports it with its step.
    pub(crate) async fn advance(
        &mut self,
        client: &Client,
        emulator: &RunningEmulator,
        mut key: Option<String>,
    ) -> Result<(), (Step, StepError)> {
        while let Some(step) = self.next {
            self.run(step, client, emulator, key.take())
                .await
                .map_err(|e| (step, e))?;
            self.next = self.step_after(step);
        }
        Ok(())
    }

    async fn run(
        &mut self,
        step: Step,
        client: &Client,
        emulator: &RunningEmulator,
        key: Option<String>,
    ) -> Result<(), StepError> {
        match step {
            Step::Create => {
                let request: CreateCheckoutSessionRequest = typed(json!({
                    "storeId": emulator.store_id(),
                    "webCheckoutDetails": { "checkoutReviewReturnUrl": RETURN_URL },
                    "merchantMetadata": { "merchantReferenceId": self.reference },
                }))?;
                let body = send(client.create_checkout_session(&request), key).await?;
                self.session_id = Some(id_of(&body, "checkoutSessionId")?);
            }
            Step::Update => {
                let request: UpdateCheckoutSessionRequest = typed(json!({
                    "webCheckoutDetails": { "checkoutResultReturnUrl": RETURN_URL },
                    "paymentDetails": {
                        "paymentIntent": "Authorize",
                        "canHandlePendingAuthorization": false,
                        "chargeAmount": usd(self.amount_cents),
                    },
                }))?;
                send(
                    client.update_checkout_session(self.session()?, &request),
                    key,
                )
                .await?;
            }
            Step::Approve => {
                emulator
                    .approve_checkout(self.session()?, SimulatedPaymentMethod::Approve)
                    .map_err(|e| StepError::Harness(format!("approval refused: {e}")))?;
            }
            Step::Complete => {
                let request: CompleteCheckoutSessionRequest =
                    typed(json!({ "chargeAmount": usd(self.amount_cents) }))?;
                let body = send(
                    client.complete_checkout_session(self.session()?, &request),
                    key,
                )
                .await?;
                self.charge_permission_id = Some(id_of(&body, "chargePermissionId")?);
                self.charge_id = Some(id_of(&body, "chargeId")?);
            }
            Step::Capture => {
                let request: CaptureChargeRequest =
                    typed(json!({ "captureAmount": usd(self.amount_cents) }))?;
                let charge = self.charge()?.to_owned();
                send(client.capture_charge(&charge, &request), key).await?;
            }
            Step::Refund => {
                let cents = self.refund_cents.unwrap_or_default();
                let request: CreateRefundRequest = typed(json!({
                    "chargeId": self.charge()?,
                    "refundAmount": usd(cents),
                }))?;
                let body = send(client.create_refund(&request), key).await?;
                self.refund_id = Some(id_of(&body, "refundId")?);
            }
        }
        Ok(())
    }

    fn session(&self) -> Result<&str, StepError> {
        self.session_id
            .as_deref()
            .ok_or_else(|| StepError::Harness("no checkout session id".to_owned()))
    }

    fn charge(&self) -> Result<&str, StepError> {
        self.charge_id
            .as_deref()
            .ok_or_else(|| StepError::Harness("no charge id".to_owned()))
    }
}

/// Sends a call, with the given idempotency key if any, and returns its body as JSON.
async fn send<O>(call: Call<O>, key: Option<String>) -> Result<Value, StepError>
where
    O: Operation,
    O::Response: serde::Serialize,
{
    let call = match key {
        Some(key) => call.idempotency_key(key),
        None => call,
    };
    let response = call.await.map_err(StepError::Client)?;
    serde_json::to_value(response.body())
        .map_err(|e| StepError::Harness(format!("re-encoding an answer: {e}")))
}

fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, StepError> {
    serde_json::from_value(value)
        .map_err(|e| StepError::Harness(format!("building a request: {e}")))
}

fn id_of(body: &Value, field: &str) -> Result<String, StepError> {
    body.get(field)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| StepError::Harness(format!("the answer has no {field}")))
}
