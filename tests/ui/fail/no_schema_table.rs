raft_metrics_macros::include_schema!("no_schema_table.toml");

fn main() {}
