raft_metrics_macros::include_schema!("not_snake_case.toml");

fn main() {}
