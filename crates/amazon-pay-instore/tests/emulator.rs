//! Every in-store operation against the embedded emulator, checked on both sides: the typed
//! answer and the emulator's request log.

use amazon_pay_client::{Client, ErrorKind};
use amazon_pay_emulator::{Emulator, RequestRecord, RunningEmulator, Verdict};
use amazon_pay_instore::InStoreExt;
use amazon_pay_types::{
    Currency, InStoreChargeRequest, InStoreMetadata, InStoreRefundRequest, InStoreState,
    MerchantScanRequest, Price, ReasonCode, StoreLocation,
};

async fn setup() -> (RunningEmulator, Client) {
    let emulator = Emulator::builder().start().await.expect("emulator starts");
    let client = Client::builder()
        .public_key_id(emulator.public_key_id().as_str())
        .signer(emulator.private_key().clone())
        .region(emulator.region().as_str())
        .endpoint(emulator.base_url())
        .build()
        .expect("client builds");
    (emulator, client)
}

fn usd(amount: &str) -> Price {
    Price::new(amount, Currency::Usd).expect("valid USD amount")
}

fn scan_request(reference: &str) -> MerchantScanRequest {
    MerchantScanRequest::new("AMZ-SCAN-0123456789", reference, "US", Currency::Usd)
        .charge_total(usd("20.00"))
        .store_location(StoreLocation::new().country_code("US"))
        .metadata(InStoreMetadata::new().merchant_note("till 4"))
}

fn in_store_records(emulator: &RunningEmulator) -> Vec<RequestRecord> {
    emulator
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/in-store/"))
        .collect()
}

#[tokio::test]
async fn scan_charge_and_refund() {
    let (emulator, client) = setup().await;

    let scan = client
        .merchant_scan(&scan_request("scan-1"))
        .await
        .expect("merchant scan succeeds");
    let charge_permission_id = scan.body().charge_permission_id.clone();
    assert!(!charge_permission_id.as_str().is_empty());

    let charge = client
        .in_store_charge(&InStoreChargeRequest::new(
            charge_permission_id.clone(),
            "charge-1",
            usd("20.00"),
        ))
        .await
        .expect("charge succeeds")
        .into_body();
    assert!(
        charge
            .charge_id
            .as_str()
            .starts_with(charge_permission_id.as_str())
    );
    assert_eq!(
        charge.charge_status.as_ref().map(|s| &s.state),
        Some(&InStoreState::Completed)
    );

    let refund = client
        .in_store_refund(
            &InStoreRefundRequest::new(charge.charge_id.clone(), "refund-1", usd("5.00"))
                .soft_descriptor("AMZ*SHOP"),
        )
        .idempotency_key("refund-1-key")
        .await
        .expect("refund succeeds");
    assert_eq!(refund.idempotency_key(), Some("refund-1-key"));
    let refund = refund.into_body();
    assert!(!refund.refund_id.as_str().is_empty());
    assert_eq!(
        refund.refund_status.as_ref().map(|s| &s.state),
        Some(&InStoreState::Pending)
    );

    let seen = in_store_records(&emulator);
    let summary: Vec<_> = seen
        .iter()
        .map(|r| {
            (
                r.method.as_str(),
                r.operation.as_deref(),
                r.verdict,
                r.status,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("POST", Some("InStoreMerchantScan"), Verdict::Accepted, 200),
            ("POST", Some("InStoreCharge"), Verdict::Accepted, 200),
            ("POST", Some("InStoreRefund"), Verdict::Accepted, 200),
        ]
    );
    // Every call carried an idempotency key: generated ones for the first two, the caller's
    // for the refund.
    assert!(seen[..2].iter().all(|r| r.idempotency_key.is_some()));
    assert_eq!(seen[2].idempotency_key.as_deref(), Some("refund-1-key"));
    assert_ne!(seen[0].idempotency_key, seen[1].idempotency_key);
}

#[tokio::test]
async fn service_errors_come_back_typed() {
    let (emulator, client) = setup().await;

    let unknown = client
        .in_store_charge(&InStoreChargeRequest::new(
            "S01-0000000-0000000",
            "charge-x",
            usd("1.00"),
        ))
        .await
        .expect_err("an unknown charge permission is refused");
    assert_eq!(unknown.kind(), ErrorKind::Service);
    assert_eq!(unknown.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(unknown.operation(), Some("InStoreCharge"));

    let scan = client
        .merchant_scan(&scan_request("scan-2"))
        .await
        .expect("merchant scan succeeds")
        .into_body();
    let charge = client
        .in_store_charge(&InStoreChargeRequest::new(
            scan.charge_permission_id,
            "charge-2",
            usd("3.00"),
        ))
        .await
        .expect("charge succeeds")
        .into_body();
    let too_much = client
        .in_store_refund(&InStoreRefundRequest::new(
            charge.charge_id,
            "refund-2",
            usd("3.01"),
        ))
        .await
        .expect_err("a refund above the charge is refused");
    assert_eq!(too_much.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        too_much.reason_code(),
        Some(&ReasonCode::TransactionAmountExceeded)
    );
    assert_eq!(too_much.operation(), Some("InStoreRefund"));

    let verdicts: Vec<_> = in_store_records(&emulator)
        .iter()
        .map(|r| (r.operation.clone(), r.verdict, r.reason_code.clone()))
        .collect();
    assert_eq!(verdicts.len(), 4);
    assert_eq!(verdicts[0].1, Verdict::Rejected);
    assert_eq!(
        verdicts[3],
        (
            Some("InStoreRefund".to_owned()),
            Verdict::Rejected,
            Some("TransactionAmountExceeded".to_owned())
        )
    );
}
