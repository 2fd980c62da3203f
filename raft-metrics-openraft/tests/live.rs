//! The live test of the openraft demo: `support/scenario.rs` says what it checks.

mod support;

use support::scenario::{run, Demo};

// Minutes long and needs Prometheus: `scripts/test.sh` runs it (with its summary table) through
// `cargo test -p raft-metrics-openraft --features demo --test live -- --ignored --nocapture`.
#[test]
#[ignore = "live cluster + Prometheus; run by scripts/test.sh"]
fn live_cluster_scraped_by_prometheus() {
    run(&Demo {
        bin: env!("CARGO_BIN_EXE_raft-demo"),
        name: "live",
        base_port: 19181,
        prometheus: "127.0.0.1:19190",
    });
}
