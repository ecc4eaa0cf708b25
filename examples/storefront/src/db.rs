//! The shop's database: SQLite in a file by default, PostgreSQL when `DATABASE_URL` names one,
//! through one sqlx pool of the `any` driver; the schema in `migrations/`, embedded at build
//! time and applied on connect.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// The database when `DATABASE_URL` is not set: a SQLite file in the working directory,
/// created on first use.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://storefront.sqlite3?mode=rwc";

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// The database refused or failed a statement, or could not be reached.
    #[error(transparent)]
    Sql(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value is not what the shop wrote.
    #[error("database: {0}")]
    Corrupt(String),
}

/// How long a claim on a journal step lasts by default: longer than any call with its retries.
const STEP_LEASE: Duration = Duration::from_secs(120);
/// How long a claim on an inbox row lasts by default: longer than one Get call.
const INBOX_LEASE: Duration = Duration::from_secs(60);

/// A connection pool to the shop's database.
#[derive(Debug, Clone)]
pub struct Database {
    pool: AnyPool,
    /// The claim length of steps and inbox rows, when not the defaults.
    lease: Option<Duration>,
}

impl Database {
    /// The URL in `DATABASE_URL`, or [`DEFAULT_DATABASE_URL`].
    pub fn url_from_env() -> String {
        std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned())
    }

    /// Connects (`sqlite://…` or `postgres://…`) and applies the migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        // SQLite has one writer at a time: one connection per process keeps the shop's own
        // transactions from waiting on each other; other processes wait through the busy timeout.
        let max = if url.starts_with("sqlite:") { 1 } else { 8 };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Database { pool, lease: None })
    }

    /// Claims on payment steps and inbox rows last `lease` instead of 2 minutes and 1 minute.
    /// After a crash, another process (or the restarted one) repeats a claimed step once its
    /// lease lapsed, so a short lease resumes sooner; it must stay longer than one call with its
    /// retries (the client's total timeout), or two processes may send the same step at once
    /// (harmless, same key, but wasted).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = Some(lease);
        self
    }

    pub(crate) fn step_lease_ms(&self) -> i64 {
        millis(self.lease.unwrap_or(STEP_LEASE))
    }

    pub(crate) fn inbox_lease_ms(&self) -> i64 {
        millis(self.lease.unwrap_or(INBOX_LEASE))
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Milliseconds since the Unix epoch: lease deadlines and timestamps.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, millis)
}
