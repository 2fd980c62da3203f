raft_metrics_macros::include_schema!("buckets_negative.toml");

fn main() {}
