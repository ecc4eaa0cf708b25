//! Report schedules: one per report type and environment.

use http::StatusCode;
use serde_json::{Value, json};

use super::record::{Record, find, query, str_of};
use super::{Ctx, Reply, Store};
use crate::clock::api_timestamp;
use crate::error::{ApiError, ApiResult};

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let report_type = str_of(body, "reportType").to_owned();
    let existing: Vec<String> = store
        .report_schedules
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
            store.report_schedules.remove(&id);
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
    store
        .report_schedules
        .insert(id.clone(), Record::new(ctx, r));
    Ok(Reply::created(json!({ "reportScheduleId": id })))
}

pub(crate) fn list(store: &Store, ctx: &Ctx<'_>) -> Reply {
    let types =
        query(ctx, "reportTypes").map(|t| t.split(',').map(str::to_owned).collect::<Vec<_>>());
    let list: Vec<Value> = store
        .report_schedules
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
    Reply::ok(json!({ "reportSchedules": list }))
}

pub(crate) fn get(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let r = find(&mut store.report_schedules, "Report Schedule", id, ctx.env)?;
    Ok(Reply::ok(Value::Object(r.body.clone())))
}

pub(crate) fn cancel(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    find(&mut store.report_schedules, "Report Schedule", id, ctx.env)?;
    store.report_schedules.remove(id);
    Ok(Reply::empty(StatusCode::OK))
}
