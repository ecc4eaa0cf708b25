//! `cargo xtask load [--seconds N] [--rate R]`: the emulator program (a child process, built in
//! release) under a steady open-loop load of signed, mixed API calls from this process over
//! loopback: creates, gets and updates of checkout sessions, with 1% of requests answered by an
//! injected `503`. Reports the statuses, latencies and the child's memory (VmRSS sampled every
//! second) and fails on any answer that is not a success or an injected fault, on a panic, or if
//! the child dies.
//!
//! Only creates carry a fresh signature (and idempotency key) each. Gets and updates go to a
//! small pool of sessions created in the current stretch of the run, through a second client
//! whose signing time is pinned (re-pinned every five minutes, well inside the 15-minute
//! `x-amz-pay-date` window) and whose signer remembers its signatures by string to sign: the same
//! GET, or the same idempotent PATCH of one session, is signed once and then replayed.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use amazon_pay_client::Clock;
use amazon_pay_client::types::{
    CreateCheckoutSessionRequest, ReasonCode, UpdateCheckoutSessionRequest,
};
use amazon_pay_client::{Algorithm, Client, PrivateKey, RetryPolicy, Signer};
use serde_json::json;

use crate::cmd::{cargo, step, workspace_root};
use crate::emulator_process::EmulatorProcess as Emulator;
use crate::flags;

/// Requests in flight at most; beyond that the driver is saturated and the send is counted as shed.
const MAX_IN_FLIGHT: usize = 1_024;
/// Share of requests answered by an injected `503` (before processing).
const FAULT_FRACTION: f64 = 0.01;
/// Peak VmRSS above which memory is not called bounded.
const RSS_LIMIT_KIB: u64 = 1024 * 1024;
/// Requests per stretch of the run; gets and updates use sessions created in the current stretch
/// (or the one before while the current one has none yet). Two stretches create at most 30% of
/// 2 × 8,000 = 4,800 sessions, well below the 10,000 the emulator keeps, so none is evicted while
/// in use.
const STRETCH: u64 = 8_000;
/// Sessions per stretch that gets and updates go to.
const POOL: usize = 200;
/// How often the pinned signing time moves forward (the service accepts 15 minutes of skew).
const REPIN: Duration = Duration::from_secs(5 * 60);
/// Remembered signatures at most; beyond that the memory starts afresh (2 stretches × 200
/// sessions × 2 requests are live at a time).
const MEMO_LIMIT: usize = 4_096;

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
    let binary = workspace_root().join("target/release/amazon-pay-emulator");
    let mut child = Emulator::start(&binary, &dir, &[])?;
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
    /// Signatures of gets and updates: made, reused.
    signatures: (u64, u64),
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
    let replay_signer = Arc::new(Memo::new(
        PrivateKey::from_pem_file(&child.key_path)
            .map_err(|e| format!("load: reading the emulator's key: {e}"))?,
    ));
    let replay = Client::builder()
        .public_key_id(&child.key_id)
        .signer(Arc::clone(&replay_signer))
        .clock(PinnedClock::new())
        .region("na")
        .endpoint(&child.base_url)
        .retry_policy(RetryPolicy::none())
        .attempt_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| format!("load: configuring the replaying client: {e}"))?;
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
    let clients = Clients {
        fresh: client,
        replay,
        store_id,
    };
    let (tally, sent, elapsed) = runtime.block_on(send_all(clients, seconds, rate));
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
        signatures: (
            replay_signer.made.load(Ordering::Relaxed),
            replay_signer.reused.load(Ordering::Relaxed),
        ),
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

/// The two clients of a run and the store the sessions belong to.
struct Clients {
    /// Signs every request afresh (creates).
    fresh: Client,
    /// Pinned signing time and remembered signatures (gets and updates of pooled sessions).
    replay: Client,
    store_id: String,
}

/// Sessions that gets and updates go to: at most [`POOL`] per stretch of [`STRETCH`] requests,
/// for the current stretch and the one before.
#[derive(Default)]
struct Pools {
    by_stretch: BTreeMap<u64, Vec<String>>,
}

