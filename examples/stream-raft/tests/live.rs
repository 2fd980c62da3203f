//! The example scraped by a real Prometheus (Debian's, which `scripts/test.sh` installs) with
//! the scrape jobs generated from its own schema: every metric the raft-rs adapter feeds, and
//! the team's own two, have series at both levels; a stopped node's unreachable sends are
//! counted by the leaders' send tasks; the team's prometheus 0.13 registry is served beside.

// The helpers of raft-metrics' own live tests: a Prometheus child and its API, waiting with a
// bound, the families standing for each metric.
#[path = "../../../raft-metrics-openraft/tests/support"]
mod support {
    #![allow(dead_code)]
    pub mod cluster;
    pub mod coverage;
}

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use stream_raft::{Cluster, Options, StreamMetrics};
use support::cluster::{wait_until, Prometheus};
use support::coverage::{assert_covered, sample_names, stand_ins};

const BASE_PORT: u16 = 19481;
const PROMETHEUS: &str = "127.0.0.1:19490";

fn schema() -> raft_metrics_schema::Schema {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/stream-metrics.toml"))
        .unwrap();
    raft_metrics_schema::from_str(&text, "stream-metrics.toml")
        .unwrap()
        .0
}

/// Debian's Prometheus scraping both levels of `targets` with the jobs generated from the
/// team's schema.
fn start_prometheus(dir: &std::path::Path, targets: &[String]) -> Prometheus {
    let labels = BTreeMap::from([("cluster".to_string(), "stream".to_string())]);
    let jobs: Vec<serde_json::Value> =
        raft_metrics_schema::scrape::jobs(&schema(), targets, &labels)
            .iter()
            .map(|j| serde_json::to_value(j).unwrap())
            .collect();
    let config = serde_json::json!({
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "scrape_configs": jobs,
    });
    Prometheus::start(dir, PROMETHEUS, &config, &[])
}

// Needs Prometheus: `scripts/test.sh` runs it with `-- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "live cluster + Prometheus; run by scripts/test.sh"]
async fn the_example_is_scraped_by_prometheus_at_both_levels() {
    let dir = std::env::temp_dir().join("stream-raft-live");
    let _ = std::fs::remove_dir_all(&dir);
    let cluster = Cluster::start(Options {
        nodes: 3,
        topics: vec!["orders".into(), "payments".into()],
        partitions: 2,
        base_port: BASE_PORT,
        rate: 20,
    })
    .expect("the cluster starts");
    let targets: Vec<String> = (1..=3).map(|i| cluster.addr(i).to_string()).collect();
    let prom = start_prometheus(&dir, &targets);
    let value = |q: &str| prom.value(q);
    wait_until("both levels of 3 nodes up", Duration::from_secs(30), || {
        value("count(up == 1)") == 6.0
    });
    wait_until("every partition led", Duration::from_secs(30), || {
        cluster.leaders().iter().all(|l| *l != 0)
    });
    std::thread::sleep(Duration::from_secs(5));

    // A node stops: the leaders' send tasks find it unreachable.
    cluster.stop(3);
    wait_until("node 3 seen down", Duration::from_secs(20), || {
        value("count(up == 0)") == 2.0
    });
    wait_until(
        "unreachable sends to node 3 counted",
        Duration::from_secs(20),
        || value(r#"sum(stream_raft_rpc_errors_total{error="unreachable",peer="3"})"#) > 0.0,
    );

    // Every metric of the adapters' contract, under the team's namespace, and the team's own
    // two, at the detailed level of the running nodes...
    let own = [
        "stream_raft_produce_requests_total",
        "stream_raft_segment_bytes",
    ];
    let contract = stand_ins(
        &raft_metrics::RaftMetrics::FAMILY_NAMES,
        &raft_metrics::RaftMetrics::FAMILY_TYPES,
    );
    let fed: Vec<String> = contract
        .iter()
        .map(|n| n.replacen("chronik_raft_", "stream_raft_", 1))
        .chain(own.iter().map(|n| n.to_string()))
        .collect();
    let mut detailed = BTreeSet::new();
    for t in &targets[..2] {
        let text = ureq::get(&format!("http://{t}/metrics"))
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .unwrap();
        detailed.extend(sample_names(&text));
    }
    assert_covered("detailed level, metrics", &fed, &detailed);
    assert!(
        detailed.contains("stream_broker_up"),
        "the team's 0.13 registry is served"
    );

    // ...and every summary family, as Prometheus stored it: the named exceptions once the
    // leaders find node 3's replicas falling behind (under-replicated).
    wait_until(
        "a partition named unhealthy at the summary level",
        Duration::from_secs(60),
        || value("count(stream_raft_unhealthy_partition)") > 0.0,
    );
    let summary = stand_ins(
        &StreamMetrics::SUMMARY_FAMILY_NAMES,
        &StreamMetrics::SUMMARY_FAMILY_TYPES,
    );
    assert_covered(
        "summary level, families",
        &summary,
        &prom.names("stream-raft"),
    );

    // Series that exist from the start are not enough: these were fed.
    for q in [
        "stream_raft_proposals_total",
        "stream_raft_commit_latency_seconds_count",
        "stream_raft_committed_entries_total",
        "stream_raft_replication_sent_entries_total",
        "stream_raft_replication_received_entries_total",
        "stream_raft_rpc_calls_total",
        "stream_raft_rpc_duration_seconds_count",
        "stream_raft_log_size_bytes",
        "stream_raft_has_leader",
        "stream_raft_elections_total",
        r#"stream_raft_proposals_failed_total{cause="not_leader"}"#,
        "stream_raft_produce_requests_total",
        "stream_raft_segment_bytes",
    ] {
        let total = value(&format!("sum({q})"));
        assert!(total > 0.0, "{q} was never fed: {total}");
    }

    cluster.restart(3).expect("node 3 restarts");
    wait_until("node 3 up again", Duration::from_secs(20), || {
        value("count(up == 1)") == 6.0
    });
}
