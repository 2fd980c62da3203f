raft_metrics_macros::include_schema!("reserved_label_dunder.toml");

fn main() {}
