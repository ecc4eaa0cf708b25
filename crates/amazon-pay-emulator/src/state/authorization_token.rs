//! Authorization tokens for an MWS auth token (live only).

use amazon_pay_signing::Environment;
use serde_json::json;

use super::record::query;
use super::{Ctx, Reply};
use crate::error::{ApiError, ApiResult};

pub(crate) fn get(mws_token: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    if ctx.env != Environment::Live {
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
