raft_metrics_macros::include_schema!("label_undefined.toml");

fn main() {}
