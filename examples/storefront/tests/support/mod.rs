//! Shared by the storefront's database tests: HTTP calls to the shop, a shop on a fresh SQLite
//! file, an order approved by the buyer, and a PostgreSQL server of the test's own.
#![allow(dead_code, unreachable_pub)]

use std::net::{Ipv4Addr, SocketAddr};

use amazon_pay::CreateCheckoutSessionRequest;
use amazon_pay::emulator::{IpnRecord, SimulatedPaymentMethod};
use amazon_pay_storefront::Storefront;
use bytes::Bytes;
use http::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub async fn http(method: Method, url: &str, form: &str) -> TestResult<(StatusCode, String)> {
    let request = Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())?;
    send(request).await
}

/// Delivers a notification the emulator sent once more, as SNS does (same body and headers).
pub async fn deliver_again(ipn: &IpnRecord) -> TestResult<(StatusCode, String)> {
    let request = Request::builder()
        .method(Method::POST)
        .uri(&ipn.url)
        .header("content-type", "text/plain; charset=UTF-8")
        .header("x-amz-sns-message-type", "Notification")
        .header("x-amz-sns-message-id", &ipn.message_id)
        .body(ipn.body.clone())?;
    send(request).await
}

async fn send(request: Request<String>) -> TestResult<(StatusCode, String)> {
    let client: HttpClient<_, String> = HttpClient::builder(TokioExecutor::new()).build_http();
    let response = client.request(request).await?;
    let status = response.status();
    let body: Bytes = http_body_util::BodyExt::collect(response.into_body())
        .await?
        .to_bytes();
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// The URL of a fresh SQLite file for test `name`.
pub fn sqlite_url(name: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("storefront-{name}-{}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&path);
    format!("sqlite://{}?mode=rwc", path.display())
}

/// The storefront on a loopback port with its orders in `database_url`.
pub async fn start(database_url: &str) -> TestResult<Storefront> {
    Ok(Storefront::start_with_database(loopback(), database_url).await?)
}

/// `127.0.0.1:0`.
pub fn loopback() -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
}

/// A checkout session approved by the buyer after the shop's "Place your order"; returns its id
/// and the result URL the buyer is sent to.
pub async fn approved_order(shop: &Storefront) -> TestResult<(String, String)> {
    let emulator = shop.emulator();
    let client = shop.shop().client();
    let request = CreateCheckoutSessionRequest::one_time(
        emulator.store_id(),
        format!("{}/review", shop.url()),
    );
    let id = client
        .create_checkout_session(&request)
        .await?
        .into_body()
        .checkout_session_id
        .to_string();
    let (status, _) = http(
        Method::POST,
        &format!("{}/place-order", shop.url()),
        &format!("amazonCheckoutSessionId={id}"),
    )
    .await?;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let result = emulator.approve_checkout(&id, SimulatedPaymentMethod::Approve)?;
    assert!(
        result.starts_with(&format!("{}/result", shop.url())),
        "{result}"
    );
    Ok((id, result))
}

pub fn count_of(objects: &serde_json::Value, kind: &str) -> usize {
    objects[kind].as_array().map_or(0, Vec::len)
}

/// A PostgreSQL server of the test's own (stopped on drop); panics saying what is missing.
pub struct Postgres {
    _server: amazon_pay_storefront::LocalPostgres,
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub url: String,
}

impl Postgres {
    pub fn start(name: &str) -> Postgres {
        let server =
            amazon_pay_storefront::LocalPostgres::start(name).unwrap_or_else(|e| panic!("{e}"));
        Postgres {
            url: server.url().to_owned(),
            _server: server,
        }
    }
}
