//! The remaining operations: delivery trackers, buyers, authorization tokens, reports and
//! schedules, disbursements, merchant accounts and stores, disputes, files and in-store.

use amazon_pay_types::Currency;
use http::StatusCode;
use serde_json::{Map, Value, json};

use super::{Ctx, PENDING_DELAY, Reply, Store, Table, buyer, charge, check_env};
use crate::clock::{api_timestamp, parse_timestamp};
use crate::error::{ApiError, ApiResult};
use crate::money::Money;
use crate::routing::{Env, Operation};
use crate::schema::{PROCESSING_STATUSES, REPORT_TYPES};

/// A stored object of the less stateful operations.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    env: Env,
    created: time::OffsetDateTime,
    body: Map<String, Value>,
}

#[derive(Debug)]
pub(crate) struct Other {
    reports: Table<Record>,
    schedules: Table<Record>,
    merchants: Table<Record>,
    disputes: Table<Record>,
    files: Table<Record>,
    in_store: Table<Record>,
}

impl Other {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            reports: Table::new(cap),
            schedules: Table::new(cap),
            merchants: Table::new(cap),
            disputes: Table::new(cap),
            files: Table::new(cap),
            in_store: Table::new(cap),
        }
    }

    pub(crate) fn snapshot(&self) -> Value {
        let list = |t: &Table<Record>| {
            t.values()
                .map(|r| Value::Object(r.body.clone()))
                .collect::<Vec<_>>()
        };
        json!({
            "reports": list(&self.reports),
            "reportSchedules": list(&self.schedules),
            "merchantAccounts": list(&self.merchants),
            "disputes": list(&self.disputes),
            "files": list(&self.files),
            "inStore": list(&self.in_store),
        })
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn str_of<'a>(body: &'a Value, k: &str) -> &'a str {
    body.get(k).and_then(Value::as_str).unwrap_or_default()
}

fn query<'a>(ctx: &'a Ctx<'_>, name: &str) -> Option<&'a str> {
    ctx.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn find<'a>(
    table: &'a mut Table<Record>,
    kind: &str,
    id: &str,
    env: Env,
) -> ApiResult<&'a mut Record> {
    let r = table
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found(kind, id))?;
    check_env(env, r.env, kind, id)?;
    Ok(r)
}

fn record(ctx: &Ctx<'_>, body: Value) -> Record {
    Record {
        env: ctx.env,
        created: ctx.now,
        body: obj(body),
    }
}

