//! The day-one surface of the facade: the prelude holds what a client is built from, and the
//! re-exported `http` and `bytes` are the types the client's methods take and return.

use amazon_pay::bytes::Bytes;
use amazon_pay::client::HttpResponse;
use amazon_pay::http::{Method, StatusCode};
use amazon_pay::prelude::*;
use amazon_pay::{NoContent, Response};

#[test]
fn a_client_is_built_from_the_prelude_alone() {
    let client = Client::builder()
        .public_key_id("SANDBOX-SURFACETEST")
        .signer(PrivateKey::generate_2048().unwrap())
        .region(Region::Eu)
        .environment(Environment::Sandbox)
        .retry_policy(RetryPolicy::new())
        .build()
        .unwrap();
    assert_eq!(client.region(), Region::Eu);
    assert_eq!(client.environment(), Environment::Sandbox);
}

#[test]
fn the_reexported_http_and_bytes_are_the_clients_own() {
    // `raw_request` takes the facade's `http::Method`, a `Response` answers the facade's
    // `http::StatusCode`, and transport responses carry the facade's `Bytes`.
    let _: fn(&Client, Method, String) -> amazon_pay::Call<amazon_pay::client::RawRequest> =
        |client, method, path| client.raw_request(method, path);
    let _: fn(&Response<NoContent>) -> StatusCode = Response::status;
    let response: HttpResponse = amazon_pay::http::Response::new(Bytes::from_static(b"{}"));
    assert_eq!(response.status(), StatusCode::OK);
}
