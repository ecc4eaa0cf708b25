//! HTTPS with a certificate of the emulator's own CA.

mod common;

use std::sync::Arc;

use amazon_pay_signing::{Algorithm, SignableRequest, SigningParams, sign};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Empty};
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, ServerName};

#[tokio::test]
async fn serves_https_trusted_through_the_exported_ca() {
    let emu = common::builder().tls(true).start().await.expect("start");
    assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    let (_, pem) = x509_parser::pem::parse_x509_pem(emu.ca_pem().as_bytes()).expect("ca pem");
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(pem.contents.clone()))
        .expect("add CA");
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(emu.local_addr())
        .await
        .expect("connect");
    let tls = connector
        .connect(ServerName::try_from("127.0.0.1").expect("name"), tcp)
        .await
        .expect("the certificate is trusted through the exported CA");
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
        .await
        .expect("handshake");
    tokio::spawn(conn);

    let path = "/v2/reports";
    let mut params = SigningParams::new(
        emu.region(),
        emu.public_key_id().clone(),
        Algorithm::V2,
        std::time::SystemTime::now(),
    );
    params.host = "127.0.0.1".into();
    let signed = sign(
        &SignableRequest::new("GET", path),
        &params,
        emu.private_key(),
    )
    .expect("sign");
    let mut b = http::Request::get(path).header("host", "127.0.0.1");
    for (k, v) in signed.headers() {
        b = b.header(*k, v);
    }
    let resp = sender
        .send_request(b.body(Empty::<Bytes>::new()).expect("request"))
        .await
        .expect("send");
    assert_eq!(resp.status(), http::StatusCode::OK);
    let body = resp.into_body().collect().await.expect("body").to_bytes();
    let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert!(v["reports"].is_array());
}
