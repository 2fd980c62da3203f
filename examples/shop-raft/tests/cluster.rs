//! The shop's own schema meets the openraft adapter: after a few writes and a node cut off for
//! a moment, every metric the shop's schema shares with raft-metrics' has series under the
//! shop's namespace, and so has the shop's own metric.

use std::collections::BTreeSet;

use shop_raft::{Cluster, ShopMetrics, PARTITIONS};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_adapter_feeds_the_shops_schema() {
    let cluster = Cluster::start().await.expect("cluster starts");
    for p in 0..PARTITIONS {
        cluster.write(p, 50).await.expect("writes commit");
    }
    // RPCs to a node cut off fail (rpc_errors_total); the adapter publishes every 100 ms.
    cluster.cut_off(3, true);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    cluster.cut_off(3, false);
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
        .filter(|f| !exposed.contains(*f))
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
