//! An IPN endpoint with axum: `POST /ipn` verifies the notification in one call, answers `200`
//! at once (or the error's status), and handles the event in a task: GET the object it names
//! and record its new state. Redeliveries (same `MessageId`) are answered but not handled again.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use amazon_pay::Client;
use amazon_pay::emulator::RunningEmulator;
use amazon_pay::ipn::{Event, MAX_BODY_BYTES, NotificationEvent, NotificationVerifier, ObjectType};
use amazon_pay::prelude::*;
use anyhow::Context as _;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use bytes::Bytes;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;

use crate::connection::Connection;
use crate::orders::paid_order;
use crate::output::{Steps, state_of};
use crate::refund::EMULATOR_REFUND_DELAY;

/// The path the endpoint answers on.
pub const IPN_PATH: &str = "/ipn";
/// The merchant id notifications must carry, when running against the real sandbox.
pub const ENV_MERCHANT_ID: &str = "AMAZON_PAY_MERCHANT_ID";
/// Where to listen when running against the real sandbox (default `127.0.0.1:9000`); put the
/// endpoint behind a public HTTPS URL and enter that URL in Seller Central.
pub const ENV_IPN_LISTEN: &str = "AMAZON_PAY_IPN_LISTEN";
/// How long the example waits for a notification to be handled.
const HANDLING_LIMIT: Duration = Duration::from_secs(30);

/// A notification that verified and was handled: the object it named, as fetched afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandledEvent {
    /// The SNS `MessageId`.
    pub message_id: String,
    /// `CHARGE_PERMISSION`, `CHARGE` or `REFUND`.
    pub object_type: ObjectType,
    /// The object's id.
    pub object_id: String,
    /// The object's state, as returned by a GET after the notification.
    pub state: String,
}

#[derive(Debug)]
struct Shared {
    verifier: NotificationVerifier,
    client: Client,
    tasks_started: AtomicUsize,
    handled: watch::Sender<Vec<HandledEvent>>,
}

/// A running IPN endpoint.
#[derive(Debug)]
pub struct IpnEndpoint {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

impl IpnEndpoint {
    /// Listens on `listen` (port 0 for an ephemeral one); `verifier` checks each request,
    /// `client` GETs the objects that notifications name.
    pub async fn start(
        listen: SocketAddr,
        verifier: NotificationVerifier,
        client: Client,
    ) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("binding the IPN endpoint to {listen}"))?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            verifier,
            client,
            tasks_started: AtomicUsize::new(0),
            handled: watch::Sender::new(Vec::new()),
        });
        let app = Router::new()
            .route(IPN_PATH, post(receive))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .with_state(Arc::clone(&shared));
        let (shutdown, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    // A dropped sender stops the server too.
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Self {
            addr,
            shared,
            shutdown,
            server,
        })
    }

    /// Listens on an ephemeral loopback port, verifies with the emulator's signing key, and
    /// points the emulator's notifications at itself (undo with `emulator.set_ipn_url(None)`).
    pub async fn start_for_emulator(
        emulator: &RunningEmulator,
        client: Client,
    ) -> anyhow::Result<Self> {
        let verifier = NotificationVerifier::for_emulator(emulator)?;
        let endpoint =
            IpnEndpoint::start(SocketAddr::from(([127, 0, 0, 1], 0)), verifier, client).await?;
        emulator.set_ipn_url(Some(endpoint.url()));
        Ok(endpoint)
    }

    /// `http://ADDR/ipn`.
    pub fn url(&self) -> String {
        format!("http://{}{IPN_PATH}", self.addr)
    }

    /// Every event handled so far, in order of completion.
    pub fn handled(&self) -> Vec<HandledEvent> {
        self.shared.handled.borrow().clone()
    }

    /// How many handling tasks were started (one per first delivery of a verified
    /// notification).
    pub fn tasks_started(&self) -> usize {
        self.shared.tasks_started.load(Ordering::SeqCst)
    }

    /// Waits until an event matching `wanted` has been handled, at most `limit`.
    pub async fn wait_for(
        &self,
        limit: Duration,
        mut wanted: impl FnMut(&HandledEvent) -> bool,
    ) -> anyhow::Result<HandledEvent> {
        let mut handled = self.shared.handled.subscribe();
        let found = tokio::time::timeout(limit, async {
            let events = handled
                .wait_for(|events| events.iter().any(&mut wanted))
                .await
                .context("the endpoint stopped")?;
            events
                .iter()
                .find(|event| wanted(event))
                .cloned()
                .context("the event vanished")
        })
        .await
        .with_context(|| format!("no such notification was handled within {limit:?}"))??;
        Ok(found)
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(());
        self.server.await.context("the IPN server task")??;
        Ok(())
    }
}

/// `POST /ipn`: verify, answer at once, handle in a task.
async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    match shared.verifier.verify(&headers, &body).await {
        Ok(Event::Notification(event)) => {
            if event.first_delivery {
                shared.tasks_started.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(handle(Arc::clone(&shared), event));
            } else {
                println!(
                    "    IPN {}: a redelivery, already handled",
                    event.message_id
                );
            }
            StatusCode::OK
        }
        Ok(other) => {
            // Amazon Pay manages its subscriptions: confirmations need no action here.
            println!("    IPN {}: nothing to handle", other.message_id());
            StatusCode::OK
        }
        Err(error) => {
            println!("    IPN refused ({}): {error}", error.status_code());
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_REQUEST)
        }
    }
}

