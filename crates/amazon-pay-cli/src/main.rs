//! `amazon-pay`: the command line for Amazon Pay API v2 integrators.
//!
//! Keys, signed headers and curl commands, signed calls, the diagnosis of
//! `InvalidRequestSignature` answers, button configurations, IPN verification and the local
//! emulator. Run `amazon-pay --help`; the crate README describes every command.

#![forbid(unsafe_code)]

mod button;
mod call;
mod config;
mod explain;
mod ipn;
mod keys;
mod request;
mod shell;
mod sign;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::ConfigArgs;

/// The Amazon Pay API v2 command line: keys, signatures, calls, diagnosis, buttons, IPNs and
/// the local emulator.
#[derive(Debug, Parser)]
#[command(name = "amazon-pay", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create or inspect key files.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Print the signed headers of a request (or a complete curl command).
    Sign(sign::SignArgs),
    /// Send a signed request and print the status, the request id and the JSON answer.
    Call(call::CallArgs),
    /// Explain an `InvalidRequestSignature` answer: which variant of the request the service
    /// hashed.
    Explain(explain::ExplainArgs),
    /// Print the signed button configuration for `amazon.Pay.renderButton`.
    Button(button::ButtonArgs),
    /// Verify saved IPNs (SNS notifications).
    #[command(subcommand)]
    Ipn(ipn::IpnCommand),
    /// Run the local emulator (the flags of `amazon-pay-emulator`; `emulator --help` lists them).
    #[command(disable_help_flag = true)]
    Emulator {
        /// The emulator's flags.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = || cli.config.resolve();
    match cli.command {
        Command::Keys(command) => keys::run(command),
        Command::Sign(args) => sign::run(&config()?, &args),
        Command::Call(args) => call::run(&config()?, &args),
        Command::Explain(args) => explain::run(&config()?, &args),
        Command::Button(args) => button::run(&config()?, &args),
        Command::Ipn(command) => ipn::run(&config()?, command),
        Command::Emulator { args } => Ok(amazon_pay_emulator::cli::main_with_args(
            "amazon-pay emulator",
            args,
        )),
    }
}

/// Commands return `Ok(ExitCode::FAILURE)` when they printed why themselves (a failed call, an
/// unexplained signature mismatch), and `Err` for everything else.
fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
