raft_metrics_macros::include_schema!("buckets_on_gauge.toml");

fn main() {}
