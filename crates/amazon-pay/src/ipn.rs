//! Instant payment notifications (IPNs): the SNS messages Amazon Pay POSTs when a charge
//! permission, charge or refund changes.
//!
//! One call does it all: [`NotificationVerifier::verify`] takes the raw request headers and
//! body and returns a verified, typed [`Event`]: the signature, the signing certificate and
//! its chain, the certificate URL and the merchant id are checked, and redeliveries are marked
//! ([`NotificationEvent::first_delivery`]). A notification only says *what* changed: answer
//! `200` at once, then GET the object it names to learn the new state.
//!
//! ```no_run
//! use amazon_pay::ipn::{Event, NotificationVerifier};
//!
//! # async fn handle(headers: http::HeaderMap, body: Vec<u8>) -> Result<(), Box<dyn std::error::Error>> {
//! // Once per process, shared by every request (it is `Send + Sync`).
//! let ipn = NotificationVerifier::new("A1EXAMPLEMERCH0")?;
//!
//! // Per request: raw headers and raw body, whatever the content type.
//! match ipn.verify(&headers, &body).await {
//!     Ok(Event::Notification(event)) if event.first_delivery => {
//!         // Answer 200 now; in a task, GET event.object_id according to event.object_type.
//!     }
//!     Ok(_) => {} // a redelivery or a subscription message: answer 200
//!     Err(error) => {
//!         // answer error.status_code(): 4xx for messages that must not come back, 503 to
//!         // have SNS redeliver
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Everything of `amazon_pay_client::ipn` is re-exported here too: [`IpnVerifier`] and the
//! pure [`Verifier`] of `amazon-pay-ipn`, for finer control.

mod build_error;
mod event;
mod fetcher;
mod notification_verifier;

pub use amazon_pay_client::ipn::*;
pub use build_error::BuildError;
pub use event::{ConfirmationEvent, Event, LegacyEvent, NotificationEvent};
pub use notification_verifier::{NotificationVerifier, NotificationVerifierBuilder};

#[cfg(test)]
mod tests;
