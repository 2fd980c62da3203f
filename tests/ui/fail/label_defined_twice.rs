raft_metrics_macros::include_schema!("label_defined_twice.toml");

fn main() {}
