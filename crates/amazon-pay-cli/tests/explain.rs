//! `explain` against the emulator's real 403 answers: each mistake is made on purpose, the
//! answer fed to `explain`, which must name that mistake.

mod common;

use std::time::SystemTime;

use amazon_pay::signing::{
    Algorithm, PrivateKey, Signer as _, canonical_request, format_amz_date, string_to_sign,
};
use base64::Engine as _;
use common::{Harness, run, send_raw};

/// A request as signed: raw path, raw query pairs, every signed header, body.
#[derive(Clone)]
struct Signed {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn pairs(list: &[(String, String)]) -> Vec<(&str, &str)> {
    list.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

impl Signed {
    fn new(h: &Harness, method: &'static str, path: &str) -> Self {
        let date = format_amz_date(SystemTime::now()).expect("date");
        let headers = [
            ("accept", "application/json"),
            ("content-type", "application/json"),
            ("x-amz-pay-date", date.as_str()),
            ("x-amz-pay-host", "127.0.0.1"),
            ("x-amz-pay-region", h.emulator.region().as_str()),
        ]
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
        Signed {
            method,
            path: path.to_owned(),
            query: Vec::new(),
            headers,
            body: Vec::new(),
        }
    }

    fn header(mut self, name: &str, value: &str) -> Self {
        match self.headers.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.to_owned(),
            None => self.headers.push((name.to_owned(), value.to_owned())),
        }
        self.headers.sort();
        self
    }

    fn canonical(&self) -> String {
        canonical_request(
            self.method,
            &self.path,
            &pairs(&self.query),
            &pairs(&self.headers),
            &self.body,
        )
    }

    /// The `authorization` header over `canonical`, signed with `key`.
    fn authorization(&self, h: &Harness, key: &PrivateKey, canonical: &str) -> String {
        let sts = string_to_sign(Algorithm::V2, canonical);
        let signature = key.sign(Algorithm::V2, sts.as_bytes()).expect("sign");
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        format!(
            "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId={}, SignedHeaders={}, Signature={}",
            h.emulator.public_key_id().as_str(),
            names.join(";"),
            base64::engine::general_purpose::STANDARD.encode(signature)
        )
    }
}

/// What went on the wire.
struct Sent {
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Sent {
    fn from(signed: &Signed, target: &str) -> Self {
        Sent {
            target: target.to_owned(),
            headers: signed.headers.clone(),
            body: signed.body.clone(),
        }
    }

    fn header(mut self, name: &str, value: &str) -> Self {
        for (n, v) in &mut self.headers {
            if n == name {
                *v = value.to_owned();
            }
        }
        self
    }
}

/// Signs `signed` (its canonical request edited by `edit`, for signers that build it wrongly)
/// with `key`, sends `sent`, checks the 403 and runs `explain` on the answer with the request
/// described as `described_target` plus the signed headers and body.
fn explain(
    h: &Harness,
    signed: &Signed,
    key: &PrivateKey,
    edit: impl Fn(String) -> String,
    sent: Sent,
    described_target: &str,
) -> common::Run {
    let authorization = signed.authorization(h, key, &edit(signed.canonical()));
    let mut headers = sent.headers.clone();
    headers.push(("authorization".to_owned(), authorization.clone()));
    let (status, answer) = send_raw(h.addr(), signed.method, &sent.target, &headers, &sent.body);
    assert_eq!(status, 403, "{answer}");
    assert!(answer.contains("InvalidRequestSignature"), "{answer}");
    h.write("answer.json", &answer);
    h.write("body.bin", &signed.body);
    let mut args: Vec<String> = [
        "explain",
        "--answer",
        "answer.json",
        signed.method,
        described_target,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if !signed.body.is_empty() {
        args.extend(["--body".to_owned(), "body.bin".to_owned()]);
    }
    for (name, value) in signed
        .headers
        .iter()
        .chain([&("authorization".to_owned(), authorization)])
    {
        args.push("-H".to_owned());
        args.push(format!("{name}: {value}"));
    }
    run(h.cli(), args)
}

fn identity(canonical: String) -> String {
    canonical
}

/// The candidate lines marked `S` (the service's hash) or `K` (the signature covers it).
fn marked(stdout: &str, column: usize, mark: char) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.len() > 4 && l.starts_with("  ") && l[2..].chars().nth(column) == Some(mark))
        .map(|l| {
            l[5..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn service_hashed(stdout: &str) -> Vec<String> {
    marked(stdout, 0, 'S')
}

fn signature_covers(stdout: &str) -> Vec<String> {
    marked(stdout, 1, 'K')
}

/// Runs one mistake of the sent request and checks that `explain` names `kind`.
fn assert_sent_variant(
    h: &Harness,
    signed: Signed,
    sent: Sent,
    described: &str,
    kind: &str,
    detail: &str,
) {
    let key = h.emulator.private_key().clone();
    let out = explain(h, &signed, &key, identity, sent, described);
    let stdout = out.ok();
    assert_eq!(service_hashed(stdout), [kind], "{stdout}");
    assert_eq!(
        signature_covers(stdout),
        ["as"],
        "the signature covers the request as described: {stdout}"
    );
    assert!(
        stdout.contains("The service hashed a different request: "),
        "{stdout}"
    );
    assert!(stdout.contains(detail), "{detail} not in {stdout}");
}

#[test]
fn explain_finds_the_host_with_or_without_the_port() {
    let h = Harness::start();
    let port = h.addr().port();
    let signed = Signed::new(&h, "GET", "/v2/checkoutSessions/abc");
    let sent = Sent::from(&signed, "/v2/checkoutSessions/abc")
        .header("x-amz-pay-host", &format!("127.0.0.1:{port}"));
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions/abc",
        "host-port",
        &format!("x-amz-pay-host `127.0.0.1:{port}`, with the port"),
    );

    let signed = Signed::new(&h, "GET", "/v2/checkoutSessions/abc")
        .header("x-amz-pay-host", &format!("127.0.0.1:{port}"));
    let sent =
        Sent::from(&signed, "/v2/checkoutSessions/abc").header("x-amz-pay-host", "127.0.0.1");
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions/abc",
        "host-port",
        "x-amz-pay-host `127.0.0.1`, without the port",
    );
}

#[test]
fn explain_finds_the_date_form() {
    let h = Harness::start();
    let basic = format_amz_date(SystemTime::now()).expect("date");
    let extended = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &basic[0..4],
        &basic[4..6],
        &basic[6..8],
        &basic[9..11],
        &basic[11..13],
        &basic[13..15]
    );
    let signed =
        Signed::new(&h, "GET", "/v2/checkoutSessions/abc").header("x-amz-pay-date", &extended);
    let sent = Sent::from(&signed, "/v2/checkoutSessions/abc").header("x-amz-pay-date", &basic);
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions/abc",
        "date-form",
        &format!("x-amz-pay-date `{basic}` instead of `{extended}`"),
    );
}

#[test]
fn explain_finds_the_environment_prefix_and_the_trailing_slash() {
    let h = Harness::start();
    let signed = Signed::new(&h, "GET", "/v2/checkoutSessions/abc");
    let sent = Sent::from(&signed, "/sandbox/v2/checkoutSessions/abc");
    assert_sent_variant(
        &h,
        signed.clone(),
        sent,
        "/v2/checkoutSessions/abc",
        "environment-prefix",
        "with the /sandbox prefix",
    );

    let sent = Sent::from(&signed, "/v2/checkoutSessions/abc/");
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions/abc",
        "trailing-slash",
        "the path `/v2/checkoutSessions/abc/`",
    );
}

