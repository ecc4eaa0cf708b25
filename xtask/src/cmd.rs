//! Running commands from the workspace root, with timing and clear failures.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The workspace root (the parent of the xtask crate).
pub(crate) fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// A `cargo` command run from the workspace root.
pub(crate) fn cargo(args: &[&str]) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(workspace_root());
    command
}

/// Installs the cargo subcommand `package` (`cargo install --locked`) unless `probe` (such as
/// `cargo deny --version`) already succeeds.
pub(crate) fn ensure_cargo_tool(mut probe: Command, package: &str) -> Result<(), String> {
    let present = probe
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if present {
        return Ok(());
    }
    step(
        &format!("install {package}"),
        cargo(&["install", "--locked", package]),
    )
}

/// Runs a command as a named, timed step; fails with the step name.
pub(crate) fn step(name: &str, mut command: Command) -> Result<(), String> {
    timed(name, || {
        let status = command
            .status()
            .map_err(|e| format!("could not start: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{status}"))
        }
    })
}

/// Runs `run` as a named step, printing its name, its outcome and how long it took.
pub(crate) fn timed(name: &str, run: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("==> {name}");
    let started = Instant::now();
    let result = run();
    let elapsed = started.elapsed().as_secs_f64();
    match result {
        Ok(()) => {
            println!("<== {name}: ok ({elapsed:.1} s)");
            Ok(())
        }
        Err(message) => Err(format!("{name}: failed after {elapsed:.1} s: {message}")),
    }
}
