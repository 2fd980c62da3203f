raft_metrics_macros::include_schema!("many_errors_at_once.toml");

fn main() {}