#[test]
fn explain_finds_query_encoding_mistakes() {
    let h = Harness::start();
    // (signed value, query sent, query described, what explain says)
    let cases = [
        // A space signed as %20 but sent as `+` (form encoding).
        (
            "a b",
            "reportTypes=a+b",
            "reportTypes=a%20b",
            "each space received as `+`",
        ),
        // A `+` signed as a plus sign, received as a space.
        (
            "a+b",
            "reportTypes=a%20b",
            "reportTypes=a+b",
            "each `+` received as a space",
        ),
        // Encoded twice on the way out.
        (
            "a,b",
            "reportTypes=a%252Cb",
            "reportTypes=a%2Cb",
            "percent-encoded twice",
        ),
    ];
    for (value, sent, described, detail) in cases {
        let mut signed = Signed::new(&h, "GET", "/v2/reports");
        signed.query = vec![("reportTypes".to_owned(), value.to_owned())];
        let sent = Sent::from(&signed, &format!("/v2/reports?{sent}"));
        assert_sent_variant(
            &h,
            signed,
            sent,
            &format!("/v2/reports?{described}"),
            "query-encoding",
            detail,
        );
    }
}

#[test]
fn explain_finds_other_body_bytes() {
    let h = Harness::start();
    let value = serde_json::json!({"storeId": "s", "webCheckoutDetails": {"checkoutReviewReturnUrl": "https://shop.example/r"}});
    let compact = serde_json::to_vec(&value).expect("json");

    let mut signed = Signed::new(&h, "POST", "/v2/checkoutSessions");
    signed.body = [compact.as_slice(), b"\n"].concat();
    let mut sent = Sent::from(&signed, "/v2/checkoutSessions");
    sent.body = compact.clone();
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions",
        "body",
        "the body without its line break at the end",
    );

    let mut signed = Signed::new(&h, "POST", "/v2/checkoutSessions");
    signed.body = serde_json::to_vec_pretty(&value).expect("json");
    let mut sent = Sent::from(&signed, "/v2/checkoutSessions");
    sent.body = compact;
    assert_sent_variant(
        &h,
        signed,
        sent,
        "/v2/checkoutSessions",
        "body",
        "the body re-serialized as compact JSON",
    );
}