impl Pools {
    /// Keeps a session created by request `n` if its stretch's pool has room.
    fn add(&mut self, n: u64, id: &str) {
        let stretch = n / STRETCH;
        let pool = self.by_stretch.entry(stretch).or_default();
        if pool.len() < POOL {
            pool.push(id.to_owned());
        }
        self.by_stretch
            .retain(|s, _| s.saturating_add(1) >= stretch);
    }

    /// The session request `n` goes to: one of the current stretch, else of the one before.
    fn pick(&self, n: u64) -> Option<String> {
        let stretch = n / STRETCH;
        let pool = [Some(stretch), stretch.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|s| self.by_stretch.get(&s))
            .find(|p| !p.is_empty())?;
        pool.get((n as usize).wrapping_mul(7) % pool.len()).cloned()
    }
}

async fn send_all(clients: Clients, seconds: u64, rate: u64) -> (Tally, u64, f64) {
    let clients = Arc::new(clients);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let pools = Arc::new(Mutex::new(Pools::default()));
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
        let (clients, tally, pools) =
            (Arc::clone(&clients), Arc::clone(&tally), Arc::clone(&pools));
        tasks.spawn(async move {
            let _permit = permit;
            let sent = Instant::now();
            let target = lock(&pools).pick(n);
            let (op, outcome) = one(&clients, n, target, &pools).await;
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

/// One request of the mix: 30% creates, 50% gets, 20% updates (gets and updates of pooled
/// sessions, replayed signatures; creates while there are none yet). An update always sends the
/// same body for a session, so it is the same idempotent request each time.
async fn one(
    clients: &Clients,
    n: u64,
    target: Option<String>,
    pools: &Mutex<Pools>,
) -> (&'static str, Outcome) {
    let pick = n % 10;
    match target {
        Some(id) if pick < 5 => {
            let result = clients.replay.get_checkout_session(&id).await;
            ("get", classify(result.map(|r| r.status().as_u16())))
        }
        Some(id) if pick < 7 => {
            let request: Result<UpdateCheckoutSessionRequest, _> = serde_json::from_value(json!({
                "merchantMetadata": { "merchantReferenceId": format!("load-{id}") },
            }));
            let Ok(request) = request else {
                return ("update", Outcome::Failed("building the request".to_owned()));
            };
            let result = clients.replay.update_checkout_session(&id, &request).await;
            ("update", classify(result.map(|r| r.status().as_u16())))
        }
        _ => {
            let request: Result<CreateCheckoutSessionRequest, _> = serde_json::from_value(json!({
                "storeId": clients.store_id,
                "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
            }));
            let Ok(request) = request else {
                return ("create", Outcome::Failed("building the request".to_owned()));
            };
            let result = clients.fresh.create_checkout_session(&request).await;
            if let Ok(created) = &result {
                lock(pools).add(n, created.body().checkout_session_id.as_str());
            }
            ("create", classify(result.map(|r| r.status().as_u16())))
        }
    }
}

/// A signing time that stands still, moving forward by [`REPIN`] steps, so that a request signed
/// once can be sent again with the same `x-amz-pay-date` and signature.
#[derive(Debug)]
struct PinnedClock {
    start: SystemTime,
    origin: Instant,
}

impl PinnedClock {
    fn new() -> Self {
        PinnedClock {
            start: SystemTime::now(),
            origin: Instant::now(),
        }
    }
}

/// `start` plus whole [`REPIN`] steps of `elapsed`.
fn pinned(start: SystemTime, elapsed: Duration) -> SystemTime {
    let steps = elapsed.as_secs() / REPIN.as_secs();
    start + REPIN * u32::try_from(steps).unwrap_or(u32::MAX)
}

impl Clock for PinnedClock {
    fn now(&self) -> SystemTime {
        pinned(self.start, self.origin.elapsed())
    }
}

/// The algorithm and the string to sign of a signature.
type SignedMessage = (Algorithm, Vec<u8>);

/// A signer that remembers its signatures by string to sign: a request signed before (same
/// method, path, body, headers and `x-amz-pay-date`) gets the same, still valid, signature.
struct Memo<S> {
    inner: S,
    signatures: Mutex<HashMap<SignedMessage, Vec<u8>>>,
    made: AtomicU64,
    reused: AtomicU64,
}

impl<S> Memo<S> {
    fn new(inner: S) -> Self {
        Memo {
            inner,
            signatures: Mutex::new(HashMap::new()),
            made: AtomicU64::new(0),
            reused: AtomicU64::new(0),
        }
    }
}

impl<S> std::fmt::Debug for Memo<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("remembered", &lock(&self.signatures).len())
            .finish_non_exhaustive()
    }
}

impl<S: Signer> Signer for Memo<S> {
    fn sign(
        &self,
        algorithm: Algorithm,
        message: &[u8],
    ) -> Result<Vec<u8>, amazon_pay_signing::Error> {
        let key = (algorithm, message.to_vec());
        if let Some(signature) = lock(&self.signatures).get(&key) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(signature.clone());
        }
        // Signed outside the lock; two tasks may sign the same message, both are valid.
        let signature = self.inner.sign(algorithm, message)?;
        self.made.fetch_add(1, Ordering::Relaxed);
        let mut signatures = lock(&self.signatures);
        if signatures.len() >= MEMO_LIMIT {
            signatures.clear();
        }
        signatures.insert(key, signature.clone());
        Ok(signature)
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
            Some(status) => format!(
                "{} {}",
                status.as_u16(),
                e.reason_code().map_or("", ReasonCode::as_str)
            ),
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
        let (made, reused) = self.signatures;
        println!("  gets and updates      {made} signatures made, {reused} reused");
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Signs by counting: the n-th signature is `[n]`.
    #[derive(Debug, Default)]
    struct Counting(AtomicU64);

    impl Signer for Counting {
        fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
            Ok(vec![self.0.fetch_add(1, Ordering::Relaxed) as u8])
        }
    }

    #[test]
    fn a_message_is_signed_once_and_replayed() {
        let memo = Memo::new(Counting::default());
        let first = memo.sign(Algorithm::V2, b"get a").unwrap();
        assert_eq!(memo.sign(Algorithm::V2, b"get a").unwrap(), first);
        let other = memo.sign(Algorithm::V2, b"patch a").unwrap();
        assert_ne!(other, first);
        assert_eq!(memo.made.load(Ordering::Relaxed), 2);
        assert_eq!(memo.reused.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn the_memory_is_bounded() {
        let memo = Memo::new(Counting::default());
        for i in 0..MEMO_LIMIT + 10 {
            memo.sign(Algorithm::V2, &i.to_be_bytes()).unwrap();
        }
        assert!(lock(&memo.signatures).len() <= MEMO_LIMIT);
    }

    #[test]
    fn the_pinned_time_moves_in_whole_steps() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(pinned(start, Duration::ZERO), start);
        assert_eq!(pinned(start, REPIN - Duration::from_millis(1)), start);
        assert_eq!(
            pinned(start, REPIN * 2 + Duration::from_secs(1)),
            start + REPIN * 2
        );
    }

    #[test]
    fn pools_hold_the_current_and_the_previous_stretch() {
        let mut pools = Pools::default();
        assert_eq!(pools.pick(0), None);
        for i in 0..POOL + 5 {
            pools.add(i as u64, &format!("s{i}"));
        }
        assert_eq!(pools.by_stretch[&0].len(), POOL);
        // Early in the next stretch, before any session of its own: the previous pool.
        assert!(pools.pick(STRETCH).is_some_and(|id| id.starts_with('s')));
        pools.add(STRETCH + 1, "t");
        assert_eq!(pools.pick(STRETCH + 2).as_deref(), Some("t"));
        // Two stretches on, the first pool is gone.
        pools.add(2 * STRETCH, "u");
        assert!(!pools.by_stretch.contains_key(&0));
        assert_eq!(pools.pick(2 * STRETCH).as_deref(), Some("u"));
    }
}
