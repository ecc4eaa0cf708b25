//! Every operation against a loopback server that verifies the signature with the public key and
//! checks the method, path, query and body.

mod support;

use amazon_pay_client::types as t;
use amazon_pay_client::{Idempotency, OPERATIONS, Operation};
use serde_json::Value;
use support::{Reply, Server, fixture, parsed};

/// Sends one call and checks what the server received.
async fn check<O: Operation>(
    server: &Server,
    call: amazon_pay_client::Call<O>,
    answer: &str,
    method: &str,
    path: &str,
    query: &str,
    body: Option<Value>,
) -> amazon_pay_client::Response<O::Response> {
    let info = call.operation().info();
    server.set_default(Reply::json(200, answer));
    let before = server.seen().len();
    let resp = call
        .await
        .unwrap_or_else(|e| panic!("{}: {e:?}", info.name));
    let seen = server.seen();
    assert_eq!(seen.len(), before + 1, "{}: one request", info.name);
    let seen = seen.last().unwrap();
    assert_eq!(seen.method, method, "{}", info.name);
    assert_eq!(seen.path, path, "{}", info.name);
    assert_eq!(seen.query, query, "{}", info.name);
    if let Err(e) = &seen.verified {
        panic!("{}: signature does not verify: {e}", info.name);
    }
    match body {
        Some(expected) => {
            let got: Value = serde_json::from_slice(&seen.body).unwrap();
            assert_eq!(got, expected, "{}: body", info.name);
        }
        None => assert!(seen.body.is_empty(), "{}: no body", info.name),
    }
    let key = seen.header("x-amz-pay-idempotency-key");
    assert_eq!(
        key.is_some(),
        info.idempotency != Idempotency::NotSent,
        "{}: idempotency key presence",
        info.name
    );
    assert_eq!(resp.idempotency_key(), key, "{}", info.name);
    assert_eq!(resp.request_id(), Some("req-test-0001"));
    assert_eq!(resp.attempts(), 1);
    resp
}

fn json<T: serde::Serialize>(value: &T) -> Option<Value> {
    Some(serde_json::to_value(value).unwrap())
}

