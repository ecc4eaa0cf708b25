//! A small shop that takes Amazon Pay in a real browser: a product page with the Amazon Pay
//! button, a review page, a result page, Amazon Sign-In and an IPN endpoint, all through the
//! `amazon-pay` facade.
//!
//! [`Storefront::start`] runs it against an embedded emulator on loopback, with the emulator's
//! stand-in for checkout.js, so the whole browser flow works locally without credentials:
//!
//! ```no_run
//! # async fn demo() -> Result<(), amazon_pay_storefront::StartError> {
//! let shop = amazon_pay_storefront::Storefront::start("127.0.0.1:0".parse().expect("address")).await?;
//! println!("open {}", shop.url());
//! # Ok(()) }
//! ```
//!
//! [`serve`] runs the shop with any [`ShopConfig`]: a client, a store id, a merchant id and the
//! checkout.js URL of the region, and a [`Database`] for its orders: SQLite in a file by
//! default, PostgreSQL when `DATABASE_URL` names one. Each payment call is journaled with an
//! idempotency key derived from the order and the step before it is sent, and its answer after;
//! a restart repeats every call whose outcome was not recorded (docs/crash-safety.md).
//! Notifications go through an inbox table.
//!
//! [`run_worker`] is the payment worker (`storefront worker`): it drives the orders in the
//! database through their payment steps and can be killed at any instant; [`audit()`] checks a
//! run against the emulator (`cargo xtask crash-soak`, docs/reliability.md).
#![forbid(unsafe_code)]

mod audit;
mod config;
mod db;
mod emulator_admin;
mod html;
mod inbox;
mod journal;
mod local_postgres;
mod markers;
mod notifications;
mod orders;
mod pages;
mod shop;
mod storefront;
mod worker;

pub use audit::{AuditError, AuditReport, Objects, audit};
pub use config::{Product, ShopConfig};
pub use db::{DEFAULT_DATABASE_URL, Database, DbError};
pub use emulator_admin::{AdminError, EmulatorAdmin};
pub use local_postgres::LocalPostgres;
pub use markers::enable_step_markers;
pub use notifications::ReceivedNotification;
pub use orders::Order;
pub use shop::{RunningShop, serve};
pub use storefront::{StartError, Storefront};
pub use worker::{WorkerError, WorkerOptions, create_orders, run_worker};
