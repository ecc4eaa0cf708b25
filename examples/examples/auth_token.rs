//! A solution provider's delegated authorization token, per call and per client.
//!
//! Runs against the embedded emulator, or against the real sandbox when `AMAZON_PAY_PUBLIC_KEY_ID`
//! and its companions are set (see `amazon_pay_examples::connection`).

use std::process::ExitCode;

use amazon_pay_examples::{Connection, auth_token, block_on};

fn main() -> ExitCode {
    block_on(async {
        let connection = Connection::from_env().await?;
        let outcome = auth_token::run(&connection).await;
        connection.shutdown().await;
        outcome.map(drop)
    })
}
