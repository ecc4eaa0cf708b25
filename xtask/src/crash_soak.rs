//! `cargo xtask crash-soak [--orders N] [--kills K] [--seed S] [--db sqlite|postgres]
//! [--instances 1|2] [--max-seconds T]`: the storefront's payment worker, as a child process,
//! killed with SIGKILL K times while it drives N orders against the emulator program, then an
//! audit of the emulator against the database (docs/reliability.md).
//!
//! 1. The emulator program starts as its own process (`--ipn-redelivery` short, `--max-objects`
//!    large enough to keep every object and notification of the run), with a delay after
//!    processing on half of the POSTs, so a kill during a call has a window to land in.
//! 2. N orders are recorded in the database (SQLite in a file, or a PostgreSQL server of the
//!    run's own), each with its payments drawn from the seed: checkout, the buyer's approval,
//!    complete, capture; a share refunded once or twice; a share recurring (a second charge).
//! 3. `storefront worker --markers` runs as a child (two sharing PostgreSQL with
//!    `--instances 2`); notifications go to the first one's `/ipn`. Each prints
//!    `step sent|answered|committed REFERENCE STEP`. The parent draws each kill from the seed:
//!    a phase (during a call: on `sent`; after the answer and before its commit: on `answered`;
//!    before the next call: on `committed`), a kind of step (checkout, approve, complete,
//!    capture, refund, charge) and how many markers of that phase and kind to let pass; it
//!    kills the worker that printed the chosen marker as soon as it reads it, then restarts it
//!    after a seeded pause of up to 300 ms. Notifications in flight, or sent while it is down, get
//!    no 2xx and are redelivered.
//! 4. The run ends when every kill landed and a worker reports `idle` (every order final), or
//!    after `--max-seconds`. The audit then repeats while notifications are redelivered and the
//!    inbox is worked off (as long as violations keep going down within 30 s, at most 10
//!    minutes) and reports; any violation, or fewer kills than asked, fails the command.

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use amazon_pay_emulator::Fault;
use amazon_pay_storefront::{AuditReport, Database, EmulatorAdmin, LocalPostgres};
use http::Method;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::cmd::{cargo, step, workspace_root};
use crate::emulator_process::EmulatorProcess;
use crate::flags;

/// Claims on steps and inbox rows: a killed worker's step is resumed this long after the kill.
const LEASE_MS: u64 = 3_000;
/// The longest pause before a killed worker restarts.
const MAX_RESTART_PAUSE_MS: u64 = 300;
/// The audit waits for notifications and the inbox to settle as long as it sees progress within
/// this long…
const SETTLE: Duration = Duration::from_secs(30);
/// …and at most this long.
const SETTLE_MAX: Duration = Duration::from_secs(600);
/// The kinds of step a kill is aimed at, with how many of each an order has on average (one
/// in five orders is refunded once, one in five twice, one in five is recurring).
const STEP_KINDS: [(&str, f64); 6] = [
    ("checkout", 1.0),
    ("approve", 1.0),
    ("complete", 1.0),
    ("capture", 1.0),
    ("refund", 0.6),
    ("charge", 0.2),
];

/// Where a kill lands, from the marker it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// After `committed`: before the next call.
    BeforeCall,
    /// After `sent`: the call is in flight.
    DuringCall,
    /// After `answered`: the answer is not committed.
    BeforeCommit,
}

const PHASES: [Phase; 3] = [Phase::BeforeCall, Phase::DuringCall, Phase::BeforeCommit];

impl Phase {
    fn marker(self) -> &'static str {
        match self {
            Phase::BeforeCall => "committed",
            Phase::DuringCall => "sent",
            Phase::BeforeCommit => "answered",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Phase::BeforeCall => "before a call (after a commit)",
            Phase::DuringCall => "during a call (after sending)",
            Phase::BeforeCommit => "after the answer, before its commit",
        }
    }
}

