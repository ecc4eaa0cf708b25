//! The bad-input catalogue of the client (docs/reliability.md): configuration, call arguments
//! and hostile answers. Each case ends in a typed error (or a documented success), never a panic,
//! and what reaches the wire is asserted on a loopback server.

mod support;

use std::error::Error as _;
use std::path::PathBuf;

use amazon_pay_client::types::{CaptureChargeRequest, Currency, Price};
use amazon_pay_client::{
    Client, ClientBuilder, Environment, Error, ErrorKind, Region, RetryPolicy,
};
use support::{KEY_ID, Reply, Server, key};

fn signing_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn base() -> ClientBuilder {
    Client::builder()
        .public_key_id(KEY_ID)
        .signer(key().clone())
        .region("eu")
}

/// Builds `builder`, which must fail with a configuration error; `what` names the case.
fn config_error(builder: ClientBuilder, what: &str) -> Error {
    let err = builder.build().expect_err(what);
    assert_eq!(err.kind(), ErrorKind::Config, "{what}: {err}");
    err
}

#[test]
fn bad_keys_are_config_errors_that_say_what_to_do() {
    let cases = [
        ("test-openssh.key", "ssh-keygen"),
        ("test-ec-pkcs8.pem", "RSA"),
        ("test-ec-sec1.pem", "RSA"),
        ("test-rsa1024.pem", "1024"),
        ("test-garbage.txt", ""),
    ];
    for (file, hint) in cases {
        let err = config_error(base().private_key_path(signing_data(file)), file);
        // The signing crate's error is the source, with the hint; `Display` does not repeat it.
        let source = err.source().expect("the cause is kept");
        assert!(source.to_string().contains(hint), "{file}: {source}");
        assert!(source.is::<amazon_pay_signing::Error>(), "{file}");
        assert!(
            hint.is_empty() || !err.to_string().contains(hint),
            "{file}: {err}"
        );
    }
    let err = config_error(
        base().private_key_path(signing_data("test-openssh.key")),
        "OpenSSH",
    );
    let source = err
        .source()
        .and_then(|s| s.downcast_ref::<amazon_pay_signing::Error>());
    assert!(
        matches!(source, Some(amazon_pay_signing::Error::OpenSshKey)),
        "{source:?}"
    );
    config_error(
        base().private_key_pem(
            "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n",
        ),
        "malformed",
    );
    config_error(
        base().private_key_path("/nonexistent/amazon-pay/key.pem"),
        "missing file",
    );
}

#[test]
fn regions_and_environment_conflicts_are_config_errors() {
    for region in ["", "mars", "us-east-1", "eu-west"] {
        config_error(base().region(region), &format!("region {region:?}"));
    }
    for region in ["NA", "us", "DE", "uk", "jp"] {
        assert!(base().region(region).build().is_ok(), "{region}");
    }
    for region in [Region::Na, Region::Eu, Region::Jp] {
        let client = base().region(region).build().unwrap();
        assert_eq!(client.region(), region);
    }
    config_error(
        base().environment(Environment::Live),
        "a SANDBOX- key with the live environment",
    );
    config_error(
        base()
            .public_key_id("LIVE-AEXAMPLEKEYID0000000000")
            .environment(Environment::Sandbox),
        "a LIVE- key with the sandbox environment",
    );
    config_error(
        base().public_key_id("AEXAMPLECLASSICKEYID0000"),
        "a classic key id without an environment",
    );
    for id in ["", "two words", "id\r\nx-injected: 1"] {
        config_error(base().public_key_id(id), &format!("key id {id:?}"));
    }
}

