#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod call;
mod client;
mod config;
mod error;
pub mod headers;
pub mod ipn;
pub mod layers;
mod operation;
pub mod operations;
mod pagination;
mod raw;
pub mod transport;

pub use amazon_pay_signing::{Algorithm, Environment, PrivateKey, PublicKeyId, Region, Signer};
pub use call::{Call, CallOptions, Response};
pub use client::Client;
pub use config::ClientBuilder;
pub use error::{Error, ErrorKind};
pub use layers::{RetryPolicy, derive_idempotency_key};
pub use operation::{Idempotency, Operation, OperationInfo, Success, json_body, path_segment};
pub use operations::{NoContent, OPERATIONS};
pub use pagination::Pages;
pub use raw::RawRequest;

/// The models of the API (requests, responses, ids, money), re-exported.
pub use amazon_pay_types as types;
pub use transport::{Proxy, Transport};
