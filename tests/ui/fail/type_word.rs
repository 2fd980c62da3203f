raft_metrics_macros::include_schema!("type_word.toml");

fn main() {}
