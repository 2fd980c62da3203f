raft_metrics_macros::include_schema!("buckets_non_finite.toml");

fn main() {}
