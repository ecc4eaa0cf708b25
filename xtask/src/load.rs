//! `cargo xtask load [--seconds N] [--rate R]`: the emulator program (a child process, built in
//! release) under a steady open-loop load of signed, mixed API calls from this process over
//! loopback: creates, gets and updates of checkout sessions, with 1% of requests answered by an
//! injected `503`. Reports the statuses, latencies and the child's memory (VmRSS sampled every
//! second) and fails on any answer that is not a success or an injected fault, on a panic, or if
//! the child dies.

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use amazon_pay_client::types::{CreateCheckoutSessionRequest, UpdateCheckoutSessionRequest};
use amazon_pay_client::{Client, RetryPolicy};
use serde_json::json;

use crate::cmd::{cargo, step, workspace_root};
use crate::flags;

/// Requests in flight at most; beyond that the driver is saturated and the send is counted as shed.
const MAX_IN_FLIGHT: usize = 1_024;
/// Share of requests answered by an injected `503` (before processing).
const FAULT_FRACTION: f64 = 0.01;
/// Peak VmRSS above which memory is not called bounded.
const RSS_LIMIT_KIB: u64 = 1024 * 1024;

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let values = flags::numeric("load", args, &["--seconds", "--rate"])?;
    let seconds = values[0].unwrap_or(60).max(1);
    let rate = values[1].unwrap_or(2_000).max(1);
    step(
        "build the emulator (release)",
        cargo(&[
            "build",
            "--quiet",
            "--release",
            "-p",
            "amazon-pay-emulator",
            "--bin",
            "amazon-pay-emulator",
        ]),
    )?;
    let dir = std::env::temp_dir().join(format!("amazon-pay-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("load: {}: {e}", dir.display()))?;
    let mut child = Emulator::start(&dir)?;
    let result = drive(&child, seconds, rate);
    let alive = matches!(child.process.try_wait(), Ok(None));
    let _ = child.process.kill();
    let _ = child.process.wait();
    let stderr = std::fs::read_to_string(dir.join("stderr.txt")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let mut report = result?;
    report.alive = alive;
    report.panicked = stderr.contains("panicked");
    report.print(seconds, rate);
    report.verdict()
}

/// The emulator program running as a child.
struct Emulator {
    process: Child,
    base_url: String,
    key_id: String,
    key_path: PathBuf,
    addr: String,
}

impl Emulator {
    fn start(dir: &Path) -> Result<Emulator, String> {
        let binary = workspace_root().join("target/release/amazon-pay-emulator");
        let key_path = dir.join("key.pem");
        let stderr = std::fs::File::create(dir.join("stderr.txt"))
            .map_err(|e| format!("load: stderr file: {e}"))?;
        let mut process = Command::new(&binary)
            .args(["--listen", "127.0.0.1:0", "--private-key-out"])
            .arg(&key_path)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("load: starting {}: {e}", binary.display()))?;
        let stdout = process.stdout.take().ok_or("load: no stdout")?;
        let (mut base_url, mut key_id) = (None, None);
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("load: reading the emulator's output: {e}"))?;
            if let Some(url) = line.strip_prefix("amazon-pay-emulator listening on ") {
                base_url = Some(url.trim().to_owned());
            } else if let Some(id) = line.trim().strip_prefix("public key id ") {
                key_id = Some(id.trim().to_owned());
            } else if line.trim().starts_with("private key") {
                break;
            }
        }
        let (Some(base_url), Some(key_id)) = (base_url, key_id) else {
            let _ = process.kill();
            return Err("load: the emulator did not print its URL and key id".to_owned());
        };
        let addr = base_url.trim_start_matches("http://").to_owned();
        Ok(Emulator {
            process,
            base_url,
            key_id,
            key_path,
            addr,
        })
    }

    /// POSTs JSON to the admin API (plain HTTP/1.1 on a fresh connection).
    fn admin_post(&self, path: &str, body: &serde_json::Value) -> Result<(), String> {
        let body = body.to_string();
        let mut stream =
            TcpStream::connect(&self.addr).map_err(|e| format!("load: admin API: {e}"))?;
        write!(
            stream,
            "POST /__admin/{path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .map_err(|e| format!("load: admin API: {e}"))?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(|e| format!("load: admin API: {e}"))?;
        if answer.starts_with("HTTP/1.1 2") {
            Ok(())
        } else {
            Err(format!(
                "load: admin API {path} answered {}",
                answer.lines().next().unwrap_or("nothing")
            ))
        }
    }

    /// User plus system CPU seconds the child has used (clock ticks of 1/100 s).
    fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.process.id())).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(ticks as f64 / 100.0)
    }

    fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.process.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

/// What one request came back with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Status(u16),
    InjectedFault,
    Failed(String),
}

