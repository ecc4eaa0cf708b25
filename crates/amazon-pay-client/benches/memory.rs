//! Resident memory after 100,000 calls compared with after 1,000 (target: within 2 MB).
//! The calls run 16 at a time in tasks on the runtime's workers (so their signatures go to the
//! signing threads), through a transport that yields once before answering, as a network answer
//! would. Reads `/proc/self/statm` (Linux); prints the figures.

#[path = "in_memory/mod.rs"]
mod in_memory;

use amazon_pay_client::Client;
use http::Method;
use in_memory::{NoOpSigner, in_memory_transport};

fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

fn main() {
    if in_memory::filtered_out("memory") {
        return;
    }
    let rt = in_memory::runtime();
    let transport = in_memory_transport(true, br#"{"ok":true}"#);
    let client = Client::builder()
        .public_key_id("SANDBOX-MEMORYBENCH")
        .signer(NoOpSigner)
        .region("eu")
        .transport(transport)
        .build()
        .expect("client");
    const IN_FLIGHT: usize = 16;
    let run = |n: usize| {
        rt.block_on(async {
            let tasks: Vec<_> = (0..IN_FLIGHT)
                .map(|lane| {
                    let client = client.clone();
                    tokio::spawn(async move {
                        for i in (lane..n).step_by(IN_FLIGHT) {
                            client
                                .raw_request(Method::POST, "/v2/charges")
                                .json(&serde_json::json!({"i": i}))
                                .await
                                .expect("call");
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("task");
            }
        })
    };
    let Some(_) = resident_bytes() else {
        println!("memory: /proc/self/statm is not available on this system");
        return;
    };
    run(1_000);
    let after_1k = resident_bytes().unwrap_or(0);
    run(99_000);
    let after_100k = resident_bytes().unwrap_or(0);
    let growth = after_100k as i64 - after_1k as i64;
    println!(
        "memory: resident after 1,000 calls {} KiB, after 100,000 calls {} KiB, growth {} KiB (target: under 2048 KiB)",
        after_1k / 1024,
        after_100k / 1024,
        growth / 1024
    );
}