/// GETs the object the notification names and records its state; on failure, forgets the
/// `MessageId` so that the redelivery is handled.
async fn handle(shared: Arc<Shared>, event: NotificationEvent) {
    match current_state(&shared.client, &event.object_type, &event.object_id).await {
        Ok(state) => {
            println!(
                "    IPN {}: {} {} is now {state}",
                event.message_id, event.object_type, event.object_id
            );
            let handled = HandledEvent {
                message_id: event.message_id,
                object_type: event.object_type,
                object_id: event.object_id,
                state,
            };
            shared.handled.send_modify(|events| events.push(handled));
        }
        Err(error) => {
            println!(
                "    IPN {}: handling failed, waiting for the redelivery: {error:#}",
                event.message_id
            );
            shared.verifier.forget(&event.message_id);
        }
    }
}

/// The state of the object, by a GET of its type.
pub async fn current_state(
    client: &Client,
    object_type: &ObjectType,
    object_id: &str,
) -> anyhow::Result<String> {
    Ok(match object_type {
        ObjectType::Charge => {
            let charge = client.get_charge(object_id).await?.into_body();
            state_of(charge.status_details.as_ref())
        }
        ObjectType::Refund => {
            let refund = client.get_refund(object_id).await?.into_body();
            state_of(refund.status_details.as_ref())
        }
        ObjectType::ChargePermission => {
            let permission = client.get_charge_permission(object_id).await?.into_body();
            permission
                .status_details
                .map_or_else(|| "-".to_owned(), |details| details.state.to_string())
        }
        other => anyhow::bail!("this endpoint does not handle {other} notifications"),
    })
}

/// What the example saw.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The refund whose completion was notified.
    pub refund_id: String,
    /// The refund's state as the endpoint recorded it after its notification.
    pub refund_state: String,
    /// Every event the endpoint handled.
    pub handled: Vec<HandledEvent>,
}

/// Against the emulator: starts the endpoint, points the emulator's IPNs at it, pays an order,
/// refunds part of it, lets the emulator's clock finish the refund, and waits for the signed
/// notification to be verified and handled.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let emulator = connection
        .emulator_handle()
        .context("this flow needs the embedded emulator; see `serve` for the real sandbox")?;
    let client = connection.client();
    let steps = Steps::new();

    steps.step("Start the IPN endpoint and point the emulator's notifications at it");
    let endpoint = IpnEndpoint::start_for_emulator(emulator, client.clone()).await?;
    steps.show("IPN URL", endpoint.url());

    let total = connection.price(3000)?;
    let order = paid_order(
        connection,
        &steps,
        &total,
        PaymentIntent::AuthorizeWithCapture,
    )
    .await?;

    let amount = connection.price(1000)?;
    steps.step(format!("Create Refund: {amount}"));
    let refund = client
        .create_refund(&CreateRefundRequest::new(order.charge_id.clone(), amount))
        .await?
        .into_body();
    let refund_id = refund.refund_id.to_string();
    steps.show("refundId", &refund_id);
    steps.show("refund", state_of(refund.status_details.as_ref()));

    steps.step(format!(
        "The emulator's clock moves {EMULATOR_REFUND_DELAY:?}: the refund completes and its IPN is sent"
    ));
    emulator.clock().advance(EMULATOR_REFUND_DELAY);
    let handled = endpoint
        .wait_for(HANDLING_LIMIT, |event| {
            event.object_type == ObjectType::Refund
                && event.object_id == refund_id
                && event.state == RefundState::Refunded.as_str()
        })
        .await?;
    steps.show(
        "handled",
        format!("{} {}", handled.object_type, handled.state),
    );

    emulator.set_ipn_url(None);
    let outcome = Outcome {
        refund_id,
        refund_state: handled.state,
        handled: endpoint.handled(),
    };
    endpoint.shutdown().await?;
    Ok(outcome)
}

/// Against the real sandbox: serves `POST /ipn` on [`ENV_IPN_LISTEN`] for the merchant in
/// [`ENV_MERCHANT_ID`] until the process is stopped.
pub async fn serve(connection: &Connection) -> anyhow::Result<()> {
    let merchant_id = std::env::var(ENV_MERCHANT_ID)
        .ok()
        .filter(|id| !id.trim().is_empty())
        .with_context(|| format!("set {ENV_MERCHANT_ID} to the merchant id of your IPNs"))?;
    let listen: SocketAddr = std::env::var(ENV_IPN_LISTEN)
        .unwrap_or_else(|_| "127.0.0.1:9000".to_owned())
        .parse()
        .with_context(|| format!("{ENV_IPN_LISTEN} is not an address such as 127.0.0.1:9000"))?;
    let verifier = NotificationVerifier::new(merchant_id)?;
    let endpoint = IpnEndpoint::start(listen, verifier, connection.client().clone()).await?;
    println!(
        "Listening on {}; stop with Ctrl-C. Amazon Pay POSTs to the public HTTPS URL set in Seller Central, which must reach this address.",
        endpoint.url()
    );
    endpoint.server.await.context("the IPN server task")??;
    Ok(())
}
