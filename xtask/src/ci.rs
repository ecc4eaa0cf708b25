//! `cargo xtask ci`: every check CI runs, in order.

use crate::cmd::{cargo, step, workspace_root};
use std::process::Command;

/// Runs fmt, clippy, the tests (doctests included), docs and the examples.
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
    step(
        "deny",
        cargo(&["run", "--quiet", "-p", "xtask", "--", "deny"]),
    )?;
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
    step(
        "codegen --check",
        cargo(&["run", "--quiet", "-p", "xtask", "--", "codegen", "--check"]),
    )?;
    step(
        "smoke (emulator)",
        cargo(&["run", "--quiet", "-p", "xtask", "--", "smoke", "--emulator"]),
    )?;
    step(
        "interop",
        cargo(&["run", "--quiet", "-p", "xtask", "--", "interop"]),
    )?;
    step(
        "soak (1,000 payments under faults)",
        cargo(&[
            "run",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "soak",
            "--payments",
            "1000",
        ]),
    )?;
    println!("xtask ci: all steps passed");
    Ok(())
}
