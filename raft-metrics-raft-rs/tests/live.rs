//! The live test of the raft-rs demo: the same scenario as the openraft demo's
//! (`raft-metrics-openraft/tests/support/scenario.rs` says what it checks).

#[path = "../../raft-metrics-openraft/tests/support/mod.rs"]
mod support;

use support::scenario::{run, Demo};

// Minutes long and needs Prometheus: `scripts/test.sh` runs it through
// `cargo test -p raft-metrics-raft-rs --features demo --test live -- --ignored --nocapture`.
#[test]
#[ignore = "live cluster + Prometheus; run by scripts/test.sh"]
fn live_raft_rs_cluster_scraped_by_prometheus() {
    run(&Demo {
        bin: env!("CARGO_BIN_EXE_raft-rs-demo"),
        name: "live-raft-rs",
        base_port: 19281,
        prometheus: "127.0.0.1:19290",
    });
}
