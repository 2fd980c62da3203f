raft_metrics_macros::include_schema!("counter_without_total.toml");

fn main() {}
