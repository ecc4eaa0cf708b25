#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod button;
pub mod ipn;
pub mod prelude;

pub use button::{ButtonExt, ButtonPayload};

/// Request and button signatures, keys and request verification (`amazon-pay-signing`).
pub use amazon_pay_signing as signing;

/// Every object, request, response and enum of the API (`amazon-pay-types`).
pub use amazon_pay_types as types;

/// The HTTP client, the `Operation` seam and every operation (`amazon-pay-client`).
pub use amazon_pay_client as client;

/// The in-store operations (`amazon-pay-instore`), as methods of [`Client`] through
/// [`InStoreExt`].
#[cfg(feature = "instore")]
pub use amazon_pay_instore as instore;

/// Request and button signatures with a key kept on a PKCS#11 token: an HSM, a cloud HSM, a
/// smart card (`amazon-pay-pkcs11`).
#[cfg(feature = "pkcs11")]
pub use amazon_pay_pkcs11 as pkcs11;

/// The `http` crate the client's methods speak: [`http::Method`] for
/// [`Client::raw_request`], [`http::StatusCode`] from [`Response::status`], header maps.
pub use http;

/// The `bytes` crate of the client's request and response bodies
/// ([`client::HttpRequest`], [`client::HttpResponse`]).
pub use bytes;

/// A local, stateful emulator of the API for tests (`amazon-pay-emulator`).
#[cfg(feature = "emulator")]
pub use amazon_pay_emulator as emulator;

#[cfg(feature = "instore")]
pub use amazon_pay_instore::InStoreExt;

pub use amazon_pay_client::{
    Algorithm, Call, Client, ClientBuilder, Environment, Error, ErrorKind, Idempotency, NoContent,
    Operation, OperationInfo, Pages, PrivateKey, Proxy, PublicKeyId, Region, Response, RetryPolicy,
    Signer, derive_idempotency_key,
};
pub use amazon_pay_types::{
    Amount, ButtonConfig, CaptureChargeRequest, Charge, ChargePermission, CheckoutSession,
    CompleteCheckoutSessionRequest, CreateChargeRequest, CreateCheckoutSessionRequest,
    CreateRefundRequest, Currency, Price, ReasonCode, Refund, SignInPayload,
    UpdateCheckoutSessionRequest,
};
