#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod operations;

pub use operations::{InStoreCharge, InStoreExt, InStoreRefund, MerchantScan, OPERATIONS};
