//! Shared helpers of the examples: connecting to the real sandbox or the embedded emulator, a
//! small stand-in for the buyer's browser, step-by-step output, and each example's body as a
//! function (the files under `examples/` are thin `main`s; `tests/` calls the same functions).

#![forbid(unsafe_code)]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

pub mod browser;
pub mod buyer;
pub mod connection;
pub mod orders;
pub mod output;

pub mod auth_token;
pub mod button_signature;
pub mod checkout;
pub mod custom_transport;
pub mod delivery_tracker;
pub mod instore;
pub mod ipn_endpoint;
pub mod recurring;
pub mod refund;
pub mod reports;
pub mod saved_wallet;

use std::future::Future;
use std::process::ExitCode;

pub use browser::{Browser, Page};
pub use connection::Connection;
pub use output::Steps;

/// Runs an example's `main`: a multi-threaded Tokio runtime, the future, and an exit code
/// (failure with the error chain on stderr).
pub fn block_on(body: impl Future<Output = anyhow::Result<()>>) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the Tokio runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(body) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nerror: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace README's quick start, compiled and run as a doctest (here, in a crate that is
/// never published, because the README is outside every package).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadme;

/// The getting-started guide's snippets (the single-purpose crates alone), compiled and run.
#[cfg(doctest)]
#[doc = include_str!("../../docs/getting-started.md")]
struct GettingStarted;
