//! `cargo xtask ci`: every check CI runs, in order.

use std::process::Command;

use crate::cmd::{cargo, step, timed, workspace_root};

/// Runs the system-package install, fmt, clippy, cargo-deny, the tests (doctests included),
/// docs, the main example, the codegen check, the emulator smoke test, the Node.js interop
/// run and a short soak under faults.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("ci takes no arguments, got `{arg}`"));
    }
    let mut deps = Command::new("bash");
    deps.arg("scripts/install-test-deps.sh")
        .current_dir(workspace_root());
    step("install test dependencies", deps)?;
    step("fmt", cargo(&["fmt", "--all", "--", "--check"]))?;
    step(
        "clippy",
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    timed("deny", || crate::deny::run(&[]))?;
    step("test", cargo(&["test", "--workspace"]))?;
    step(
        "test (pure-Rust signing backend)",
        cargo(&["test", "-p", "amazon-pay-signing", "--all-features"]),
    )?;
    let mut doc = cargo(&["doc", "--workspace", "--no-deps", "--all-features"]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    step("doc", doc)?;
    step(
        "example: checkout (the main job)",
        cargo(&["run", "-p", "amazon-pay-examples", "--example", "checkout"]),
    )?;
    timed("codegen --check", || {
        crate::codegen::run(&["--check".to_owned()])
    })?;
    timed("smoke (emulator)", || {
        crate::smoke::run(&["--emulator".to_owned()])
    })?;
    timed("interop", || crate::interop::run(&[]))?;
    timed("soak (1,000 payments under faults)", || {
        crate::soak::run(&["--payments".to_owned(), "1000".to_owned()])
    })?;
    println!("xtask ci: all steps passed");
    Ok(())
}
