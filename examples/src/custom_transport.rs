//! The signing crate alone, with your own transport: sign a GET with `amazon-pay-signing` and
//! send it over a plain `std::net::TcpStream`. Plain HTTP, so this runs against the embedded
//! emulator only; with TLS, hand the same headers to any HTTPS client.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime};

use amazon_pay::emulator::Verdict;
use amazon_pay::prelude::*;
use amazon_pay::signing::{SignableRequest, SigningParams, sign};
use amazon_pay::{Algorithm, PublicKeyId};
use anyhow::{Context as _, bail};

use crate::checkout::REVIEW_URL;
use crate::connection::Connection;
use crate::output::Steps;

/// The largest answer read from the socket.
const MAX_ANSWER: u64 = 1 << 20;
/// Connect, write and read timeouts of the socket.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(10);

/// What came back.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The HTTP status.
    pub status: u16,
    /// The session state in the answer.
    pub state: Option<String>,
    /// Whether the emulator logged the request as verified and processed.
    pub accepted: bool,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let emulator = connection
        .emulator_handle()
        .context("this example speaks plain HTTP and runs against the embedded emulator only")?;
    let steps = Steps::new();

    steps.step("Create a checkout session with the client (something to fetch)");
    let session = connection
        .client()
        .create_checkout_session(&CreateCheckoutSessionRequest::one_time(
            connection.store_id(),
            REVIEW_URL,
        ))
        .await?
        .into_body();
    let path = format!("/v2/checkoutSessions/{}", session.checkout_session_id);
    steps.show("checkoutSessionId", &session.checkout_session_id);

    steps.step(format!("Sign GET {path} with amazon-pay-signing alone"));
    let addr = emulator.local_addr();
    let mut params = SigningParams::new(
        emulator.region(),
        PublicKeyId::new(connection.public_key_id())?,
        Algorithm::V2,
        SystemTime::now(),
    );
    // `x-amz-pay-host` is the host the request goes to (without the port).
    params.host = addr.ip().to_string();
    let signed = sign(
        &SignableRequest::new("GET", &path),
        &params,
        connection.private_key(),
    )?;
    for line in signed.redacted().to_string().lines() {
        println!("    {line}");
    }

    steps.step(format!("Send it over a TcpStream to {addr}"));
    let mut wire = format!(
        "GET {} HTTP/1.1\r\nhost: {addr}\r\nuser-agent: amazon-pay-examples/custom-transport\r\nconnection: close\r\n",
        signed.path_and_query()
    );
    for (name, value) in signed.headers() {
        wire.push_str(&format!("{name}: {value}\r\n"));
    }
    wire.push_str("\r\n");
    let raw = tokio::task::spawn_blocking(move || exchange(addr, wire.as_bytes()))
        .await
        .context("the socket task failed")??;
    let (status, body) = parse_answer(&raw)?;
    steps.show("status", status);
    let json: serde_json::Value =
        serde_json::from_slice(&body).context("the answer is not JSON")?;
    let state = json["statusDetails"]["state"].as_str().map(str::to_owned);
    steps.show("state", state.as_deref().unwrap_or("-"));
    if !(200..300).contains(&status) {
        bail!("the request was refused: {json}");
    }

    steps.step("What the emulator logged");
    let record = emulator
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "GET" && r.path.ends_with(session.checkout_session_id.as_str()))
        .context("the emulator did not log the request")?;
    steps.show(
        "operation",
        record.operation.as_deref().unwrap_or("(unknown)"),
    );
    steps.show("verdict", format!("{:?}", record.verdict));
    Ok(Outcome {
        status,
        state,
        accepted: record.verdict == Verdict::Accepted,
    })
}

/// Writes `request` and reads the whole answer (the server closes the connection).
fn exchange(addr: SocketAddr, request: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&addr, SOCKET_TIMEOUT)?;
    stream.set_read_timeout(Some(SOCKET_TIMEOUT))?;
    stream.set_write_timeout(Some(SOCKET_TIMEOUT))?;
    stream.write_all(request)?;
    let mut answer = Vec::new();
    stream.take(MAX_ANSWER).read_to_end(&mut answer)?;
    Ok(answer)
}

/// The status and body of an HTTP/1.1 answer (plain or chunked body).
fn parse_answer(raw: &[u8]) -> anyhow::Result<(u16, Vec<u8>)> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .context("the answer has no end of headers")?;
    let head = std::str::from_utf8(&raw[..split]).context("the headers are not UTF-8")?;
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .context("no status line")?;
    let chunked = lines.any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    Ok((status, body))
}

fn dechunk(mut body: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .context("a chunk size line is not terminated")?;
        let size_text = std::str::from_utf8(&body[..line_end])?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .context("a chunk size is not hexadecimal")?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size + 2 {
            bail!("a chunk is cut short");
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_chunked_answers() {
        let plain = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(parse_answer(plain).unwrap(), (200, b"{}".to_vec()));
        let chunked =
            b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;x=y\r\n\":1}\r\n0\r\n\r\n";
        assert_eq!(
            parse_answer(chunked).unwrap(),
            (404, br#"{"a":1}"#.to_vec())
        );
        assert!(parse_answer(b"HTTP/1.1 200 OK\r\n").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
        assert!(dechunk(b"10\r\nshort\r\n").is_err());
    }
}
