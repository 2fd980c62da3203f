raft_metrics_macros::include_schema!("reserved_colon.toml");

fn main() {}
