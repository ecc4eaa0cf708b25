//! Client overhead and signed-call throughput.
//!
//! - `overhead/no_op_signer_in_memory`: one call through the whole stack with a no-op signer
//!   and an in-memory transport (target: at most 20 µs).
//! - `sign/aws_lc_rs`: one bare RSA-PSS signature; `loopback/16_in_flight`: 16 signed GETs in
//!   flight against a loopback server (target: per-call rate at least 0.9× the bare signing rate).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Duration;

use amazon_pay_client::layers::{HttpRequest, HttpResponse};
use amazon_pay_client::{Algorithm, Client, Error, Signer};
use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use http::Method;
use tower::util::BoxCloneSyncService;

#[derive(Debug)]
struct NoOpSigner;

impl Signer for NoOpSigner {
    fn sign(&self, _: Algorithm, _: &[u8]) -> Result<Vec<u8>, amazon_pay_signing::Error> {
        Ok(vec![0u8; 256])
    }
}

fn in_memory_client() -> Client {
    let transport = BoxCloneSyncService::new(tower::service_fn(|_req: HttpRequest| async {
        Ok::<HttpResponse, Error>(http::Response::new(Bytes::from_static(
            br#"{"chargeId":"C1"}"#,
        )))
    }));
    Client::builder()
        .public_key_id("SANDBOX-BENCHKEY")
        .signer(NoOpSigner)
        .region("na")
        .transport(transport)
        .build()
        .expect("client")
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let client = in_memory_client();
    c.bench_function("overhead/no_op_signer_in_memory", |b| {
        b.to_async(&rt)
            .iter(|| async { client.call(Method::GET, "/v2/charges/C1").await.unwrap() })
    });
}

fn throughput(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let key = support::key().clone();
    let message = vec![b'x'; 400];
    let mut group = c.benchmark_group("rate");
    group.throughput(Throughput::Elements(1));
    group.bench_function("sign/aws_lc_rs", |b| {
        b.iter(|| key.sign(Algorithm::V2, &message).unwrap())
    });
    let server = rt.block_on(support::Server::http());
    let client = server
        .client()
        .total_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    group.throughput(Throughput::Elements(16));
    group.bench_function("loopback/16_in_flight", |b| {
        b.to_async(&rt).iter(|| async {
            let calls = (0..16).map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.call(Method::GET, "/v2/charges/C1").await })
            });
            for call in futures_util::future::join_all(calls).await {
                call.unwrap().unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, overhead, throughput);
criterion_main!(benches);
