raft_metrics_macros::include_schema!("missing_type.toml");

fn main() {}
