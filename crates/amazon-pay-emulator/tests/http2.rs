//! An answer injected before processing reaches HTTP/2 clients that are still sending a body.
//!
//! A server that answers before reading the body resets the stream (RFC 9113 §8.1), and clients
//! that treat a reset during an upload as a failure (curl) then report a stream error instead of
//! the answer. The client here sends its body as the flow-control window allows, as curl does,
//! and fails the same way if the stream is reset under it.

mod common;

use std::future::poll_fn;

use amazon_pay_emulator::Fault;
use bytes::Bytes;
use common::Api;
use http::{Method, StatusCode};

/// Larger than HTTP/2's initial flow-control window (65,535 bytes): the client cannot send it
/// all before the server reads.
const BODY_LEN: usize = 256 * 1024;
const TRIES: usize = 20;

/// Sends `body` as the window allows; an error if the stream is reset meanwhile.
async fn send_body(stream: &mut h2::SendStream<Bytes>, mut body: Bytes) -> Result<(), String> {
    while !body.is_empty() {
        stream.reserve_capacity(body.len());
        let granted = poll_fn(|cx| stream.poll_capacity(cx))
            .await
            .ok_or("the stream closed while sending")?
            .map_err(|e| format!("while sending: {e}"))?;
        let chunk = body.split_to(granted.min(body.len()));
        stream
            .send_data(chunk, body.is_empty())
            .map_err(|e| format!("while sending: {e}"))?;
    }
    Ok(())
}

/// One POST with a large body over an HTTP/2 connection: the status, or what went wrong.
async fn post(addr: std::net::SocketAddr, uri: &str) -> Result<StatusCode, String> {
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let (client, connection) = h2::client::handshake(tcp)
        .await
        .map_err(|e| e.to_string())?;
    let driver = tokio::spawn(connection);
    let mut client = client.ready().await.map_err(|e| e.to_string())?;
    let request = http::Request::post(uri)
        .header("content-type", "application/json")
        .body(())
        .map_err(|e| e.to_string())?;
    let (response, mut stream) = client
        .send_request(request, false)
        .map_err(|e| e.to_string())?;
    let sent = send_body(&mut stream, Bytes::from(vec![b'x'; BODY_LEN])).await;
    let response = response.await.map_err(|e| format!("response: {e}"))?;
    let status = response.status();
    let mut body = response.into_body();
    while let Some(chunk) = body.data().await {
        chunk.map_err(|e| format!("response body: {e}"))?;
    }
    driver.abort();
    sent.map(|()| status)
}

#[tokio::test]
async fn http2_clients_see_a_status_injected_before_processing() {
    let api = Api::default().await;
    api.emu.faults().inject(
        Fault::status(503)
            .on("*/checkoutSessions")
            .method(Method::POST)
            .times(TRIES as u32),
    );
    let uri = format!("{}{}/checkoutSessions", api.emu.base_url(), api.prefix);
    let mut seen = Vec::new();
    for _ in 0..TRIES {
        seen.push(post(api.emu.local_addr(), &uri).await);
    }
    assert!(
        seen.iter()
            .all(|o| o == &Ok(StatusCode::SERVICE_UNAVAILABLE)),
        "{seen:?}"
    );
}
