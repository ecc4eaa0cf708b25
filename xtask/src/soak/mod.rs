//! `cargo xtask soak [--payments N] [--seed S] [--concurrency C]`: payments through the client
//! against the embedded emulator with about 20% of API requests hit by seeded faults, then an
//! audit of what the client reported against what the emulator holds.
//!
//! 1. **Faulty pass.** Every payment runs checkout → buyer approval → complete → capture (and a
//!    refund for every fourth one). The client retries as configured; a payment whose step still
//!    fails is recorded with the client's typed error.
//! 2. **Recovery pass.** Faults off; every failed payment resumes at its failed step, sending the
//!    idempotency key its error carried. Those must all converge.
//! 3. **Audit.** The emulator's objects and request log are compared with the caller's ledger:
//!    one session, permission, charge, capture (and refund) per payment, no object the caller
//!    does not know, amounts that add up. Any violation makes the command fail.

mod audit;
mod payment;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use amazon_pay_client::{Client, RetryPolicy};
use amazon_pay_emulator::{Emulator, Fault, RunningEmulator};

use crate::flags;
use audit::{Failure, Report};
use payment::{Payment, Step, StepError};

/// Payments when `--payments` is not given.
const DEFAULT_PAYMENTS: u64 = 10_000;
/// Payments in flight at once when `--concurrency` is not given.
const DEFAULT_CONCURRENCY: u64 = 64;
/// One attempt's time limit: the injected delays are longer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(1_000);
/// An injected delay: past the attempt timeout, so the client gives up on that attempt.
const FAULT_DELAY: Duration = Duration::from_millis(1_500);
/// Attempts per call: with ~20% faulty requests, about 1 call in 125 still fails.
const ATTEMPTS: u32 = 3;

/// The fault mix: (what, percent of the requests that reach the rule). Rules are tried in
/// order and the first that strikes wins; after-processing rules only see requests that passed
/// the others: about 20% of API requests are hit in all.
fn fault_mix() -> Vec<(Fault, f64)> {
    vec![
        (Fault::status(429), 3.0),
        (Fault::status(500), 3.0),
        (Fault::status(503), 3.0),
        (Fault::drop_connection(), 3.0),
        (Fault::delay(FAULT_DELAY), 2.0),
        (Fault::drop_connection().after_processing(), 5.0),
        (Fault::delay(FAULT_DELAY).after_processing(), 3.0),
    ]
}

/// Runs the command.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let values = flags::numeric("soak", args, &["--payments", "--seed", "--concurrency"])?;
    let payments = values[0].unwrap_or(DEFAULT_PAYMENTS);
    let seed = values[1].unwrap_or(1);
    let concurrency = values[2].unwrap_or(DEFAULT_CONCURRENCY).max(1);
    if payments == 0 {
        return Err("soak: --payments must be at least 1".to_owned());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("soak: starting the async runtime: {e}"))?;
    let report = runtime.block_on(soak(payments as usize, seed, concurrency as usize))?;
    report.print();
    if report.violations.is_empty() {
        println!("xtask soak: no payment lost or doubled");
        Ok(())
    } else {
        Err(format!(
            "soak: {} violation(s): {}",
            report.violations.len(),
            report
                .violations
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        ))
    }
}

