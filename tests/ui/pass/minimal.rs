// A schema outside the raft-metrics crate expands into a working API.
raft_metrics_macros::include_schema!("minimal.toml");

fn main() {
    let registry = prometheus::Registry::new();
    let m = RaftMetrics::register(&registry).unwrap();
    m.requests_total("t", Outcome::Success).inc();
    let s = m.shard("t", 3);
    s.queue_entries().set(4);
    s.wait_seconds(Outcome::Failure).observe(0.2);
    assert_eq!(m.queue_entries("t", 3).get(), 4);
    assert_eq!(Outcome::ALL.len(), 2);
    m.remove_shard("t", 3);
}
