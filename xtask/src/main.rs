//! Project automation for amazon-pay-rs: `cargo xtask <command>`.

mod bench;
mod ci;
mod cmd;
mod codegen;
mod crash_soak;
mod deny;
mod emulator_process;
mod flags;
mod fuzz;
mod interop;
mod load;
mod node_sdk;
mod smoke;
mod soak;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  bench     [--side-by-side-only] [--seconds S]: criterion benches, then our client next to the Node.js SDK
  ci        everything CI checks: fmt, clippy, tests and doctests, docs, examples
  crash-soak [--orders N] [--kills K] [--seed S] [--db sqlite|postgres] [--instances 1|2] [--max-seconds T]:
            the storefront's payment worker killed K times over N orders, then an audit
  codegen   [--check]: writes docs/api-coverage.md from the operation tables (--check: fail if stale)
  deny      licenses, bans and sources (deny.toml) always; advisories when the database is reachable
  fuzz      [--seconds N] [target...]: runs the cargo-fuzz targets for N s each (default 60)
  interop   the official Node.js SDK verifies our signatures and runs a checkout on the emulator
  load      [--seconds N] [--rate R]: the emulator program under signed mixed load; memory and statuses
  smoke     [--emulator]: a few signed calls: the real sandbox with AMAZON_PAY_* credentials, else the emulator
  soak      [--payments N] [--seed S] [--concurrency C]: payments under seeded faults, then an audit
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bench") => bench::run(&args[1..]),
        Some("ci") => ci::run(&args[1..]),
        Some("codegen") => codegen::run(&args[1..]),
        Some("crash-soak") => crash_soak::run(&args[1..]),
        Some("deny") => deny::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("interop") => interop::run(&args[1..]),
        Some("load") => load::run(&args[1..]),
        Some("smoke") => smoke::run(&args[1..]),
        Some("soak") => soak::run(&args[1..]),
        Some("help") | Some("--help") | Some("-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
