//! The shop's state, routes and server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::ShopConfig;
use crate::notifications::{self, ReceivedNotification};
use crate::pages;

/// What the handlers share.
#[derive(Debug)]
pub(crate) struct Shop {
    pub(crate) config: ShopConfig,
    /// `http://127.0.0.1:PORT`, without a trailing slash: the base of the return URLs.
    pub(crate) base_url: String,
    pub(crate) notifications: Mutex<Vec<ReceivedNotification>>,
}

impl Shop {
    /// An absolute URL of this shop.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub(crate) fn notifications(&self) -> MutexGuard<'_, Vec<ReceivedNotification>> {
        self.notifications
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
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
}

/// Serves the shop on `listener` on the current Tokio runtime.
pub fn serve(listener: TcpListener, config: ShopConfig) -> std::io::Result<RunningShop> {
    let addr = listener.local_addr()?;
    let shop = Arc::new(Shop {
        config,
        base_url: format!("http://{addr}"),
        notifications: Mutex::new(Vec::new()),
    });
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

    /// The notifications received at `/ipn` that verified, oldest first.
    pub fn notifications(&self) -> Vec<ReceivedNotification> {
        self.shop.notifications().clone()
    }

    /// Stops serving and waits for the server to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for RunningShop {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
