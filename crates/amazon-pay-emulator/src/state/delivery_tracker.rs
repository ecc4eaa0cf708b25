//! Delivery trackers: checked and echoed, nothing is stored.

use serde_json::Value;

use super::{Ctx, Reply, Store, check_env};
use crate::error::{ApiError, ApiResult};

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
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
