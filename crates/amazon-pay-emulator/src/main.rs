//! `amazon-pay-emulator`: run the emulator as a program (see [`amazon_pay_emulator::cli`]).
//!
//! ```text
//! cargo run -p amazon-pay-emulator -- --listen 127.0.0.1:8080 [--tls] [--region na|eu|jp]
//!     [--key-id-kind classic|sandbox|live] [--public-key KEYID=PATH ...] [--ipn-url URL]
//!     [--private-key-out PATH] [--ca-out PATH] [--seed N]
//! ```

#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    amazon_pay_emulator::cli::main_with_args("amazon-pay-emulator", std::env::args().skip(1))
}
