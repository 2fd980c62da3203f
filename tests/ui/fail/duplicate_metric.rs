raft_metrics_macros::include_schema!("duplicate_metric.toml");

fn main() {}