#[derive(Default)]
struct Tally {
    outcomes: BTreeMap<(&'static str, Outcome), u64>,
    latencies_us: Vec<u32>,
    shed: u64,
}

/// The figures of a run.
struct Report {
    tally: Tally,
    sent: u64,
    elapsed: f64,
    rss: Vec<u64>,
    cpu_seconds: Option<f64>,
    alive: bool,
    panicked: bool,
}

fn drive(child: &Emulator, seconds: u64, rate: u64) -> Result<Report, String> {
    child.admin_post(
        "faults",
        &json!({
            "path": "/v2/*",
            "action": { "status": 503 },
            "trigger": { "fraction": { "fraction": FAULT_FRACTION, "seed": 7 } },
        }),
    )?;
    let client = Client::builder()
        .public_key_id(&child.key_id)
        .private_key_path(&child.key_path)
        .region("na")
        .endpoint(&child.base_url)
        .retry_policy(RetryPolicy::none())
        .attempt_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| format!("load: configuring the client: {e}"))?;
    let store_id = child_store_id(child)?;

    let rss = Arc::new(Mutex::new(Vec::new()));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (rss, sampling) = (Arc::clone(&rss), Arc::clone(&sampling));
        let pid = child.process.id();
        std::thread::spawn(move || {
            while sampling.load(Ordering::Relaxed) {
                let status = std::fs::read_to_string(format!("/proc/{pid}/status"));
                if let Some(kib) = status.ok().as_deref().and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("VmRSS:"))
                        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                }) {
                    lock(&rss).push(kib);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };
    if let Some(kib) = child.rss_kib() {
        lock(&rss).push(kib);
    }

    let cpu_before = child.cpu_seconds();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("load: starting the async runtime: {e}"))?;
    let (tally, sent, elapsed) = runtime.block_on(send_all(client, store_id, seconds, rate));
    // One more sample after the load, then stop sampling.
    std::thread::sleep(Duration::from_secs(1));
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    if let Some(kib) = child.rss_kib() {
        lock(&rss).push(kib);
    }
    let rss = lock(&rss).clone();
    let cpu_seconds = match (cpu_before, child.cpu_seconds()) {
        (Some(before), Some(after)) => Some(after - before),
        _ => None,
    };
    Ok(Report {
        cpu_seconds,
        tally,
        sent,
        elapsed,
        rss,
        alive: true,
        panicked: false,
    })
}

fn child_store_id(child: &Emulator) -> Result<String, String> {
    let mut stream = TcpStream::connect(&child.addr).map_err(|e| format!("load: {e}"))?;
    write!(
        stream,
        "GET /__admin/info HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n\r\n",
        child.addr
    )
    .map_err(|e| format!("load: {e}"))?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| format!("load: {e}"))?;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let info: serde_json::Value = serde_json::from_str(body.trim())
        .or_else(|_| {
            // A chunked body: the JSON is between the first and the last chunk sizes.
            let start = body.find('{').unwrap_or(0);
            let end = body.rfind('}').map_or(body.len(), |i| i + 1);
            serde_json::from_str(&body[start..end])
        })
        .map_err(|e| format!("load: /__admin/info: {e}"))?;
    info["storeId"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "load: /__admin/info has no storeId".to_owned())
}

async fn send_all(client: Client, store_id: String, seconds: u64, rate: u64) -> (Tally, u64, f64) {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let recent: Arc<Mutex<VecDeque<String>>> = Arc::new(Mutex::new(VecDeque::new()));
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    let total = seconds * rate;
    let started = tokio::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..total {
        let due = started + Duration::from_secs_f64(n as f64 / rate as f64);
        tokio::time::sleep_until(due).await;
        while tasks.try_join_next().is_some() {}
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            lock(&tally).shed += 1;
            continue;
        };
        let (client, store_id, tally, recent) = (
            client.clone(),
            store_id.clone(),
            Arc::clone(&tally),
            Arc::clone(&recent),
        );
        tasks.spawn(async move {
            let _permit = permit;
            let sent = Instant::now();
            let target = lock(&recent).get((n as usize * 7) % 997).cloned();
            let (op, outcome) = one(&client, &store_id, n, target, &recent).await;
            let us = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
            let mut t = lock(&tally);
            *t.outcomes.entry((op, outcome)).or_default() += 1;
            t.latencies_us.push(us);
        });
    }
    while tasks.join_next().await.is_some() {}
    let elapsed = started.elapsed().as_secs_f64();
    let tally = std::mem::take(&mut *lock(&tally));
    (tally, total, elapsed)
}

