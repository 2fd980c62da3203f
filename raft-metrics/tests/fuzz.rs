//! Property tests of the generated runtime with hostile label values: empty, huge, non-ASCII,
//! quotes, backslashes, newlines, NUL. Nothing panics, and every value reads back unchanged
//! from the text exposition (parsed by an independent parser). Case counts scale with
//! `RAFT_METRICS_FUZZ_CASES`.

#[path = "support/promtool.rs"]
mod promtool;

#[path = "support/text.rs"]
mod text;

use openmetrics_parser::prometheus::parse_prometheus;
use prometheus::Registry;
use proptest::prelude::*;
use proptest::test_runner::Config;
use raft_metrics::{Outcome, RaftMetrics, Rpc};
use text::exposition;

fn cases(default: u32) -> Config {
    let n = std::env::var("RAFT_METRICS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    }
}

fn label_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\\n".to_string()),
        Just("a\nb".to_string()),
        Just("nul\0byte".to_string()),
        Just("x".repeat(4096)),
        Just("__overflow__".to_string()),
        Just("ünïcödé ✓ 日本".to_string()),
        "(?s).{0,64}",
        any::<String>(),
    ]
    // The independent parser rejects a raw carriage return, which Prometheus accepts (checked
    // with promtool below): turn it into a newline, as hostile and escaped instead.
    .prop_map(|s| s.replace('\r', "\n"))
}

/// The values of `labels` on every sample of `family`, read back from the exposition, sorted.
fn read_back(text: &str, family: &str, labels: &[&str]) -> Result<Vec<Vec<String>>, TestCaseError> {
    // Only this family's block (HELP, TYPE, samples): parsing stays cheap.
    let start = format!("# HELP {family} ");
    let block: String = text
        .split_inclusive('\n')
        .skip_while(|l| !l.starts_with(&start))
        .enumerate()
        .take_while(|(i, l)| *i < 2 || l.starts_with(family))
        .map(|(_, l)| l)
        .collect();
    if block.is_empty() {
        return Ok(Vec::new());
    }
    let text = block.as_str();
    let parsed = parse_prometheus(text).map_err(|e| {
        TestCaseError::fail(format!("the exposition does not parse: {e:?}\n{text}"))
    })?;
    let Some(f) = parsed.families.get(family) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<Vec<String>> = f
        .iter_samples()
        .filter_map(|s| {
            let set = s.get_labelset().ok()?;
            Some(
                labels
                    .iter()
                    .map(|l| set.get_label_value(l).unwrap_or_default().to_string())
                    .collect(),
            )
        })
        .collect();
    out.sort();
    Ok(out)
}

proptest! {
    #![proptest_config(cases(1000))]
    #[test]
    fn label_values_round_trip_through_the_exposition(
        topic in label_value(),
        other in label_value(),
        partition in any::<u32>(),
        peer in any::<u64>(),
    ) {
        let r = Registry::new();
        let m = RaftMetrics::register(&r, 7).unwrap();
        // The accessor on one partition, a bound handle on the next.
        let (p1, p2) = (partition, partition.wrapping_add(1));
        m.committed_entries_total(&topic, p1).inc();
        let h = m.partition(&other, p2);
        h.current_term().set(3);
        h.follower_lag_entries(peer).set(1);
        m.rpc_calls_total(Rpc::RequestVote, peer, Outcome::Failure).inc();

        let text = exposition(&r);
        let mut want = vec![vec![topic.clone(), p1.to_string()], vec![other.clone(), p2.to_string()]];
        want.sort();
        let pair = ["topic", "partition"];
        prop_assert_eq!(read_back(&text, "chronik_raft_committed_entries_total", &pair)?, want.clone());
        // A partition's series appear together, whichever was asked for first.
        prop_assert_eq!(read_back(&text, "chronik_raft_current_term", &pair)?, want.clone());
        prop_assert_eq!(
            read_back(&text, "chronik_raft_follower_lag_entries", &["topic", "peer"])?,
            vec![vec![other.clone(), peer.to_string()]]
        );
        prop_assert_eq!(
            read_back(&text, "chronik_raft_rpc_calls_total", &["peer"])?,
            vec![vec![peer.to_string()]]
        );
        // The summary level folds `partition`: one series per topic, the values intact.
        let summary = m.exposition(raft_metrics::Level::Summary);
        let mut topics = vec![vec![topic.clone()], vec![other.clone()]];
        topics.sort();
        topics.dedup();
        prop_assert_eq!(
            read_back(&summary, "chronik_raft_committed_entries_total", &["topic"])?,
            topics
        );

        // Removal by hostile values removes exactly those series.
        drop(h);
        m.remove_partition(&topic, p1);
        let text = exposition(&r);
        prop_assert!(read_back(&text, "chronik_raft_committed_entries_total", &pair)?.is_empty());
        prop_assert!(read_back(&text, "chronik_raft_current_term", &pair)?.is_empty());
    }
}

