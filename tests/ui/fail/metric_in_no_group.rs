raft_metrics_macros::include_schema!("metric_in_no_group.toml");

fn main() {}
