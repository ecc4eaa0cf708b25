//! The signing crate alone with a plain `std::net::TcpStream`: sign a GET and send it.
//!
//! Always runs against the embedded emulator (plain HTTP).

use std::process::ExitCode;

use amazon_pay_examples::{Connection, block_on, custom_transport};

fn main() -> ExitCode {
    block_on(async {
        let connection = Connection::emulator().await?;
        let outcome = custom_transport::run(&connection).await;
        connection.shutdown().await;
        outcome.map(drop)
    })
}
