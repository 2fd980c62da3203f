raft_metrics_macros::include_schema!("name_not_ending_in_unit.toml");

fn main() {}