pub(crate) fn handle(
    store: &mut Store,
    op: Operation,
    params: &[String],
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    use Operation::*;
    ctx.simulation(&[])?;
    let p = |i: usize| params.get(i).map(String::as_str).unwrap_or_default();
    match op {
        CreateDeliveryTracker => delivery_tracker(store, body, ctx),
        GetAuthorizationToken => authorization_token(p(0), ctx),
        GetBuyer => {
            if p(0).is_empty() {
                return Err(ApiError::invalid_value("buyerToken", "is empty"));
            }
            Ok(Reply::ok(buyer::get_buyer(store.region)))
        }
        CreateReport => create_report(store, body, ctx),
        GetReports => get_reports(store, ctx),
        GetReportById => {
            let r = find(&mut store.other.reports, "Report", p(0), ctx.env)?.clone();
            Ok(Reply::ok(report_json(&r, ctx)))
        }
        GetReportDocument => report_document(store, p(0), ctx),
        CreateReportSchedule => create_schedule(store, body, ctx),
        GetReportSchedules => {
            let types = query(ctx, "reportTypes")
                .map(|t| t.split(',').map(str::to_owned).collect::<Vec<_>>());
            let list: Vec<Value> = store
                .other
                .schedules
                .values()
                .filter(|r| r.env == ctx.env)
                .filter(|r| {
                    types.as_ref().is_none_or(|t| {
                        t.iter()
                            .any(|x| r.body.get("reportType").and_then(Value::as_str) == Some(x))
                    })
                })
                .map(|r| Value::Object(r.body.clone()))
                .collect();
            Ok(Reply::ok(json!({ "reportSchedules": list })))
        }
        GetReportScheduleById => Ok(Reply::ok(Value::Object(
            find(&mut store.other.schedules, "Report Schedule", p(0), ctx.env)?
                .body
                .clone(),
        ))),
        CancelReportSchedule => {
            find(&mut store.other.schedules, "Report Schedule", p(0), ctx.env)?;
            store.other.schedules.remove(p(0));
            Ok(Reply {
                status: StatusCode::OK,
                body: None,
                location: None,
            })
        }
        GetDisbursements => disbursements(store, ctx),
        CreateMerchantAccount => create_merchant(store, body, ctx),
        UpdateMerchantAccount => update_merchant(store, p(0), body, ctx),
        DeleteMerchantAccount => {
            find(
                &mut store.other.merchants,
                "Merchant Account",
                p(0),
                ctx.env,
            )?;
            store.other.merchants.remove(p(0));
            Ok(Reply {
                status: StatusCode::ACCEPTED,
                body: None,
                location: None,
            })
        }
        ClaimMerchantAccount => {
            let m = find(
                &mut store.other.merchants,
                "Merchant Account",
                p(0),
                ctx.env,
            )?;
            if m.body.get("uniqueReferenceId").and_then(Value::as_str)
                != Some(str_of(body, "uniqueReferenceId"))
            {
                return Err(ApiError::invalid_value(
                    "uniqueReferenceId",
                    "does not match the merchant account",
                ));
            }
            let out = json!({ "uniqueReferenceId": m.body["uniqueReferenceId"], "merchantAccountId": p(0) });
            Ok(Reply {
                status: StatusCode::SEE_OTHER,
                body: Some(out),
                location: Some(format!("{}/merchant-claim/{}", ctx.base_url, p(0))),
            })
        }
        CreateStore => create_store(store, p(0), body, ctx),
        UpdateStore => update_store(store, p(0), p(1), body, ctx),
        CreateDispute => create_dispute(store, body, ctx),
        GetDispute => Ok(Reply::ok(Value::Object(
            find(&mut store.other.disputes, "Dispute", p(0), ctx.env)?
                .body
                .clone(),
        ))),
        UpdateDispute => update_dispute(store, p(0), body, ctx),
        ContestDispute => contest_dispute(store, p(0), body, ctx),
        UploadFile => {
            let id = format!("amzn1.file.{}", store.ids.uuid());
            let out = json!({
                "id": id, "type": body["type"], "purpose": body["purpose"],
                "url": format!("{}/uploads/{id}", ctx.base_url), "size": 0,
                "uploadTimestamp": api_timestamp(ctx.now),
                "urlExpirationTimestamp": api_timestamp(ctx.now + time::Duration::minutes(15)),
            });
            store.other.files.insert(id, record(ctx, out.clone()));
            Ok(Reply::ok(out))
        }
        InStoreMerchantScan => {
            let total = Money::from_price("chargeTotal", &body["chargeTotal"])?;
            let id = store.ids.charge_permission("S01");
            let r = json!({ "kind": "scan", "chargePermissionId": id, "currency": total.currency, "scanReferenceId": body["scanReferenceId"] });
            store.other.in_store.insert(id.clone(), record(ctx, r));
            Ok(Reply::ok(json!({ "chargePermissionId": id })))
        }
        InStoreCharge => {
            let cp = str_of(body, "chargePermissionId").to_owned();
            let scan = find(&mut store.other.in_store, "Charge Permission", &cp, ctx.env)?
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
            store.other.in_store.insert(id.clone(), record(ctx, r));
            Ok(Reply::ok(
                json!({ "chargeId": id, "chargeStatus": { "state": "Completed" } }),
            ))
        }
        InStoreRefund => {
            let charge_id = str_of(body, "chargeId").to_owned();
            let total = Money::from_price("refundTotal", &body["refundTotal"])?;
            let c = find(&mut store.other.in_store, "Charge", &charge_id, ctx.env)?;
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
        _ => Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "UnsupportedOperation",
            "Unsupported operation",
        )),
    }
}

fn delivery_tracker(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let cp = body.get("chargePermissionId").and_then(Value::as_str);
    let order = body.get("amazonOrderReferenceId").and_then(Value::as_str);
    match (cp, order) {
        (Some(cp), None) => {
            let p = store
                .permissions
                .get(cp)
                .ok_or_else(|| ApiError::not_found("Charge Permission", cp))?;
            check_env(ctx.env, p.env, "Charge Permission", cp)?;
        }
        (None, Some(_)) => {}
        _ => {
            return Err(ApiError::bad_request(
                "InvalidParameterCombination",
                "Provide exactly one of chargePermissionId and amazonOrderReferenceId",
            ));
        }
    }
    if body["deliveryDetails"].as_array().is_none_or(Vec::is_empty) {
        return Err(ApiError::bad_request(
            "MissingParameterValue",
            "deliveryDetails must not be empty",
        ));
    }
    Ok(Reply::ok(body.clone()))
}