/// The run's settings.
#[derive(Debug, Clone)]
struct Settings {
    orders: u32,
    kills: u64,
    seed: u64,
    postgres: bool,
    instances: usize,
    max_seconds: u64,
}

fn parse(args: &[String]) -> Result<Settings, String> {
    let mut rest = Vec::new();
    let mut postgres = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--db" {
            postgres = match it.next().map(String::as_str) {
                Some("sqlite") => false,
                Some("postgres") => true,
                other => return Err(format!("crash-soak: --db sqlite|postgres, got {other:?}")),
            };
        } else {
            rest.push(arg.clone());
        }
    }
    let v = flags::numeric(
        "crash-soak",
        &rest,
        &[
            "--orders",
            "--kills",
            "--seed",
            "--instances",
            "--max-seconds",
        ],
    )?;
    let settings = Settings {
        orders: u32::try_from(v[0].unwrap_or(1_000))
            .map_err(|_| "crash-soak: --orders is too large")?,
        kills: v[1].unwrap_or(200),
        seed: v[2].unwrap_or(1),
        postgres,
        instances: usize::try_from(v[3].unwrap_or(1)).unwrap_or(0),
        max_seconds: v[4].unwrap_or(1_800),
    };
    if settings.orders == 0 {
        return Err("crash-soak: --orders must be at least 1".to_owned());
    }
    if !(1..=2).contains(&settings.instances) {
        return Err("crash-soak: --instances is 1 or 2".to_owned());
    }
    if settings.instances == 2 && !settings.postgres {
        return Err(
            "crash-soak: two instances share a PostgreSQL database: add --db postgres".to_owned(),
        );
    }
    Ok(settings)
}

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let settings = parse(args)?;
    step(
        "build the emulator and the storefront",
        cargo(&[
            "build",
            "--quiet",
            "-p",
            "amazon-pay-emulator",
            "--bin",
            "amazon-pay-emulator",
            "-p",
            "amazon-pay-storefront",
            "--bin",
            "storefront",
        ]),
    )?;
    let dir = std::env::temp_dir().join(format!("amazon-pay-crash-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("crash-soak: {}: {e}", dir.display()))?;
    let result = run_in(&settings, &dir);
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("crash-soak: logs kept in {}", dir.display());
    }
    result
}