#[test]
fn explain_finds_canonical_mistakes_through_the_signature() {
    let h = Harness::start();
    let key = h.emulator.private_key().clone();

    // Header whitespace kept in the canonical request; the service trims and collapses it.
    let signed = Signed::new(&h, "POST", "/v2/checkoutSessions")
        .header("x-amz-pay-idempotency-key", "key  one");
    let sent = Sent::from(&signed, "/v2/checkoutSessions");
    let out = explain(
        &h,
        &signed,
        &key,
        |c| {
            c.replace(
                "x-amz-pay-idempotency-key:key one",
                "x-amz-pay-idempotency-key:key  one",
            )
        },
        sent,
        "/v2/checkoutSessions",
    );
    let stdout = out.ok();
    assert_eq!(service_hashed(stdout), ["as"], "{stdout}");
    assert_eq!(signature_covers(stdout), ["header-whitespace"], "{stdout}");
    assert!(
        stdout.contains("the request arrived as you describe it"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Your signature covers a different canonical request: header values"),
        "{stdout}"
    );

    // The query signed as written, not sorted.
    let mut signed = Signed::new(&h, "GET", "/v2/reports");
    signed.query = vec![
        ("b".to_owned(), "2".to_owned()),
        ("a".to_owned(), "1".to_owned()),
    ];
    let sent = Sent::from(&signed, "/v2/reports?b=2&a=1");
    let out = explain(
        &h,
        &signed,
        &key,
        |c| c.replace("\na=1&b=2\n", "\nb=2&a=1\n"),
        sent,
        "/v2/reports?b=2&a=1",
    );
    let stdout = out.ok();
    assert_eq!(service_hashed(stdout), ["as"], "{stdout}");
    assert_eq!(signature_covers(stdout), ["query-verbatim"], "{stdout}");

    // Signed with another key: the service saw the request as described, no variant is signed.
    let other = PrivateKey::generate_2048().expect("key");
    let signed = Signed::new(&h, "GET", "/v2/checkoutSessions/abc");
    let sent = Sent::from(&signed, "/v2/checkoutSessions/abc");
    let out = explain(
        &h,
        &signed,
        &other,
        identity,
        sent,
        "/v2/checkoutSessions/abc",
    );
    let stdout = out.ok();
    assert_eq!(service_hashed(stdout), ["as"], "{stdout}");
    assert!(signature_covers(stdout).is_empty(), "{stdout}");
    assert!(
        stdout.contains("Your signature covers none of the variants"),
        "{stdout}"
    );
}

#[test]
fn explain_says_when_nothing_matches_and_refuses_bad_input() {
    let h = Harness::start();
    let key = h.emulator.private_key().clone();
    let signed = Signed::new(&h, "GET", "/v2/checkoutSessions/abc")
        .header("x-amz-pay-authtoken", "token-123");
    let sent = Sent::from(&signed, "/v2/checkoutSessions/xyz");
    let out = explain(
        &h,
        &signed,
        &key,
        identity,
        sent,
        "/v2/checkoutSessions/abc",
    );
    let text = out.failed();
    assert!(
        text.contains("None of the candidates has the service's hash"),
        "{text}"
    );
    common::assert_no_secret(&text, &h.key_pem);
    assert!(!text.contains("token-123"), "{text}");
    assert!(text.contains("x-amz-pay-authtoken:<redacted>"), "{text}");

    h.write(
        "other.json",
        r#"{"reasonCode":"InvalidHeaderValue","message":"date"}"#,
    );
    let refused = run(
        h.cli(),
        ["explain", "--answer", "other.json", "GET", "/v2/x"],
    )
    .failed();
    assert!(refused.contains("not InvalidRequestSignature"), "{refused}");
    h.write("sig.json", format!(r#"{{"reasonCode":"InvalidRequestSignature","message":"Unable to verify signature, signing String [AMZN-PAY-RSASSA-PSS-V2\n{}]"}}"#, "0".repeat(64)));
    let missing = run(h.cli(), ["explain", "--answer", "sig.json", "GET", "/v2/x"]).failed();
    assert!(
        missing.contains("the header x-amz-pay-date is signed but not given"),
        "{missing}"
    );
}
