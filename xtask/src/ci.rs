//! `cargo xtask ci`: every check CI runs, in order.

use std::process::Command;

use crate::cmd::{cargo, step, timed, workspace_root};

/// The script that installs the system packages the tests need (the proxy tests name it too).
const INSTALL_TEST_DEPS: &str = "scripts/install-test-deps.sh";

/// The workspace members that are never published: `cargo package` skips them.
const UNPUBLISHED: [&str; 3] = ["amazon-pay-examples", "amazon-pay-storefront", "xtask"];

/// The short crash-soak run of CI (docs/reliability.md gives its duration).
const CRASH_SOAK: [&str; 8] = [
    "--orders", "100", "--kills", "20", "--seed", "1", "--db", "sqlite",
];

/// Runs the system-package install, fmt, clippy, cargo-deny, the tests (doctests included),
/// docs, the packaging check, the main example, the codegen check, the emulator smoke test, the Node.js interop
/// run, a short soak under faults and a short crash-soak.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("ci takes no arguments, got `{arg}`"));
    }
    let mut deps = Command::new("bash");
    deps.arg(INSTALL_TEST_DEPS).current_dir(workspace_root());
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
        "package (each crate built from its packaged form)",
        package(),
    )?;
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
    timed("crash-soak (100 orders, 20 kills, SQLite)", || {
        crate::crash_soak::run(&CRASH_SOAK.map(str::to_owned))
    })?;
    println!("xtask ci: all steps passed");
    Ok(())
}

/// `cargo package` of every publishable crate: the licence files and fixtures are in each
/// package, and each builds against the packaged form of the others.
fn package() -> Command {
    let mut args = vec!["package", "--workspace", "--allow-dirty"];
    for name in UNPUBLISHED {
        args.extend(["--exclude", name]);
    }
    cargo(&args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_install_script_the_proxy_tests_name_exists() {
        assert!(workspace_root().join(INSTALL_TEST_DEPS).exists());
        let proxy_tests = std::fs::read_to_string(
            workspace_root().join("crates/amazon-pay-client/tests/proxy.rs"),
        )
        .unwrap();
        assert!(proxy_tests.contains(INSTALL_TEST_DEPS));
    }

    /// The workspace's packages as `cargo metadata` describes them.
    fn packages() -> Vec<serde_json::Value> {
        let output = cargo(&[
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .output()
        .expect("cargo metadata runs");
        assert!(output.status.success(), "{output:?}");
        let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        metadata["packages"].as_array().unwrap().clone()
    }

    /// Every publishable crate carries what a registry and docs.rs show: description,
    /// keywords, categories, licence, MSRV, README, both licence files, docs.rs built with
    /// every feature, and a README feature table naming each of its features. The packaging
    /// step skips exactly the crates marked `publish = false`.
    #[test]
    fn every_publishable_crate_is_complete() {
        let root = workspace_root();
        let mut unpublished = Vec::new();
        for package in packages() {
            let name = package["name"].as_str().unwrap();
            if package["publish"] == serde_json::json!([]) {
                unpublished.push(name.to_owned());
                continue;
            }
            for field in ["description", "license", "rust_version", "readme"] {
                assert!(package[field].is_string(), "{name}: no {field}");
            }
            assert_eq!(package["license"], "MIT OR Apache-2.0", "{name}");
            for field in ["keywords", "categories"] {
                let values = package[field].as_array().unwrap();
                assert!(!values.is_empty(), "{name}: no {field}");
            }
            let docs_rs = &package["metadata"]["docs"]["rs"];
            assert_eq!(docs_rs["all-features"], true, "{name}");
            assert_eq!(
                docs_rs["rustdoc-args"],
                serde_json::json!(["--cfg", "docsrs"]),
                "{name}"
            );
            let dir = std::path::Path::new(package["manifest_path"].as_str().unwrap())
                .parent()
                .unwrap()
                .to_path_buf();
            for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
                let text = std::fs::read_to_string(dir.join(licence))
                    .unwrap_or_else(|e| panic!("{name}: {licence}: {e}"));
                assert_eq!(
                    text,
                    std::fs::read_to_string(root.join(licence)).unwrap(),
                    "{name}: {licence}"
                );
            }
            let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
            let table = readme
                .split("\n## Features\n")
                .nth(1)
                .unwrap_or_else(|| panic!("{name}: README has no Features section"));
            let table = table.split("\n## ").next().unwrap();
            let features: Vec<&str> = package["features"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|feature| *feature != "default")
                .collect();
            if features.is_empty() {
                assert!(table.contains("\n| none |"), "{name}: {table}");
            }
            for feature in features {
                assert_ne!(
                    feature, "aws-lc",
                    "{name}: the backend feature is aws-lc-rs"
                );
                assert!(
                    table.contains(&format!("\n| `{feature}` |")),
                    "{name}: the README's feature table lacks `{feature}`"
                );
            }
        }
        unpublished.sort();
        let mut expected = UNPUBLISHED.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(unpublished, expected);
    }
}
