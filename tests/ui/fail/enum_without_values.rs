raft_metrics_macros::include_schema!("enum_without_values.toml");

fn main() {}
