//! The emulated service's objects and their state machines.

mod authorization_token;
pub(crate) mod buyer;
mod charge;
mod charge_permission;
mod checkout_session;
mod delivery_tracker;
mod disbursement;
mod dispute;
mod file;
mod in_store;
mod merchant_account;
pub(crate) mod payment_method;
mod record;
mod refund;
mod report;
mod report_schedule;
mod table;

use std::collections::BTreeMap;

use amazon_pay_signing::Environment;
use http::StatusCode;
use serde_json::{Map, Value, json};
use time::OffsetDateTime;

use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::ids::IdGen;
use crate::routing::Operation;

pub(crate) use charge::Charge;
pub(crate) use charge_permission::ChargePermission;
pub(crate) use checkout_session::{CheckoutSession, hosted_page_url};
use payment_method::SimulatedPaymentMethod;
use record::Record;
pub(crate) use refund::Refund;
pub(crate) use table::Table;

/// How long sandbox pending states take to resolve.
pub(crate) const PENDING_DELAY: time::Duration = time::Duration::seconds(30);

/// Everything an operation needs to know about its request besides the body.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub(crate) now: OffsetDateTime,
    pub(crate) env: Environment,
    pub(crate) simulation: Option<&'a str>,
    pub(crate) base_url: &'a str,
    pub(crate) auth_token: Option<&'a str>,
    pub(crate) query: &'a [(String, String)],
}

impl Ctx<'_> {
    /// The simulation code, refused outside the sandbox and outside `allowed`.
    pub(crate) fn simulation(&self, allowed: &[&str]) -> ApiResult<Option<&str>> {
        let Some(code) = self.simulation else {
            return Ok(None);
        };
        if self.env != Environment::Sandbox {
            return Err(ApiError::bad_request(
                "InvalidSandboxSimulationSpecified",
                "Simulation codes are only allowed in the Sandbox environment",
            ));
        }
        if allowed.contains(&code) {
            Ok(Some(code))
        } else {
            Err(ApiError::bad_request(
                "InvalidSandboxSimulationSpecified",
                format!(
                    "The simulation code {code} is not valid for this operation; valid codes: {}",
                    if allowed.is_empty() {
                        "none".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ),
            ))
        }
    }
}

/// A successful answer of an operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    /// `None` answers with an empty body.
    pub(crate) body: Option<Value>,
    /// The `Location` header (Claim Merchant Account).
    pub(crate) location: Option<String>,
}

impl Reply {
    pub(crate) fn json(status: StatusCode, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            location: None,
        }
    }

    pub(crate) fn ok(body: Value) -> Self {
        Self::json(StatusCode::OK, body)
    }

    pub(crate) fn created(body: Value) -> Self {
        Self::json(StatusCode::CREATED, body)
    }

    /// An answer with an empty body.
    pub(crate) fn empty(status: StatusCode) -> Self {
        Self {
            status,
            body: None,
            location: None,
        }
    }
}

/// The object kinds an IPN names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ObjectType {
    ChargePermission,
    Charge,
    Refund,
}

impl ObjectType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::ChargePermission => "CHARGE_PERMISSION",
            Self::Charge => "CHARGE",
            Self::Refund => "REFUND",
        }
    }
}

/// A state change to notify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) object_type: ObjectType,
    pub(crate) object_id: String,
    pub(crate) charge_permission_id: String,
}

/// Work scheduled for a point in emulated time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Due {
    SessionExpiry(String),
    SessionDeletion(String),
    AuthorizationResult(String),
    CaptureResult(String),
    AuthorizationExpiry(String),
    RefundResult(String),
    PermissionExpiry(String),
}

/// Capacity of each object table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) objects: usize,
}

/// All state of one emulator.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) ids: IdGen,
    pub(crate) sessions: Table<CheckoutSession>,
    pub(crate) permissions: Table<ChargePermission>,
    pub(crate) charges: Table<Charge>,
    pub(crate) refunds: Table<Refund>,
    pub(crate) reports: Table<Record>,
    pub(crate) report_schedules: Table<Record>,
    pub(crate) merchant_accounts: Table<Record>,
    pub(crate) disputes: Table<Record>,
    pub(crate) files: Table<Record>,
    pub(crate) in_store: Table<Record>,
    pub(crate) store_ids: Vec<String>,
    pub(crate) merchant_id: String,
    pub(crate) region: amazon_pay_signing::Region,
    schedule: BTreeMap<(OffsetDateTime, u64), Due>,
    /// The emulated time the store has advanced to.
    now: OffsetDateTime,
    seq: u64,
    changes: Vec<Change>,
    limits: Limits,
}