/// One request of the mix: 30% creates, 50% gets, 20% updates (gets and updates of recently
/// created sessions; creates while there are none yet).
async fn one(
    client: &Client,
    store_id: &str,
    n: u64,
    target: Option<String>,
    recent: &Mutex<VecDeque<String>>,
) -> (&'static str, Outcome) {
    let pick = n % 10;
    match target {
        Some(id) if pick < 5 => {
            let result = client.get_checkout_session(&id).await;
            ("get", classify(result.map(|r| r.status().as_u16())))
        }
        Some(id) if pick < 7 => {
            let request: Result<UpdateCheckoutSessionRequest, _> = serde_json::from_value(json!({
                "merchantMetadata": { "merchantReferenceId": format!("load-{n}") },
            }));
            let Ok(request) = request else {
                return ("update", Outcome::Failed("building the request".to_owned()));
            };
            let result = client.update_checkout_session(&id, &request).await;
            ("update", classify(result.map(|r| r.status().as_u16())))
        }
        _ => {
            let request: Result<CreateCheckoutSessionRequest, _> = serde_json::from_value(json!({
                "storeId": store_id,
                "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
            }));
            let Ok(request) = request else {
                return ("create", Outcome::Failed("building the request".to_owned()));
            };
            let result = client.create_checkout_session(&request).await;
            if let Ok(created) = &result {
                let mut r = lock(recent);
                r.push_front(created.body().checkout_session_id.as_str().to_owned());
                r.truncate(1_000);
            }
            ("create", classify(result.map(|r| r.status().as_u16())))
        }
    }
}

fn classify(result: Result<u16, amazon_pay_client::Error>) -> Outcome {
    match result {
        Ok(status) => Outcome::Status(status),
        Err(e)
            if e.status().map(|s| s.as_u16()) == Some(503)
                && e.message().starts_with("Injected fault") =>
        {
            Outcome::InjectedFault
        }
        Err(e) => Outcome::Failed(match e.status() {
            Some(status) => format!("{} {}", status.as_u16(), e.reason_code().unwrap_or("")),
            None => format!("{:?}", e.kind()),
        }),
    }
}

impl Report {
    fn unexpected(&self) -> u64 {
        self.tally
            .outcomes
            .iter()
            .filter(|((_, o), _)| matches!(o, Outcome::Failed(_)))
            .map(|(_, n)| n)
            .sum()
    }

    fn print(&self, seconds: u64, rate: u64) {
        let answered: u64 = self.tally.outcomes.values().sum();
        println!();
        println!(
            "  target                {rate} requests/s for {seconds} s ({} requests)",
            self.sent
        );
        println!(
            "  answered              {answered} in {:.1} s ({:.0} requests/s), shed by the driver {}",
            self.elapsed,
            answered as f64 / self.elapsed.max(0.001),
            self.tally.shed
        );
        for ((op, outcome), n) in &self.tally.outcomes {
            let what = match outcome {
                Outcome::Status(s) => format!("{s}"),
                Outcome::InjectedFault => "503 injected".to_owned(),
                Outcome::Failed(f) => format!("UNEXPECTED {f}"),
            };
            println!("    {op:<8} {what:<24} {n}");
        }
        let mut latencies = self.tally.latencies_us.clone();
        latencies.sort_unstable();
        let at = |q: f64| {
            latencies
                .get(((latencies.len() as f64 - 1.0) * q) as usize)
                .map_or(0.0, |us| f64::from(*us) / 1000.0)
        };
        println!(
            "  latency (ms)          p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
            at(0.5),
            at(0.9),
            at(0.99),
            at(1.0)
        );
        let mib = |kib: u64| kib as f64 / 1024.0;
        if let (Some(first), Some(last)) = (self.rss.first(), self.rss.last()) {
            let peak = self.rss.iter().max().copied().unwrap_or(0);
            println!(
                "  emulator VmRSS (MiB)  start {:.1}, peak {:.1}, end {:.1} ({} samples)",
                mib(*first),
                mib(peak),
                mib(*last),
                self.rss.len()
            );
        }
        let every_ten: Vec<String> = self
            .rss
            .iter()
            .step_by(10)
            .map(|kib| format!("{:.0}", mib(*kib)))
            .collect();
        println!("  VmRSS every 10 s      {} MiB", every_ten.join(", "));
        if let Some(cpu) = self.cpu_seconds {
            println!(
                "  emulator CPU          {cpu:.1} s in {:.1} s ({:.2} cores)",
                self.elapsed,
                cpu / self.elapsed.max(0.001)
            );
        }
        println!("  unexpected answers    {}", self.unexpected());
        println!(
            "  emulator panicked     {}",
            if self.panicked { "yes" } else { "no" }
        );
        println!(
            "  emulator alive at end {}",
            if self.alive { "yes" } else { "no" }
        );
        println!();
    }

    fn verdict(&self) -> Result<(), String> {
        let peak = self.rss.iter().max().copied().unwrap_or(0);
        let mut problems = Vec::new();
        if self.unexpected() > 0 {
            problems.push(format!("{} unexpected answers", self.unexpected()));
        }
        if self.panicked {
            problems.push("the emulator panicked".to_owned());
        }
        if !self.alive {
            problems.push("the emulator died".to_owned());
        }
        if peak > RSS_LIMIT_KIB {
            problems.push(format!("peak VmRSS {peak} KiB over {RSS_LIMIT_KIB} KiB"));
        }
        if problems.is_empty() {
            println!("xtask load: the emulator held up");
            Ok(())
        } else {
            Err(format!("load: {}", problems.join(", ")))
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
