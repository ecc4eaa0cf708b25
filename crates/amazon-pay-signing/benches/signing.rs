//! Signing benchmarks: canonicalisation alone, and whole-request signing per
//! backend against a bare RSA-2048 PSS signature from the same library.

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use amazon_pay_signing::{
    Algorithm, Backend, PrivateKey, PublicKeyId, Region, SignableRequest, SigningParams,
    canonical_request, sign, string_to_sign,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const KEY_PEM: &str = include_str!("../tests/data/test-rsa2048-pkcs8.pem");

/// A 600-byte JSON body.
fn body() -> Vec<u8> {
    let head = br#"{"chargePermissionId":"S01-1234567-1234567","chargeAmount":{"amount":"14.00","currencyCode":"USD"},"captureNow":true,"softDescriptor":"Example","canHandlePendingAuthorization":false,"merchantMetadata":{"merchantReferenceId":"order-"#;
    let mut body = head.to_vec();
    while body.len() < 597 {
        body.push(b'x');
    }
    body.extend_from_slice(br#""}}"#);
    assert_eq!(body.len(), 600);
    body
}

fn params() -> SigningParams {
    SigningParams::new(
        Region::Na,
        PublicKeyId::new("LIVE-AHEGSJCM3L2S637RBGABLAFW").expect("key id"),
        Algorithm::V2,
        UNIX_EPOCH + Duration::from_secs(1_704_164_645),
    )
}

const CALLER: [(&str, &str); 1] = [(
    "x-amz-pay-idempotency-key",
    "0123456789abcdef0123456789abcdef",
)];

fn canonical(c: &mut Criterion) {
    let body = body();
    let headers = [
        ("accept", "application/json"),
        ("content-type", "application/json"),
        ("x-amz-pay-date", "20240102T030405Z"),
        ("x-amz-pay-host", "pay-api.amazon.com"),
        (
            "x-amz-pay-idempotency-key",
            "0123456789abcdef0123456789abcdef",
        ),
        ("x-amz-pay-region", "na"),
    ];
    let mut group = c.benchmark_group("canonical");
    group.throughput(Throughput::Elements(1));
    group.bench_function("post_600_bytes_canonical_request_and_string_to_sign", |b| {
        b.iter(|| {
            let cr = canonical_request(
                "POST",
                "/live/v2/charges",
                &[],
                black_box(&headers),
                black_box(&body),
            );
            black_box(string_to_sign(Algorithm::V2, &cr))
        })
    });
    group.finish();
}

fn sign_request(c: &mut Criterion, backend: Backend) {
    let body = body();
    let key = PrivateKey::from_pem(KEY_PEM)
        .expect("key")
        .with_backend(backend)
        .expect("backend available");
    let params = params();
    let mut group = c.benchmark_group(format!("sign/{backend}"));
    group.throughput(Throughput::Elements(1));
    group.bench_function("whole_request_v2", |b| {
        b.iter(|| {
            let request = SignableRequest::new("POST", "/live/v2/charges")
                .with_headers(&CALLER)
                .with_body(black_box(&body));
            black_box(sign(&request, &params, &key).expect("signs"))
        })
    });
    bare_signature(&mut group, backend);
    group.finish();
}

/// A bare RSA-2048 PSS (salt 32) signature with the backend library alone.
fn bare_signature(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    backend: Backend,
) {
    let message =
        b"AMZN-PAY-RSASSA-PSS-V2\n58e1a9fe15b09e2d43c424c26f4d719cc6b5e10d5ee34ce3746e2221eafcf475";
    let der = pem_body_der();
    match backend {
        #[cfg(feature = "aws-lc-rs")]
        Backend::AwsLc => {
            use aws_lc_rs::rsa::KeyPair;
            use aws_lc_rs::signature::RSA_PSS_SHA256;
            let key = KeyPair::from_pkcs8(&der).expect("key");
            let rng = aws_lc_rs::rand::SystemRandom::new();
            group.bench_function("bare_rsa2048_pss_sha256", |b| {
                b.iter(|| {
                    let mut sig = vec![0; key.public_modulus_len()];
                    key.sign(&RSA_PSS_SHA256, &rng, black_box(message), &mut sig)
                        .expect("signs");
                    black_box(sig)
                })
            });
        }
        #[cfg(feature = "rust-crypto")]
        Backend::RustCrypto => {
            use rsa::pkcs8::DecodePrivateKey as _;
            use sha2::Digest as _;
            let key = rsa::PrivateKey::from_pkcs8_der(&der).expect("key");
            group.bench_function("bare_rsa2048_pss_sha256", |b| {
                b.iter(|| {
                    let digest = sha2::Sha256::digest(black_box(message));
                    black_box(
                        key.sign(rsa::pss::Pss::<sha2::Sha256>::new_with_salt(32), &digest)
                            .expect("signs"),
                    )
                })
            });
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
}

/// The PKCS#8 DER inside the test key's PEM.
fn pem_body_der() -> Vec<u8> {
    use base64::Engine as _;
    let b64: String = KEY_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

fn backends(c: &mut Criterion) {
    for backend in Backend::available() {
        sign_request(c, backend);
    }
}

criterion_group!(benches, canonical, backends);
criterion_main!(benches);
