raft_metrics_macros::include_schema!("alert_unknown_metric.toml");

fn main() {}
