//! Every command but `explain`, run as a program against the emulator.

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;

use amazon_pay_emulator::{KeyIdKind, SimulatedPaymentMethod};
use common::{Harness, assert_fails, assert_no_secret, run, send_raw};
use serde_json::{Value, json};

#[test]
fn keys_new_writes_a_private_file_and_prints_the_public_key() {
    let h = Harness::start();
    let out = run(
        h.bare(),
        [
            "keys",
            "new",
            "--out",
            "key.pem",
            "--public-out",
            "public.pem",
        ],
    );
    let stdout = out.ok();
    assert!(stdout.starts_with("-----BEGIN PUBLIC KEY-----"), "{stdout}");
    assert!(!stdout.contains("PRIVATE"));
    #[cfg(unix)]
    assert_eq!(common::mode(&h.path("key.pem")), 0o600);
    let private = std::fs::read_to_string(h.path("key.pem")).expect("key");
    assert!(private.starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_no_secret(&format!("{}{}", out.stdout, out.stderr), &private);
    assert_eq!(
        std::fs::read_to_string(h.path("public.pem")).expect("public"),
        stdout
    );
    // The key signs: `keys check` reads it back and prints the same public key.
    let check = run(h.bare(), ["keys", "check", "key.pem"]);
    assert!(check.ok().contains("PKCS#8 PEM, 2048 bits"));
    assert!(check.stdout.ends_with(stdout));
    assert_no_secret(&check.stdout, &private);

    // An existing file is never overwritten.
    let again = run(h.bare(), ["keys", "new", "--out", "key.pem"]).failed();
    assert!(again.contains("never overwritten"), "{again}");
    assert_eq!(
        std::fs::read_to_string(h.path("key.pem")).expect("key"),
        private
    );
}

#[test]
fn keys_check_names_the_format_and_the_conversion() {
    let h = Harness::start();
    // PKCS#1, converted with the printed command when openssl is at hand.
    let pkcs1 = pkcs1_pem(&h.key_pem);
    h.write("rsa.pem", pkcs1.as_bytes());
    let out = run(h.bare(), ["keys", "check", "rsa.pem"]);
    assert!(out.ok().contains("PKCS#1 PEM"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("openssl pkcs8 -topk8 -nocrypt -in 'rsa.pem' -out 'rsa.pem.pkcs8.pem'")
    );

    h.write(
        "id_rsa",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    let out = run(h.bare(), ["keys", "check", "id_rsa"]);
    assert!(out.ok().contains(
        "cp 'id_rsa' 'id_rsa.pkcs8.pem' && ssh-keygen -p -N '' -m PKCS8 -f 'id_rsa.pkcs8.pem'"
    ));

    h.write(
        "id_rsa.pub",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host\n",
    );
    let out = run(h.bare(), ["keys", "check", "id_rsa.pub"]);
    assert!(out.ok().contains("ssh-keygen -e -m PKCS8 -f 'id_rsa.pub'"));

    let public = amazon_pay::signing::PrivateKey::from_pem(&h.key_pem)
        .expect("key")
        .public_key()
        .to_pem()
        .expect("pem");
    h.write("public.pem", &public);
    assert!(
        run(h.bare(), ["keys", "check", "public.pem"])
            .ok()
            .contains("SubjectPublicKeyInfo")
    );

    h.write(
        "ec.pem",
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
    );
    assert_fails(h.bare(), ["keys", "check", "ec.pem"], "elliptic-curve");
    h.write("note.txt", "hello");
    assert_fails(h.bare(), ["keys", "check", "note.txt"], "no key found");
    assert_fails(h.bare(), ["keys", "check", "missing.pem"], "reading");
}

/// A PKCS#8 PEM key rewritten as PKCS#1 (`BEGIN RSA PRIVATE KEY`).
fn pkcs1_pem(pkcs8_pem: &str) -> String {
    use pkcs8::der::Decode as _;
    let (_, der) = pkcs8::der::pem::decode_vec(pkcs8_pem.as_bytes()).expect("pem");
    let info = pkcs8::PrivateKeyInfoRef::from_der(&der).expect("pkcs8");
    pkcs8::der::pem::encode_string(
        "RSA PRIVATE KEY",
        pkcs8::LineEnding::LF,
        info.private_key.as_bytes(),
    )
    .expect("pem")
}

/// The headers `sign` printed, as `(name, value)` pairs, and the URL of its first line.
fn printed_headers(stdout: &str) -> (String, Vec<(String, String)>) {
    let mut lines = stdout.lines();
    let url = lines
        .next()
        .and_then(|l| l.split_once(' '))
        .map(|(_, u)| u.to_owned())
        .expect("first line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    (url, headers)
}

/// `body.json`: a Create Checkout Session body for the emulator's store.
fn write_checkout_body(h: &Harness) {
    let body = json!({
        "webCheckoutDetails": {"checkoutReviewReturnUrl": "https://shop.example/review"},
        "storeId": h.emulator.store_id(),
    });
    h.write("body.json", serde_json::to_vec(&body).expect("json"));
}

#[test]
fn sign_prints_headers_the_emulator_accepts() {
    let h = Harness::start();
    write_checkout_body(&h);
    let out = run(
        h.cli(),
        [
            "sign",
            "POST",
            "/v2/checkoutSessions",
            "--body",
            "body.json",
            "-H",
            "x-amz-pay-idempotency-key: cli-sign-1",
        ],
    );
    let (url, headers) = printed_headers(out.ok());
    assert_eq!(
        url,
        format!("{}/v2/checkoutSessions", h.emulator.base_url())
    );
    for name in [
        "x-amz-pay-date",
        "x-amz-pay-host",
        "x-amz-pay-region",
        "authorization",
        "x-amz-pay-idempotency-key",
    ] {
        assert!(
            headers.iter().any(|(n, _)| n == name),
            "{name} missing: {headers:?}"
        );
    }
    assert_no_secret(&out.stdout, &h.key_pem);
    let bytes = std::fs::read(h.path("body.json")).expect("body");
    let (status, answer) = send_raw(h.addr(), "POST", "/v2/checkoutSessions", &headers, &bytes);
    assert_eq!(status, 201, "{answer}");

    // The curl command carries the same URL, headers and body file.
    let out = run(
        h.cli(),
        ["sign", "GET", "/v2/checkoutSessions/abc?x=a b", "--curl"],
    );
    let curl = out.ok();
    assert!(
        curl.starts_with(&format!(
            "curl -sS -X GET '{}/v2/checkoutSessions/abc?x=a%20b'",
            h.emulator.base_url()
        )),
        "{curl}"
    );
    assert!(curl.contains("-H 'authorization: AMZN-PAY-RSASSA-PSS-V2 PublicKeyId="));
    let out = run(
        h.cli(),
        [
            "sign",
            "POST",
            "/v2/checkoutSessions",
            "--body",
            "body.json",
            "--curl",
        ],
    );
    assert!(out.ok().trim_end().ends_with("--data-binary '@body.json'"));

    // Errors: bad method, relative path, missing configuration, bad header.
    assert_fails(h.cli(), ["sign", "TRACE", "/v2/x"], "not one the API uses");
    assert_fails(h.cli(), ["sign", "GET", "v2/x"], "must start with `/`");
    assert_fails(h.bare(), ["sign", "GET", "/v2/x"], "no public key id");
    assert_fails(
        h.cli(),
        ["sign", "GET", "/v2/x", "-H", "nocolon"],
        "name: value",
    );
    let reserved = run(h.cli(), ["sign", "GET", "/v2/x", "-H", "authorization: x"]).failed();
    assert!(reserved.contains("authorization"), "{reserved}");
}

#[test]
fn sign_prefixes_the_environment_for_a_classic_key_id() {
    let h = Harness::start_with(|b| b.key_id_kind(KeyIdKind::Classic));
    let mut command = h.cli();
    command.env("AMAZON_PAY_ENVIRONMENT", "sandbox");
    let out = run(command, ["sign", "GET", "/v2/checkoutSessions/abc"]);
    let (url, headers) = printed_headers(out.ok());
    let prefix = format!("{}/sandbox/v2/", h.emulator.base_url());
    assert!(url.starts_with(&prefix), "{url}");
    let target = url.trim_start_matches(h.emulator.base_url());
    let (status, answer) = send_raw(h.addr(), "GET", target, &headers, b"");
    assert_eq!(
        status, 404,
        "signed correctly, the session is unknown: {answer}"
    );
    assert!(answer.contains("ResourceNotFound"));
    // Without the environment, a classic key id cannot say where to go.
    assert_fails(
        h.cli(),
        ["sign", "GET", "/v2/checkoutSessions/abc"],
        "environment",
    );
}

#[test]
fn call_prints_status_request_id_and_json_or_the_reason_code() {
    let h = Harness::start();
    write_checkout_body(&h);
    let out = run(
        h.cli(),
        [
            "call",
            "POST",
            "/v2/checkoutSessions",
            "--body",
            "body.json",
        ],
    );
    let stdout = out.ok();
    assert!(stdout.starts_with("HTTP 201"), "{stdout}");
    assert!(stdout.contains("x-amz-pay-request-id: "));
    let json: Value =
        serde_json::from_str(stdout.split_once("\n\n").expect("body").1).expect("json");
    let id = json["checkoutSessionId"].as_str().expect("id");
    assert!(
        stdout.contains("\n  \"checkoutSessionId\""),
        "pretty JSON: {stdout}"
    );

    let out = run(
        h.cli(),
        ["call", "GET", &format!("/v2/checkoutSessions/{id}")],
    );
    assert!(out.ok().starts_with("HTTP 200"));

    let missing = run(h.cli(), ["call", "GET", "/v2/checkoutSessions/nope"]).failed();
    assert!(missing.contains("HTTP 404"), "{missing}");
    assert!(
        missing.contains("reasonCode: ResourceNotFound"),
        "{missing}"
    );
    assert!(missing.contains("x-amz-pay-request-id: "), "{missing}");

    h.write("bad.json", "{not json");
    assert!(
        run(
            h.cli(),
            ["call", "POST", "/v2/checkoutSessions", "--body", "bad.json"]
        )
        .failed()
        .contains("not JSON")
    );
    // Nothing listens there: a transport error, said as such.
    let mut offline = h.cli();
    offline.env("AMAZON_PAY_ENDPOINT", "http://127.0.0.1:9");
    let down = run(offline, ["call", "GET", "/v2/checkoutSessions/x"]).failed();
    assert!(down.contains("no answer"), "{down}");
}

#[test]
fn configuration_file_flags_and_environment() {
    let h = Harness::start();
    h.write("key.pem", &h.key_pem);
    h.write(
        "amazon-pay.toml",
        format!(
            "public_key_id = \"{}\"\nprivate_key_path = \"key.pem\"\nregion = \"na\"\nendpoint = \"{}\"\n",
            h.emulator.public_key_id().as_str(),
            h.emulator.base_url()
        ),
    );
    let config = h.path("amazon-pay.toml");
    let config = config.to_str().expect("utf-8");
    let out = run(
        h.bare(),
        [
            "--config",
            config,
            "call",
            "GET",
            "/v2/checkoutSessions/nope",
        ],
    );
    assert!(out.failed().contains("ResourceNotFound"));
    // A flag wins over the file: a region of another endpoint is refused by the emulator.
    let out = run(
        h.bare(),
        [
            "--config",
            config,
            "--region",
            "eu",
            "call",
            "GET",
            "/v2/checkoutSessions/nope",
        ],
    );
    assert!(out.failed().contains("x-amz-pay-region"), "{out:?}");
    // The environment wins over the file too.
    let mut env = h.bare();
    env.env("AMAZON_PAY_REGION", "jp");
    assert!(
        run(
            env,
            [
                "--config",
                config,
                "call",
                "GET",
                "/v2/checkoutSessions/nope"
            ]
        )
        .failed()
        .contains("x-amz-pay-region")
    );

    h.write(
        "typo.toml",
        "private_key = \"-----BEGIN PRIVATE KEY-----\"\n",
    );
    let typo = run(h.bare(), ["--config", "typo.toml", "call", "GET", "/v2/x"]).failed();
    assert!(typo.contains("unknown field `private_key`"), "{typo}");
    assert!(!typo.contains("BEGIN PRIVATE KEY"), "{typo}");
    let region = run(h.bare(), ["--region", "mars", "call", "GET", "/v2/x"]).failed();
    assert!(region.contains("unknown region `mars`"));
}

#[test]
fn button_prints_a_signed_config() {
    let h = Harness::start();
    h.write(
        "payload.json",
        r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://shop.example/review"}}"#,
    );
    let out = run(h.cli(), ["button", "--payload", "payload.json"]);
    let config: Value = serde_json::from_str(out.ok()).expect("json");
    assert_eq!(config["publicKeyId"], h.emulator.public_key_id().as_str());
    assert_eq!(config["algorithm"], "AMZN-PAY-RSASSA-PSS-V2");
    let payload: Value =
        serde_json::from_str(config["payloadJSON"].as_str().expect("payload")).expect("json");
    assert_eq!(payload["storeId"], h.emulator.store_id());
    // The signature verifies over exactly payloadJSON.
    let signature = base64_decode(config["signature"].as_str().expect("signature"));
    let sts = amazon_pay::signing::button_string_to_sign(
        amazon_pay::signing::Algorithm::V2,
        config["payloadJSON"].as_str().expect("payload"),
    );
    h.emulator
        .private_key()
        .public_key()
        .verify(
            amazon_pay::signing::Algorithm::V2,
            sts.as_bytes(),
            &signature,
        )
        .expect("the button signature verifies");

    h.write(
        "signin.json",
        r#"{"signInReturnUrl":"https://shop.example/signin","signInScopes":["name","email"]}"#,
    );
    let out = run(h.cli(), ["button", "--payload", "signin.json"]);
    let config: Value = serde_json::from_str(out.ok()).expect("json");
    assert!(
        config["payloadJSON"]
            .as_str()
            .expect("payload")
            .contains("signInScopes")
    );

    let mut no_store = h.cli();
    no_store.env_remove("AMAZON_PAY_STORE_ID");
    assert_fails(
        no_store,
        ["button", "--payload", "payload.json"],
        "no storeId",
    );
    h.write(
        "wrong.json",
        r#"{"storeId":"s","webCheckoutDetails":"nope"}"#,
    );
    let wrong = run(h.cli(), ["button", "--payload", "wrong.json"]).failed();
    assert!(wrong.contains("webCheckoutDetails"), "{wrong}");
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

#[test]
fn ipn_verify_checks_a_saved_notification() {
    // Deliveries to a closed port fail, but the emulator keeps what it sent.
    let h = Harness::start_with(|b| b.ipn_url("http://127.0.0.1:9/ipn"));
    let body = json!({
        "webCheckoutDetails": {"checkoutResultReturnUrl": "https://shop.example/result"},
        "storeId": h.emulator.store_id(),
        "paymentDetails": {"paymentIntent": "AuthorizeWithCapture",
                           "chargeAmount": {"amount": "14.00", "currencyCode": "USD"}},
    });
    h.write("create.json", serde_json::to_vec(&body).expect("json"));
    let created = run(
        h.cli(),
        [
            "call",
            "POST",
            "/v2/checkoutSessions",
            "--body",
            "create.json",
        ],
    );
    let json: Value =
        serde_json::from_str(created.ok().split_once("\n\n").expect("body").1).expect("json");
    let id = json["checkoutSessionId"].as_str().expect("id").to_owned();
    h.emulator
        .approve_checkout(&id, SimulatedPaymentMethod::Approve)
        .expect("approve");
    h.write(
        "complete.json",
        r#"{"chargeAmount":{"amount":"14.00","currencyCode":"USD"}}"#,
    );
    run(
        h.cli(),
        [
            "call",
            "POST",
            &format!("/v2/checkoutSessions/{id}/complete"),
            "--body",
            "complete.json",
        ],
    )
    .ok();
    let ipn = h.emulator.ipns().into_iter().next().expect("an IPN");
    h.write("ipn.json", &ipn.body);
    h.write("ca.pem", h.emulator.ca_pem());
    h.write("sns.pem", h.emulator.sns_certificate_pem());
    let pin = format!(
        "{}={}",
        amazon_pay_emulator::SNS_SIGNING_CERT_URL,
        h.path("sns.pem").display()
    );
    let verify = |file: &str, merchant: &str| {
        run(
            h.bare(),
            [
                "ipn",
                "verify",
                file,
                "--merchant-id",
                merchant,
                "--trust-anchor",
                "ca.pem",
                "--pin-certificate",
                &pin,
            ],
        )
    };
    let out = verify("ipn.json", h.emulator.merchant_id());
    let stdout = out.ok();
    assert!(
        stdout.contains(&format!("verified: message {}", ipn.message_id)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("objectType: {}", ipn.object_type)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("objectId: {}", ipn.object_id)),
        "{stdout}"
    );

    let other = verify("ipn.json", "A0OTHERMERCHANT").failed();
    assert!(other.contains("not valid"), "{other}");
    h.write(
        "tampered.json",
        ipn.body
            .replace(&ipn.object_id, "S01-0000000-0000000-C000000"),
    );
    assert!(
        verify("tampered.json", h.emulator.merchant_id())
            .failed()
            .contains("not valid")
    );
    // Without the emulator's CA, its certificate chains to no Amazon root.
    let untrusted = run(
        h.bare(),
        [
            "ipn",
            "verify",
            "ipn.json",
            "--merchant-id",
            h.emulator.merchant_id(),
            "--pin-certificate",
            &pin,
        ],
    )
    .failed();
    assert!(untrusted.contains("not valid"), "{untrusted}");
    assert_fails(h.bare(), ["ipn", "verify", "ipn.json"], "no merchant id");
}

#[test]
fn emulator_runs_as_its_own_binary_does() {
    let h = Harness::start();
    let mut child = h
        .bare()
        .args(["emulator", "--listen", "127.0.0.1:0", "--seed", "7"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let base = first
        .strip_prefix("amazon-pay-emulator listening on ")
        .expect(&first)
        .to_owned();
    let key_id = lines
        .find_map(|l| {
            l.ok()?
                .trim()
                .strip_prefix("public key id ")
                .map(str::to_owned)
        })
        .expect("key id");
    // It answers like an emulator: an unsigned request is refused with the service's shape.
    let addr = base.trim_start_matches("http://").parse().expect("addr");
    let (status, body) = send_raw(addr, "GET", "/v2/checkoutSessions/x", &[], b"");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("MissingHeader"));
    assert!(key_id.starts_with("SANDBOX-"));
    child.kill().expect("kill");
    child.wait().expect("wait");

    let usage = run(h.bare(), ["emulator", "--help"]);
    assert!(usage.ok().contains("usage: amazon-pay emulator [--listen"));
    let bad = run(h.bare(), ["emulator", "--listen", "nowhere"]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("--listen: nowhere is not ADDR:PORT"));
}
