raft_metrics_macros::include_schema!("derived_series_collision.toml");

fn main() {}
