//! Decoding the full checkout-session response of the "Set payment info" guide, as
//! documented and with one non-essential field of an undocumented shape (read by the
//! tolerant fallback, the field kept in `extra`).

use std::hint::black_box;

use amazon_pay_types::{CheckoutSession, from_json};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SESSION: &[u8] =
    include_bytes!("../tests/fixtures/checkout_session/seed001_update_response.json");

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(SESSION.len() as u64));
    group.bench_function("checkout_session_seed001", |b| {
        b.iter(|| {
            let session: CheckoutSession = from_json(black_box(SESSION)).expect("fixture decodes");
            session
        })
    });
    let odd = String::from_utf8(SESSION.to_vec())
        .expect("UTF-8")
        .replacen(
            "\"canHandlePendingAuthorization\": false",
            "\"canHandlePendingAuthorization\": \"no\"",
            1,
        );
    assert_ne!(odd.as_bytes(), SESSION, "the fixture has the field");
    group.bench_function("checkout_session_seed001_one_odd_field", |b| {
        b.iter(|| {
            let session: CheckoutSession =
                from_json(black_box(odd.as_bytes())).expect("fixture decodes");
            session
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
