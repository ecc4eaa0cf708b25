//! The shop and an embedded emulator, started together on loopback.

use std::net::{Ipv4Addr, SocketAddr};

use amazon_pay::emulator::{Emulator, RunningEmulator};
use amazon_pay::ipn::NotificationVerifier;
use amazon_pay::{Client, Currency, Price};
use tokio::net::TcpListener;

use crate::config::{Product, ShopConfig};
use crate::db::Database;
use crate::shop::{RunningShop, serve};

/// Why the storefront did not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The emulator did not start.
    #[error("the emulator did not start")]
    Emulator(#[from] amazon_pay::emulator::Error),
    /// The client could not be built.
    #[error("the Amazon Pay client could not be built")]
    Client(#[from] amazon_pay::Error),
    /// The emulator's certificates could not be used to verify its notifications.
    #[error("the notification verifier could not be set up")]
    Ipn(#[from] amazon_pay::ipn::BuildError),
    /// The product price is not valid.
    #[error("the product price is not valid")]
    Price(#[from] amazon_pay::types::MoneyError),
    /// The database could not be opened or migrated.
    #[error("the shop's database")]
    Db(#[from] crate::db::DbError),
    /// The shop's address could not be bound.
    #[error("could not listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// The shop and the emulator it talks to. Dropping it stops both.
#[derive(Debug)]
pub struct Storefront {
    shop: RunningShop,
    emulator: RunningEmulator,
}

impl Storefront {
    /// Starts an emulator on an ephemeral loopback port and the shop on `shop_addr`, with the
    /// client, button signatures, checkout.js and notification verification all pointed at the
    /// emulator, and the orders in the database `DATABASE_URL` names (by default a SQLite file,
    /// [`DEFAULT_DATABASE_URL`](crate::DEFAULT_DATABASE_URL)).
    pub async fn start(shop_addr: SocketAddr) -> Result<Self, StartError> {
        Self::start_with_database(shop_addr, &Database::url_from_env()).await
    }

    /// [`Storefront::start`] with the orders in `database_url` (`sqlite://…`, `postgres://…`).
    pub async fn start_with_database(
        shop_addr: SocketAddr,
        database_url: &str,
    ) -> Result<Self, StartError> {
        let emulator = Emulator::builder()
            .listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .start()
            .await?;
        let shop = shop_on(&emulator, shop_addr, database_url).await?;
        emulator.set_ipn_url(Some(format!("{}/ipn", shop.url())));
        Ok(Storefront { shop, emulator })
    }

    /// Another instance of the shop on `shop_addr`, on the same emulator, with its orders in
    /// `database_url`: two instances sharing one PostgreSQL database share the orders, the
    /// journal and the inbox. Notifications still go to the first instance.
    pub async fn start_instance(
        &self,
        shop_addr: SocketAddr,
        database_url: &str,
    ) -> Result<RunningShop, StartError> {
        shop_on(&self.emulator, shop_addr, database_url).await
    }

    /// The shop's URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        self.shop.url()
    }

    /// The shop.
    pub fn shop(&self) -> &RunningShop {
        &self.shop
    }

    /// The emulator standing in for Amazon Pay.
    pub fn emulator(&self) -> &RunningEmulator {
        &self.emulator
    }

    /// Stops the shop, then the emulator.
    pub async fn shutdown(self) {
        self.shop.shutdown().await;
        self.emulator.shutdown().await;
    }
}

/// The shop on `addr`, its client, buttons, checkout.js and notification verification pointed at
/// `emulator`.
async fn shop_on(
    emulator: &RunningEmulator,
    addr: SocketAddr,
    database_url: &str,
) -> Result<RunningShop, StartError> {
    let db = Database::connect(database_url).await?;
    let client = Client::builder()
        .public_key_id(emulator.public_key_id().as_str())
        .signer(emulator.private_key().clone())
        .region(emulator.region().as_str())
        .endpoint(emulator.base_url())
        .build()?;
    let ipn = NotificationVerifier::for_emulator(emulator)?;
    let config = ShopConfig {
        client,
        store_id: emulator.store_id().to_owned(),
        merchant_id: emulator.merchant_id().to_owned(),
        checkout_js_url: format!("{}/checkout.js", emulator.base_url()),
        product: Product {
            name: "Emulator Espresso Cup".to_owned(),
            description: "A double-walled glass cup, tested against every payment method."
                .to_owned(),
            price: Price::new("14.00", Currency::Usd)?,
        },
        ipn: Some(ipn),
    };
    let bind = |source| StartError::Bind { addr, source };
    let listener = TcpListener::bind(addr).await.map_err(bind)?;
    serve(listener, config, db).map_err(bind)
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::StartError;

    /// Each start error says what failed; its cause is the source, not repeated in the text.
    #[test]
    fn start_errors_keep_their_cause_as_source_only() {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
        let bind = StartError::Bind {
            addr,
            source: std::io::Error::new(std::io::ErrorKind::AddrInUse, "address in use"),
        };
        let price = StartError::from(
            amazon_pay::Price::new("1.234", amazon_pay::Currency::Jpy).unwrap_err(),
        );
        for error in [bind, price] {
            let text = error.to_string();
            let cause = error.source().expect("the cause is the source").to_string();
            assert!(!text.contains(&cause), "{text:?} repeats {cause:?}");
        }
    }
}
