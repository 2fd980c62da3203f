raft_metrics_macros::include_schema!("buckets_duplicate.toml");

fn main() {}
