//! `bench-client`: the load driver of our client, run by `cargo xtask bench` as a process of
//! its own, a small program that links only the client (so its CPU time and memory are the
//! client's, not those of the rest of xtask).
//!
//! ```text
//! bench-client --url URL --key-id ID --key PATH --ca PATH --session ID
//!     --concurrency N --seconds S
//! ```
//!
//! It warms up for a second, prints `ready`, runs `Get Checkout Session` with N calls in flight
//! for S seconds, prints `done calls=.. errors=.. seconds=..` and waits for stdin to close.

use amazon_pay_client::Client;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The parsed arguments.
struct Args {
    url: String,
    key_id: String,
    key: String,
    ca: String,
    session: String,
    concurrency: usize,
    seconds: f64,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut url = None;
    let mut key_id = None;
    let mut key = None;
    let mut ca = None;
    let mut session = None;
    let mut concurrency = None;
    let mut seconds = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?
            .clone();
        match flag.as_str() {
            "--url" => url = Some(value),
            "--key-id" => key_id = Some(value),
            "--key" => key = Some(value),
            "--ca" => ca = Some(value),
            "--session" => session = Some(value),
            "--concurrency" => {
                concurrency = Some(value.parse().map_err(|e| format!("--concurrency: {e}"))?)
            }
            "--seconds" => seconds = Some(value.parse().map_err(|e| format!("--seconds: {e}"))?),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    let missing = |name: &str| format!("bench-client needs --{name}");
    Ok(Args {
        url: url.ok_or_else(|| missing("url"))?,
        key_id: key_id.ok_or_else(|| missing("key-id"))?,
        key: key.ok_or_else(|| missing("key"))?,
        ca: ca.ok_or_else(|| missing("ca"))?,
        session: session.ok_or_else(|| missing("session"))?,
        concurrency: concurrency.ok_or_else(|| missing("concurrency"))?,
        seconds: seconds.ok_or_else(|| missing("seconds"))?,
    })
}

/// Counts of one phase.
#[derive(Default)]
struct Counts {
    calls: AtomicU64,
    errors: AtomicU64,
}

/// Runs `concurrency` loops of calls until `duration` has passed; returns the counts and the
/// elapsed time.
async fn phase(client: &Client, args: &Args, duration: Duration) -> (Arc<Counts>, f64) {
    let counts = Arc::new(Counts::default());
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::with_capacity(args.concurrency);
    for _ in 0..args.concurrency {
        let client = client.clone();
        let counts = Arc::clone(&counts);
        let session = args.session.clone();
        tasks.push(tokio::spawn(async move {
            while Instant::now() < deadline {
                match client.get_checkout_session(&session).await {
                    Ok(_) => counts.calls.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        if counts.errors.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("first error: {e}");
                        }
                        0
                    }
                };
            }
        }));
    }
    for task in tasks {
        // A panicking task only loses its own count; the others still report.
        let _ = task.await;
    }
    (counts, started.elapsed().as_secs_f64())
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-client: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs the driver.
fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    if args.concurrency == 0 || args.seconds.is_nan() || args.seconds <= 0.0 {
        return Err("--concurrency and --seconds must be positive".to_owned());
    }
    let ca = std::fs::read(&args.ca).map_err(|e| format!("reading {}: {e}", args.ca))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))?;
    runtime.block_on(async {
        let client = Client::builder()
            .public_key_id(args.key_id.as_str())
            .private_key_path(args.key.as_str())
            .region("na")
            .endpoint(args.url.as_str())
            .add_root_certificate_pem(ca)
            .build()
            .map_err(|e| format!("configuring the client: {e}"))?;
        phase(&client, &args, Duration::from_secs(1)).await;
        println!("ready");
        let (counts, elapsed) = phase(&client, &args, Duration::from_secs_f64(args.seconds)).await;
        println!(
            "done calls={} errors={} seconds={elapsed}",
            counts.calls.load(Ordering::Relaxed),
            counts.errors.load(Ordering::Relaxed)
        );
        Ok::<(), String>(())
    })?;
    // Stay alive (and measurable) until the parent closes stdin.
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    Ok(())
}
