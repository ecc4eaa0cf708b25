//! Faults, IPNs, the button path and the admin API, over HTTP.

mod common;

use std::time::Duration;

use amazon_pay_emulator::{Fault, SimulatedPaymentMethod, Verdict};
use amazon_pay_signing::Algorithm;
use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use base64::Engine as _;
use bytes::Bytes;
use common::button::{Button, form_post};
use common::{Api, builder};
use http::{Method, StatusCode};
use http_body_util::Full;
use serde_json::{Value, json};

#[tokio::test]
async fn faults_strike_before_or_after_processing() {
    let api = Api::default().await;
    api.emu
        .faults()
        .inject(Fault::status(503).on("*/refunds/*").times(2));
    assert_eq!(
        api.get("/refunds/x").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(api.get("/refunds/x").await.reason(), "ServiceUnavailable");
    assert_eq!(api.get("/refunds/x").await.status, StatusCode::NOT_FOUND);

    // Dropped before processing: the client sees a transport error and nothing was created.
    api.emu.faults().inject(
        Fault::drop_connection()
            .on("*/checkoutSessions")
            .method(Method::POST),
    );
    let body = json!({ "storeId": api.emu.store_id(), "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://m.example/r" } });
    let call = api.post_call("/checkoutSessions", &body, "drop-before".into());
    let req = api.signed_request(&call);
    assert!(api.client.request(req).await.is_err());
    assert_eq!(api.count("checkoutSessions"), Some(0));

    // Answer lost after processing: the retry with the same key replays the saved answer.
    api.emu.faults().inject(
        Fault::status(500)
            .on("*/checkoutSessions")
            .after_processing(),
    );
    let send = || api.send(api.post_call("/checkoutSessions", &body, "lost-answer".into()));
    assert_eq!(send().await.status, StatusCode::INTERNAL_SERVER_ERROR);
    let retried = send().await;
    assert_eq!(retried.status, StatusCode::CREATED);
    assert_eq!(api.count("checkoutSessions"), Some(1));
    let log = api.emu.requests();
    assert!(
        log.iter()
            .any(|r| r.verdict == Verdict::Fault && r.fault.as_deref() == Some("status 500 after"))
    );
    assert!(log.last().is_some_and(|r| r.replayed));

    // A seeded fraction, and delays.
    api.emu.faults().inject(Fault::status(429).fraction(0.5, 7));
    let mut throttled = 0;
    for _ in 0..20 {
        if api.get("/refunds/x").await.status == StatusCode::TOO_MANY_REQUESTS {
            throttled += 1;
        }
    }
    assert!((3..18).contains(&throttled), "{throttled}");
    api.emu.faults().clear();
    api.emu
        .faults()
        .inject(Fault::delay(Duration::from_millis(50)));
    assert_eq!(api.get("/refunds/x").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn ipns_are_signed_sns_notifications() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(http::HeaderMap, String)>();
    let receiver = axum::Router::new().route(
        "/ipn",
        axum::routing::post(move |headers: http::HeaderMap, body: String| {
            let tx = tx.clone();
            async move {
                let _ = tx.send((headers, body));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    let api = Api::start(builder().ipn_url(format!("http://{addr}/ipn"))).await;
    let id = api
        .approved_session("10.00", "Authorize", "pending-authorized")
        .await;
    let charge_id = api.complete(&id, "10.00").await.id("chargeId");
    api.emu.clock().advance(Duration::from_secs(30));

    let (headers, body) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("delivered")
        .expect("message");
    assert_eq!(headers["x-amz-sns-message-type"], "Notification");
    let envelope: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(envelope["SignatureVersion"], "2");
    assert_eq!(
        envelope["SigningCertURL"],
        amazon_pay_emulator::SNS_SIGNING_CERT_URL
    );
    let message: Value =
        serde_json::from_str(envelope["Message"].as_str().expect("message")).expect("inner json");
    assert_eq!(message["ObjectType"], "CHARGE");
    assert_eq!(message["ObjectId"], charge_id.as_str());
    assert_eq!(message["MerchantID"], api.emu.merchant_id());
    assert_eq!(message["NotificationVersion"], "V2");

    let s = |k: &str| envelope[k].as_str().expect(k).to_owned();
    let string_to_sign = format!(
        "Message\n{}\nMessageId\n{}\nTimestamp\n{}\nTopicArn\n{}\nType\nNotification\n",
        s("Message"),
        s("MessageId"),
        s("Timestamp"),
        s("TopicArn")
    );
    let (_, pem) =
        x509_parser::pem::parse_x509_pem(api.emu.sns_certificate_pem().as_bytes()).expect("pem");
    let cert = pem.parse_x509().expect("certificate");
    let (_, ca_pem) =
        x509_parser::pem::parse_x509_pem(api.emu.ca_pem().as_bytes()).expect("ca pem");
    let ca = ca_pem.parse_x509().expect("ca");
    assert_eq!(cert.issuer(), ca.subject());
    let key = UnparsedPublicKey::new(
        &RSA_PKCS1_2048_8192_SHA256,
        cert.public_key().subject_public_key.data.to_vec(),
    );
    let signature = base64::engine::general_purpose::STANDARD
        .decode(s("Signature"))
        .expect("base64");
    assert!(key.verify(string_to_sign.as_bytes(), &signature).is_ok());
    let mut tampered = string_to_sign.clone();
    tampered.push(' ');
    assert!(key.verify(tampered.as_bytes(), &signature).is_err());

    let records = api.emu.ipns();
    assert!(
        records
            .iter()
            .any(|r| r.object_id == charge_id && r.body == body)
    );
}

#[tokio::test]
async fn the_button_path_verifies_the_payload_signature() {
    let api = Api::default().await;
    let payload = json!({
        "storeId": api.emu.store_id(),
        "webCheckoutDetails": { "checkoutReviewReturnUrl": "https://merchant.example/review" },
    });
    for algorithm in [Algorithm::V1, Algorithm::V2] {
        let button = Button::sign_with(&api, payload.clone(), algorithm);
        let mut fields = button.fields();
        fields.push(("paymentMethod", "approve"));
        let a = api
            .raw(form_post(&api, "/checkout/button", &fields, None))
            .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{:?}", a.body);
        let location = a.headers["location"].to_str().expect("location");
        assert!(
            location.starts_with("https://merchant.example/review?amazonCheckoutSessionId="),
            "{location}"
        );
    }
    // Without an algorithm field the signature is checked as V1.
    let button = Button::sign_with(&api, payload, Algorithm::V2);
    let mut fields = button.fields();
    fields.retain(|(name, _)| *name != "algorithm");
    let a = api
        .raw(form_post(&api, "/checkout/button", &fields, None))
        .await;
    assert_eq!(
        (a.status, a.reason()),
        (StatusCode::FORBIDDEN, "InvalidRequestSignature"),
        "V2 signature checked as V1 fails"
    );
}

#[tokio::test]
async fn admin_api_controls_the_emulator() {
    let api = Api::default().await;
    let admin = |method: Method, path: &str, body: Option<Value>| {
        http::Request::builder()
            .method(method)
            .uri(format!("{}/__admin{path}", api.emu.base_url()))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(
                body.map(|b| b.to_string()).unwrap_or_default(),
            )))
            .expect("request")
    };
    let info = api.raw(admin(Method::GET, "/info", None)).await;
    assert_eq!(info.body["storeId"], api.emu.store_id());
    assert_eq!(info.body["publicKeyId"], api.emu.public_key_id().as_str());
    let fault = api.raw(admin(Method::POST, "/faults", Some(json!({ "path": "*/charges/*", "action": { "status": 429 }, "trigger": { "next": 1 } })))).await;
    assert!(fault.body["id"].is_u64());
    assert_eq!(
        api.get("/charges/x").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );

    let id = api.approved_session("5.00", "Authorize", "approve").await;
    let before = api.raw(admin(Method::GET, "/clock", None)).await;
    let after = api
        .raw(admin(
            Method::POST,
            "/clock/advance",
            Some(json!({ "seconds": 86_400 })),
        ))
        .await;
    assert!(
        after.body["offsetSeconds"].as_i64()
            >= before.body["offsetSeconds"].as_i64().map(|s| s + 86_000)
    );
    let objects = api.raw(admin(Method::GET, "/objects", None)).await;
    assert_eq!(
        objects.body["checkoutSessions"][0]["checkoutSessionId"],
        id.as_str()
    );
    assert_eq!(
        objects.body["checkoutSessions"][0]["statusDetails"]["reasonCode"],
        "Expired"
    );
    let requests = api.raw(admin(Method::GET, "/requests", None)).await;
    assert!(
        requests.body["requests"]
            .as_array()
            .is_some_and(|r| r.iter().any(|e| e["verdict"] == "fault"))
    );
    let ca = api.raw(admin(Method::GET, "/ca.pem", None)).await;
    assert!(
        ca.body
            .as_str()
            .is_some_and(|p| p.starts_with("-----BEGIN CERTIFICATE-----"))
    );
    let sns = api.raw(admin(Method::GET, "/sns-certificate", None)).await;
    assert_eq!(sns.body.as_str(), Some(api.emu.sns_certificate_pem()));
    let approve = api
        .raw(admin(
            Method::POST,
            "/checkout-sessions/nope/approve",
            Some(json!({ "paymentMethod": "approve" })),
        ))
        .await;
    assert_eq!(approve.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.raw(admin(Method::POST, "/reset", None)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.count("checkoutSessions"), Some(0));
    assert!(
        api.emu
            .approve_checkout(&id, SimulatedPaymentMethod::Approve)
            .is_err()
    );
}

/// A port already taken: the error names the address, and the operating system's reason is its
/// source, not repeated in its text.
#[tokio::test]
async fn a_taken_port_is_reported_with_its_cause_as_source() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    let error = builder().listen(addr).start().await.unwrap_err();
    let amazon_pay_emulator::Error::Bind { source, .. } = &error else {
        panic!("expected a bind error, got {error:?}");
    };
    assert_eq!(source.kind(), std::io::ErrorKind::AddrInUse);
    let text = error.to_string();
    assert_eq!(text, format!("could not listen on {addr}"));
    let cause = std::error::Error::source(&error).expect("the cause is the source");
    assert!(!text.contains(&cause.to_string()), "{text}");
}