/// A carriage return stays raw in the exposition (the text format escapes only `\\`, `"` and
/// newlines), and Prometheus's own parser accepts it.
#[test]
fn carriage_returns_reach_prometheus_intact() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 7).unwrap();
    m.committed_entries_total("a\rb", 1).inc();
    let text = exposition(&r);
    assert!(text.contains(
        "chronik_raft_committed_entries_total{node=\"7\",topic=\"a\rb\",partition=\"1\"} 1"
    ));
    let (ok, report) = promtool::check_metrics(&text);
    assert!(ok, "promtool check metrics: {report}");
}

/// A 1 MB label value: no panic, and it is exposed whole.
#[test]
fn huge_label_values_are_exposed_whole() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 7).unwrap();
    let huge = "y".repeat(1 << 20);
    m.committed_entries_total(&huge, 1).inc();
    assert!(exposition(&r).contains(&format!("topic=\"{huge}\",partition=\"1\"}} 1")));
}

/// One step of the handle life-cycle model.
#[derive(Clone, Debug)]
enum Op {
    /// `m.partition(t, p)`, kept.
    Handle(usize),
    Clone(usize),
    Drop(usize),
    /// `handle.follower_lag_entries(peer)`.
    Peer(usize, u64),
    /// `m.follower_lag_entries(t, p, peer)`.
    Top(usize, u64),
    Remove(usize),
}

const KEYS: [(&str, u32); 4] = [("a", 0), ("a", 1), ("b", 0), ("b", 1)];

fn op() -> impl Strategy<Value = Op> {
    let key = 0..KEYS.len();
    prop_oneof![
        key.clone().prop_map(Op::Handle),
        (0..8usize).prop_map(Op::Clone),
        (0..8usize).prop_map(Op::Drop),
        ((0..8usize), 1..4u64).prop_map(|(i, p)| Op::Peer(i, p)),
        (key.clone(), 1..4u64).prop_map(|(k, p)| Op::Top(k, p)),
        key.prop_map(Op::Remove),
    ]
}

/// What the exposition must hold: which `(key, peer)` series exist, given which handle
/// instance is live for each key and which were closed by a removal.
#[derive(Default)]
struct Model {
    exposed: std::collections::BTreeSet<(usize, u64)>,
    live: std::collections::HashMap<usize, u32>,
    clones: std::collections::HashMap<u32, usize>,
    next: u32,
}

impl Model {
    fn forget(&mut self, key: usize) {
        self.exposed.retain(|(k, _)| *k != key);
        self.live.remove(&key);
    }
}

fn lag_series(r: &Registry) -> std::collections::BTreeSet<(usize, u64)> {
    let text = exposition(r);
    let label = |line: &str, name: &str| -> String {
        let start = line.find(&format!("{name}=\"")).map(|i| i + name.len() + 2);
        start
            .and_then(|s| line[s..].find('"').map(|e| line[s..s + e].to_string()))
            .unwrap_or_default()
    };
    text.lines()
        .filter(|l| l.starts_with("chronik_raft_follower_lag_entries{"))
        .map(|l| {
            let key = (
                label(l, "topic"),
                label(l, "partition").parse::<u32>().unwrap(),
            );
            let k = KEYS
                .iter()
                .position(|(t, p)| (*t, *p) == (key.0.as_str(), key.1));
            (k.expect("a known key"), label(l, "peer").parse().unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(cases(300))]
    /// Any sequence of creating, cloning, using, removing and dropping handles leaves exactly
    /// the series the model says: removal closes a handle, dropping the last clone removes the
    /// partition, and nothing comes back.
    #[test]
    fn handles_and_removal_follow_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        let r = Registry::new();
        let m = RaftMetrics::register(&r, 7).unwrap();
        let mut held: Vec<(usize, u32, raft_metrics::PartitionMetrics)> = Vec::new();
        let mut model = Model::default();
        for op in ops {
            match op {
                Op::Handle(k) => {
                    let (t, p) = KEYS[k];
                    let id = *model.live.entry(k).or_insert_with(|| {
                        model.next += 1;
                        model.next
                    });
                    *model.clones.entry(id).or_default() += 1;
                    held.push((k, id, m.partition(t, p)));
                }
                Op::Clone(i) if i < held.len() => {
                    let (k, id, h) = (held[i].0, held[i].1, held[i].2.clone());
                    *model.clones.entry(id).or_default() += 1;
                    held.push((k, id, h));
                }
                Op::Drop(i) if i < held.len() => {
                    let (k, id, h) = held.swap_remove(i);
                    drop(h);
                    let n = model.clones.entry(id).or_default();
                    *n -= 1;
                    if *n == 0 && model.live.get(&k) == Some(&id) {
                        model.forget(k);
                    }
                }
                Op::Peer(i, peer) if i < held.len() => {
                    let (k, id, h) = &held[i];
                    h.follower_lag_entries(peer).set(1);
                    if model.live.get(k) == Some(id) {
                        model.exposed.insert((*k, peer));
                    }
                }
                Op::Top(k, peer) => {
                    let (t, p) = KEYS[k];
                    m.follower_lag_entries(t, p, peer).set(1);
                    model.exposed.insert((k, peer));
                }
                Op::Remove(k) => {
                    let (t, p) = KEYS[k];
                    m.remove_partition(t, p);
                    model.forget(k);
                }
                _ => {}
            }
            prop_assert_eq!(lag_series(&r), model.exposed.clone());
        }
    }
}
