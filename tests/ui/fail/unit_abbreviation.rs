raft_metrics_macros::include_schema!("unit_abbreviation.toml");

fn main() {}