#[tokio::test]
async fn every_operation_is_signed_and_well_formed() {
    let server = Server::http().await;
    let c = server.client().build().unwrap();
    let mut covered = Vec::new();
    macro_rules! case {
        ($call:expr, $answer:expr, $method:literal, $path:literal, $query:literal, $body:expr) => {{
            let call = $call;
            covered.push(call.operation().info().name);
            check(
                &server,
                call,
                AsRef::<str>::as_ref(&$answer),
                $method,
                $path,
                $query,
                $body,
            )
            .await
        }};
    }

    let req: t::DeliveryTrackerRequest = parsed("delivery_tracker_request");
    case!(
        c.create_delivery_tracker(&req),
        fixture("delivery_tracker"),
        "POST",
        "/v2/deliveryTrackers",
        "",
        json(&req)
    );
    case!(
        c.get_authorization_token(
            "amzn.mws.4ea38b7b-f563",
            &amazon_pay_client::operations::MerchantIdQuery::new("A2 MERCHANT")
        ),
        fixture("authorization_token"),
        "GET",
        "/v2/authorizationTokens/amzn.mws.4ea38b7b-f563",
        "merchantId=A2%20MERCHANT",
        None
    );
    let buyer = case!(
        c.get_buyer("secret buyer/token".replace('/', "_")),
        fixture("buyer"),
        "GET",
        "/v2/buyers/secret%20buyer_token",
        "",
        None
    );
    assert!(buyer.body().buyer_id.is_some() || buyer.raw_body().len() > 2);

    let req: t::CreateCheckoutSessionRequest = parsed("create_checkout_session_request");
    case!(
        c.create_checkout_session(&req),
        fixture("checkout_session"),
        "POST",
        "/v2/checkoutSessions",
        "",
        json(&req)
    );
    case!(
        c.get_checkout_session("cs-1"),
        fixture("checkout_session"),
        "GET",
        "/v2/checkoutSessions/cs-1",
        "",
        None
    );
    let req: t::UpdateCheckoutSessionRequest = parsed("update_checkout_session_request");
    case!(
        c.update_checkout_session("cs-1", &req),
        fixture("checkout_session"),
        "PATCH",
        "/v2/checkoutSessions/cs-1",
        "",
        json(&req)
    );
    let req: t::CompleteCheckoutSessionRequest = parsed("complete_checkout_session_request");
    case!(
        c.complete_checkout_session("cs-1", &req),
        fixture("checkout_session"),
        "POST",
        "/v2/checkoutSessions/cs-1/complete",
        "",
        json(&req)
    );
    let req: t::FinalizeCheckoutSessionRequest = parsed("finalize_checkout_session_request");
    case!(
        c.finalize_checkout_session("cs-1", &req),
        fixture("checkout_session"),
        "POST",
        "/v2/checkoutSessions/cs-1/finalize",
        "",
        json(&req)
    );

    case!(
        c.get_charge_permission("B01-1"),
        fixture("charge_permission"),
        "GET",
        "/v2/chargePermissions/B01-1",
        "",
        None
    );
    let req: t::UpdateChargePermissionRequest = parsed("update_charge_permission_request");
    case!(
        c.update_charge_permission("B01-1", &req),
        fixture("charge_permission"),
        "PATCH",
        "/v2/chargePermissions/B01-1",
        "",
        json(&req)
    );
    let req: t::CloseChargePermissionRequest = parsed("close_charge_permission_request");
    case!(
        c.close_charge_permission("B01-1", &req),
        fixture("charge_permission"),
        "DELETE",
        "/v2/chargePermissions/B01-1/close",
        "",
        json(&req)
    );

    let req: t::CreateChargeRequest = parsed("create_charge_request");
    case!(
        c.create_charge(&req),
        fixture("charge"),
        "POST",
        "/v2/charges",
        "",
        json(&req)
    );
    case!(
        c.get_charge("S01-C1"),
        fixture("charge"),
        "GET",
        "/v2/charges/S01-C1",
        "",
        None
    );
    let req: t::UpdateChargeRequest = parsed("update_charge_request");
    case!(
        c.update_charge("S01-C1", &req),
        fixture("charge"),
        "PATCH",
        "/v2/charges/S01-C1",
        "",
        json(&req)
    );
    let req: t::CaptureChargeRequest = parsed("capture_charge_request");
    case!(
        c.capture_charge("S01-C1", &req),
        fixture("charge"),
        "POST",
        "/v2/charges/S01-C1/capture",
        "",
        json(&req)
    );
    let req: t::CancelChargeRequest = parsed("cancel_charge_request");
    case!(
        c.cancel_charge("S01-C1", &req),
        fixture("charge"),
        "DELETE",
        "/v2/charges/S01-C1/cancel",
        "",
        json(&req)
    );

    let req: t::CreateRefundRequest = parsed("create_refund_request");
    case!(
        c.create_refund(&req),
        fixture("refund"),
        "POST",
        "/v2/refunds",
        "",
        json(&req)
    );
    case!(
        c.get_refund("S01-R1"),
        fixture("refund"),
        "GET",
        "/v2/refunds/S01-R1",
        "",
        None
    );

    let query = t::ReportsQuery::new().page_size(5).next_token("tok en");
    case!(
        c.get_reports(&query),
        fixture("report_list"),
        "GET",
        "/v2/reports",
        "nextToken=tok%20en&pageSize=5",
        None
    );
    case!(
        c.get_report_by_id("R1"),
        fixture("report"),
        "GET",
        "/v2/reports/R1",
        "",
        None
    );
    case!(
        c.get_report_document("D1"),
        fixture("report_document"),
        "GET",
        "/v2/report-documents/D1",
        "",
        None
    );
    case!(
        c.get_report_schedules(&t::ReportSchedulesQuery::new()),
        fixture("report_schedule_list"),
        "GET",
        "/v2/report-schedules",
        "",
        None
    );
    case!(
        c.get_report_schedule_by_id("RS1"),
        fixture("report_schedule"),
        "GET",
        "/v2/report-schedules/RS1",
        "",
        None
    );
    let req: t::CreateReportRequest = parsed("create_report_request");
    case!(
        c.create_report(&req),
        fixture("create_report_response"),
        "POST",
        "/v2/reports",
        "",
        json(&req)
    );
    let req: t::CreateReportScheduleRequest = parsed("create_report_schedule_request");
    case!(
        c.create_report_schedule(&req),
        fixture("create_report_schedule_response"),
        "POST",
        "/v2/report-schedules",
        "",
        json(&req)
    );
    case!(
        c.cancel_report_schedule("RS1"),
        "",
        "DELETE",
        "/v2/report-schedules/RS1",
        "",
        None
    );

    let start: t::Timestamp = "20240101T000000Z".parse().unwrap();
    let end: t::Timestamp = "20240201T000000Z".parse().unwrap();
    case!(
        c.get_disbursements(&t::DisbursementsQuery::new(start, end)),
        fixture("disbursement_list"),
        "GET",
        "/v2/disbursements",
        "endTime=20240201T000000Z&startTime=20240101T000000Z",
        None
    );

    let req: t::RegisterAmazonPayAccountRequest = parsed("register_amazon_pay_account_request");
    case!(
        c.register_amazon_pay_account(&req),
        fixture("merchant_account_response"),
        "POST",
        "/v2/merchantAccounts",
        "",
        json(&req)
    );
    let req: t::UpdateAmazonPayAccountRequest = parsed("update_amazon_pay_account_request");
    case!(
        c.update_amazon_pay_account("M1", &req),
        "",
        "PATCH",
        "/v2/merchantAccounts/M1",
        "",
        json(&req)
    );
    case!(
        c.delete_amazon_pay_account("M1"),
        "",
        "DELETE",
        "/v2/merchantAccounts/M1",
        "",
        None
    );
    let req: t::CreateMerchantAccountRequest = parsed("create_merchant_account_request");
    case!(
        c.create_merchant_account(&req),
        fixture("merchant_account_response"),
        "POST",
        "/v2/merchantAccounts",
        "",
        json(&req)
    );
    let req: t::UpdateMerchantAccountRequest = parsed("update_merchant_account_request");
    case!(
        c.update_merchant_account("M1", &req).auth_token("tok"),
        fixture("merchant_account_response"),
        "PATCH",
        "/v2/merchantAccounts/M1",
        "",
        json(&req)
    );
    let req: t::ClaimMerchantAccountRequest = parsed("claim_merchant_account_request");
    case!(
        c.claim_merchant_account("M1", &req),
        fixture("merchant_account_response"),
        "POST",
        "/v2/merchantAccounts/M1/claim",
        "",
        json(&req)
    );
    let req: t::CreateStoreRequest = parsed("create_store_request");
    case!(
        c.create_store("M1", &req),
        fixture("store"),
        "POST",
        "/v2/merchantAccounts/M1/stores",
        "",
        json(&req)
    );
    let req: t::UpdateStoreRequest = parsed("update_store_request");
    case!(
        c.update_store("M1", "S1", &req),
        fixture("store"),
        "PATCH",
        "/v2/merchantAccounts/M1/stores/S1",
        "",
        json(&req)
    );

    let req: t::CreateDisputeRequest = parsed("create_dispute_request");
    case!(
        c.create_dispute(&req),
        fixture("dispute"),
        "POST",
        "/v2/disputes",
        "",
        json(&req)
    );
    case!(
        c.get_dispute("DP1"),
        fixture("dispute"),
        "GET",
        "/v2/disputes/DP1",
        "",
        None
    );
    let req: t::UpdateDisputeRequest = parsed("update_dispute_request");
    case!(
        c.update_dispute("DP1", &req),
        fixture("dispute"),
        "PATCH",
        "/v2/disputes/DP1",
        "",
        json(&req)
    );
    let req: t::ContestDisputeRequest = parsed("contest_dispute_request");
    case!(
        c.contest_dispute("DP1", &req),
        fixture("dispute"),
        "POST",
        "/v2/disputes/DP1/contest",
        "",
        json(&req)
    );
    let req: t::UploadFileRequest = parsed("upload_file_request");
    case!(
        c.upload_file(&req),
        fixture("file_upload"),
        "POST",
        "/v2/files",
        "",
        json(&req)
    );

    let mut all: Vec<_> = OPERATIONS.iter().map(|o| o.name).collect();
    all.sort_unstable();
    covered.sort_unstable();
    assert_eq!(covered, all, "every operation of OPERATIONS is exercised");
}

