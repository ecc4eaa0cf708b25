//! The shop's database: SQLite in a file by default, PostgreSQL when `DATABASE_URL` names one,
//! through one sqlx pool of the `any` driver; the schema in `migrations/`, embedded at build
//! time and applied on connect.

use std::time::{SystemTime, UNIX_EPOCH};

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
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value is not what the shop wrote.
    #[error("database: {0}")]
    Corrupt(String),
}

/// A connection pool to the shop's database.
#[derive(Debug, Clone)]
pub struct Database {
    pool: AnyPool,
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
        Ok(Database { pool })
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Milliseconds since the Unix epoch: lease deadlines and timestamps.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
