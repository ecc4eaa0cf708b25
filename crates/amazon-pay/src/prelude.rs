//! The usual imports: `use amazon_pay::prelude::*;`.
//!
//! The client, its error and the service's reason codes, what a client is built from
//! (environment, region, retry policy, private key), the extension traits (button helpers,
//! in-store operations), money, and the requests and objects of the checkout flow.

pub use crate::ButtonExt as _;
#[cfg(feature = "instore")]
pub use crate::InStoreExt as _;
pub use crate::{Client, Environment, Error, ErrorKind, PrivateKey, Region, RetryPolicy};
pub use amazon_pay_types::{
    CaptureChargeRequest, ChargePermissionType, ChargeState, CheckoutSessionState,
    CompleteCheckoutSessionRequest, CreateChargeRequest, CreateCheckoutSessionRequest,
    CreateRefundRequest, Currency, PaymentDetails, PaymentIntent, Price, ReasonCode, RefundState,
    UpdateCheckoutSessionRequest, WebCheckoutDetails,
};