fn run_in(settings: &Settings, dir: &Path) -> Result<(), String> {
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| format!("crash-soak: runtime: {e}"))?;
    let postgres = if settings.postgres {
        Some(LocalPostgres::start("crash-soak").map_err(|e| format!("crash-soak: {e}"))?)
    } else {
        None
    };
    let database_url = match &postgres {
        Some(pg) => pg.url().to_owned(),
        None => format!("sqlite://{}?mode=rwc", dir.join("orders.sqlite3").display()),
    };
    let ports = (0..settings.instances)
        .map(|_| free_port())
        .collect::<Result<Vec<_>, _>>()?;
    let target = workspace_root().join("target/debug");
    let mut emulator = EmulatorProcess::start(
        &target.join("amazon-pay-emulator"),
        dir,
        &[
            "--ipn-url".to_owned(),
            format!("http://127.0.0.1:{}/ipn", ports[0]),
            "--ipn-redelivery".to_owned(),
            "100ms,1s,300".to_owned(),
            "--max-objects".to_owned(),
            "1000000".to_owned(),
            "--seed".to_owned(),
            settings.seed.to_string(),
        ],
    )?;
    let outcome = (|| -> Result<(Summary, AuditReport, Duration), String> {
        // A window for kills during a call: half of the POSTs answered 40 ms after processing.
        let delay = Fault::delay(Duration::from_millis(40))
            .after_processing()
            .on("/v2/*")
            .method(Method::POST)
            .fraction(0.5, settings.seed);
        let fault = serde_json::to_value(&delay).map_err(|e| format!("crash-soak: {e}"))?;
        emulator.admin_post("faults", &fault)?;
        let db = runtime.block_on(async {
            let db = Database::connect(&database_url).await?;
            amazon_pay_storefront::create_orders(&db, settings.orders, settings.seed)
                .await
                .map_err(|e| amazon_pay_storefront::DbError::Corrupt(e.to_string()))?;
            Ok::<_, amazon_pay_storefront::DbError>(db)
        });
        let db = db.map_err(|e| format!("crash-soak: {e}"))?;
        let workers = Workers {
            binary: target.join("storefront"),
            dir: dir.to_owned(),
            database_url: database_url.clone(),
            emulator_url: emulator.base_url.clone(),
            key: emulator.key_path.clone(),
            ports: ports.clone(),
        };
        let started = Instant::now();
        let mut run = kill_loop(settings, &workers)?;
        run.summary.run = started.elapsed();
        let admin = EmulatorAdmin::new(&emulator.base_url);
        let report = runtime.block_on(settle(&db, &admin, settings.orders as usize));
        let elapsed = started.elapsed();
        for mut child in run.children.into_iter().flatten() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let report = report?;
        Ok((run.summary, report, elapsed))
    })();
    let _ = emulator.process.kill();
    let _ = emulator.process.wait();
    drop(postgres);
    let (summary, report, elapsed) = outcome?;
    print_summary(settings, &summary, &report, elapsed);
    let mut failures = Vec::new();
    if !report.is_clean() {
        failures.push("the audit found violations".to_owned());
    }
    if summary.kills() < settings.kills {
        failures.push(format!(
            "{} kills landed, {} were asked for (every order finished first)",
            summary.kills(),
            settings.kills
        ));
    }
    if summary.timed_out {
        failures.push(format!(
            "the run hit --max-seconds {}",
            settings.max_seconds
        ));
    }
    if summary.exits > 0 {
        failures.push(format!(
            "a worker exited {} times on its own (see {}/worker-*.stderr)",
            summary.exits,
            dir.display()
        ));
    }
    if failures.is_empty() {
        println!("crash-soak: passed");
        Ok(())
    } else {
        Err(format!("crash-soak: {}", failures.join("; ")))
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("crash-soak: a free port: {e}"))
}

/// How to start a worker.
struct Workers {
    binary: PathBuf,
    dir: PathBuf,
    database_url: String,
    emulator_url: String,
    key: PathBuf,
    ports: Vec<u16>,
}

/// A line a worker printed: (instance, its start number, the line).
type Line = (usize, u64, String);

impl Workers {
    /// Starts worker `instance` (its `generation`-th start); its stdout lines go to `lines`.
    fn start(
        &self,
        instance: usize,
        generation: u64,
        lines: &mpsc::Sender<Line>,
    ) -> Result<Child, String> {
        let stderr = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join(format!("worker-{instance}.stderr")))
            .map_err(|e| format!("crash-soak: worker stderr: {e}"))?;
        let mut child = Command::new(&self.binary)
            .arg("worker")
            .args(["--database", &self.database_url])
            .args(["--emulator", &self.emulator_url])
            .arg("--private-key")
            .arg(&self.key)
            .args(["--listen", &format!("127.0.0.1:{}", self.ports[instance])])
            .args(["--lease-ms", &LEASE_MS.to_string()])
            .arg("--markers")
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("crash-soak: starting {}: {e}", self.binary.display()))?;
        let stdout = child.stdout.take().ok_or("crash-soak: no worker stdout")?;
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if lines.send((instance, generation, line)).is_err() {
                    break;
                }
            }
        });
        Ok(child)
    }
}

/// What the kill loop did.
#[derive(Debug, Default)]
struct Summary {
    /// Kills by phase, in the order of [`PHASES`].
    by_phase: [u64; 3],
    /// Kills by the kind of step they interrupted (`checkout`, `approve`, `refund`…).
    by_step: std::collections::BTreeMap<String, u64>,
    /// Markers seen, by phase.
    markers: [u64; 3],
    /// Workers that exited without being killed.
    exits: u64,
    /// The run hit `--max-seconds`.
    timed_out: bool,
    /// From the first worker's start to the end of the kill loop.
    run: Duration,
}

