//! Instant payment notifications (IPNs): the SNS messages Amazon Pay POSTs when a charge
//! permission, charge or refund changes.
//!
//! Everything of `amazon_pay_client::ipn` is here: [`IpnVerifier`] (parse, check the
//! certificate URL, fetch and cache the certificate, verify the signature and freshness,
//! de-duplicate) and the pure [`Verifier`] of `amazon-pay-ipn` with its error and message types.
//! After a notification verifies, fetch the object it names to learn the new state.

pub use amazon_pay_client::ipn::*;
