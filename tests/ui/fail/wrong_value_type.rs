raft_metrics_macros::include_schema!("wrong_value_type.toml");

fn main() {}
