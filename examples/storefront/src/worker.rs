//! The payment worker: a process that takes the orders in the database and drives each through
//! its payment steps with the journal (Create Checkout Session, the buyer's approval as the
//! emulator simulates it, Complete, Capture, the refunds the order asks for, and a second charge
//! on the charge permission for a recurring order), while serving the shop, whose `/ipn` stores
//! notifications in the inbox and whose background task recovers pending steps and processes
//! the inbox. It can be killed at any instant: everything it knows is in the database, and a
//! restart (or another instance on the same PostgreSQL) resumes every order where it stopped.
//!
//! `storefront worker` runs it against an emulator in another process (the emulator program's
//! admin API gives its key id, merchant id and certificates); `cargo xtask crash-soak` kills it
//! hundreds of times and audits the result ([`audit`](crate::audit())).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use amazon_pay::ipn::NotificationVerifier;
use amazon_pay::{
    CaptureChargeRequest, Client, CompleteCheckoutSessionRequest, CreateChargeRequest,
    CreateCheckoutSessionRequest, CreateRefundRequest, Currency, Price,
};
use futures_util::StreamExt;
use serde_json::json;
use tokio::net::TcpListener;

use crate::config::{Product, ShopConfig};
use crate::db::{Database, DbError};
use crate::emulator_admin::{AdminError, EmulatorAdmin};
use crate::journal::{self, JournalError, Operation, Outcome, Step};
use crate::markers::{self, Phase};
use crate::orders::{self, Order};
use crate::shop::serve;

/// How the payment worker runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WorkerOptions {
    /// The orders' database (`sqlite://…`, `postgres://…`).
    pub database_url: String,
    /// The emulator program's base URL.
    pub emulator_url: String,
    /// The private key the emulator accepts (its `--private-key-out` file).
    pub private_key: PathBuf,
    /// Where the shop (and its `/ipn`) listens; a restart reuses it so notifications find it.
    pub listen: SocketAddr,
    /// Orders driven at once.
    pub concurrency: usize,
    /// The claim length of steps and inbox rows ([`Database::with_lease`]); the client's total
    /// timeout is half of it.
    pub lease: Duration,
}

impl WorkerOptions {
    /// Options with 8 orders at once and a 10-second lease.
    pub fn new(
        database_url: impl Into<String>,
        emulator_url: impl Into<String>,
        private_key: impl Into<PathBuf>,
        listen: SocketAddr,
    ) -> Self {
        WorkerOptions {
            database_url: database_url.into(),
            emulator_url: emulator_url.into(),
            private_key: private_key.into(),
            listen,
            concurrency: 8,
            lease: Duration::from_secs(10),
        }
    }
}

