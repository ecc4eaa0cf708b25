//! Heap allocations per call through the whole stack, with the no-op signer and the in-memory
//! transport of the `overhead` benches: one call at a time in a task on a runtime worker (after
//! the warm-up the call signs on its own task), and the same with every signature on the
//! signing threads, and the first with a layer that does nothing added with
//! `ClientBuilder::layer`. Counts every allocation of the process while the calls run (the
//! runtime's own are included) and prints the average per call.

#[path = "in_memory/mod.rs"]
mod in_memory;

use std::alloc::System;
use std::time::Duration;

use amazon_pay_client::Client;
use http::Method;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const WARM_UP: u64 = 1_000;
const CALLS: u64 = 10_000;

/// Makes `n` GET calls one after another in a task on a runtime worker.
async fn gets_on_worker(client: Client, n: u64) {
    tokio::spawn(async move {
        for _ in 0..n {
            client
                .raw_request(Method::GET, "/v2/charges/C1")
                .await
                .expect("call");
        }
    })
    .await
    .expect("task");
}

fn main() {
    if in_memory::filtered_out("allocations") {
        return;
    }
    let rt = in_memory::runtime();
    let with_layer = in_memory::in_memory_builder(false)
        .layer(tower::layer::util::Identity::new())
        .build()
        .expect("client");
    for (name, client) in [
        (
            "allocations/no_op_signer_in_memory",
            in_memory::in_memory_client(false, None),
        ),
        (
            "allocations/no_op_signer_in_memory_signing_threads",
            in_memory::in_memory_client(false, Some(Duration::ZERO)),
        ),
        (
            "allocations/no_op_signer_in_memory_one_no_op_layer",
            with_layer,
        ),
    ] {
        rt.block_on(gets_on_worker(client.clone(), WARM_UP));
        let region = Region::new(GLOBAL);
        rt.block_on(gets_on_worker(client, CALLS));
        let stats = region.change();
        println!(
            "{name}: {:.1} allocations and {:.0} bytes allocated per call ({CALLS} calls)",
            stats.allocations as f64 / CALLS as f64,
            stats.bytes_allocated as f64 / CALLS as f64,
        );
    }
}