impl Summary {
    fn kills(&self) -> u64 {
        self.by_phase.iter().sum()
    }
}

struct Run {
    summary: Summary,
    children: Vec<Option<Child>>,
}

/// The next kill: on the `countdown`-th marker of `phase` for a step of kind `kind`.
struct NextKill {
    phase: Phase,
    kind: &'static str,
    countdown: u64,
}

impl NextKill {
    /// A phase and a kind of step, each uniformly; the countdown uniform up to 1.2 times the
    /// markers of that phase and kind per kill, so the kills use about 60% of the run and all land.
    fn draw(rng: &mut StdRng, orders: u32, kills: u64) -> NextKill {
        let (kind, per_order) = STEP_KINDS[rng.random_range(0..STEP_KINDS.len())];
        let per_kill = f64::from(orders) * per_order / kills.max(1) as f64;
        let spread = (1.2 * per_kill).round().max(1.0) as u64;
        NextKill {
            phase: PHASES[rng.random_range(0..PHASES.len())],
            kind,
            countdown: rng.random_range(1..=spread),
        }
    }
}

/// `refund` for `refund-2`, `charge` for `charge-2`.
fn kind_of(step: &str) -> &str {
    step.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
}

/// Starts the workers, kills and restarts them as drawn, until every kill landed and a worker
/// is idle, or the time bound.
fn kill_loop(settings: &Settings, workers: &Workers) -> Result<Run, String> {
    let mut rng = StdRng::seed_from_u64(settings.seed);
    let (tx, rx) = mpsc::channel::<Line>();
    let mut generation = vec![0u64; settings.instances];
    let mut children = Vec::new();
    for instance in 0..settings.instances {
        children.push(Some(workers.start(instance, 0, &tx)?));
    }
    let mut restart_at: Vec<Option<Instant>> = vec![None; settings.instances];
    let draw = |rng: &mut StdRng| NextKill::draw(rng, settings.orders, settings.kills);
    let mut next = draw(&mut rng);
    let mut summary = Summary::default();
    let deadline = Instant::now() + Duration::from_secs(settings.max_seconds);
    loop {
        if Instant::now() > deadline {
            summary.timed_out = true;
            break;
        }
        for instance in 0..settings.instances {
            if restart_at[instance].is_some_and(|at| Instant::now() >= at) {
                restart_at[instance] = None;
                generation[instance] += 1;
                children[instance] = Some(workers.start(instance, generation[instance], &tx)?);
            }
            if let Some(child) = children[instance].as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                eprintln!("crash-soak: worker {instance} exited on its own: {status}");
                summary.exits += 1;
                children[instance] = None;
                restart_at[instance] = Some(Instant::now());
            }
        }
        let Ok((instance, started, line)) = rx.recv_timeout(Duration::from_millis(50)) else {
            continue;
        };
        if started != generation[instance] || children[instance].is_none() {
            continue; // printed by a worker already killed
        }
        if line == "idle" {
            // Every order is final: no marker comes any more (kills still owed are reported).
            break;
        }
        let mut words = line.split_whitespace();
        let (Some("step"), Some(marker), Some(_reference), Some(step_name)) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Some(index) = PHASES.iter().position(|p| p.marker() == marker) else {
            continue;
        };
        summary.markers[index] += 1;
        let kind = kind_of(step_name);
        if summary.kills() >= settings.kills || PHASES[index] != next.phase || kind != next.kind {
            continue;
        }
        next.countdown -= 1;
        if next.countdown > 0 {
            continue;
        }
        if let Some(mut child) = children[instance].take() {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            summary.by_phase[index] += 1;
            *summary.by_step.entry(kind.to_owned()).or_default() += 1;
            let pause = rng.random_range(0..=MAX_RESTART_PAUSE_MS);
            restart_at[instance] = Some(Instant::now() + Duration::from_millis(pause));
        }
        next = draw(&mut rng);
    }
    // Workers killed last are running again for the audit's settling.
    for instance in 0..settings.instances {
        if children[instance].is_none() {
            generation[instance] += 1;
            children[instance] = Some(workers.start(instance, generation[instance], &tx)?);
        }
    }
    drop(rx);
    Ok(Run { summary, children })
}

