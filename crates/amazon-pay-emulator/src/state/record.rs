//! The stored form of the objects with little state (reports, report schedules, merchant
//! accounts, disputes, files, in-store records) and the helpers their operations share.

use amazon_pay_signing::Environment;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{Ctx, Table, check_env};
use crate::error::{ApiError, ApiResult};

/// An object kept as the JSON it answers with.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) env: Environment,
    pub(crate) created: OffsetDateTime,
    pub(crate) body: Map<String, Value>,
}

impl Record {
    /// A record of the request's environment, created now.
    pub(crate) fn new(ctx: &Ctx<'_>, body: Value) -> Self {
        Self {
            env: ctx.env,
            created: ctx.now,
            body: obj(body),
        }
    }
}

/// The map of a JSON object (empty for any other value).
pub(crate) fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// A string field of the body, empty when absent.
pub(crate) fn str_of<'a>(body: &'a Value, k: &str) -> &'a str {
    body.get(k).and_then(Value::as_str).unwrap_or_default()
}

/// The first value of a query parameter.
pub(crate) fn query<'a>(ctx: &'a Ctx<'_>, name: &str) -> Option<&'a str> {
    ctx.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The record `id` of the request's environment, or the service's not-found error for `kind`.
pub(crate) fn find<'a>(
    table: &'a mut Table<Record>,
    kind: &str,
    id: &str,
    env: Environment,
) -> ApiResult<&'a mut Record> {
    let r = table
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found(kind, id))?;
    check_env(env, r.env, kind, id)?;
    Ok(r)
}

/// A time range may be empty (the PHP SDK's README asks for a report with equal start and end
/// times) but not reversed.
pub(crate) fn check_time_range(start: OffsetDateTime, end: OffsetDateTime) -> ApiResult<()> {
    if start > end {
        return Err(ApiError::invalid_value(
            "startTime",
            "must not be after endTime",
        ));
    }
    Ok(())
}
