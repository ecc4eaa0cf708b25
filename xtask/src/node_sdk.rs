//! The official Node.js SDK, installed with npm into `.interop/` (ignored by git) for the
//! commands that run it next to ours.

use crate::cmd::{step, workspace_root};
use std::path::PathBuf;
use std::process::Command;

/// The npm package and version run next to ours.
pub(crate) const PACKAGE: &str = "@amazonpay/amazon-pay-api-sdk-nodejs";

/// The version installed when it is missing.
pub(crate) const VERSION: &str = "2.3.4";

/// The directory npm installs into (it holds `node_modules/`); scripts placed here can
/// `require` the SDK.
pub(crate) fn dir() -> PathBuf {
    workspace_root().join(".interop")
}

/// Installs the SDK into [`dir`] unless it is already there; checks that `node` runs.
pub(crate) fn ensure_installed() -> Result<PathBuf, String> {
    let dir = dir();
    let mut node = Command::new("node");
    node.arg("--version");
    step("node --version", node)
        .map_err(|e| format!("{e}: Node.js is needed to run the official Node.js SDK"))?;
    if dir
        .join("node_modules")
        .join(PACKAGE)
        .join("package.json")
        .is_file()
    {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let mut npm = Command::new("npm");
    npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("{PACKAGE}@{VERSION}"));
    step(&format!("npm install {PACKAGE}@{VERSION}"), npm)?;
    Ok(dir)
}
