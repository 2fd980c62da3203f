raft_metrics_macros::include_schema!("gauge_with_total.toml");

fn main() {}
