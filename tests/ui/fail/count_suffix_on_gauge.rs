raft_metrics_macros::include_schema!("count_suffix_on_gauge.toml");

fn main() {}
