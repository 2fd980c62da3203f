raft_metrics_macros::include_schema!("scope_unknown_label.toml");

fn main() {}
