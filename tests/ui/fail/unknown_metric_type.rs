raft_metrics_macros::include_schema!("unknown_metric_type.toml");

fn main() {}
