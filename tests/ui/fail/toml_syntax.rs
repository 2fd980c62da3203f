raft_metrics_macros::include_schema!("toml_syntax.toml");

fn main() {}
