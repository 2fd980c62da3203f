raft_metrics_macros::include_schema!("buckets_unsorted.toml");

fn main() {}