#[tokio::test]
async fn claim_returns_the_see_other_location_without_following_it() {
    let server = Server::http().await;
    let c = server.client().build().unwrap();
    server.push(Reply::Full(
        303,
        vec![("location".into(), format!("{}/elsewhere", server.base_url))],
        r#"{"uniqueReferenceId":"U1","merchantAccountId":"M1"}"#.into(),
    ));
    let req: t::ClaimMerchantAccountRequest = parsed("claim_merchant_account_request");
    let resp = c.claim_merchant_account("M1", &req).await.unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(
        resp.location(),
        Some(format!("{}/elsewhere", server.base_url).as_str())
    );
    assert!(resp.body().is_some());
    assert_eq!(server.seen().len(), 1, "the Location is not followed");
}

#[tokio::test]
async fn classic_key_ids_put_the_environment_in_the_path() {
    let server = Server::http().await;
    let c = server
        .client()
        .public_key_id("AEXAMPLECLASSICKEY")
        .environment(amazon_pay_client::Environment::Sandbox)
        .build()
        .unwrap();
    let _ = c.get_charge("C1").await;
    let seen = server.seen();
    assert_eq!(seen[0].path, "/sandbox/v2/charges/C1");
    assert_eq!(seen[0].header("x-amz-pay-host"), Some("127.0.0.1"));
    assert_eq!(seen[0].header("x-amz-pay-region"), Some("eu"));
    assert!(
        seen[0]
            .header("user-agent")
            .unwrap()
            .starts_with("amazon-pay-rs/")
    );
    // The verifier only knows the SANDBOX- key id: the classic id is unknown to it.
    assert!(seen[0].verified.is_err());
}

/// Over TLS to a server that offers HTTP/2 and HTTP/1.1, the client speaks HTTP/1.1 (see
/// `HttpTransport`: hyper's HTTP/2 client was slower here) and verifies the certificate.
#[tokio::test]
async fn tls_calls_speak_http1_even_when_the_server_offers_http2() {
    let (server, pem) = Server::https().await;
    server.set_default(Reply::json(200, fixture("charge")));
    let c = server
        .client()
        .add_root_certificate_pem(&pem)
        .build()
        .unwrap();
    for _ in 0..2 {
        c.get_charge("C1").await.unwrap();
    }
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter().all(|s| s.version == http::Version::HTTP_11),
        "{:?}",
        seen.iter().map(|s| s.version).collect::<Vec<_>>()
    );
    seen[0].verified.as_ref().expect("signature verifies");
}
