//! The client of the in-memory benches: a no-op signer and a transport that answers at once.
#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use amazon_pay_client::{
    Algorithm, Client, ClientBuilder, Error, HttpRequest, HttpResponse, Signer,
};
use bytes::Bytes;
use tower::util::BoxCloneSyncService;

/// Signs nothing: the RSA operation is left out of the measured overhead.
#[derive(Debug)]
pub struct NoOpSigner;

impl Signer for NoOpSigner {
    fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
        Ok(vec![0u8; 256])
    }
}

/// Answers `body` at once; with `suspend`, after yielding to the scheduler once, as a network
/// answer would (the task is suspended and scheduled again between sending and reading).
pub fn in_memory_transport(
    suspend: bool,
    body: &'static [u8],
) -> BoxCloneSyncService<HttpRequest, HttpResponse, Error> {
    BoxCloneSyncService::new(tower::service_fn(move |_req: HttpRequest| async move {
        if suspend {
            tokio::task::yield_now().await;
        }
        Ok::<HttpResponse, Error>(http::Response::new(Bytes::from_static(body)))
    }))
}

/// The builder of a client on [`in_memory_transport`] answering `{"chargeId":"C1"}`.
pub fn in_memory_builder(suspend: bool) -> ClientBuilder {
    Client::builder()
        .public_key_id("SANDBOX-BENCHKEY")
        .signer(NoOpSigner)
        .region("na")
        .transport(in_memory_transport(suspend, br#"{"chargeId":"C1"}"#))
}

/// A client of [`in_memory_builder`]; with `inline_limit`, the client's inline-signing limit
/// (zero: always the signing threads).
pub fn in_memory_client(suspend: bool, inline_limit: Option<Duration>) -> Client {
    let builder = in_memory_builder(suspend);
    match inline_limit {
        Some(limit) => builder.inline_signing_limit(limit),
        None => builder,
    }
    .build()
    .expect("client")
}

/// The benches' runtime: multi-threaded with 2 workers, as on the 2-core machines measured.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Whether `cargo bench` was given a filter naming another bench than `name` (it also passes
/// `--bench`), for the benches without criterion's harness.
pub fn filtered_out(name: &str) -> bool {
    std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !name.contains(a.as_str()))
}
