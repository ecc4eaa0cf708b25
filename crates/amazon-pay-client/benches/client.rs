//! Client overhead and signed-call throughput.
//!
//! - `overhead/no_op_signer_in_memory`: one call through the whole stack with a no-op signer
//!   and an in-memory transport that answers at once, run in a task on a runtime worker
//!   (target: at most 20 µs); the call is alone in flight, so after the warm-up it signs on its
//!   own task; `..._signing_threads` the same with every signature on the signing threads
//!   (inline signing off: the hand-off's two thread wake-ups); `..._suspending` with a transport
//!   that yields to the scheduler once before answering, as a network answer would;
//!   `..._16_in_flight` the suspending calls 16 at a time (time per call from the throughput);
//!   `..._one_no_op_layer` the first one with a layer that does nothing added with
//!   `ClientBuilder::layer` (the cost of that seam).
//! - `parts/sign_request_no_op_signer`: the canonical request and headers with the no-op
//!   signer, alone (the layers are private to the client: the rest of the overhead is the
//!   difference).
//! - `sign/aws_lc_rs`: one bare RSA-PSS signature; `loopback/one_at_a_time` and
//!   `loopback/16_in_flight`: signed GETs against a loopback server, one at a time and 16 in
//!   flight (target for 16: per-call rate at least 0.9× the bare signing rate).

#[path = "in_memory/mod.rs"]
mod in_memory;
#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant, SystemTime};

use amazon_pay_client::{Algorithm, Client, Signer};
use amazon_pay_signing::{PublicKeyId, Region, SignableRequest, SigningParams};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use http::Method;
use in_memory::{NoOpSigner, in_memory_builder, in_memory_client};

/// Makes `iters` calls one after another in a task on a runtime worker, as an application's
/// calls run (`block_on` alone would run them on the bench thread, which is not a worker).
async fn gets_on_worker(client: Client, iters: u64) -> Duration {
    tokio::spawn(async move {
        let start = Instant::now();
        for _ in 0..iters {
            client
                .raw_request(Method::GET, "/v2/charges/C1")
                .await
                .unwrap();
        }
        start.elapsed()
    })
    .await
    .unwrap()
}

fn overhead(c: &mut Criterion) {
    let rt = in_memory::runtime();
    for (name, suspend, inline_limit) in [
        ("overhead/no_op_signer_in_memory", false, None),
        (
            "overhead/no_op_signer_in_memory_signing_threads",
            false,
            Some(Duration::ZERO),
        ),
        ("overhead/no_op_signer_in_memory_suspending", true, None),
    ] {
        let client = in_memory_client(suspend, inline_limit);
        c.bench_function(name, |b| {
            b.to_async(&rt)
                .iter_custom(|iters| gets_on_worker(client.clone(), iters))
        });
    }
    let with_layer = in_memory_builder(false)
        .layer(tower::layer::util::Identity::new())
        .build()
        .expect("client");
    c.bench_function("overhead/no_op_signer_in_memory_one_no_op_layer", |b| {
        b.to_async(&rt)
            .iter_custom(|iters| gets_on_worker(with_layer.clone(), iters))
    });
    // The same calls 16 at a time: the time per call when the threads are kept busy, so that
    // thread wake-ups overlap with other calls' work.
    let client = in_memory_client(true, None);
    let mut group = c.benchmark_group("overhead");
    group.throughput(Throughput::Elements(16));
    group.bench_function("no_op_signer_in_memory_16_in_flight", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let client = client.clone();
            async move {
                let start = Instant::now();
                let lanes: Vec<_> = (0..16)
                    .map(|_| tokio::spawn(gets_on_worker(client.clone(), iters)))
                    .collect();
                for lane in lanes {
                    lane.await.unwrap();
                }
                start.elapsed()
            }
        })
    });
    group.finish();
}

/// Where the overhead goes: the parts of one call, measured alone.
fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("parts");
    let params = SigningParams {
        region: Region::Na,
        host: "pay-api.amazon.com".to_owned(),
        public_key_id: PublicKeyId::new("SANDBOX-BENCHKEY").unwrap(),
        algorithm: Algorithm::V2,
        time: SystemTime::now(),
    };
    group.bench_function("sign_request_no_op_signer", |b| {
        b.iter(|| {
            let request = SignableRequest::new("GET", "/v2/charges/C1");
            amazon_pay_signing::sign(&request, &params, &NoOpSigner).unwrap()
        })
    });
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let rt = in_memory::runtime();
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
    group.throughput(Throughput::Elements(1));
    group.bench_function("loopback/one_at_a_time", |b| {
        b.to_async(&rt)
            .iter_custom(|iters| gets_on_worker(client.clone(), iters))
    });
    group.throughput(Throughput::Elements(16));
    group.bench_function("loopback/16_in_flight", |b| {
        b.to_async(&rt).iter(|| async {
            let calls = (0..16).map(|_| {
                let client = client.clone();
                tokio::spawn(async move { client.raw_request(Method::GET, "/v2/charges/C1").await })
            });
            for call in futures_util::future::join_all(calls).await {
                call.unwrap().unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, overhead, parts, throughput);
criterion_main!(benches);