/// Why the payment worker stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkerError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The emulator's admin API failed.
    #[error(transparent)]
    Admin(#[from] AdminError),
    /// The emulator's answer lacks a field the worker needs.
    #[error("the emulator's info has no {0}")]
    Info(&'static str),
    /// The client could not be built.
    #[error("the Amazon Pay client could not be built")]
    Client(#[from] amazon_pay::Error),
    /// The notification verifier could not be built.
    #[error("the notification verifier could not be built")]
    Ipn(#[from] amazon_pay::ipn::BuildError),
    /// An amount is not valid.
    #[error("an amount is not valid")]
    Money(#[from] amazon_pay::types::MoneyError),
    /// The shop's address could not be bound.
    #[error("could not listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// Records `count` orders (`CS-000001`…), each with an amount and the payments it asks for
/// drawn from `seed`: one in five is recurring, one in five refunded once, one in five twice.
/// Orders already recorded are kept as they are.
pub async fn create_orders(db: &Database, count: u32, seed: u64) -> Result<(), WorkerError> {
    for index in 1..=count {
        let plan = Plan::draw(seed, index);
        let cents = i64::try_from(plan.cents).unwrap_or(i64::MAX);
        let price = Price::from_minor_units(cents, Currency::Usd)?;
        orders::create(db, &reference(index), &price, plan.refunds, plan.recurring).await?;
    }
    Ok(())
}

/// The reference of order `index`.
fn reference(index: u32) -> String {
    format!("CS-{index:06}")
}

/// What one order asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    cents: u64,
    refunds: u32,
    recurring: bool,
}

impl Plan {
    fn draw(seed: u64, index: u32) -> Plan {
        let h = splitmix64(seed ^ u64::from(index).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Plan {
            cents: 100 + (h >> 16) % 49_900,
            refunds: match h % 5 {
                0 => 1,
                1 => 2,
                _ => 0,
            },
            recurring: (h >> 8).is_multiple_of(5),
        }
    }
}

/// SplitMix64: spreads a seed and an index into well-mixed bits.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What the worker shares between orders.
struct Worker {
    db: Database,
    client: Client,
    admin: EmulatorAdmin,
    store_id: String,
    return_url: String,
}

/// Runs the worker until it fails or the process is killed: the shop (with `/ipn`, the recovery
/// pass and the inbox) on `options.listen`, and the orders driven `options.concurrency` at a
/// time. Prints `worker listening on URL` once serving.
pub async fn run_worker(options: WorkerOptions) -> Result<(), WorkerError> {
    let admin = EmulatorAdmin::new(&options.emulator_url);
    let info = admin.info().await?;
    let field = |name: &'static str| {
        info[name]
            .as_str()
            .map(str::to_owned)
            .ok_or(WorkerError::Info(name))
    };
    let db = Database::connect(&options.database_url)
        .await?
        .with_lease(options.lease);
    let client = Client::builder()
        .public_key_id(field("publicKeyId")?)
        .private_key_path(&options.private_key)
        .region(field("region")?.as_str())
        .endpoint(admin.base_url())
        .total_timeout(options.lease / 2)
        .build()?;
    let merchant_id = field("merchantId")?;
    let ipn = NotificationVerifier::builder(merchant_id.clone())
        .trust_anchors_pem(admin.pem("ca.pem").await?)
        .pin_certificate(
            amazon_pay::emulator::SNS_SIGNING_CERT_URL,
            admin.pem("sns-certificate").await?,
        )
        .build()?;
    let store_id = field("storeId")?;
    let config = ShopConfig {
        client: client.clone(),
        store_id: store_id.clone(),
        merchant_id,
        checkout_js_url: format!("{}/checkout.js", admin.base_url()),
        product: Product {
            name: "Crash-soak order".to_owned(),
            description: "Orders the payment worker drives.".to_owned(),
            price: Price::new("14.00", Currency::Usd)?,
        },
        ipn: Some(ipn),
    };
    let bind = |source| WorkerError::Bind {
        addr: options.listen,
        source,
    };
    let listener = TcpListener::bind(options.listen).await.map_err(bind)?;
    let shop = serve(listener, config, db.clone()).map_err(bind)?;
    println!("worker listening on {}", shop.url());
    let worker = Worker {
        db,
        client,
        admin,
        store_id,
        return_url: format!("{}/result", shop.url()),
    };
    worker.drive_all(options.concurrency.max(1)).await
}

impl Worker {
    /// Drives the unfinished orders, round after round; prints `idle` when none is left.
    async fn drive_all(&self, concurrency: usize) -> Result<(), WorkerError> {
        let mut idle = false;
        // Two instances start at different orders, so they mostly work on different ones.
        let offset = std::process::id() as usize;
        loop {
            let mut open = orders::unfinished(&self.db).await?;
            if open.is_empty() {
                if !idle {
                    markers::idle();
                    idle = true;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            idle = false;
            let len = open.len();
            open.rotate_left(offset % len);
            futures_util::stream::iter(open)
                .for_each_concurrent(concurrency, |reference| async move {
                    if let Err(e) = self.drive(&reference).await {
                        eprintln!("storefront worker: order {reference}: {e}");
                    }
                })
                .await;
            // Steps held by another process (or left by a killed one) wait for their lease.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs the order's next steps until it is final or a step must wait.
    async fn drive(&self, reference: &str) -> Result<(), WorkerError> {
        loop {
            let order = orders::get(&self.db, reference).await?;
            if orders::FINAL_STATES.contains(&order.state.as_str()) {
                return Ok(());
            }
            let finished = journal::states(&self.db, reference).await?;
            let done = |name: &str| finished.get(name).is_some_and(|s| s == "done");
            let step = match self.next(&order, &done)? {
                Next::Step(step) => step,
                Next::Approve(session) => {
                    markers::mark(Phase::Sent, reference, "approve");
                    self.admin.approve(&session).await?;
                    markers::mark(Phase::Answered, reference, "approve");
                    orders::advance(&self.db, reference, "placed", "approved").await?;
                    markers::mark(Phase::Committed, reference, "approve");
                    continue;
                }
                Next::Fulfil => {
                    orders::advance(&self.db, reference, &order.state, "fulfilled").await?;
                    return Ok(());
                }
            };
            match journal::run(&self.db, &self.client, &step).await {
                Ok(Outcome::Done(_)) => {}
                Ok(Outcome::Failed(reason)) => {
                    eprintln!(
                        "storefront worker: order {reference}: {} refused: {reason}",
                        step.name
                    );
                    orders::advance(&self.db, reference, &order.state, "failed").await?;
                    return Ok(());
                }
                // Held elsewhere, or the outcome is unknown: a later round (or the recovery
                // pass) repeats it with the same key.
                Err(JournalError::Busy | JournalError::Unknown(_)) => return Ok(()),
                Err(JournalError::Db(e)) => return Err(e.into()),
            }
        }
    }

    /// The order's next step.
    fn next(&self, order: &Order, done: &dyn Fn(&str) -> bool) -> Result<Next, WorkerError> {
        let reference = order.reference.as_str();
        let currency = Currency::from(order.currency.as_str());
        let price = Price::new(order.amount.as_str(), currency.clone())?;
        let missing = |what: &str| DbError::Corrupt(format!("order {reference} has no {what}"));
        if !done("checkout") {
            let request = self.checkout_request(order, &price)?;
            return Ok(Next::Step(Step::new(
                reference,
                "checkout",
                Operation::Create,
                "",
                &request,
            )?));
        }
        let session = order
            .checkout_session_id
            .as_deref()
            .ok_or_else(|| missing("checkout session"))?;
        if order.state == "placed" {
            return Ok(Next::Approve(session.to_owned()));
        }
        if !done("complete") {
            let request = CompleteCheckoutSessionRequest::with_charge_amount(price.clone());
            return Ok(Next::Step(Step::new(
                reference,
                "complete",
                Operation::Complete,
                session,
                &request,
            )?));
        }
        let charge = order
            .charge_id
            .as_deref()
            .ok_or_else(|| missing("charge"))?;
        if !done("capture") {
            let request = CaptureChargeRequest::new(price.clone());
            return Ok(Next::Step(Step::new(
                reference,
                "capture",
                Operation::Capture,
                charge,
                &request,
            )?));
        }
        for n in 1..=order.refunds {
            let name = format!("refund-{n}");
            if !done(&name) {
                // Each refund a quarter of the amount: two stay below the captured total.
                let minor = price.amount.to_minor_units(&currency)?;
                let quarter = Price::from_minor_units((minor / 4).max(1), currency.clone())?;
                let request = CreateRefundRequest::new(charge, quarter);
                return Ok(Next::Step(Step::new(
                    reference,
                    &name,
                    Operation::Refund,
                    charge,
                    &request,
                )?));
            }
        }
        if order.recurring && !done("charge-2") {
            let permission = order
                .charge_permission_id
                .as_deref()
                .ok_or_else(|| missing("charge permission"))?;
            let request = CreateChargeRequest::new(permission, price)
                .capture_now(true)
                .can_handle_pending_authorization(false);
            return Ok(Next::Step(Step::new(
                reference,
                "charge-2",
                Operation::Charge,
                permission,
                &request,
            )?));
        }
        Ok(Next::Fulfil)
    }

    /// Create Checkout Session with everything the buyer's approval needs (amount, intent,
    /// return URLs), so the approval leads straight to the result URL; recurring orders ask for
    /// a monthly charge permission.
    fn checkout_request(
        &self,
        order: &Order,
        price: &Price,
    ) -> Result<CreateCheckoutSessionRequest, DbError> {
        let mut request = json!({
            "storeId": self.store_id,
            "webCheckoutDetails": {
                "checkoutReviewReturnUrl": self.return_url,
                "checkoutResultReturnUrl": self.return_url,
            },
            "paymentDetails": {
                "paymentIntent": "Authorize",
                "canHandlePendingAuthorization": false,
                "chargeAmount": price,
            },
            "merchantMetadata": { "merchantReferenceId": order.reference },
        });
        if order.recurring {
            request["chargePermissionType"] = json!("Recurring");
            request["recurringMetadata"] = json!({
                "frequency": { "unit": "Month", "value": "1" },
                "amount": price,
            });
        }
        serde_json::from_value(request)
            .map_err(|e| DbError::Corrupt(format!("checkout request: {e}")))
    }
}

/// What an order needs next.
enum Next {
    /// A journaled payment call.
    Step(Step),
    /// The buyer's approval of the checkout session (the emulator's admin API).
    Approve(String),
    /// Every payment is done.
    Fulfil,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each worker error says what failed; its cause is the source, not repeated in the text.
    #[test]
    fn worker_errors_keep_their_cause_as_source_only() {
        use std::error::Error as _;
        let bind = WorkerError::Bind {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            source: std::io::Error::new(std::io::ErrorKind::AddrInUse, "address in use"),
        };
        let money = WorkerError::from(
            amazon_pay::Price::new("1.234", amazon_pay::Currency::Jpy).unwrap_err(),
        );
        for error in [bind, money] {
            let text = error.to_string();
            let cause = error.source().expect("the cause is the source").to_string();
            assert!(!text.contains(&cause), "{text:?} repeats {cause:?}");
        }
    }

    #[test]
    fn plans_repeat_for_a_seed_and_cover_every_kind() {
        let plans: Vec<Plan> = (1..=200).map(|i| Plan::draw(7, i)).collect();
        assert_eq!(
            plans,
            (1..=200).map(|i| Plan::draw(7, i)).collect::<Vec<_>>()
        );
        assert_ne!(
            plans,
            (1..=200).map(|i| Plan::draw(8, i)).collect::<Vec<_>>()
        );
        for refunds in 0..=2 {
            assert!(plans.iter().any(|p| p.refunds == refunds), "{refunds}");
        }
        assert!(plans.iter().any(|p| p.recurring));
        assert!(plans.iter().all(|p| (100..50_000).contains(&p.cents)));
    }
}
