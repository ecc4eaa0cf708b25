//! Merchant accounts (the delegated onboarding operations) and the stores inside them.

use http::StatusCode;
use serde_json::{Value, json};

use super::record::{Record, find, str_of};
use super::{Ctx, Reply, Store, merge};
use crate::error::{ApiError, ApiResult};

const KIND: &str = "Merchant Account";

pub(crate) fn create(store: &mut Store, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let unique = str_of(body, "uniqueReferenceId").to_owned();
    if store
        .merchant_accounts
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
    let mut r = Record::new(ctx, body.clone());
    r.body.insert("merchantAccountId".into(), json!(id));
    r.body.insert("authorizationToken".into(), json!(token));
    r.body.insert("stores".into(), json!([]));
    store.merchant_accounts.insert(id.clone(), r);
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

pub(crate) fn update(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let m = find(&mut store.merchant_accounts, KIND, id, ctx.env)?;
    let delegated = ctx.auth_token.is_some();
    if delegated {
        require_token(m, ctx)?;
    }
    if let Some(patch) = body.as_object() {
        merge(&mut m.body, patch);
    }
    if delegated {
        Ok(Reply::ok(
            json!({ "uniqueReferenceId": m.body["uniqueReferenceId"], "merchantAccountId": id }),
        ))
    } else {
        Ok(Reply::empty(StatusCode::NO_CONTENT))
    }
}

pub(crate) fn delete(store: &mut Store, id: &str, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    find(&mut store.merchant_accounts, KIND, id, ctx.env)?;
    store.merchant_accounts.remove(id);
    Ok(Reply::empty(StatusCode::ACCEPTED))
}

pub(crate) fn claim(store: &mut Store, id: &str, body: &Value, ctx: &Ctx<'_>) -> ApiResult<Reply> {
    let m = find(&mut store.merchant_accounts, KIND, id, ctx.env)?;
    if m.body.get("uniqueReferenceId").and_then(Value::as_str)
        != Some(str_of(body, "uniqueReferenceId"))
    {
        return Err(ApiError::invalid_value(
            "uniqueReferenceId",
            "does not match the merchant account",
        ));
    }
    let out = json!({ "uniqueReferenceId": m.body["uniqueReferenceId"], "merchantAccountId": id });
    Ok(Reply {
        status: StatusCode::SEE_OTHER,
        body: Some(out),
        location: Some(format!("{}/merchant-claim/{id}", ctx.base_url)),
    })
}

pub(crate) fn create_store(
    store: &mut Store,
    merchant_id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let store_id = format!("amzn1.application-oa2-client.{}", store.ids.hex(32));
    let m = find(&mut store.merchant_accounts, KIND, merchant_id, ctx.env)?;
    require_token(m, ctx)?;
    let mut s = super::record::obj(body.clone());
    s.insert("storeId".into(), json!(store_id));
    s.insert("merchantAccountId".into(), json!(merchant_id));
    if let Some(Value::Array(list)) = m.body.get_mut("stores") {
        list.push(Value::Object(s.clone()));
    }
    store.store_ids.push(store_id);
    Ok(Reply::created(Value::Object(s)))
}

pub(crate) fn update_store(
    store: &mut Store,
    merchant_id: &str,
    store_id: &str,
    body: &Value,
    ctx: &Ctx<'_>,
) -> ApiResult<Reply> {
    let m = find(&mut store.merchant_accounts, KIND, merchant_id, ctx.env)?;
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
        merge(s, patch);
    }
    Ok(Reply::ok(Value::Object(s.clone())))
}
