raft_metrics_macros::include_schema!("max_series_exceeded.toml");

fn main() {}