fn authorization_token(mws_token: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    if ctx.env != Env::Live {
        return Err(ApiError::bad_request(
            "InvalidRequest",
            "Get Authorization Token is only available in the Live environment",
        ));
    }
    let Some(merchant) = query(ctx, "merchantId").filter(|m| !m.is_empty()) else {
        return Err(ApiError::bad_request(
            "MissingParameterValue",
            "The query parameter merchantId is required",
        ));
    };
    if !mws_token.starts_with("amzn.mws.") {
        return Err(ApiError::invalid_value(
            "mwsAuthToken",
            "expected amzn.mws.…",
        ));
    }
    let token: String = format!(
        "Atza|{merchant}|{}",
        mws_token.trim_start_matches("amzn.mws.")
    );
    Ok(Reply::ok(json!({ "authorizationToken": token })))
}

/// A time range may be empty (the PHP SDK's README asks for a report with equal start and end
/// times) but not reversed.
fn check_time_range(start: time::OffsetDateTime, end: time::OffsetDateTime) -> ApiResult<()> {
    if start > end {
        return Err(ApiError::invalid_value(
            "startTime",
            "must not be after endTime",
        ));
    }
    Ok(())
}

fn create_report(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let start = body
        .get("startTime")
        .and_then(Value::as_str)
        .and_then(parse_timestamp);
    let end = body
        .get("endTime")
        .and_then(Value::as_str)
        .and_then(parse_timestamp);
    if let (Some(s), Some(e)) = (start, end) {
        check_time_range(s, e)?;
    }
    let id = store.ids.alnum(11);
    let end = end.unwrap_or(ctx.now);
    let start = start.unwrap_or(end - time::Duration::days(30));
    let r = json!({
        "reportId": id, "reportType": body["reportType"], "startTime": api_timestamp(start), "endTime": api_timestamp(end),
        "createdTime": api_timestamp(ctx.now),
    });
    store.other.reports.insert(id.clone(), record(ctx, r));
    Ok(Reply::created(json!({ "reportId": id })))
}

/// Reports complete once the pending delay has passed on the emulator's clock.
fn report_json(r: &Record, ctx: &Ctx<'_>) -> Value {
    let mut body = r.body.clone();
    let done = ctx.now >= r.created + PENDING_DELAY;
    let id = body
        .get("reportId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    body.insert(
        "processingStatus".into(),
        json!(if done { "COMPLETED" } else { "IN_PROGRESS" }),
    );
    body.insert(
        "processingStartTime".into(),
        json!(api_timestamp(r.created)),
    );
    body.insert(
        "processingEndTime".into(),
        json!(done.then(|| api_timestamp(r.created + PENDING_DELAY))),
    );
    body.insert(
        "reportDocumentId".into(),
        json!(done.then(|| document_id(&id))),
    );
    Value::Object(body)
}

fn document_id(report_id: &str) -> String {
    format!("amzn1.tortuga.0.{report_id}.00000000000000")
}

fn get_reports(store: &mut Store, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let list_param = |name: &str, allowed: &[&str]| -> ApiResult<Option<Vec<String>>> {
        let Some(v) = query(ctx, name) else {
            return Ok(None);
        };
        let items: Vec<String> = v.split(',').map(str::to_owned).collect();
        if let Some(bad) = items.iter().find(|i| !allowed.contains(&i.as_str())) {
            return Err(ApiError::invalid_value(
                name,
                format!("unknown value {bad}"),
            ));
        }
        Ok(Some(items))
    };
    let types = list_param("reportTypes", REPORT_TYPES)?;
    let statuses = list_param("processingStatuses", PROCESSING_STATUSES)?;
    let time_param = |name: &str| -> ApiResult<Option<time::OffsetDateTime>> {
        query(ctx, name)
            .map(|v| {
                parse_timestamp(v)
                    .ok_or_else(|| ApiError::invalid_value(name, "expected YYYYMMDDTHHMMSSZ"))
            })
            .transpose()
    };
    let since = time_param("createdSince")?;
    let until = time_param("createdUntil")?;
    let page_size = match query(ctx, "pageSize") {
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| ApiError::invalid_value("pageSize", "must be 1 to 100"))?,
        None => 10,
    };
    let offset = match query(ctx, "nextToken") {
        Some(t) => t
            .parse::<usize>()
            .map_err(|_| ApiError::invalid_value("nextToken", "unknown token"))?,
        None => 0,
    };
    let all: Vec<Value> = store
        .other
        .reports
        .values()
        .filter(|r| r.env == ctx.env)
        .filter(|r| since.is_none_or(|s| r.created >= s) && until.is_none_or(|u| r.created <= u))
        .map(|r| report_json(r, ctx))
        .filter(|r| {
            types
                .as_ref()
                .is_none_or(|t| t.iter().any(|x| r["reportType"] == x.as_str()))
        })
        .filter(|r| {
            statuses
                .as_ref()
                .is_none_or(|s| s.iter().any(|x| r["processingStatus"] == x.as_str()))
        })
        .collect();
    let page: Vec<Value> = all.iter().skip(offset).take(page_size).cloned().collect();
    let next = (offset + page_size < all.len()).then(|| (offset + page_size).to_string());
    Ok(Reply::ok(json!({ "reports": page, "nextToken": next })))
}

