raft_metrics_macros::include_schema!("unknown_key.toml");

fn main() {}