/// Audits until clean; gives up when an audit shows no fewer violations than the one
/// [`SETTLE`] before it (notifications are still being redelivered and the inbox worked off
/// after the last order is final), or after [`SETTLE_MAX`].
async fn settle(
    db: &Database,
    admin: &EmulatorAdmin,
    orders: usize,
) -> Result<AuditReport, String> {
    let started = Instant::now();
    let mut checkpoint = (started, usize::MAX);
    loop {
        let report = amazon_pay_storefront::audit(db, admin, orders)
            .await
            .map_err(|e| format!("crash-soak: audit: {e}"))?;
        let left = report.violation_count();
        if left == 0 || started.elapsed() > SETTLE_MAX {
            return Ok(report);
        }
        if checkpoint.0.elapsed() >= SETTLE {
            if left >= checkpoint.1 {
                return Ok(report);
            }
            checkpoint = (Instant::now(), left);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

fn print_summary(settings: &Settings, summary: &Summary, report: &AuditReport, elapsed: Duration) {
    println!();
    println!(
        "crash-soak: {} orders, {} kills asked, seed {}, {}, {} instance(s), {:.1} s \
         ({:.1} s until every order was final, then the audit and the inbox settling)",
        settings.orders,
        settings.kills,
        settings.seed,
        if settings.postgres {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        settings.instances,
        elapsed.as_secs_f64(),
        summary.run.as_secs_f64()
    );
    println!();
    println!("| kills | count | markers seen |");
    println!("| --- | ---: | ---: |");
    for (i, phase) in PHASES.iter().enumerate() {
        println!(
            "| {} | {} | {} |",
            phase.label(),
            summary.by_phase[i],
            summary.markers[i]
        );
    }
    println!("| all | {} | |", summary.kills());
    let by_step: Vec<String> = summary
        .by_step
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    println!("kills by step: {}", by_step.join(", "));
    println!();
    print!("{report}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_are_read_and_two_instances_need_postgres() {
        let s = parse(&strings(&[
            "--orders",
            "100",
            "--kills",
            "20",
            "--seed",
            "7",
            "--db",
            "postgres",
            "--instances",
            "2",
        ]))
        .unwrap();
        assert_eq!(
            (s.orders, s.kills, s.seed, s.postgres, s.instances),
            (100, 20, 7, true, 2)
        );
        assert!(parse(&strings(&["--instances", "2"])).is_err());
        assert!(parse(&strings(&["--db", "mysql"])).is_err());
        assert!(parse(&strings(&["--instances", "3", "--db", "postgres"])).is_err());
        assert!(parse(&strings(&["--orders", "0"])).is_err());
    }

    #[test]
    fn kills_are_drawn_from_the_seed() {
        let draw = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50)
                .map(|_| {
                    let k = NextKill::draw(&mut rng, 100, 20);
                    (k.phase.marker(), k.kind, k.countdown)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3), draw(4));
        let kills = draw(3);
        // 100 orders, 20 kills: up to 6 captures or 1 charge between two kills.
        assert!(kills.iter().all(|(_, kind, n)| match *kind {
            "charge" => (1..=2).contains(n),
            _ => *n >= 1 && *n <= 8,
        }));
        for phase in PHASES {
            assert!(kills.iter().any(|(m, _, _)| *m == phase.marker()));
        }
        for (kind, _) in STEP_KINDS {
            assert!(kills.iter().any(|(_, k, _)| *k == kind), "{kind}");
            assert_eq!(kind_of(&format!("{kind}-2")), kind);
        }
    }
}
