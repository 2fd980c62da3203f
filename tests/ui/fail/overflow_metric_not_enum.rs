raft_metrics_macros::include_schema!("overflow_metric_not_enum.toml");

fn main() {}
