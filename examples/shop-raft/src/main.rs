//! Run the shop's cluster, write some orders, and print node 1's `/metrics` text.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cluster = shop_raft::Cluster::start().await?;
    for p in 0..shop_raft::PARTITIONS {
        cluster.write(p, 100).await?;
    }
    let families = cluster.nodes[&1].registry.gather();
    print!(
        "{}",
        prometheus::TextEncoder::new().encode_to_string(&families)?
    );
    cluster.shutdown().await;
    Ok(())
}
