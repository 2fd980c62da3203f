raft_metrics_macros::include_schema!("open_label_without_budget.toml");

fn main() {}
