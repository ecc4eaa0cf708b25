//! `cargo xtask fuzz [--seconds N] [target...]`: runs the cargo-fuzz targets in
//! `fuzz/` for a bounded time each and prints executions and corpus sizes.
//!
//! cargo-fuzz needs compiler flags that only nightly accepts; with
//! `RUSTC_BOOTSTRAP=1` the stable compiler accepts them too. cargo-fuzz is
//! installed when missing. Each target starts from the seeds listed in
//! [`SEEDS`] (copied once into its corpus) and the dictionary in [`DICTS`].

use crate::cmd::{cargo, ensure_cargo_tool, step, workspace_root};
use std::fs;
use std::path::{Path, PathBuf};

/// Seconds each target runs unless `--seconds` says otherwise.
const DEFAULT_SECONDS: u64 = 60;

/// A single input taking longer than this is reported as a failure (a hang).
const UNIT_TIMEOUT_SECONDS: u64 = 30;

/// Directories whose files seed a target's corpus when it is empty.
const SEEDS: &[(&str, &[&str])] = &[
    ("key_loading", &["crates/amazon-pay-signing/tests/data"]),
    (
        "decode",
        &[
            "crates/amazon-pay-types/tests/fixtures/checkout_session",
            "crates/amazon-pay-types/tests/fixtures/charge",
            "crates/amazon-pay-types/tests/fixtures/charge_permission",
            "crates/amazon-pay-types/tests/fixtures/refund",
            "crates/amazon-pay-types/tests/fixtures/error_body",
        ],
    ),
    (
        "sns_parse",
        &[
            "crates/amazon-pay-types/tests/fixtures/sns_message",
            "crates/amazon-pay-types/tests/fixtures/notification",
        ],
    ),
];

/// The libFuzzer dictionary of each target.
const DICTS: &[(&str, &str)] = &[
    ("canonical", "fuzz/dicts/http.dict"),
    ("sign_verify", "fuzz/dicts/http.dict"),
    ("verify_request", "fuzz/dicts/http.dict"),
    ("decode", "fuzz/dicts/json.dict"),
    ("sns_parse", "fuzz/dicts/json.dict"),
];

/// What one bounded run of a target produced.
struct Outcome {
    target: String,
    seconds: u64,
    executions: Option<u64>,
    corpus_files: usize,
    corpus_bytes: u64,
    passed: bool,
    log: PathBuf,
}

/// Parses the arguments, runs each target and prints a summary table.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let (seconds, mut targets) = parse_args(args)?;
    ensure_cargo_tool(cargo_fuzz(&["--version"]), "cargo-fuzz")?;
    let available = list_targets()?;
    if targets.is_empty() {
        targets = available.clone();
    }
    if let Some(unknown) = targets.iter().find(|t| !available.contains(t)) {
        return Err(format!(
            "unknown fuzz target `{unknown}` (targets: {})",
            available.join(", ")
        ));
    }
    let mut outcomes = Vec::with_capacity(targets.len());
    for target in &targets {
        outcomes.push(run_target(target, seconds)?);
    }
    print_summary(&outcomes);
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| o.target.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz: failures in {} (inputs under fuzz/artifacts/)",
            failed.join(", ")
        ))
    }
}

fn parse_args(args: &[String]) -> Result<(u64, Vec<String>), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--seconds" {
            let value = iter.next().ok_or("--seconds needs a number of seconds")?;
            seconds = value
                .parse()
                .ok()
                .filter(|s| *s > 0)
                .ok_or_else(|| format!("--seconds: `{value}` is not a positive number"))?;
        } else if arg.starts_with('-') {
            return Err(format!(
                "fuzz: unknown option `{arg}` (usage: fuzz [--seconds N] [target...])"
            ));
        } else {
            targets.push(arg.clone());
        }
    }
    Ok((seconds, targets))
}

fn fuzz_dir() -> PathBuf {
    workspace_root().join("fuzz")
}