impl Store {
    pub(crate) fn new(
        seed: Option<u64>,
        store_id: String,
        merchant_id: String,
        region: amazon_pay_signing::Region,
        limits: Limits,
    ) -> Self {
        Self {
            ids: IdGen::new(seed),
            sessions: Table::new(limits.objects),
            permissions: Table::new(limits.objects),
            charges: Table::new(limits.objects),
            refunds: Table::new(limits.objects),
            reports: Table::new(limits.objects),
            report_schedules: Table::new(limits.objects),
            merchant_accounts: Table::new(limits.objects),
            disputes: Table::new(limits.objects),
            files: Table::new(limits.objects),
            in_store: Table::new(limits.objects),
            store_ids: vec![store_id],
            merchant_id,
            region,
            schedule: BTreeMap::new(),
            now: OffsetDateTime::UNIX_EPOCH,
            seq: 0,
            changes: Vec::new(),
            limits,
        }
    }

    /// Forgets every object (keys, ids and the RNG stay).
    pub(crate) fn reset(&mut self) {
        self.sessions.clear();
        self.permissions.clear();
        self.charges.clear();
        self.refunds.clear();
        self.reports.clear();
        self.report_schedules.clear();
        self.merchant_accounts.clear();
        self.disputes.clear();
        self.files.clear();
        self.in_store.clear();
        self.store_ids.truncate(1);
        self.schedule.clear();
        self.changes.clear();
    }

    pub(crate) fn schedule(&mut self, at: OffsetDateTime, due: Due) {
        self.seq += 1;
        // Bounded like the tables: drop the latest entries when too many are pending.
        if self.schedule.len() >= self.limits.objects.saturating_mul(4) {
            self.schedule.pop_last();
        }
        self.schedule.insert((at, self.seq), due);
    }

    pub(crate) fn changed(
        &mut self,
        object_type: ObjectType,
        object_id: &str,
        charge_permission_id: &str,
    ) {
        self.changes.push(Change {
            object_type,
            object_id: object_id.to_owned(),
            charge_permission_id: charge_permission_id.to_owned(),
        });
    }

    /// Cancels charge `id` if it is still open (authorized or pending), and notifies it.
    pub(crate) fn cancel_open_charge(
        &mut self,
        id: &str,
        reason: &'static str,
        description: Option<String>,
        at: OffsetDateTime,
    ) {
        if let Some(c) = self.charges.get_mut(id)
            && c.cancel_if_open(reason, description, at)
        {
            let cp_id = c.cp_id.clone();
            self.changed(ObjectType::Charge, id, &cp_id);
        }
    }