#[test]
fn amounts_with_bad_decimals_signs_or_text_are_refused() {
    let usd = || Currency::from("USD");
    let jpy = || Currency::from("JPY");
    for (amount, currency) in [
        ("1.234", usd()),
        ("100.5", jpy()),
        ("100.00", jpy()),
        ("-1.00", usd()),
        ("1,00", usd()),
        ("1e3", usd()),
        ("", usd()),
        (" 1.00", usd()),
        ("NaN", usd()),
        ("0x10", usd()),
    ] {
        assert!(
            Price::new(amount, currency.clone()).is_err(),
            "{amount} {currency:?} was accepted"
        );
    }
    assert!(Price::new("1.23", usd()).is_ok());
    assert!(Price::new("100", jpy()).is_ok());
    for body in [
        r#"{"captureAmount":{"amount":"-3","currencyCode":"USD"}}"#,
        r#"{"captureAmount":{"amount":"ten","currencyCode":"USD"}}"#,
        r#"{"captureAmount":{"amount":"1.2.3","currencyCode":"USD"}}"#,
    ] {
        assert!(
            serde_json::from_str::<CaptureChargeRequest>(body).is_err(),
            "a request with a malformed amount was built: {body}"
        );
    }
}

/// A well-formed amount with more decimals than its currency allows can still reach a request
/// through deserialization; the client must refuse it before sending.
#[tokio::test]
async fn amounts_with_too_many_decimals_for_their_currency_are_not_sent() {
    let server = Server::http().await;
    let client = server.client().build().expect("client");
    let mut sent_anyway = Vec::new();
    let mut reached_the_client = 0;
    for body in [
        r#"{"captureAmount":{"amount":"1.234","currencyCode":"USD"}}"#,
        r#"{"captureAmount":{"amount":"10.5","currencyCode":"JPY"}}"#,
        r#"{"captureAmount":{"amount":"10.00","currencyCode":"JPY"}}"#,
    ] {
        let request: CaptureChargeRequest = match serde_json::from_str(body) {
            Ok(request) => request,
            Err(_) => continue,
        };
        reached_the_client += 1;
        match client.capture_charge("S01-1", &request).await {
            Err(err) if err.kind() == ErrorKind::InvalidInput && err.attempts() == 0 => {
                // The refusal says why, in the money error's own words.
                assert!(
                    err.message().contains("fraction digits"),
                    "{body}: {}",
                    err.message()
                );
                assert!(!err.message().contains("serialized"), "{err}");
                // Said once: no source repeats the text.
                let source = std::error::Error::source(&err).map(ToString::to_string);
                assert!(
                    source
                        .as_ref()
                        .is_none_or(|s| !err.to_string().contains(s.as_str())),
                    "{err} / {source:?}"
                );
            }
            other => sent_anyway.push(format!("{body} -> {:?}", other.map(|r| r.status()))),
        }
    }
    assert!(
        reached_the_client > 0,
        "every amount was refused while deserializing: the client's own check went untested"
    );
    assert!(sent_anyway.is_empty(), "sent: {sent_anyway:#?}");
    assert!(
        server.seen().is_empty(),
        "{} request(s) reached the wire",
        server.seen().len()
    );
}

