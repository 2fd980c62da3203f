//! `cargo run --manifest-path examples/stream-raft/Cargo.toml`: 3 nodes, 2 topics x 2
//! partitions, each node's metrics at http://127.0.0.1:9401-9403/metrics (and /metrics/summary).

use std::time::Duration;

use stream_raft::{Cluster, Options};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let duration: Option<u64> = std::env::args().nth(1).and_then(|a| a.parse().ok());
    let cluster = Cluster::start(Options {
        nodes: 3,
        topics: vec!["orders".into(), "payments".into()],
        partitions: 2,
        base_port: 9401,
        rate: 20,
    })?;
    for id in 1..=3 {
        println!("node {id}: http://{}/metrics", cluster.addr(id));
    }
    let mut elapsed = 0;
    loop {
        tokio::time::sleep(Duration::from_secs(2)).await;
        elapsed += 2;
        println!("{elapsed:>4}s leaders {:?}", cluster.leaders());
        if duration.is_some_and(|d| elapsed >= d) {
            return Ok(());
        }
    }
}