fn report_document(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let found = store
        .other
        .reports
        .values()
        .filter(|r| r.env == ctx.env)
        .any(|r| report_json(r, ctx)["reportDocumentId"] == id);
    if !found {
        return Err(ApiError::not_found("Report Document", id));
    }
    Ok(Reply::ok(json!({
        "reportDocumentId": id,
        "url": format!("{}/downloads/report-documents/{id}", ctx.base_url),
        "compressionAlgorithm": null,
    })))
}

fn create_schedule(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let report_type = str_of(body, "reportType").to_owned();
    let existing: Vec<String> = store
        .other
        .schedules
        .values()
        .filter(|r| {
            r.env == ctx.env
                && r.body.get("reportType").and_then(Value::as_str) == Some(report_type.as_str())
        })
        .filter_map(|r| {
            r.body
                .get("reportScheduleId")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect();
    if !existing.is_empty() {
        if body.get("deleteExistingSchedule").and_then(Value::as_bool) != Some(true) {
            return Err(ApiError::bad_request(
                "InvalidParameterCombination",
                format!(
                    "A schedule for {report_type} exists; set deleteExistingSchedule to replace it"
                ),
            ));
        }
        for id in existing {
            store.other.schedules.remove(&id);
        }
    }
    let id = store.ids.alnum(11);
    let next = body
        .get("nextReportCreationTime")
        .cloned()
        .unwrap_or_else(|| json!(api_timestamp(ctx.now)));
    let r = json!({
        "reportScheduleId": id, "reportType": report_type, "scheduleFrequency": body["scheduleFrequency"],
        "nextReportCreationTime": next,
    });
    store.other.schedules.insert(id.clone(), record(ctx, r));
    Ok(Reply::created(json!({ "reportScheduleId": id })))
}

fn disbursements(store: &mut Store, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let time_param = |name: &str| -> ApiResult<time::OffsetDateTime> {
        let v = query(ctx, name).ok_or_else(|| {
            ApiError::bad_request(
                "MissingParameterValue",
                format!("The query parameter {name} is required"),
            )
        })?;
        parse_timestamp(v).ok_or_else(|| ApiError::invalid_value(name, "expected YYYYMMDDTHHMMSSZ"))
    };
    let start = time_param("startTime")?;
    let end = time_param("endTime")?;
    check_time_range(start, end)?;
    let mut totals: Vec<(Currency, i64)> = Vec::new();
    for c in store
        .charges
        .values()
        .filter(|c| c.env == ctx.env && c.updated >= start && c.updated < end)
    {
        let net = charge::captured_minor(c) - c.refunded.minor;
        if net == 0 {
            continue;
        }
        match totals.iter_mut().find(|(cur, _)| *cur == c.amount.currency) {
            Some((_, t)) => *t += net,
            None => totals.push((c.amount.currency.clone(), net)),
        }
    }
    let merchant = store.merchant_id.clone();
    let records: Vec<Value> = totals
        .into_iter()
        .map(|(currency, minor)| {
            let m = Money::new(minor, currency);
            json!({
                "sellerId": merchant,
                "settlementId": store.ids.alnum(10),
                "amazonDisbursementReferenceId": store.ids.alnum(14),
                "amount": m.amount_string(),
                "currencyCode": m.currency,
                "transactionTime": api_timestamp(end),
            })
        })
        .collect();
    Ok(Reply::ok(
        json!({ "disbursements": records, "nextToken": null }),
    ))
}

fn create_merchant(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let unique = str_of(body, "uniqueReferenceId").to_owned();
    if store
        .other
        .merchants
        .values()
        .any(|m| m.body.get("uniqueReferenceId").and_then(Value::as_str) == Some(unique.as_str()))
    {
        return Err(ApiError::bad_request(
            "InvalidRequest",
            format!("A merchant account with uniqueReferenceId {unique} exists"),
        ));
    }
    let id = format!("A{}", store.ids.alnum(13));
    let token = format!("Atza|{}", store.ids.alnum(40));
    let mut r = obj(body.clone());
    r.insert("merchantAccountId".into(), json!(id));
    r.insert("authorizationToken".into(), json!(token));
    r.insert("stores".into(), json!([]));
    store.other.merchants.insert(
        id.clone(),
        Record {
            env: ctx.env,
            created: ctx.now,
            body: r,
        },
    );
    Ok(Reply::created(
        json!({ "uniqueReferenceId": unique, "merchantAccountId": id, "authorizationToken": token }),
    ))
}

fn require_token(m: &Record, ctx: &Ctx<'_>) -> ApiResult<()> {
    let Some(token) = ctx.auth_token else {
        return Err(ApiError::bad_request(
            "MissingHeader",
            "The x-amz-pay-authtoken header is required",
        ));
    };
    if m.body.get("authorizationToken").and_then(Value::as_str) != Some(token) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "InvalidAuthorizationToken",
            "The x-amz-pay-authtoken is not valid for this merchant account",
        ));
    }
    Ok(())
}

