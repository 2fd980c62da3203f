raft_metrics_macros::include_schema!("reserved_label_le.toml");

fn main() {}
