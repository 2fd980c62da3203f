raft_metrics_macros::include_schema!("empty_help.toml");

fn main() {}
