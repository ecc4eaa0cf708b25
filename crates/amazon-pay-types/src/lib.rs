#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod macros;

pub mod address;
pub mod buyer;
pub mod charge;
pub mod charge_permission;
pub mod checkout_session;
pub mod decode;
pub mod enums;
pub mod error;
pub mod ids;
pub mod money;
pub mod refund;
pub mod shared;
pub mod timestamp;

pub use address::{Address, AddressDetails, AddressWithId};
pub use buyer::Buyer;
pub use charge::{
    CancelChargeRequest, CaptureChargeRequest, Charge, ChargeState, ChargeStatusUpdate,
    ChargeWebCheckoutDetails, CreateChargeRequest, UpdateChargeRequest,
};
pub use charge_permission::{
    ChargePermission, ChargePermissionState, ChargePermissionStatusDetails,
    CloseChargePermissionRequest, UpdateChargePermissionRequest,
};
pub use checkout_session::{
    CheckoutSession, CheckoutSessionState, CompleteCheckoutSessionRequest,
    CreateCheckoutSessionRequest, FinalizeCheckoutSessionRequest, UpdateCheckoutSessionRequest,
};
pub use decode::{DecodeError, DecodeErrorKind, from_json, from_json_str};
pub use enums::*;
pub use error::{ErrorBody, ReasonCode, RetryClass, classify, is_retryable_status};
pub use ids::*;
pub use money::{Amount, Currency, MoneyError, Price};
pub use refund::{CreateRefundRequest, Refund, RefundState};
pub use shared::*;
pub use timestamp::{EpochTimestamp, Timestamp, TimestampError};
