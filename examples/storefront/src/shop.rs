//! The shop's state, routes and server.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::config::ShopConfig;
use crate::db::{Database, DbError};
use crate::notifications::{self, ReceivedNotification};
use crate::orders::{self, Order};
use crate::pages;
use crate::{inbox, journal};

/// What the handlers share.
#[derive(Debug)]
pub(crate) struct Shop {
    pub(crate) config: ShopConfig,
    /// `http://127.0.0.1:PORT`, without a trailing slash: the base of the return URLs.
    pub(crate) base_url: String,
    /// Orders, the journal of payment calls and the notification inbox.
    pub(crate) db: Database,
    /// Wakes the inbox worker when a notification was stored.
    pub(crate) inbox_wake: Arc<Notify>,
}

impl Shop {
    /// An absolute URL of this shop.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

fn router(shop: Arc<Shop>) -> Router {
    Router::new()
        .route("/", get(pages::product::show))
        .route("/review", get(pages::review::show))
        .route("/place-order", post(pages::review::place_order))
        .route("/result", get(pages::result::show))
        .route("/signin", get(pages::sign_in::show))
        .route("/account", get(pages::sign_in::account))
        .route("/ipn", post(notifications::receive))
        .route("/notifications", get(notifications::list))
        .with_state(shop)
}

/// A running shop. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningShop {
    shop: Arc<Shop>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    worker: JoinHandle<()>,
}

/// Serves the shop on `listener` on the current Tokio runtime, with its orders in `db`.
///
/// A background task first repeats every payment step left pending (by a crash, or a call
/// whose outcome is unknown), with its recorded key and body, then processes the notification
/// inbox.
pub fn serve(
    listener: TcpListener,
    config: ShopConfig,
    db: Database,
) -> std::io::Result<RunningShop> {
    let addr = listener.local_addr()?;
    let shop = Arc::new(Shop {
        config,
        base_url: format!("http://{addr}"),
        db,
        inbox_wake: Arc::new(Notify::new()),
    });
    let worker = {
        let (db, client) = (shop.db.clone(), shop.config.client.clone());
        let wake = Arc::clone(&shop.inbox_wake);
        tokio::spawn(async move {
            match journal::recover(&db, &client).await {
                Ok(0) => {}
                Ok(n) => eprintln!("storefront: recovery finished {n} pending payment step(s)"),
                Err(e) => eprintln!("storefront: recovery: {e}"),
            }
            inbox::work(db, client, wake).await;
        })
    };
    let (stop, mut stopped) = watch::channel(false);
    let app = router(Arc::clone(&shop));
    let server = tokio::spawn(async move {
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
        {
            eprintln!("storefront: server error: {e}");
        }
    });
    Ok(RunningShop {
        shop,
        addr,
        stop,
        server: Some(server),
        worker,
    })
}

impl RunningShop {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.shop.base_url
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The notifications received at `/ipn` that verified and were processed, oldest first.
    pub async fn notifications(&self) -> Result<Vec<ReceivedNotification>, DbError> {
        inbox::processed(&self.shop.db).await
    }

    /// The shop's Amazon Pay client.
    pub fn client(&self) -> &amazon_pay::Client {
        &self.shop.config.client
    }

    /// Every order, by reference.
    pub async fn orders(&self) -> Result<Vec<Order>, DbError> {
        orders::all(&self.shop.db).await
    }

    /// Repeats every payment step whose outcome is not recorded and whose claim has lapsed;
    /// returns how many finished (the start of [`serve`] runs it once).
    pub async fn recover(&self) -> Result<usize, DbError> {
        journal::recover(&self.shop.db, &self.shop.config.client).await
    }

    /// Stops serving and waits for the server to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        self.worker.abort();
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for RunningShop {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.worker.abort();
    }
}
