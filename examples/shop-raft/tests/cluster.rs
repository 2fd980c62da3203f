//! The shop's own schema meets the openraft adapter: after a few writes, every metric the
//! shop's schema shares with raft-metrics' has series under the shop's namespace (but those
//! that only an error or a snapshot sets), and so has the shop's own metric.

use std::collections::BTreeSet;

use shop_raft::{Cluster, ShopMetrics, PARTITIONS};

/// Set only by events this run does not cause: RPC errors (a node down), snapshot transfers.
const EVENT_ONLY: &[&str] = &["shop_raft_rpc_errors_total"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_adapter_feeds_the_shops_schema() {
    let cluster = Cluster::start().await.expect("cluster starts");
    for p in 0..PARTITIONS {
        cluster.write(p, 50).await.expect("writes commit");
    }
    // The adapter publishes batched series every 100 ms.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let exposed: BTreeSet<String> = cluster
        .nodes
        .values()
        .flat_map(|n| n.registry.gather())
        .filter(|f| !f.get_metric().is_empty())
        .map(|f| f.name().to_string())
        .collect();
    let missing: Vec<&str> = ShopMetrics::FAMILY_NAMES
        .iter()
        .copied()
        .filter(|f| !exposed.contains(*f) && !EVENT_ONLY.contains(f))
        .collect();
    assert!(missing.is_empty(), "no series for {missing:?}");
    assert!(exposed.contains("shop_raft_orders_applied_total"));
    assert!(
        exposed.iter().all(|f| f.starts_with("shop_raft_")),
        "{exposed:?}"
    );
    assert_eq!(
        ShopMetrics::FAMILY_NAMES.len(),
        raft_metrics::RaftMetrics::FAMILY_NAMES.len() + 1
    );
    cluster.shutdown().await;
}
