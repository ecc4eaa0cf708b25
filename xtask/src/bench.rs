//! `cargo xtask bench [--side-by-side-only] [--seconds S]`: the criterion benches of the
//! workspace, then our client next to the official Node.js SDK against the same emulator.
//!
//! The side-by-side run builds the emulator and xtask in release mode, starts the emulator
//! (TLS, its own process), creates one checkout session and lets each client's load driver
//! (its own process: ours is the `bench-client` program of this package, the Node.js one is
//! `bench/node_load.js`) call Get Checkout Session with 16 calls in flight and one at a time.
//! CPU time comes from `/proc/<pid>/stat` (utime + stime over the measured window), memory
//! from `/proc/<pid>/status` (`VmRSS` at the end, `VmHWM`). The table replaces the section
//! [`SECTION`] of `docs/benchmarks.md`.

use crate::cmd::{cargo, step, workspace_root};
use crate::node_sdk;
use amazon_pay_client::Client;
use amazon_pay_client::types::CreateCheckoutSessionRequest;
use serde_json::json;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The heading of the section of `docs/benchmarks.md` this command owns.
const SECTION: &str = "## Side by side with the official Node.js SDK";

/// Seconds each measured run lasts unless `--seconds` says otherwise.
const DEFAULT_SECONDS: f64 = 10.0;

