raft_metrics_macros::include_schema!("enum_shadows_prelude.toml");

fn main() {}
