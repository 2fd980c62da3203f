raft_metrics_macros::include_schema!("label_used_twice.toml");

fn main() {}
