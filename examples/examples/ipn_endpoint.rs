//! An IPN endpoint: verify each notification in one call, answer at once, GET the object in a
//! task.
//!
//! With the embedded emulator (the default), it pays an order, refunds part of it and shows the
//! refund's signed notification being verified and handled. With `AMAZON_PAY_PUBLIC_KEY_ID`
//! and its companions set, plus `AMAZON_PAY_MERCHANT_ID`, it serves `POST /ipn` on
//! `AMAZON_PAY_IPN_LISTEN` (default `127.0.0.1:9000`) for the real sandbox's notifications.

use std::process::ExitCode;

use amazon_pay_examples::{Connection, block_on, ipn_endpoint};

fn main() -> ExitCode {
    block_on(async {
        let connection = Connection::from_env().await?;
        let outcome = if connection.emulator_handle().is_some() {
            ipn_endpoint::run(&connection).await.map(drop)
        } else {
            ipn_endpoint::serve(&connection).await
        };
        connection.shutdown().await;
        outcome
    })
}
