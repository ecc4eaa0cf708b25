//! `cargo run -p amazon-pay-storefront [-- --listen ADDR]`: the shop and an embedded emulator on
//! loopback; prints the shop's URL and serves until Ctrl-C.
//!
//! `storefront worker --database URL --emulator URL --private-key PATH [--listen ADDR]
//! [--concurrency N] [--lease-ms N] [--markers]`: the payment worker against an emulator
//! program (see `amazon_pay_storefront::run_worker`); runs until killed.
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use amazon_pay_storefront::{Storefront, WorkerOptions};

const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
const USAGE: &str =
    "usage: storefront [--listen ADDR]   (default 127.0.0.1:8080; port 0 picks a free one)
       storefront worker --database URL --emulator URL --private-key PATH [--listen ADDR]
                         [--concurrency N] [--lease-ms N] [--markers]";

enum Command {
    Shop(SocketAddr),
    Worker(WorkerOptions),
}

fn parse_address(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|e| format!("--listen {text}: {e}"))
}

fn parse(args: Vec<String>) -> Result<Command, String> {
    let worker = args.first().is_some_and(|a| a == "worker");
    let mut values = std::collections::HashMap::new();
    let mut markers = false;
    let mut it = args.into_iter().skip(usize::from(worker));
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Err(USAGE.to_owned()),
            "--markers" if worker => markers = true,
            "--listen" => {}
            "--database" | "--emulator" | "--private-key" | "--concurrency" | "--lease-ms"
                if worker => {}
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
        if arg != "--markers" {
            let value = it.next().ok_or(format!("{arg} needs a value"))?;
            values.insert(arg, value);
        }
    }
    let listen = parse_address(
        values
            .get("--listen")
            .map_or(DEFAULT_LISTEN, String::as_str),
    )?;
    if !worker {
        return Ok(Command::Shop(listen));
    }
    let required = |name: &str| {
        values
            .get(name)
            .cloned()
            .ok_or(format!("worker needs {name}\n{USAGE}"))
    };
    let number = |name: &str, default: u64| -> Result<u64, String> {
        values.get(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("{name}: {v} is not a number"))
        })
    };
    let mut options = WorkerOptions::new(
        required("--database")?,
        required("--emulator")?,
        required("--private-key")?,
        listen,
    );
    options.concurrency = usize::try_from(number("--concurrency", 8)?).unwrap_or(usize::MAX);
    options.lease = Duration::from_millis(number("--lease-ms", 10_000)?);
    if markers {
        amazon_pay_storefront::enable_step_markers();
    }
    Ok(Command::Worker(options))
}

fn main() -> ExitCode {
    let command = match parse(std::env::args().skip(1).collect()) {
        Ok(command) => command,
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
        match command {
            Command::Shop(addr) => shop(addr).await,
            Command::Worker(options) => match amazon_pay_storefront::run_worker(options).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("storefront worker: {}", with_causes(&e));
                    ExitCode::FAILURE
                }
            },
        }
    })
}

async fn shop(addr: SocketAddr) -> ExitCode {
    let shop = match Storefront::start(addr).await {
        Ok(shop) => shop,
        Err(e) => {
            eprintln!("storefront: {}", with_causes(&e));
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
}

/// An error and its chain of causes on one line: what failed, then each cause in turn.
fn with_causes(error: &dyn std::error::Error) -> String {
    std::iter::successors(Some(error), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}
