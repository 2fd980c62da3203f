raft_metrics_macros::include_schema!("implements_missing_metric.toml", implements = raft_metrics);

fn main() {}
