#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod algorithm;
mod backend;
mod button;
mod canonical;
mod date;
mod encoding;
mod error;
#[cfg(feature = "http")]
mod http;
mod key_id;
mod keys;
mod region;
mod sign;
mod signer;
mod verify;

pub use algorithm::Algorithm;
pub use backend::Backend;
pub use button::{ButtonSignature, button_string_to_sign, sign_button_payload};
pub use canonical::{canonical_request, canonical_request_with_payload_hash, string_to_sign};
pub use date::{format_amz_date, parse_amz_date};
pub use encoding::{canonical_query_string, canonical_uri, encode_path_segment};
pub use error::{Error, VerifyError};
#[cfg(feature = "http")]
pub use http::{SignableHttpRequest, sign_http_request};
pub use key_id::PublicKeyId;
pub use keys::{PrivateKey, PublicKey};
pub use region::{Environment, Region};
pub use sign::{
    JSON, Redacted, SIMULATION_CODE_HEADER, SignableRequest, SignedRequest, SigningParams,
    redact_canonical_request, sign,
};
pub use signer::Signer;
pub use verify::{REQUIRED_SIGNED_HEADERS, ReceivedRequest, VerifiedRequest, verify_request};
