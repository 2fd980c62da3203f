raft_metrics_macros::include_schema!("enum_duplicate_values.toml");

fn main() {}