#[tokio::test]
async fn ids_are_encoded_as_one_segment_or_refused() {
    let server = Server::http().await;
    let client = server.client().build().expect("client");
    for bad in ["a/b", "..", ".", "", "../refunds/R01", "S01/../../x"] {
        let err = client.get_charge(bad).await.expect_err(bad);
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}: {err}");
        assert_eq!(err.attempts(), 0, "{bad:?}");
    }
    assert!(server.seen().is_empty(), "a refused id was sent");
    let encoded = [
        ("a?b", "/v2/charges/a%3Fb"),
        ("a%2Fb", "/v2/charges/a%252Fb"),
        ("a%b", "/v2/charges/a%25b"),
        ("a#b", "/v2/charges/a%23b"),
        ("a b", "/v2/charges/a%20b"),
        ("a..b", "/v2/charges/a..b"),
        ("a\\b", "/v2/charges/a%5Cb"),
        ("%2e%2e", "/v2/charges/%252e%252e"),
    ];
    for (id, wire) in encoded {
        server.push(Reply::json(200, r#"{"chargeId":"S01-1"}"#));
        client.get_charge(id).await.expect(id);
        let seen = server.seen();
        let last = seen.last().expect("sent");
        assert_eq!(last.path, wire, "{id:?}");
        assert_eq!(last.query, "", "{id:?} leaked into the query");
        assert!(last.verified.is_ok(), "{id:?}: {:?}", last.verified);
    }
}

#[tokio::test]
async fn bad_idempotency_keys_are_refused_before_sending() {
    let server = Server::http().await;
    let client = server.client().build().expect("client");
    let body: CaptureChargeRequest =
        serde_json::from_str(r#"{"captureAmount":{"amount":"1.00","currencyCode":"EUR"}}"#)
            .expect("body");
    for key in [
        "a".repeat(33),
        String::new(),
        "has space".into(),
        "semi;colon".into(),
        "ключ".into(),
        "a\r\nb".into(),
        "dot.ted".into(),
    ] {
        let err = client
            .capture_charge("S01-1", &body)
            .idempotency_key(key.clone())
            .await
            .expect_err(&key);
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{key:?}");
        assert!(!err.to_string().contains("\r\n"), "{err}");
    }
    assert!(server.seen().is_empty(), "a bad key was sent");
    server.push(Reply::json(200, r#"{"chargeId":"S01-1"}"#));
    client
        .capture_charge("S01-1", &body)
        .idempotency_key("a".repeat(32))
        .await
        .expect("32 characters are fine");
}

#[tokio::test]
async fn cr_or_lf_in_any_header_value_is_refused() {
    let server = Server::http().await;
    let client = server.client().build().expect("client");
    let injected = "v\r\nx-injected: 1";
    let call = |c: &Client| c.get_charge("S01-1");
    let errors = [
        call(&client).header("x-amz-pay-custom", injected).await,
        call(&client).header("x-custom", "a\nb").await,
        call(&client).auth_token(injected).await,
        call(&client).simulation_code(injected).await,
        call(&client).header("x-bad\r\nname", "v").await,
    ];
    for result in errors {
        let err = result.expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert!(!err.to_string().contains("injected"), "{err}");
    }
    assert!(server.seen().is_empty());
    let built = [
        ("auth_token", server.client().auth_token(injected).build()),
        (
            "user_agent_suffix",
            server.client().user_agent_suffix(injected).build(),
        ),
        (
            "integrator id",
            server.client().integrator(injected, "1").build(),
        ),
        (
            "integrator version",
            server.client().integrator("id", injected).build(),
        ),
        (
            "platform_version",
            server.client().platform_version(injected).build(),
        ),
    ];
    let mut wrong = Vec::new();
    for (setting, result) in built {
        match result {
            Err(err)
                if err.kind() == ErrorKind::Config && !err.to_string().contains("injected") => {}
            Err(err) => wrong.push(format!("{setting}: {:?} {err}", err.kind())),
            Ok(_) => wrong.push(format!("{setting}: accepted")),
        }
    }
    assert!(
        wrong.is_empty(),
        "build must fail with ErrorKind::Config: {wrong:#?}"
    );
}

fn no_retries(server: &Server) -> Client {
    server
        .client()
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

#[tokio::test]
async fn oversized_answers_stop_at_the_limit() {
    let server = Server::http().await;
    let client = server
        .client()
        .max_response_size(4 * 1024)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let big = format!(
        r#"{{"chargeId":"S01-1","softDescriptor":"{}"}}"#,
        "x".repeat(64 * 1024)
    );
    server.push(Reply::json(200, big.clone()));
    let err = client.get_charge("S01-1").await.expect_err("too large");
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge, "{err}");
    server.push(Reply::json(500, big));
    let err = client.get_charge("S01-1").await.expect_err("too large");
    assert_eq!(err.kind(), ErrorKind::ResponseTooLarge, "{err}");
}

#[tokio::test]
async fn malformed_json_on_success_is_a_decode_error_that_quotes_nothing() {
    let server = Server::http().await;
    let client = no_retries(&server);
    let mut accepted = Vec::new();
    for body in [
        r#"{"chargeId":"S01-1","#,
        r#"{"chargeId": 42}"#,
        "[1,2,3]",
        r#"{"chargeId":"S01-1"} trailing"#,
        r#"{"chargeId":"S01-1"}{"chargeId":"S01-2"}"#,
        "\u{feff}{}",
    ] {
        server.push(Reply::json(200, body));
        match client.get_charge("S01-1").await {
            Ok(_) => accepted.push(body),
            Err(err) => {
                assert_eq!(err.kind(), ErrorKind::Decode, "{body}: {err}");
                assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
                assert!(
                    !err.is_retryable(),
                    "a processed request is never repeated blindly"
                );
                assert!(!err.to_string().contains("S01-2"), "{err}");
            }
        }
    }
    assert!(
        accepted.is_empty(),
        "malformed bodies parsed as success: {accepted:#?}"
    );
}

#[tokio::test]
async fn an_html_error_page_from_a_proxy_is_a_typed_service_error() {
    let server = Server::http().await;
    let html =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
    let page = |status| {
        Reply::Full(
            status,
            vec![("content-type".into(), "text/html; charset=utf-8".into())],
            html.into(),
        )
    };
    server.push(page(502));
    let err = no_retries(&server)
        .get_charge("S01-1")
        .await
        .expect_err("502");
    assert_eq!(err.kind(), ErrorKind::Service);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert!(err.is_retryable());
    assert_eq!(err.reason_code(), None);
    assert!(!err.message().contains("<html>"), "{err}");

    for _ in 0..4 {
        server.push(page(503));
    }
    let client = server.client().build().expect("client");
    let err = client.get_charge("S01-1").await.expect_err("503 x4");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.attempts(), 4, "retried as a 503, then reported");

    server.push(page(403));
    let err = client.get_charge("S01-1").await.expect_err("403");
    assert_eq!(err.attempts(), 1, "a 4xx page is not retried");
}

#[tokio::test]
async fn unexpected_content_types_and_empty_success_bodies_are_decode_errors() {
    let server = Server::http().await;
    let client = no_retries(&server);
    server.push(Reply::Full(
        200,
        vec![("content-type".into(), "text/html".into())],
        "<html><body>Welcome</body></html>".into(),
    ));
    let err = client.get_charge("S01-1").await.expect_err("html 200");
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    server.push(Reply::Full(
        200,
        vec![("content-type".into(), "application/octet-stream".into())],
        "\u{0}\u{1}\u{2}".into(),
    ));
    let err = client.get_charge("S01-1").await.expect_err("binary 200");
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    for status in [200, 201, 202] {
        server.push(Reply::json(status, ""));
        let err = client.get_charge("S01-1").await.expect_err("empty");
        assert_eq!(err.kind(), ErrorKind::Decode, "{status}: {err}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    }
    server.push(Reply::json(204, ""));
    client
        .cancel_report_schedule("RS-1")
        .await
        .expect("an operation without a body accepts an empty 2xx");
}

#[tokio::test]
async fn redirects_are_never_followed() {
    let server = Server::http().await;
    let client = no_retries(&server);
    for status in [301u16, 302, 303, 307, 308] {
        let before = server.seen().len();
        server.push(Reply::Full(
            status,
            vec![(
                "location".into(),
                format!("{}/v2/refunds/R-1", server.base_url),
            )],
            String::new(),
        ));
        let err = client.get_charge("S01-1").await.expect_err("redirect");
        assert_eq!(err.kind(), ErrorKind::Service, "{status}: {err}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.seen().len(), before + 1, "{status} was followed");
    }
    let before = server.seen().len();
    server.push(Reply::Full(
        303,
        vec![("location".into(), "https://merchant.example/claim".into())],
        String::new(),
    ));
    let claimed = client
        .claim_merchant_account(
            "M-1",
            &serde_json::from_str(r#"{"uniqueReferenceId":"merchant-1"}"#).expect("body"),
        )
        .await
        .expect("Claim Merchant Account's 303 is its success");
    assert_eq!(claimed.location(), Some("https://merchant.example/claim"));
    assert_eq!(
        server.seen().len(),
        before + 1,
        "the claim redirect is not followed"
    );
}

/// `x-amz-pay-simulation-code` is refused for a live client however it is given: the typed
/// setter or a raw header in any case. Nothing is sent.
#[tokio::test]
async fn a_live_client_never_sends_a_simulation_code() {
    let server = Server::http().await;
    let live = server
        .client()
        .public_key_id("LIVE-AEXAMPLEKEYID0000000000")
        .build()
        .expect("live client");
    for name in ["x-amz-pay-simulation-code", "X-Amz-Pay-Simulation-Code"] {
        let err = live
            .get_charge("S01-1")
            .header(name, "HardDeclined")
            .await
            .expect_err(name);
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{name}: {err}");
        assert_eq!(err.attempts(), 0, "{name}");
        assert!(err.message().contains("sandbox"), "{name}: {err}");
    }
    assert!(
        server.seen().is_empty(),
        "a simulation code reached a live endpoint"
    );
    let sandbox = server.client().build().expect("sandbox client");
    server.push(Reply::json(200, r#"{"chargeId":"S01-1"}"#));
    sandbox
        .get_charge("S01-1")
        .header("x-amz-pay-simulation-code", "HardDeclined")
        .await
        .expect("sandbox");
    assert_eq!(
        server.seen()[0].header("x-amz-pay-simulation-code"),
        Some("HardDeclined")
    );
}

/// An endpoint on an IPv6 literal is signed with its host as written, brackets included.
#[tokio::test]
async fn ipv6_endpoints_are_signed_with_the_bracketed_host() {
    let server = Server::http_ipv6().await;
    assert!(
        server.base_url.starts_with("http://[::1]:"),
        "{}",
        server.base_url
    );
    let client = server.client().build().expect("client");
    server.push(Reply::json(200, r#"{"chargeId":"S01-1"}"#));
    client.get_charge("S01-1").await.expect("call over IPv6");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("x-amz-pay-host"), Some("[::1]"));
    assert!(seen[0].verified.is_ok(), "{:?}", seen[0].verified);
}

/// Currency codes the API does not accept (case-sensitive ISO 4217) and charges above their
/// currency's documented maximum are refused before anything is sent.
#[tokio::test]
async fn unknown_currencies_and_charges_above_the_maximum_are_not_sent() {
    let server = Server::http().await;
    let client = server.client().build().expect("client");
    let cases = [
        (
            r#"{"amount":"1.00","currencyCode":"usd"}"#,
            "not a currency code",
        ),
        (
            r#"{"amount":"1.00","currencyCode":"XYZ"}"#,
            "not a currency code",
        ),
        (
            r#"{"amount":"1.00","currencyCode":""}"#,
            "not a currency code",
        ),
        (
            r#"{"amount":"150000.01","currencyCode":"USD"}"#,
            "maximum charge",
        ),
        (
            r#"{"amount":"10000001","currencyCode":"JPY"}"#,
            "maximum charge",
        ),
    ];
    for (price, reason) in cases {
        let body = format!(r#"{{"captureAmount":{price}}}"#);
        let request: CaptureChargeRequest = serde_json::from_str(&body).expect("read leniently");
        let err = client
            .capture_charge("S01-1", &request)
            .await
            .expect_err(price);
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{price}: {err}");
        assert_eq!(err.attempts(), 0, "{price}");
        assert!(err.message().contains(reason), "{price}: {err}");
    }
    assert!(server.seen().is_empty(), "a refused price reached the wire");
    // Reading stays tolerant: a response in a currency this version does not know decodes.
    server.push(Reply::json(
        200,
        r#"{"chargeId":"S01-1","chargeAmount":{"amount":"5.00","currencyCode":"XYZ"}}"#,
    ));
    let charge = client.get_charge("S01-1").await.expect("decodes");
    assert_eq!(
        charge
            .body()
            .charge_amount
            .as_ref()
            .map(|p| p.currency_code.clone()),
        Some(Currency::Unknown("XYZ".into()))
    );
}
