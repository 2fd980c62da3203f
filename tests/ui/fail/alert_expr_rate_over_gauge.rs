raft_metrics_macros::include_schema!("alert_expr_rate_over_gauge.toml");

fn main() {}