    /// State changes since the last call, for IPNs.
    pub(crate) fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }

    /// The emulated time of the last [`Store::advance_to`].
    pub(crate) fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// Applies every scheduled transition due at or before `now`.
    pub(crate) fn advance_to(&mut self, now: OffsetDateTime) {
        self.now = now;
        while let Some(entry) = self.schedule.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let ((at, _), due) = entry.remove_entry();
            match due {
                Due::SessionExpiry(id) => checkout_session::expire(self, &id, at),
                Due::SessionDeletion(id) => checkout_session::delete(self, &id),
                Due::AuthorizationResult(id) => charge::resolve_authorization(self, &id, at),
                Due::CaptureResult(id) => charge::resolve_capture(self, &id, at),
                Due::AuthorizationExpiry(id) => charge::expire_authorization(self, &id, at),
                Due::RefundResult(id) => refund::resolve(self, &id, at),
                Due::PermissionExpiry(id) => charge_permission::expire(self, &id, at),
            }
        }
    }

    /// Runs one operation. `params` are the path parameters, `body` the checked body.
    pub(crate) fn handle(
        &mut self,
        op: Operation,
        params: &[String],
        body: &Value,
        ctx: &Ctx<'_>,
    ) -> ApiResult<Reply> {
        use Operation::*;
        self.advance_to(ctx.now);
        let p = |i: usize| params.get(i).map(String::as_str).unwrap_or_default();
        match op {
            CreateCheckoutSession => checkout_session::create(self, body, ctx),
            GetCheckoutSession => checkout_session::get(self, p(0), ctx),
            UpdateCheckoutSession => checkout_session::update(self, p(0), body, ctx),
            CompleteCheckoutSession => checkout_session::complete(self, p(0), body, ctx, false),
            FinalizeCheckoutSession => checkout_session::complete(self, p(0), body, ctx, true),
            GetChargePermission => charge_permission::get(self, p(0), ctx),
            UpdateChargePermission => charge_permission::update(self, p(0), body, ctx),
            CloseChargePermission => charge_permission::close(self, p(0), body, ctx),
            CreateCharge => charge::create(self, body, ctx),
            GetCharge => charge::get(self, p(0), ctx),
            UpdateCharge => charge::update(self, p(0), body, ctx),
            CaptureCharge => charge::capture(self, p(0), body, ctx),
            CancelCharge => charge::cancel(self, p(0), body, ctx),
            CreateRefund => refund::create(self, body, ctx),
            GetRefund => refund::get(self, p(0), ctx),
            _ => self.handle_without_simulation(op, p, body, ctx),
        }
    }

    /// The operations that take no simulation code.
    fn handle_without_simulation<'p>(
        &mut self,
        op: Operation,
        p: impl Fn(usize) -> &'p str,
        body: &Value,
        ctx: &Ctx<'_>,
    ) -> ApiResult<Reply> {
        use Operation::*;
        ctx.simulation(&[])?;
        match op {
            CreateDeliveryTracker => delivery_tracker::create(self, body, ctx),
            GetAuthorizationToken => authorization_token::get(p(0), ctx),
            GetBuyer => buyer::get(self, p(0)),
            CreateReport => report::create(self, body, ctx),
            GetReports => report::list(self, ctx),
            GetReportById => report::get(self, p(0), ctx),
            GetReportDocument => report::document(self, p(0), ctx),
            CreateReportSchedule => report_schedule::create(self, body, ctx),
            GetReportSchedules => Ok(report_schedule::list(self, ctx)),
            GetReportScheduleById => report_schedule::get(self, p(0), ctx),
            CancelReportSchedule => report_schedule::cancel(self, p(0), ctx),
            GetDisbursements => disbursement::list(self, ctx),
            CreateMerchantAccount => merchant_account::create(self, body, ctx),
            UpdateMerchantAccount => merchant_account::update(self, p(0), body, ctx),
            DeleteMerchantAccount => merchant_account::delete(self, p(0), ctx),
            ClaimMerchantAccount => merchant_account::claim(self, p(0), body, ctx),
            CreateStore => merchant_account::create_store(self, p(0), body, ctx),
            UpdateStore => merchant_account::update_store(self, p(0), p(1), body, ctx),
            CreateDispute => dispute::create(self, body, ctx),
            GetDispute => dispute::get(self, p(0), ctx),
            UpdateDispute => dispute::update(self, p(0), body, ctx),
            ContestDispute => dispute::contest(self, p(0), body, ctx),
            UploadFile => Ok(file::upload(self, body, ctx)),
            InStoreMerchantScan => in_store::merchant_scan(self, body, ctx),
            InStoreCharge => in_store::charge(self, body, ctx),
            InStoreRefund => in_store::refund(self, body, ctx),
            _ => Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "UnsupportedOperation",
                "Unsupported operation",
            )),
        }
    }

    /// The hosted page's buyer decision: records the method and returns where the buyer goes next.
    pub(crate) fn approve(
        &mut self,
        session_id: &str,
        method: SimulatedPaymentMethod,
        now: OffsetDateTime,
    ) -> ApiResult<String> {
        self.advance_to(now);
        checkout_session::approve(self, session_id, method, now)
    }

    /// Every object, for the admin API.
    pub(crate) fn snapshot(&self, base_url: &str) -> Value {
        json!({
            "checkoutSessions": self.sessions.values().map(|s| checkout_session::to_json(self, s, base_url)).collect::<Vec<_>>(),
            "chargePermissions": self.permissions.values().map(|c| charge_permission::to_json(self, c)).collect::<Vec<_>>(),
            "charges": self.charges.values().map(charge::to_json).collect::<Vec<_>>(),
            "refunds": self.refunds.values().map(refund::to_json).collect::<Vec<_>>(),
            "other": {
                "reports": records(&self.reports),
                "reportSchedules": records(&self.report_schedules),
                "merchantAccounts": records(&self.merchant_accounts),
                "disputes": records(&self.disputes),
                "files": records(&self.files),
                "inStore": records(&self.in_store),
            },
        })
    }
}

/// The bodies of a table's records, for the admin API.
fn records(table: &Table<Record>) -> Vec<Value> {
    table
        .values()
        .map(|r| Value::Object(r.body.clone()))
        .collect()
}

/// `statusDetails` with a single reason code.
pub(crate) fn status_details(
    state: &str,
    reason: Option<&str>,
    description: Option<&str>,
    updated: OffsetDateTime,
) -> Value {
    json!({
        "state": state,
        "reasonCode": reason,
        "reasonDescription": description,
        "lastUpdatedTimestamp": api_timestamp(updated),
    })
}

/// Deep-merges `patch` into `target` (objects merge, other values replace).
pub(crate) fn merge(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (k, v) in patch {
        match (target.get_mut(k), v) {
            (Some(Value::Object(t)), Value::Object(p)) => merge(t, p),
            _ => {
                target.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The object field or JSON null.
pub(crate) fn field(map: &Map<String, Value>, name: &str) -> Value {
    map.get(name).cloned().unwrap_or(Value::Null)
}

/// A not-found error unless the object lives in the request's environment.
pub(crate) fn check_env(
    env: Environment,
    object_env: Environment,
    kind: &str,
    id: &str,
) -> ApiResult<()> {
    if env == object_env {
        Ok(())
    } else {
        Err(ApiError::not_found(kind, id))
    }
}
