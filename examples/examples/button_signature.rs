//! Typed button payloads, signed once, as the front end's button config.
//!
//! Runs against the embedded emulator, or against the real sandbox when `AMAZON_PAY_PUBLIC_KEY_ID`
//! and its companions are set (see `amazon_pay_examples::connection`).

use std::process::ExitCode;

use amazon_pay_examples::{Connection, block_on, button_signature};

fn main() -> ExitCode {
    block_on(async {
        let connection = Connection::from_env().await?;
        let outcome = button_signature::run(&connection).await;
        connection.shutdown().await;
        outcome.map(drop)
    })
}