/// The in-flight counts measured.
const CONCURRENCIES: [usize; 2] = [16, 1];

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut criterion = true;
    let mut seconds = DEFAULT_SECONDS;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--side-by-side-only" => criterion = false,
            "--seconds" => {
                seconds = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|s: &f64| *s > 0.0)
                    .ok_or("--seconds needs a positive number")?;
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}`; usage: cargo xtask bench [--side-by-side-only] [--seconds S]"
                ));
            }
        }
    }
    if criterion {
        step(
            "criterion benches",
            cargo(&[
                "bench",
                "--workspace",
                "--benches",
                "--",
                "--warm-up-time",
                "1",
                "--measurement-time",
                "3",
            ]),
        )?;
    }
    side_by_side(seconds)
}

/// One measured run of one driver.
#[derive(Debug, Clone)]
struct Measurement {
    calls: u64,
    errors: u64,
    seconds: f64,
    cpu_seconds: f64,
    rss_kib: u64,
    hwm_kib: u64,
}

impl Measurement {
    fn calls_per_second(&self) -> f64 {
        self.calls as f64 / self.seconds
    }

    fn cpu_micros_per_call(&self) -> f64 {
        if self.calls == 0 {
            return f64::NAN;
        }
        self.cpu_seconds * 1e6 / self.calls as f64
    }
}

/// The emulator process and what it printed.
struct EmulatorProcess {
    child: Child,
    base_url: String,
    host: String,
    key_id: String,
    store_id: String,
    key_path: PathBuf,
    ca_path: PathBuf,
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn side_by_side(seconds: f64) -> Result<(), String> {
    let interop = node_sdk::ensure_installed()?;
    step(
        "build the emulator and xtask (release)",
        cargo(&[
            "build",
            "--release",
            "-p",
            "amazon-pay-emulator",
            "-p",
            "xtask",
        ]),
    )?;
    let root = workspace_root();
    let release = target_dir(&root).join("release");
    let work = interop.join("bench");
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    let script = interop.join("bench-node.js");
    std::fs::write(&script, include_str!("bench/node_load.js"))
        .map_err(|e| format!("writing {}: {e}", script.display()))?;

    let emulator = start_emulator(&release.join("amazon-pay-emulator"), &work)?;
    let session = create_session(&emulator)?;
    println!(
        "xtask bench: emulator at {}, checkout session {session}",
        emulator.base_url
    );

    let ours = release.join("bench-client");
    let mut rows = Vec::new();
    for concurrency in CONCURRENCIES {
        let rust_driver = |bare: bool| {
            let mut rust = Command::new(&ours);
            rust.args(["--url", &emulator.base_url, "--key-id", &emulator.key_id])
                .arg("--key")
                .arg(&emulator.key_path)
                .arg("--ca")
                .arg(&emulator.ca_path)
                .args(["--session", &session])
                .args(["--concurrency", &concurrency.to_string()])
                .args(["--seconds", &seconds.to_string()]);
            if bare {
                rust.arg("--bare");
            }
            rust
        };
        let rust = measure(
            &format!("amazon-pay-rs, {concurrency} in flight"),
            rust_driver(false),
        )?;
        let bare = measure(
            &format!("bare hyper + aws-lc-rs, {concurrency} in flight"),
            rust_driver(true),
        )?;

        let mut node = Command::new("node");
        node.arg(&script)
            .args([&emulator.host, &emulator.key_id])
            .arg(&emulator.key_path)
            .args([&session, &concurrency.to_string(), &seconds.to_string()])
            .current_dir(&interop);
        let node = measure(&format!("Node.js SDK, {concurrency} in flight"), node)?;
        rows.push(Row {
            concurrency,
            ours: rust,
            bare,
            node,
        });
    }
    drop(emulator);

    let section = render_section(&rows, seconds);
    print!("\n{section}");
    let path = root.join("docs/benchmarks.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, replace_section(&current, &section))
        .map_err(|e| format!("writing {}: {e}", path.display()))?;
    println!("xtask bench: wrote the side-by-side section of docs/benchmarks.md");
    Ok(())
}

/// `CARGO_TARGET_DIR` or `target/` of the workspace.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// Starts the emulator binary over TLS on an ephemeral loopback port and reads its banner.
fn start_emulator(binary: &Path, work: &Path) -> Result<EmulatorProcess, String> {
    let key_path = work.join("emulator-key.pem");
    let ca_path = work.join("emulator-ca.pem");
    let mut child = Command::new(binary)
        .args(["--listen", "127.0.0.1:0", "--tls", "--private-key-out"])
        .arg(&key_path)
        .arg("--ca-out")
        .arg(&ca_path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().ok_or("no emulator stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let (mut base_url, mut key_id, mut store_id) = (None, None, None);
    let mut ca_written = false;
    for _ in 0..50 {
        let Some(Ok(line)) = lines.next() else { break };
        let value = |prefix: &str| {
            line.trim()
                .strip_prefix(prefix)
                .map(|v| v.trim().to_owned())
        };
        if let Some(v) = value("amazon-pay-emulator listening on") {
            base_url = Some(v);
        } else if let Some(v) = value("public key id") {
            key_id = Some(v);
        } else if let Some(v) = value("store id") {
            store_id = Some(v);
        } else if line.contains("CA") && line.contains("written") {
            ca_written = true;
        }
        if base_url.is_some() && key_id.is_some() && store_id.is_some() && ca_written {
            break;
        }
    }
    // Keep draining the emulator's stdout so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let mut process = EmulatorProcess {
        child,
        base_url: String::new(),
        host: String::new(),
        key_id: String::new(),
        store_id: String::new(),
        key_path,
        ca_path,
    };
    match (base_url, key_id, store_id, ca_written) {
        (Some(base_url), Some(key_id), Some(store_id), true) => {
            process.host = base_url
                .strip_prefix("https://")
                .ok_or_else(|| format!("the emulator's base URL `{base_url}` is not https"))?
                .trim_end_matches('/')
                .to_owned();
            process.base_url = base_url;
            process.key_id = key_id;
            process.store_id = store_id;
            Ok(process)
        }
        _ => Err("the emulator did not print its base URL, key id, store id and CA".to_owned()),
    }
}

/// Creates the checkout session both drivers read.
fn create_session(emulator: &EmulatorProcess) -> Result<String, String> {
    let ca = std::fs::read(&emulator.ca_path)
        .map_err(|e| format!("reading {}: {e}", emulator.ca_path.display()))?;
    let client = Client::builder()
        .public_key_id(emulator.key_id.as_str())
        .private_key_path(&emulator.key_path)
        .region("na")
        .endpoint(emulator.base_url.as_str())
        .add_root_certificate_pem(ca)
        .build()
        .map_err(|e| format!("configuring the client: {e}"))?;
    let request: CreateCheckoutSessionRequest = serde_json::from_value(json!({
        "storeId": emulator.store_id,
        "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://example.com/review" },
    }))
    .map_err(|e| format!("building the request: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))?;
    let session = runtime
        .block_on(client.create_checkout_session(&request).into_future())
        .map_err(|e| format!("creating the checkout session: {e}"))?;
    let body = serde_json::to_value(session.body()).map_err(|e| e.to_string())?;
    body["checkoutSessionId"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "no checkoutSessionId".to_owned())
}

/// Reads one line of a driver's stdout.
fn expect_line(reader: &mut BufReader<ChildStdout>, what: &str) -> Result<String, String> {
    let mut line = String::new();
    let n = reader
        .read_line(&mut line)
        .map_err(|e| format!("{what}: reading the driver's output: {e}"))?;
    if n == 0 {
        return Err(format!("{what}: the driver exited early"));
    }
    Ok(line.trim().to_owned())
}

/// utime + stime of a process, in seconds.
fn cpu_seconds(pid: u32, ticks_per_second: f64) -> Result<f64, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("reading /proc/{pid}/stat: {e}"))?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat
        .rsplit_once(')')
        .map(|(_, r)| r)
        .ok_or("unexpected /proc/<pid>/stat format")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state); utime and stime are fields 14 and 15.
    let field = |n: usize| -> Result<f64, String> {
        fields
            .get(n - 3)
            .and_then(|v| v.parse::<f64>().ok())
            .ok_or_else(|| format!("no field {n} in /proc/{pid}/stat"))
    };
    Ok((field(14)? + field(15)?) / ticks_per_second)
}

/// `VmRSS` and `VmHWM` of a process, in KiB.
fn memory_kib(pid: u32) -> Result<(u64, u64), String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("reading /proc/{pid}/status: {e}"))?;
    let field = |name: &str| -> Result<u64, String> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("no {name} in /proc/{pid}/status"))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 when getconf is missing).
fn ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Parses `done calls=N errors=E seconds=S`.
fn parse_done(line: &str) -> Result<(u64, u64, f64), String> {
    let mut calls = None;
    let mut errors = None;
    let mut seconds = None;
    for part in line
        .strip_prefix("done")
        .ok_or("expected `done ...`")?
        .split_whitespace()
    {
        match part.split_once('=') {
            Some(("calls", v)) => calls = v.parse().ok(),
            Some(("errors", v)) => errors = v.parse().ok(),
            Some(("seconds", v)) => seconds = v.parse().ok(),
            _ => {}
        }
    }
    match (calls, errors, seconds) {
        (Some(c), Some(e), Some(s)) => Ok((c, e, s)),
        _ => Err(format!("unexpected driver output `{line}`")),
    }
}

/// Runs one driver and measures it over its measured window.
fn measure(what: &str, mut command: Command) -> Result<Measurement, String> {
    println!("==> {what}");
    let ticks = ticks_per_second();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{what}: could not start: {e}"))?;
    let pid = child.id();
    let result = (|| {
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut reader = BufReader::new(stdout);
        let ready = expect_line(&mut reader, what)?;
        if ready != "ready" {
            return Err(format!("{what}: expected `ready`, got `{ready}`"));
        }
        let cpu_start = cpu_seconds(pid, ticks)?;
        let done = expect_line(&mut reader, what)?;
        let cpu_end = cpu_seconds(pid, ticks)?;
        let (rss_kib, hwm_kib) = memory_kib(pid)?;
        let (calls, errors, seconds) = parse_done(&done)?;
        Ok(Measurement {
            calls,
            errors,
            seconds,
            cpu_seconds: cpu_end - cpu_start,
            rss_kib,
            hwm_kib,
        })
    })();
    // Closing stdin lets the driver exit.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.flush();
    }
    if result.is_err() {
        let _ = child.kill();
    }
    let _ = child.wait();
    let m = result?;
    println!(
        "<== {what}: {:.0} calls/s, {} errors, {:.0} µs CPU per call, RSS {} KiB (peak {} KiB)",
        m.calls_per_second(),
        m.errors,
        m.cpu_micros_per_call(),
        m.rss_kib,
        m.hwm_kib
    );
    if m.errors > 0 {
        return Err(format!("{what}: {} calls failed", m.errors));
    }
    Ok(m)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// The three drivers at one concurrency.
struct Row {
    concurrency: usize,
    ours: Measurement,
    bare: Measurement,
    node: Measurement,
}

/// The Markdown section with the figures.
fn render_section(rows: &[Row], seconds: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{SECTION}\n");
    let _ = writeln!(
        out,
        "Get Checkout Session against one emulator (release build, TLS, its own process on the \
         same machine), each client a process of its own: ours is `bench-client` \
         (a program of the xtask package that links only `amazon-pay-client`, aws-lc-rs, tokio \
         multi-thread with its default workers), the same program with `--bare` (the least a \
         signed call needs, as a ceiling: a hyper client over rustls and `amazon-pay-signing` \
         with aws-lc-rs on the async worker, no retries, timeouts, idempotency, tracing or \
         off-worker signing), and the official \
         `{}` {} on Node.js {}. One-second warm-up, then {seconds} s measured. CPU is \
         utime + stime of the client process over the measured window; memory is its `VmRSS` \
         at the end and `VmHWM` (peak).\n",
        node_sdk::PACKAGE,
        node_sdk::VERSION,
        node_version()
    );
    let _ = writeln!(
        out,
        "```\ncargo xtask bench --side-by-side-only --seconds {seconds}\n```\n"
    );
    let _ = writeln!(
        out,
        "| in flight | client | signed calls/s | CPU per call | RSS (end) | RSS (peak) |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- |");
    for row in rows {
        let concurrency = row.concurrency;
        for (name, m) in [
            ("amazon-pay-rs", &row.ours),
            ("bare hyper + aws-lc-rs", &row.bare),
            ("Node.js SDK", &row.node),
        ] {
            let _ = writeln!(
                out,
                "| {concurrency} | {name} | {:.0} | {:.0} µs | {} | {} |",
                m.calls_per_second(),
                m.cpu_micros_per_call(),
                mib(m.rss_kib),
                mib(m.hwm_kib)
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| ratio (ours / Node.js) | calls/s | target | CPU per call | RSS (peak) | target | \
         bare / Node.js calls/s | ours / bare calls/s |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for row in rows {
        let (concurrency, rust, bare, node) = (row.concurrency, &row.ours, &row.bare, &row.node);
        let target = if concurrency == 1 {
            "≥ 8×"
        } else {
            "≥ 5×"
        };
        let _ = writeln!(
            out,
            "| {concurrency} in flight | {:.2}× | {target} | {:.2}× | {:.3}× | ≤ 0.10× | {:.2}× | \
             {:.2}× |",
            rust.calls_per_second() / node.calls_per_second(),
            rust.cpu_micros_per_call() / node.cpu_micros_per_call(),
            rust.hwm_kib as f64 / node.hwm_kib as f64,
            bare.calls_per_second() / node.calls_per_second(),
            rust.calls_per_second() / bare.calls_per_second(),
        );
    }
    out
}

fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "(unknown)".to_owned())
}

/// Replaces the section [`SECTION`] (up to the next `## ` heading) of `doc`, or appends it.
fn replace_section(doc: &str, section: &str) -> String {
    let Some(start) = doc.find(SECTION) else {
        let mut out = doc.trim_end().to_owned();
        out.push_str("\n\n");
        out.push_str(section);
        return out;
    };
    let after = start + SECTION.len();
    let end = doc[after..]
        .find("\n## ")
        .map(|i| after + i + 1)
        .unwrap_or(doc.len());
    let mut out = String::with_capacity(doc.len() + section.len());
    out.push_str(&doc[..start]);
    out.push_str(section);
    if end < doc.len() {
        out.push('\n');
        out.push_str(&doc[end..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_replaced_in_place_or_appended() {
        let doc =
            "# B\n\n## a\nx\n\n## Side by side with the official Node.js SDK\nold\n\n## c\ny\n";
        let new = format!("{SECTION}\n\nnew\n");
        let out = replace_section(doc, &new);
        assert_eq!(out, format!("# B\n\n## a\nx\n\n{new}\n## c\ny\n"));
        let appended = replace_section("# B\n\n## a\nx\n", &new);
        assert_eq!(appended, format!("# B\n\n## a\nx\n\n{new}"));
        assert_eq!(replace_section(&appended, &new), appended);
    }

    #[test]
    fn driver_output_is_parsed() {
        assert_eq!(
            parse_done("done calls=10 errors=0 seconds=2.5").unwrap(),
            (10, 0, 2.5)
        );
        assert!(parse_done("done calls=x").is_err());
        assert!(parse_done("ready").is_err());
    }

    #[test]
    fn own_process_figures_are_read() {
        let pid = std::process::id();
        assert!(cpu_seconds(pid, ticks_per_second()).unwrap() >= 0.0);
        let (rss, hwm) = memory_kib(pid).unwrap();
        assert!(rss > 0 && hwm >= rss);
    }
}
