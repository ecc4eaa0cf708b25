//! The payment worker drives orders to `fulfilled` against an emulator reached over HTTP, and the
//! audit of a run passes; then the audit catches each kind of violation planted in the run: a
//! payment done twice, an order the database lost, an order left unfinished and a notification
//! applied twice.

mod support;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use amazon_pay::CreateRefundRequest;
use amazon_pay::emulator::{Emulator, IpnRedelivery};
use amazon_pay::{Currency, Price};
use amazon_pay_storefront::{AuditReport, Database, EmulatorAdmin, WorkerOptions};
use support::{TestResult, sqlite_url};

const ORDERS: u32 = 12;

async fn audit(db: &Database, admin: &EmulatorAdmin) -> TestResult<AuditReport> {
    Ok(amazon_pay_storefront::audit(db, admin, ORDERS as usize).await?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_passes_a_clean_run_and_fails_each_planted_violation() -> TestResult {
    let emulator = Emulator::builder()
        .listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .ipn_redelivery(IpnRedelivery {
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_attempts: 50,
        })
        .start()
        .await?;
    let key =
        std::env::temp_dir().join(format!("storefront-worker-key-{}.pem", std::process::id()));
    std::fs::write(&key, emulator.private_key().to_pkcs8_pem()?.as_bytes())?;
    let url = sqlite_url("worker");
    let db = Database::connect(&url).await?;
    amazon_pay_storefront::create_orders(&db, ORDERS, 3).await?;

    let listen = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    emulator.set_ipn_url(Some(format!("http://{listen}/ipn")));
    let mut options = WorkerOptions::new(&url, emulator.base_url(), &key, listen);
    options.lease = Duration::from_secs(2);
    let worker = tokio::spawn(amazon_pay_storefront::run_worker(options));

    let admin = EmulatorAdmin::new(emulator.base_url());
    let started = Instant::now();
    let report = loop {
        let report = audit(&db, &admin).await?;
        if report.is_clean() {
            break report;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "the run did not converge:\n{report}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(report.fulfilled, ORDERS as usize, "{report}");
    assert_eq!(report.found, report.expected, "{report}");
    assert!(
        report.found.refunds > 0 && report.found.charges > ORDERS as usize,
        "{report}"
    );
    assert!(report.notifications > 0, "{report}");
    assert_eq!(report.applied_once, report.notifications, "{report}");
    worker.abort();

    // A payment done twice: a second refund with a key of its own.
    let orders = all_orders(&url).await?;
    let (reference, charge) = &orders[0];
    let client = amazon_pay::Client::builder()
        .public_key_id(emulator.public_key_id().as_str())
        .signer(emulator.private_key().clone())
        .region(emulator.region().as_str())
        .endpoint(emulator.base_url())
        .build()?;
    client
        .create_refund(&CreateRefundRequest::new(
            charge.as_str(),
            Price::new("0.01", Currency::Usd)?,
        ))
        .await?;
    let report = audit(&db, &admin).await?;
    assert!(!report.is_clean());
    assert!(
        report
            .duplicates
            .iter()
            .any(|d| d.starts_with(reference.as_str()) && d.contains("refunds")),
        "{report}"
    );

    // An order lost by the database, one left unfinished, a notification applied twice.
    let pool = raw_pool(&url).await?;
    let (lost, unfinished) = (&orders[1].0, &orders[2].0);
    sqlx::query("DELETE FROM orders WHERE reference = $1")
        .bind(lost)
        .execute(&pool)
        .await?;
    sqlx::query("UPDATE orders SET state = 'captured' WHERE reference = $1")
        .bind(unfinished)
        .execute(&pool)
        .await?;
    sqlx::query(
        "UPDATE ipn_inbox SET applied = 2 WHERE notification_id = \
         (SELECT MIN(notification_id) FROM ipn_inbox)",
    )
    .execute(&pool)
    .await?;
    let report = audit(&db, &admin).await?;
    assert!(
        report.lost.iter().any(|l| l.contains("holds 11 orders")),
        "{report}"
    );
    assert!(
        report.lost.iter().any(|l| l.starts_with(lost.as_str())),
        "{report}"
    );
    assert_eq!(
        report.stuck,
        [format!("{unfinished}: state captured")],
        "{report}"
    );
    assert!(
        report
            .notification_violations
            .iter()
            .any(|v| v.contains("applied 2 times")),
        "{report}"
    );
    let _ = std::fs::remove_file(&key);
    emulator.shutdown().await;
    Ok(())
}

async fn raw_pool(url: &str) -> TestResult<sqlx::AnyPool> {
    sqlx::any::install_default_drivers();
    Ok(sqlx::AnyPool::connect(url).await?)
}

/// (reference, charge id) of every order with a charge, by reference.
async fn all_orders(url: &str) -> TestResult<Vec<(String, String)>> {
    use sqlx::Row;
    let pool = raw_pool(url).await?;
    let rows = sqlx::query(
        "SELECT reference, charge_id FROM orders WHERE charge_id IS NOT NULL ORDER BY reference",
    )
    .fetch_all(&pool)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("reference")?, r.try_get("charge_id")?)))
        .collect()
}
