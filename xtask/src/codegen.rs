//! `cargo xtask codegen [--check]`: writes `docs/api-coverage.md` from the operation tables of
//! the code (`amazon_pay_client::OPERATIONS` and `amazon_pay_instore::OPERATIONS`), with the examples that call each operation.
//!
//! With `--check` nothing is written: the command fails when the committed file differs from
//! what the code says. The unit test below does the same check, so `cargo test` catches a
//! stale file too.

use crate::cmd::workspace_root;
use amazon_pay_client::OperationInfo;
use std::fs;
use std::path::{Path, PathBuf};

/// The generated file, relative to the workspace root.
const OUTPUT: &str = "docs/api-coverage.md";

/// The directory whose `.rs` files (outside `tests/`) are searched for calls of each operation.
const EXAMPLES: &str = "examples";

/// The `Client` method of the raw request (a signed call to any path), and the row that
/// describes it.
const RAW_METHOD: &str = "raw_request";

/// Every operation the SDK implements, in the order of the API reference.
pub(crate) fn operations() -> Vec<&'static OperationInfo> {
    amazon_pay_client::OPERATIONS
        .iter()
        .chain(amazon_pay_instore::OPERATIONS)
        .copied()
        .collect()
}

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask codegen [--check]".to_owned()),
    };
    let root = workspace_root();
    let expected = render(&root)?;
    let path = root.join(OUTPUT);
    let current = fs::read_to_string(&path).unwrap_or_default();
    if current == expected {
        println!("xtask codegen: {OUTPUT} is up to date");
        return Ok(());
    }
    if check {
        return Err(format!(
            "{OUTPUT} is stale ({}); run `cargo xtask codegen` and commit the result",
            first_difference(&current, &expected)
        ));
    }
    fs::write(&path, expected).map_err(|e| format!("writing {}: {e}", path.display()))?;
    println!("xtask codegen: wrote {OUTPUT}");
    Ok(())
}

/// Describes where two texts first differ, for the `--check` failure.
fn first_difference(current: &str, expected: &str) -> String {
    let mut current_lines = current.lines();
    let mut expected_lines = expected.lines();
    for line in 1.. {
        match (current_lines.next(), expected_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => {
                return format!(
                    "first difference at line {line}:\n  committed: {}\n  generated: {}",
                    a.unwrap_or("<end of file>"),
                    b.unwrap_or("<end of file>")
                );
            }
        }
    }
    "the files differ in line endings".to_owned()
}

/// The Rust method name of an operation: `GetReportById` → `get_report_by_id`.
pub(crate) fn method_name(operation: &str) -> String {
    let mut out = String::with_capacity(operation.len() + 8);
    for (i, c) in operation.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// One example source: its display name and text.
struct Example {
    name: String,
    text: String,
}

/// Reads every `.rs` file below `dir`, sorted by path, so the output is deterministic.
fn read_examples(dir: &Path) -> Result<Vec<Example>, String> {
    let mut files = Vec::new();
    collect_rs_files(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("reading {}: {e}", path.display()))?;
            let name = path
                .strip_prefix(dir.parent().unwrap_or(dir))
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            Ok(Example { name, text })
        })
        .collect()
}

fn collect_rs_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("listing {}: {e}", dir.display())),
    };
    for entry in entries {
        let path = entry
            .map_err(|e| format!("listing {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            // Tests call methods to check the examples; they are not examples themselves.
            if !path.ends_with("tests") && !path.ends_with("target") {
                collect_rs_files(&path, out)?;
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The examples that call `.method(` (a plain text search), as a table cell.
fn examples_calling(examples: &[Example], method: &str) -> String {
    let needle = format!(".{method}(");
    let names: Vec<String> = examples
        .iter()
        .filter(|e| e.text.contains(&needle))
        .map(|e| format!("`{}`", e.name))
        .collect();
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}

/// The whole generated file.
pub(crate) fn render(root: &Path) -> Result<String, String> {
    let examples = read_examples(&root.join(EXAMPLES))?;
    let operations = operations();
    let mut out = String::new();
    out.push_str(
        "# API coverage\n\n\
         <!-- Generated by `cargo xtask codegen` from the operation tables of the code; \
         do not edit. -->\n\n",
    );
    out.push_str(&format!(
        "{} operations of the Amazon Pay API v2, each a typed method, plus `RawRequest`, a \
         signed call to any path, for anything else. The examples column lists the files of `examples/` that call \
         the method.\n\n",
        operations.len()
    ));
    out.push_str("| # | operation | method | HTTP | path | idempotency key | crate | examples |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (i, op) in operations.iter().enumerate() {
        let method = method_name(op.name);
        out.push_str(&format!(
            "| {} | {} | `{method}` | {} | `{}` | {} | `{}` | {} |\n",
            i + 1,
            op.name,
            op.method,
            op.path,
            op.idempotency.as_str(),
            op.crate_name,
            examples_calling(&examples, &method),
        ));
    }
    out.push_str(&format!(
        "| — | RawRequest | `{RAW_METHOD}` | any | any path below the base URL | \
         generated for POST | `amazon-pay-client` | {} |\n",
        examples_calling(&examples, RAW_METHOD)
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_file_is_up_to_date() {
        let root = workspace_root();
        let expected = render(&root).expect("render");
        let current = fs::read_to_string(root.join(OUTPUT)).unwrap_or_default();
        assert!(
            current == expected,
            "{OUTPUT} is stale ({}); run `cargo xtask codegen`",
            first_difference(&current, &expected)
        );
    }

    #[test]
    fn every_operation_of_the_reference_is_listed_once_plus_the_generic_call() {
        let ops = operations();
        assert_eq!(ops.len(), 43, "the API reference lists 43 operations");
        let mut names: Vec<_> = ops.iter().map(|o| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 43, "operation names are unique");
        let text = render(&workspace_root()).expect("render");
        let rows = text
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
            .count();
        // header + 43 operations + the raw request
        assert_eq!(rows, 1 + 43 + 1);
        assert!(text.contains("| — | RawRequest | `raw_request` |"));
    }

    #[test]
    fn method_names_are_snake_case() {
        assert_eq!(method_name("GetReportById"), "get_report_by_id");
        assert_eq!(method_name("GetCharge"), "get_charge");
    }

    #[test]
    fn examples_are_found_by_method_call() {
        let examples = [
            Example {
                name: "a.rs".into(),
                text: "client.get_charge(id).await".into(),
            },
            Example {
                name: "b.rs".into(),
                text: "client.get_charge_permission(id)".into(),
            },
        ];
        assert_eq!(examples_calling(&examples, "get_charge"), "`a.rs`");
        assert_eq!(examples_calling(&examples, "create_refund"), "—");
    }

    #[test]
    fn a_stale_file_is_located() {
        assert!(first_difference("a\nb\n", "a\nc\n").contains("line 2"));
        assert!(first_difference("a\n", "a\nb\n").contains("<end of file>"));
    }
}
