//! Payment calls whose outcome is lost are repeated with the same idempotency key: the order
//! completes once, with one charge permission and one charge.

mod support;

use std::time::{Duration, Instant};

use amazon_pay::emulator::Fault;
use http::{Method, StatusCode};
use support::{
    Postgres, TestResult, approved_order, count_of, deliver_again, http, sqlite_url, start,
};

/// Complete's answer is lost on every attempt, so the step stays pending; returns the
/// checkout session id and the result URL.
async fn lose_the_complete_answer(
    shop: &amazon_pay_storefront::Storefront,
) -> TestResult<(String, String)> {
    let (id, result_url) = approved_order(shop).await?;

    // Every attempt of Complete is processed and its answer lost: the shop cannot know.
    shop.emulator().faults().inject(
        Fault::drop_connection()
            .after_processing()
            .on("*/complete")
            .method(Method::POST)
            .times(u32::MAX),
    );
    let (status, body) = http(Method::GET, &result_url, "").await?;
    assert!(status.is_server_error(), "{status} {body}");
    let order = &shop.shop().orders().await?[0];
    assert_eq!(
        (order.state.as_str(), order.charge_id.as_deref()),
        ("placed", None)
    );
    shop.emulator().faults().clear();
    Ok((id, result_url))
}

/// The Complete requests of a session, with their keys.
fn complete_keys(shop: &amazon_pay_storefront::Storefront, id: &str) -> Vec<Option<String>> {
    shop.emulator()
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with(&format!("{id}/complete")))
        .map(|r| r.idempotency_key)
        .collect()
}

#[tokio::test]
async fn a_lost_answer_is_recovered_with_the_same_key() -> TestResult {
    let shop = start(&sqlite_url("lost-answer")).await?;
    let (id, result_url) = lose_the_complete_answer(&shop).await?;

    // The service is reachable again: recovery repeats the call with the recorded key.
    assert_eq!(shop.shop().recover().await?, 1);
    let order = shop.shop().orders().await?.remove(0);
    assert_eq!(order.state, "completed");
    let charge_id = order.charge_id.clone().expect("a charge");

    // The buyer reloads the result page: the recorded answer, no new call.
    let (status, body) = http(Method::GET, &result_url, "").await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&charge_id), "{body}");

    let keys = complete_keys(&shop, &id);
    assert!(keys.len() >= 2, "the lost call and its repeat: {keys:?}");
    assert!(
        keys.iter().all(|k| k.is_some() && *k == keys[0]),
        "{keys:?}"
    );
    let objects = shop.emulator().objects();
    assert_eq!(count_of(&objects, "chargePermissions"), 1, "{objects}");
    assert_eq!(count_of(&objects, "charges"), 1, "{objects}");
    shop.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_notification_is_stored_then_processed_once() -> TestResult {
    let url = sqlite_url("inbox");
    let shop = start(&url).await?;
    let (_, result_url) = approved_order(&shop).await?;
    let (status, body) = http(Method::GET, &result_url, "").await?;
    assert_eq!(status, StatusCode::OK, "{body}");

    let started = Instant::now();
    let processed = loop {
        let processed = shop.shop().notifications().await?;
        let sent = shop.emulator().ipns();
        if !sent.is_empty() && processed.len() == sent.len() {
            break processed;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{processed:?} {sent:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(processed.iter().all(|n| n.state.is_some()), "{processed:?}");

    // Each notification delivered again (as SNS does when an answer is lost) is acknowledged,
    // finds its row already in the inbox, and is not applied a second time.
    let sent = shop.emulator().ipns();
    for ipn in &sent {
        let (status, body) = deliver_again(ipn).await?;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(shop.shop().notifications().await?.len(), sent.len());
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await?;
    let (rows, applied_once): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), SUM(CASE WHEN applied = 1 AND state = 'done' THEN 1 ELSE 0 END) \
         FROM ipn_inbox",
    )
    .fetch_one(&pool)
    .await?;
    assert_eq!((rows, applied_once), (sent.len() as i64, sent.len() as i64));
    shop.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn two_instances_on_one_postgresql_repeat_a_step_once() -> TestResult {
    let pg = Postgres::start("two-instances");
    let shop = start(&pg.url).await?;
    let (id, _) = lose_the_complete_answer(&shop).await?;
    let lost = complete_keys(&shop, &id).len();

    // A second instance starts (and runs its recovery pass) while the first recovers too.
    let (second, first) = tokio::join!(
        shop.start_instance(support::loopback(), &pg.url),
        shop.shop().recover()
    );
    let second = second?;
    first?;
    let started = Instant::now();
    while shop.shop().orders().await?[0].state != "completed" {
        assert!(started.elapsed() < Duration::from_secs(20), "not recovered");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(second.recover().await?, 0, "nothing left");
    let keys = complete_keys(&shop, &id);
    assert_eq!(
        keys.len(),
        lost + 1,
        "one repeat between both instances: {keys:?}"
    );
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    let objects = shop.emulator().objects();
    assert_eq!(count_of(&objects, "chargePermissions"), 1, "{objects}");
    assert_eq!(count_of(&objects, "charges"), 1, "{objects}");
    second.shutdown().await;
    shop.shutdown().await;
    Ok(())
}
