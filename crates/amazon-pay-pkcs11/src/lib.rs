#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod error;
mod key;
mod mechanism;
mod signer;
mod token;

pub use error::Pkcs11Error;
pub use key::KeySelector;
pub use mechanism::PssMechanism;
pub use signer::{Pkcs11Signer, Pkcs11SignerBuilder};