fn update_merchant(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let m = find(&mut store.other.merchants, "Merchant Account", id, ctx.env)?;
    let delegated = ctx.auth_token.is_some();
    if delegated {
        require_token(m, ctx)?;
    }
    if let Some(patch) = body.as_object() {
        super::merge(&mut m.body, patch);
    }
    if delegated {
        Ok(Reply::ok(
            json!({ "uniqueReferenceId": m.body["uniqueReferenceId"], "merchantAccountId": id }),
        ))
    } else {
        Ok(Reply {
            status: StatusCode::NO_CONTENT,
            body: None,
            location: None,
        })
    }
}

fn create_store(
    store: &mut Store,
    merchant_id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let store_id = format!("amzn1.application-oa2-client.{}", store.ids.hex(32));
    let m = find(
        &mut store.other.merchants,
        "Merchant Account",
        merchant_id,
        ctx.env,
    )?;
    require_token(m, ctx)?;
    let mut s = obj(body.clone());
    s.insert("storeId".into(), json!(store_id));
    s.insert("merchantAccountId".into(), json!(merchant_id));
    if let Some(Value::Array(list)) = m.body.get_mut("stores") {
        list.push(Value::Object(s.clone()));
    }
    store.store_ids.push(store_id);
    Ok(Reply::created(Value::Object(s)))
}

fn update_store(
    store: &mut Store,
    merchant_id: &str,
    store_id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let m = find(
        &mut store.other.merchants,
        "Merchant Account",
        merchant_id,
        ctx.env,
    )?;
    require_token(m, ctx)?;
    let Some(Value::Array(list)) = m.body.get_mut("stores") else {
        return Err(ApiError::not_found("Store", store_id));
    };
    let s = list
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|s| s.get("storeId").and_then(Value::as_str) == Some(store_id))
        .ok_or_else(|| ApiError::not_found("Store", store_id))?;
    if let Some(patch) = body.as_object() {
        super::merge(s, patch);
    }
    Ok(Reply::ok(Value::Object(s.clone())))
}

fn create_dispute(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
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
        "releaseEnvironment": ctx.env.release(),
    });
    store.other.disputes.insert(id, record(ctx, d.clone()));
    Ok(Reply::ok(d))
}

fn update_dispute(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let d = find(&mut store.other.disputes, "Dispute", id, ctx.env)?;
    if d.body["statusDetails"]["state"] == "Closed" {
        return Err(ApiError::unprocessable(
            "InvalidDisputeStatus",
            "The Dispute is Closed",
        ));
    }
    if let Some(patch) = body.as_object() {
        super::merge(&mut d.body, patch);
    }
    Ok(Reply::ok(Value::Object(d.body.clone())))
}

fn contest_dispute(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let evidences = body["merchantEvidences"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for e in &evidences {
        if let Some(file) = e.get("fileId").and_then(Value::as_str) {
            find(&mut store.other.files, "File", file, ctx.env)?;
        }
    }
    let d = find(&mut store.other.disputes, "Dispute", id, ctx.env)?;
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
