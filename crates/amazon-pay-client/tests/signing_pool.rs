//! One set of signing threads serves every client of the process: the number of threads does
//! not grow with the number of clients. Counted from `/proc/self/task` after 1, 20 and 200
//! clients (all alive, each having signed one call on the signing threads).

#![cfg(target_os = "linux")]

use std::future::IntoFuture as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use amazon_pay_client::{Algorithm, Client, Error, Signer};
use amazon_pay_client::{HttpRequest, HttpResponse};
use bytes::Bytes;
use tower::util::BoxCloneSyncService;

#[derive(Debug)]
struct FixedSigner;

impl Signer for FixedSigner {
    fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
        Ok(vec![0u8; 256])
    }
}

fn threads_of_process() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

/// A client whose in-memory transport counts the signed requests it receives.
fn client(signed: &Arc<AtomicUsize>) -> Client {
    let signed = Arc::clone(signed);
    let transport = BoxCloneSyncService::new(tower::service_fn(move |req: HttpRequest| {
        if req.headers().contains_key(http::header::AUTHORIZATION) {
            signed.fetch_add(1, Ordering::SeqCst);
        }
        async { Ok::<HttpResponse, Error>(http::Response::new(Bytes::from_static(b"{}"))) }
    }));
    Client::builder()
        .public_key_id("SANDBOX-POOLTEST")
        .signer(FixedSigner)
        .region("na")
        .transport(transport)
        .build()
        .unwrap()
}

#[test]
fn the_thread_count_does_not_grow_with_clients() {
    // One thread runs the calls: every other thread of the process is a signing thread or was
    // there before the first client.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let signed = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    let before = threads_of_process();
    let mut counts = Vec::new();
    for total in [1, 20, 200] {
        while clients.len() < total {
            let client = client(&signed);
            // The first call of a client always signs on the signing threads (the signer has
            // not proven quick yet); its outcome does not matter here, its signature does.
            let _ = runtime.block_on(client.get_charge("C1").into_future());
            clients.push(client);
        }
        assert_eq!(
            signed.load(Ordering::SeqCst),
            total,
            "every client signed once"
        );
        counts.push((total, threads_of_process()));
    }
    eprintln!("threads before any client: {before}; with n clients: {counts:?}");
    let with_one = counts[0].1;
    assert!(
        with_one > before,
        "the first call started the signing threads"
    );
    for (total, threads) in counts {
        assert_eq!(threads, with_one, "{total} clients");
    }
}
