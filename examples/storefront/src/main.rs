//! `cargo run -p amazon-pay-storefront [-- --listen ADDR]`: the shop and an embedded emulator on
//! loopback; prints the shop's URL and serves until Ctrl-C.
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::process::ExitCode;

use amazon_pay_storefront::Storefront;

const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
const USAGE: &str =
    "usage: storefront [--listen ADDR]   (default 127.0.0.1:8080; port 0 picks a free one)";

fn listen_address(mut args: impl Iterator<Item = String>) -> Result<SocketAddr, String> {
    let mut listen = DEFAULT_LISTEN.to_owned();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => listen = args.next().ok_or("--listen needs an address")?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    listen
        .parse()
        .map_err(|e| format!("--listen {listen}: {e}"))
}

fn main() -> ExitCode {
    let addr = match listen_address(std::env::args().skip(1)) {
        Ok(addr) => addr,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("storefront: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let shop = match Storefront::start(addr).await {
            Ok(shop) => shop,
            Err(e) => {
                eprintln!("storefront: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("storefront   {}", shop.url());
        println!("emulator     {}", shop.emulator().base_url());
        println!("checkout.js  {}/checkout.js", shop.emulator().base_url());
        println!("Open the storefront URL in a browser; Ctrl-C stops.");
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!("storefront: cannot wait for Ctrl-C: {e}");
        }
        shop.shutdown().await;
        ExitCode::SUCCESS
    })
}