/// A `cargo fuzz` command run in `fuzz/`, with the stable compiler unlocked.
fn cargo_fuzz(args: &[&str]) -> std::process::Command {
    let mut command = cargo(&["fuzz"]);
    command
        .args(args)
        .current_dir(fuzz_dir())
        .env("RUSTC_BOOTSTRAP", "1");
    command
}

fn list_targets() -> Result<Vec<String>, String> {
    let output = cargo_fuzz(&["list"])
        .output()
        .map_err(|e| format!("cargo fuzz list: could not start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo fuzz list failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Copies the target's seed files into its corpus if the corpus is empty.
fn seed_corpus(target: &str, corpus: &Path) -> Result<(), String> {
    fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let empty = fs::read_dir(corpus)
        .map_err(|e| format!("{}: {e}", corpus.display()))?
        .next()
        .is_none();
    if !empty {
        return Ok(());
    }
    let dirs = SEEDS
        .iter()
        .find(|(name, _)| *name == target)
        .map_or(&[][..], |(_, dirs)| *dirs);
    let root = workspace_root();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                let name = format!(
                    "seed-{}-{}",
                    dir.rsplit('/').next().unwrap_or(dir),
                    entry.file_name().to_string_lossy()
                );
                fs::copy(&path, corpus.join(name))
                    .map_err(|e| format!("seeding {target} from {}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

fn run_target(target: &str, seconds: u64) -> Result<Outcome, String> {
    let corpus = fuzz_dir().join("corpus").join(target);
    seed_corpus(target, &corpus)?;
    let logs = fuzz_dir().join("target").join("xtask-logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let log = logs.join(format!("{target}.log"));
    let log_file = fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let log_err = log_file
        .try_clone()
        .map_err(|e| format!("{}: {e}", log.display()))?;

    let mut fuzzer_args = vec![
        format!("-max_total_time={seconds}"),
        format!("-timeout={UNIT_TIMEOUT_SECONDS}"),
        "-print_final_stats=1".to_owned(),
    ];
    if let Some((_, dict)) = DICTS.iter().find(|(name, _)| *name == target) {
        fuzzer_args.push(format!("-dict={}", workspace_root().join(dict).display()));
    }
    let mut args = vec!["run", target, "--debug-assertions", "--"];
    args.extend(fuzzer_args.iter().map(String::as_str));
    let mut command = cargo_fuzz(&args);
    command.stdout(log_file).stderr(log_err);
    println!(
        "fuzz: {target} for {seconds} s (log: {})",
        log.strip_prefix(workspace_root()).unwrap_or(&log).display()
    );
    let passed = step(&format!("fuzz {target}"), command).is_ok();
    let text = fs::read_to_string(&log).unwrap_or_default();
    if !passed {
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        for line in tail.iter().rev() {
            eprintln!("    {line}");
        }
    }
    let (corpus_files, corpus_bytes) = corpus_size(&corpus);
    Ok(Outcome {
        target: target.to_owned(),
        seconds,
        executions: final_stat(&text, "stat::number_of_executed_units:"),
        corpus_files,
        corpus_bytes,
        passed,
        log,
    })
}

/// The value of a `-print_final_stats` line.
fn final_stat(log: &str, name: &str) -> Option<u64> {
    log.lines()
        .rev()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|v| v.trim().parse().ok())
}

fn corpus_size(corpus: &Path) -> (usize, u64) {
    fs::read_dir(corpus)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .fold((0, 0), |(n, bytes), m| (n + 1, bytes + m.len()))
        })
        .unwrap_or((0, 0))
}

fn print_summary(outcomes: &[Outcome]) {
    println!();
    println!("| target | seconds | executions | exec/s | corpus files | corpus bytes | result |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for o in outcomes {
        let (executions, rate) = match o.executions {
            Some(n) => (n.to_string(), (n / o.seconds).to_string()),
            None => ("?".to_owned(), "?".to_owned()),
        };
        let result = if o.passed {
            "ok".to_owned()
        } else {
            format!("FAILED (see {})", o.log.display())
        };
        println!(
            "| {} | {} | {executions} | {rate} | {} | {} | {result} |",
            o.target, o.seconds, o.corpus_files, o.corpus_bytes
        );
    }
}
