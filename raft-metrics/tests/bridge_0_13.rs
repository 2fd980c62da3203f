//! A team on prometheus 0.13: the schema's families in its 0.13 `Registry` give the same samples
//! as the text exposition.

use raft_metrics::prometheus_0_13::{Encoder, Registry, TextEncoder};
use raft_metrics::{Level, Outcome, RaftMetrics, Rpc};

/// Sample lines (no comments), sorted: the two encoders order labels and families alike, but
/// comments differ.
fn samples(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

#[test]
fn a_prometheus_0_13_registry_holds_the_same_samples() {
    let m = RaftMetrics::new(4);
    m.partition("orders", 1)
        .commit_latency_seconds()
        .observe(0.2);
    m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success)
        .inc();
    for level in Level::ALL {
        let registry = Registry::new();
        m.register_level_0_13(&registry, level).unwrap();
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&registry.gather(), &mut text)
            .unwrap();
        let ours = m.exposition(level);
        assert_eq!(
            samples(&String::from_utf8(text).unwrap()),
            samples(&ours),
            "{level:?}"
        );
        let again = m.register_level_0_13(&registry, level).unwrap_err();
        assert!(again.is_already_registered(), "{again}");
    }
}
