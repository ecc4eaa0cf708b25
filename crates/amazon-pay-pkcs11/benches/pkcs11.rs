//! Signatures per second through SoftHSM2 (PKCS#11, both mechanisms) and through aws-lc-rs in
//! process, in the same run: one thread, and two threads signing at once.
//!
//! `cargo bench -p amazon-pay-pkcs11` (needs Debian's `softhsm2`).

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

use amazon_pay_pkcs11::{KeySelector, PssMechanism};
use amazon_pay_signing::{Algorithm, PrivateKey, Signer};
use criterion::{Criterion, Throughput};

/// A string to sign as the client makes it.
const MESSAGE: &[u8] =
    b"AMZN-PAY-RSASSA-PSS-V2\n8e9a1c5c0b5a1f0e53c3a7e6b2fd2b1d6a0f7f5b0a7e2e4c9d1b6a3f2e1d0c9b";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    support::in_softhsm("the PKCS#11 benchmark", &args, "ALL", |token| {
        token.generate_rsa("bench", &[0x01], 2048, true);
        let mut signers: Vec<(String, Box<dyn Signer>)> = vec![(
            "aws-lc-rs".to_owned(),
            Box::new(PrivateKey::generate_2048().expect("key")),
        )];
        for mechanism in PssMechanism::ALL {
            let signer = token
                .signer(KeySelector::label("bench"))
                .mechanism(mechanism)
                .open()
                .expect("signer");
            signers.push((format!("softhsm2 {mechanism}"), Box::new(signer)));
        }
        let mut criterion = Criterion::default()
            .measurement_time(Duration::from_secs(4))
            .configure_from_args();
        let mut group = criterion.benchmark_group("sign_rsa2048_v2");
        group.throughput(Throughput::Elements(1));
        for (name, signer) in &signers {
            group.bench_function(format!("{name} 1 thread"), |b| {
                b.iter(|| {
                    signer
                        .sign(Algorithm::V2, black_box(MESSAGE))
                        .expect("sign")
                })
            });
        }
        group.throughput(Throughput::Elements(2));
        for (name, signer) in &signers {
            group.bench_function(format!("{name} 2 threads"), |b| {
                b.iter_custom(|iterations| two_threads(signer.as_ref(), iterations))
            });
        }
        group.finish();
        criterion.final_summary();
    });
}

/// Two threads each signing `iterations` times; the time until both are done.
fn two_threads(signer: &dyn Signer, iterations: u64) -> Duration {
    let start = Instant::now();
    thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                for _ in 0..iterations {
                    signer
                        .sign(Algorithm::V2, black_box(MESSAGE))
                        .expect("sign");
                }
            });
        }
    });
    start.elapsed()
}
