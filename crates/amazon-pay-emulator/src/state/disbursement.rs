//! Disbursements: one per currency, the net of the charges captured and refunded in the range.

use amazon_pay_types::Currency;
use serde_json::{Value, json};

use super::record::{check_time_range, query};
use super::{Ctx, Reply, Store};
use crate::clock::{api_timestamp, parse_timestamp};
use crate::error::{ApiError, ApiResult};
use crate::money::Money;

pub(crate) fn list(store: &mut Store, ctx: &Ctx<'_>) -> ApiResult<Reply> {
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
        let net = c.captured_minor() - c.refunded.minor;
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
