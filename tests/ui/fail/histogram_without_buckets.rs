raft_metrics_macros::include_schema!("histogram_without_buckets.toml");

fn main() {}
