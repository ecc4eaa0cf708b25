//! The result page: completes the checkout session through the journal (the step `complete` of
//! the order, with its derived idempotency key) and shows the order, or the decline. Reloading
//! the page, or a restart after a crash, repeats the call with the same key: the buyer is never
//! charged twice.

use std::collections::HashMap;
use std::sync::Arc;

use amazon_pay::{CheckoutSession, CompleteCheckoutSessionRequest};
use axum::extract::{Query, State};
use axum::response::Html;

use super::{SESSION_PARAM, required};
use crate::db::DbError;
use crate::html::{PageError, escape, page};
use crate::journal::{self, JournalError, Operation, Outcome, Step};
use crate::orders;
use crate::shop::Shop;

/// What the buyer is told for the reason a session was canceled.
fn cancel_text(reason: &str) -> &'static str {
    match reason {
        "Declined" => "Your payment was declined. Please choose another payment method.",
        "BuyerCanceled" => "You canceled the payment.",
        "AmazonCanceled" => "Amazon Pay canceled the payment.",
        "Expired" => "The checkout expired. Please start again.",
        _ => "The payment did not go through.",
    }
}

/// `GET /result?amazonCheckoutSessionId=…`.
pub(crate) async fn show(
    State(shop): State<Arc<Shop>>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Html<String>, PageError> {
    let id = required(&q, SESSION_PARAM)?;
    let client = &shop.config.client;
    let price = &shop.config.product.price;
    let complete = CompleteCheckoutSessionRequest::with_charge_amount(price.clone());
    // A buyer sent here by Amazon Pay without the review page still gets an order.
    let reference = orders::place(&shop.db, id, price).await?;
    let step = Step::new(&reference, "complete", Operation::Complete, id, &complete)?;
    let outcome = match journal::run(&shop.db, client, &step).await {
        Ok(outcome) => outcome,
        Err(JournalError::Db(e)) => return Err(e.into()),
        Err(JournalError::Unknown(e)) => return Err(e.into()),
        Err(JournalError::Busy) => {
            return Err(PageError::Pending(
                "Your order is being completed.".to_owned(),
            ));
        }
    };
    match outcome {
        Outcome::Done(_) => {
            let session: CheckoutSession = outcome.answer().ok_or_else(|| {
                DbError::Corrupt("the recorded answer is not a checkout session".to_owned())
            })?;
            let state = session
                .status_details
                .as_ref()
                .map_or("Unknown", |s| s.state.as_str())
                .to_owned();
            let charge = match session.charge_id.as_ref() {
                Some(charge_id) => {
                    let charge = client.get_charge(charge_id.as_str()).await?.into_body();
                    let charge_state = charge
                        .status_details
                        .as_ref()
                        .map_or("Unknown", |s| s.state.as_str())
                        .to_owned();
                    format!(
                        "<dt>Charge</dt><dd id=\"charge-id\">{}</dd><dt>Charge state</dt><dd id=\"charge-state\">{}</dd>",
                        escape(charge_id.as_str()),
                        escape(&charge_state)
                    )
                }
                None => String::new(),
            };
            let permission = session
                .charge_permission_id
                .as_ref()
                .map(|p| format!("<dt>Charge permission</dt><dd>{}</dd>", escape(p.as_str())))
                .unwrap_or_default();
            let body = format!(
                "<h1>Thank you for your order</h1>\
                 <p class=\"status ok\">Checkout <span id=\"checkout-state\">{state}</span></p>\
                 <dl><dt>Checkout session</dt><dd>{id}</dd>{permission}{charge}\
                 <dt>Total</dt><dd>{total}</dd></dl>\
                 <p><a href=\"/notifications\">Notifications received</a></p>",
                state = escape(&state),
                id = escape(id),
                total = escape(&shop.config.product.price.to_string()),
            );
            Ok(page("Order placed", &body))
        }
        Outcome::Failed(reason) if reason == "CheckoutSessionCanceled" => {
            let session = client.get_checkout_session(id).await?.into_body();
            let reason = session
                .status_details
                .as_ref()
                .and_then(|s| s.reason_code.as_ref())
                .map_or("Canceled", |r| r.as_str())
                .to_owned();
            let body = format!(
                "<h1>Payment not completed</h1>\
                 <p class=\"status error\">{text}</p>\
                 <p>Reason: <span id=\"decline-reason\">{reason}</span></p>\
                 <p><a href=\"/\" id=\"try-again\">Try again</a></p>",
                text = escape(cancel_text(&reason)),
                reason = escape(&reason),
            );
            Ok(page("Payment not completed", &body))
        }
        Outcome::Failed(reason) => Err(PageError::BadRequest(format!(
            "Amazon Pay refused to complete the checkout: {reason}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::cancel_text;

    #[test]
    fn a_decline_asks_for_another_method() {
        assert!(cancel_text("Declined").contains("declined"));
        assert!(cancel_text("BuyerCanceled").contains("canceled"));
        assert_eq!(cancel_text("Something"), "The payment did not go through.");
    }
}
