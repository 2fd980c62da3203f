raft_metrics_macros::include_schema!("non_base_unit.toml");

fn main() {}
