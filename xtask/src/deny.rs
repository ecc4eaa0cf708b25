//! `cargo xtask deny`: the supply-chain policy in `deny.toml`, checked with cargo-deny.
//!
//! Licenses, bans and sources are always checked. Advisories need the advisory
//! database: it is fetched when it can be reached, a copy already on disk is
//! used when it cannot, and with neither the check is skipped with a clear note.
//! cargo-deny is installed (`cargo install --locked cargo-deny`) when missing;
//! it then stays in the cargo bin directory for later runs.

use crate::cmd::{cargo, ensure_cargo_tool, step};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long fetching the advisory database may take before it counts as unreachable.
const FETCH_TIMEOUT: Duration = Duration::from_secs(90);

/// Runs the checks.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("deny takes no arguments, got `{arg}`"));
    }
    ensure_cargo_tool(cargo(&["deny", "--version"]), "cargo-deny")?;
    step(
        "cargo deny check licenses bans sources",
        cargo(&["deny", "check", "licenses", "bans", "sources"]),
    )?;
    if fetch_advisory_db() {
        step(
            "cargo deny check advisories",
            cargo(&["deny", "check", "--disable-fetch", "advisories"]),
        )
    } else if advisory_db_cached() {
        println!(
            "deny: NOTE: the advisory database cannot be reached; checking against the copy on disk"
        );
        step(
            "cargo deny check advisories (cached database)",
            cargo(&["deny", "check", "--disable-fetch", "advisories"]),
        )
    } else {
        let line = "!".repeat(78);
        println!(
            "{line}\n\
             deny: NOTE: advisories NOT checked: the advisory database cannot be reached\n\
             and no copy is on disk. Run `cargo xtask deny` where it can be fetched.\n\
             {line}"
        );
        Ok(())
    }
}

/// Tries to fetch (or update) the advisory database within [`FETCH_TIMEOUT`].
fn fetch_advisory_db() -> bool {
    println!("==> cargo deny fetch db");
    let child = cargo(&["deny", "fetch", "db"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(child) => {
            let fetched = wait_bounded(child, FETCH_TIMEOUT);
            println!(
                "<== cargo deny fetch db: {}",
                if fetched { "ok" } else { "unreachable" }
            );
            fetched
        }
        Err(e) => {
            println!("<== cargo deny fetch db: could not start: {e}");
            false
        }
    }
}

/// Waits for `child` at most `limit`; kills it past that. True if it succeeded.
fn wait_bounded(mut child: Child, limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if started.elapsed() < limit => sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}

/// Whether a copy of an advisory database is on disk (cargo-deny keeps them in
/// `$CARGO_HOME/advisory-dbs/<name>/`).
fn advisory_db_cached() -> bool {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let Some(dbs) = cargo_home.map(|h| h.join("advisory-dbs")) else {
        return false;
    };
    std::fs::read_dir(dbs).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().join(".git").exists() || e.path().join("crates").is_dir())
    })
}