async fn soak(payments: usize, seed: u64, concurrency: usize) -> Result<Report, String> {
    let started = Instant::now();
    // Room for every object, idempotency key and logged request of the run: nothing is evicted.
    let capacity = payments.saturating_mul(16).max(10_000);
    let emulator = Emulator::builder()
        .seed(seed)
        .max_objects(capacity)
        .start()
        .await
        .map_err(|e| format!("soak: starting the emulator: {e}"))?;
    let client = Client::builder()
        .public_key_id(emulator.public_key_id().as_str())
        .signer(emulator.private_key().clone())
        .region(emulator.region().as_str())
        .endpoint(emulator.base_url())
        .attempt_timeout(ATTEMPT_TIMEOUT)
        .total_timeout(Duration::from_secs(30))
        .retry_policy(
            RetryPolicy::new()
                .max_attempts(ATTEMPTS)
                .base_backoff(Duration::from_millis(20))
                .max_backoff(Duration::from_millis(200)),
        )
        .build()
        .map_err(|e| format!("soak: configuring the client: {e}"))?;
    let emulator = Arc::new(emulator);
    for (n, (fault, percent)) in fault_mix().into_iter().enumerate() {
        emulator.faults().inject(
            fault
                .on("/v2/*")
                .fraction(percent / 100.0, seed.wrapping_add(n as u64)),
        );
    }

    println!(
        "xtask soak: {payments} payments, seed {seed}, {concurrency} in flight, \
         faults on ~20% of API requests"
    );
    let ledger: Vec<Payment> = (0..payments).map(Payment::new).collect();
    let (ledger, failures) = pass(&client, &emulator, ledger, Vec::new(), concurrency).await;
    let faulty_seconds = started.elapsed().as_secs_f64();

    emulator.faults().clear();
    // Delayed requests still sleeping in the emulator land before anything is counted.
    tokio::time::sleep(FAULT_DELAY + Duration::from_millis(500)).await;
    let before_recovery = audit::unseen(&ledger, &emulator.objects());

    let retry_keys: Vec<(usize, Option<String>)> = failures
        .iter()
        .map(|f| (f.index, f.error_key.clone()))
        .collect();
    let (ledger, recovery_failures) =
        pass(&client, &emulator, ledger, retry_keys, concurrency).await;

    // Refunds settle 30 s later on the emulator's clock.
    emulator.clock().advance(Duration::from_secs(60));
    let report = Report::build(audit::Inputs {
        payments,
        seed,
        ledger: &ledger,
        failures: &failures,
        recovery_failures: &recovery_failures,
        before_recovery,
        objects: &emulator.objects(),
        requests: &emulator.requests(),
        faulty_seconds,
        total_seconds: started.elapsed().as_secs_f64(),
    });
    if let Ok(emulator) = Arc::try_unwrap(emulator) {
        emulator.shutdown().await;
    }
    Ok(report)
}

/// Runs the payments with `concurrency` workers. With `resume` empty every payment runs from
/// where it stands; otherwise only the listed payments run, each sending its key first.
async fn pass(
    client: &Client,
    emulator: &Arc<RunningEmulator>,
    ledger: Vec<Payment>,
    resume: Vec<(usize, Option<String>)>,
    concurrency: usize,
) -> (Vec<Payment>, Vec<Failure>) {
    let work: Vec<(usize, Option<String>)> = if resume.is_empty() {
        (0..ledger.len()).map(|i| (i, None)).collect()
    } else {
        resume
    };
    let ledger = Arc::new(std::sync::Mutex::new(ledger));
    let work = Arc::new(work);
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.min(work.len().max(1)) {
        let (client, emulator, ledger, work, next) = (
            client.clone(),
            Arc::clone(emulator),
            Arc::clone(&ledger),
            Arc::clone(&work),
            Arc::clone(&next),
        );
        workers.spawn(async move {
            let mut failures = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some((index, key)) = work.get(n).cloned() else {
                    break;
                };
                let mut payment = lock(&ledger)[index].clone();
                let result = payment.advance(&client, &emulator, key).await;
                lock(&ledger)[index] = payment;
                if let Err((step, error)) = result {
                    failures.push(Failure::new(index, step, error));
                }
            }
            failures
        });
    }
    let mut failures = Vec::new();
    while let Some(joined) = workers.join_next().await {
        match joined {
            Ok(mut f) => failures.append(&mut f),
            Err(e) => failures.push(Failure::new(
                usize::MAX,
                Step::Create,
                StepError::Harness(format!("a worker panicked: {e}")),
            )),
        }
    }
    failures.sort_by_key(|f| f.index);
    let ledger = Arc::try_unwrap(ledger)
        .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .unwrap_or_else(|shared| lock(&shared).clone());
    (ledger, failures)
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
