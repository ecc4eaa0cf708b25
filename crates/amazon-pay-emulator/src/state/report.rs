//! Reports and report documents: a report completes once the pending delay has passed.

use serde_json::{Value, json};

use super::record::{Record, check_time_range, find, query};
use super::{Ctx, PENDING_DELAY, Reply, Store};
use crate::clock::{api_timestamp, parse_timestamp};
use crate::error::{ApiError, ApiResult};
use crate::schema::{PROCESSING_STATUSES, REPORT_TYPES};

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
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
    store.reports.insert(id.clone(), Record::new(ctx, r));
    Ok(Reply::created(json!({ "reportId": id })))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let r = find(&mut store.reports, "Report", id, ctx.env)?.clone();
    Ok(Reply::ok(to_json(&r, ctx)))
}

/// Reports complete once the pending delay has passed on the emulator's clock.
fn to_json(r: &Record, ctx: &Ctx<'_>) -> Value {
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

pub(crate) fn list(store: &mut Store, ctx: &Ctx<'_>) -> ApiResult<Reply> {
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
        .reports
        .values()
        .filter(|r| r.env == ctx.env)
        .filter(|r| since.is_none_or(|s| r.created >= s) && until.is_none_or(|u| r.created <= u))
        .map(|r| to_json(r, ctx))
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

pub(crate) fn document(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let found = store
        .reports
        .values()
        .filter(|r| r.env == ctx.env)
        .any(|r| to_json(r, ctx)["reportDocumentId"] == id);
    if !found {
        return Err(ApiError::not_found("Report Document", id));
    }
    Ok(Reply::ok(json!({
        "reportDocumentId": id,
        "url": format!("{}/downloads/report-documents/{id}", ctx.base_url),
        "compressionAlgorithm": null,
    })))
}
