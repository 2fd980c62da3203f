raft_metrics_macros::include_schema!("unknown_group.toml");

fn main() {}
