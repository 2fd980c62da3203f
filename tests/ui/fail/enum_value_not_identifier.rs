raft_metrics_macros::include_schema!("enum_value_not_identifier.toml");

fn main() {}
