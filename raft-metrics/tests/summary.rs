//! The summary level of the default schema: each family folded as its `summary` says, the
//! derived counts, and the same series whether written by the fast text path or collected
//! through a `prometheus::Registry`.

#[path = "support/promtool.rs"]
mod promtool;

#[path = "support/text.rs"]
mod text;

use std::collections::BTreeSet;

use raft_metrics::{Level, Outcome, RaftMetrics, RaftState};

/// The samples of one family at one level: `labels value` lines, the name cut off.
fn samples(m: &RaftMetrics, level: Level, series: &str) -> Vec<String> {
    m.exposition(level)
        .lines()
        .filter_map(|l| l.strip_prefix(series))
        .filter(|rest| rest.starts_with('{') || rest.starts_with(' '))
        .map(str::to_string)
        .collect()
}

fn value(m: &RaftMetrics, level: Level, series: &str, labels: &str) -> Option<f64> {
    samples(m, level, series)
        .iter()
        .find_map(|l| l.strip_prefix(labels)?.trim().parse().ok())
}

/// Two topics; `t` has three partitions on this node, led by it except partition 2.
fn cluster() -> (RaftMetrics, Vec<raft_metrics::PartitionMetrics>) {
    let m = RaftMetrics::new(1);
    let h: Vec<_> = (0..3).map(|p| m.partition("t", p)).collect();
    let u = m.partition("u", 0);
    for (p, x) in h.iter().enumerate() {
        x.committed_entries_total().inc_by(10 * (p as u64 + 1));
        x.commit_latency_seconds().observe(0.002);
        x.follower_lag_entries(2).set(5 * p as i64);
        x.follower_lag_entries(3).set(1);
        x.last_heartbeat_timestamp_seconds(2).set(100.0 + p as f64);
        x.log_size_bytes().set(1000);
        x.cluster_voters().set(3);
        x.quorum_size().set(2);
        x.has_leader().set(1);
        let state = if p == 2 {
            RaftState::Follower
        } else {
            RaftState::Leader
        };
        x.node_state(state).set(1);
        x.elections_total(Outcome::Success).inc();
    }
    // t/0: fully in sync; t/1: one replica behind (under-replicated); t/2: a follower, which
    // reports no in-sync count and must not count.
    h[0].in_sync_replicas().set(3);
    h[1].in_sync_replicas().set(2);
    u.has_leader().set(0);
    let mut handles = h;
    handles.push(u);
    (m, handles)
}

#[test]
fn folded_families_combine_as_the_schema_says() {
    let (m, _h) = cluster();
    let s = Level::Summary;
    // Counters and histograms: summed over partitions, per topic.
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_committed_entries_total",
            "{node=\"1\",topic=\"t\"}"
        ),
        Some(60.0)
    );
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_commit_latency_seconds_count",
            "{node=\"1\",topic=\"t\"}"
        ),
        Some(3.0)
    );
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_commit_latency_seconds_bucket",
            "{node=\"1\",topic=\"t\",le=\"0.0025\"}"
        ),
        Some(3.0)
    );
    // Gauges: max by default, min and sum where declared; the peer label stays.
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_follower_lag_entries",
            "{node=\"1\",topic=\"t\",peer=\"2\"}"
        ),
        Some(10.0)
    );
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_last_heartbeat_timestamp_seconds",
            "{node=\"1\",topic=\"t\",peer=\"2\"}"
        ),
        Some(100.0),
        "the oldest heartbeat"
    );
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_log_size_bytes",
            "{node=\"1\",topic=\"t\"}"
        ),
        Some(3000.0)
    );
    // One-hot states summed over partitions and topics: partitions per state on the node.
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_node_state",
            "{node=\"1\",state=\"leader\"}"
        ),
        Some(2.0)
    );
    // Per topic, never per partition (the frequent-elections condition keeps its own window);
    // absent where the schema says none.
    assert_eq!(
        samples(&m, s, "chronik_raft_elections_total").len(),
        2 * 2,
        "every topic and result"
    );
    assert!(samples(&m, s, "chronik_raft_has_leader").is_empty());
    assert_eq!(
        samples(&m, s, "chronik_raft_committed_entries_total").len(),
        2,
        "one series per topic"
    );
}

#[test]
fn derived_counts_count_partitions_in_their_condition() {
    let (m, _h) = cluster();
    let s = Level::Summary;
    let count = |family: &str, topic: &str| {
        value(&m, s, family, &format!("{{node=\"1\",topic=\"{topic}\"}}"))
    };
    assert_eq!(count("chronik_raft_leaderless_partitions", "u"), Some(1.0));
    assert_eq!(count("chronik_raft_leaderless_partitions", "t"), Some(0.0));
    assert_eq!(
        count("chronik_raft_under_replicated_partitions", "t"),
        Some(1.0),
        "t/1 only: t/2 is not led here"
    );
    assert_eq!(
        count("chronik_raft_below_quorum_partitions", "t"),
        Some(0.0)
    );
    // At the detailed level they do not exist.
    assert!(samples(&m, Level::Detailed, "chronik_raft_leaderless_partitions").is_empty());
}

/// Named exceptions: each partition in a listed condition is one series, 1 while it holds,
/// at the summary level only; healthy partitions have none.
#[test]
fn exceptions_name_the_partitions_in_each_condition() {
    let (m, h) = cluster();
    let s = Level::Summary;
    let family = "chronik_raft_unhealthy_partition";
    assert_eq!(
        samples(&m, s, family),
        [
            "{node=\"1\",topic=\"t\",partition=\"1\",condition=\"under_replicated\"} 1",
            "{node=\"1\",topic=\"u\",partition=\"0\",condition=\"leaderless\"} 1",
        ]
    );
    assert!(samples(&m, Level::Detailed, family).is_empty());
    // Healthy again: its series goes (Prometheus marks it stale on the next scrape).
    h[1].in_sync_replicas().set(3);
    h[3].has_leader().set(1);
    assert!(samples(&m, s, family).is_empty());
    // Two conditions at once: both listed.
    h[0].in_sync_replicas().set(1);
    let listed = samples(&m, s, family);
    assert!(
        listed
            .iter()
            .any(|l| l.contains("partition=\"0\",condition=\"under_replicated\""))
            && listed
                .iter()
                .any(|l| l.contains("partition=\"0\",condition=\"below_quorum\"")),
        "{listed:?}"
    );
}

/// Past `max_per_node` (100 in the default schema) the rest are counted, per condition, in one
/// series whose topic and partition are `__overflow__`.
#[test]
fn exceptions_past_the_budget_are_counted_not_named() {
    let m = RaftMetrics::new(1);
    // A new partition knows no leader: 4 × 52 = 208 leaderless ones (within the labels' budgets).
    let h: Vec<_> = (0..208)
        .map(|i| m.partition(&format!("t{}", i / 52), i % 52))
        .collect();
    let listed = samples(&m, Level::Summary, "chronik_raft_unhealthy_partition");
    assert_eq!(listed.len(), 101, "100 named, one overflow count");
    assert_eq!(
        listed.last().map(String::as_str),
        Some("{node=\"1\",topic=\"__overflow__\",partition=\"__overflow__\",condition=\"leaderless\"} 108")
    );
    assert_eq!(
        value(
            &m,
            Level::Summary,
            "chronik_raft_leaderless_partitions",
            "{node=\"1\",topic=\"t3\"}"
        ),
        Some(52.0),
        "the count still counts all"
    );
    for x in &h[..10] {
        x.has_leader().set(1);
    }
    let listed = samples(&m, Level::Summary, "chronik_raft_unhealthy_partition");
    assert_eq!(listed.len(), 101, "100 named, 98 counted");
    assert!(listed[100].ends_with("} 98"), "{}", listed[100]);
}

/// Conditions over a window the node keeps: 4 leader changes seen within 15 minutes list a
/// partition, 3 do not; more than 5 elections within the hour do, 5 do not. (The window's
/// ageing is `__rt::window`'s unit test: it needs a clock.)
#[test]
fn windowed_conditions_count_what_happened_within_their_window() {
    let m = RaftMetrics::new(1);
    let h: Vec<_> = (0..4).map(|p| m.partition("w", p)).collect();
    for x in &h {
        x.has_leader().set(1);
    }
    h[0].leader_changes_seen_total().inc_by(4);
    h[1].leader_changes_seen_total().inc_by(3);
    h[2].elections_total(Outcome::Success).inc_by(4);
    h[2].elections_total(Outcome::Failure).inc_by(2);
    h[3].elections_total(Outcome::Success).inc_by(5);
    let s = Level::Summary;
    let topic = "{node=\"1\",topic=\"w\"}";
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_leader_changes_frequent_partitions",
            topic
        ),
        Some(1.0)
    );
    assert_eq!(
        value(&m, s, "chronik_raft_elections_frequent_partitions", topic),
        Some(1.0)
    );
    assert_eq!(
        samples(&m, s, "chronik_raft_unhealthy_partition"),
        [
            "{node=\"1\",topic=\"w\",partition=\"0\",condition=\"leader_changes_frequent\"} 1",
            "{node=\"1\",topic=\"w\",partition=\"2\",condition=\"elections_frequent\"} 1",
        ]
    );
    // One more on the partitions just below: listed too.
    h[1].leader_changes_seen_total().inc();
    h[3].elections_total(Outcome::Failure).inc();
    assert_eq!(
        value(
            &m,
            s,
            "chronik_raft_leader_changes_frequent_partitions",
            topic
        ),
        Some(2.0)
    );
    assert_eq!(
        value(&m, s, "chronik_raft_elections_frequent_partitions", topic),
        Some(2.0)
    );
    // The per-partition counters are off the summary level: folded per topic.
    assert_eq!(
        samples(&m, s, "chronik_raft_leader_changes_seen_total"),
        ["{node=\"1\",topic=\"w\"} 8"]
    );
}

#[test]
fn removed_partitions_leave_both_levels() {
    let (m, h) = cluster();
    drop(h);
    let s = m.exposition(Level::Summary);
    assert!(!s.contains("topic=\""), "{s}");
    assert!(!m.exposition(Level::Detailed).contains("topic=\""));
}

/// A set of sample lines with each line's labels sorted, so two writers' orders compare.
fn normalized(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (series, value) = l.rsplit_once(' ').unwrap();
            let Some((name, labels)) = series.split_once('{') else {
                return format!("{series} {}", value.parse::<f64>().unwrap());
            };
            let mut pairs: Vec<&str> = labels.trim_end_matches('}').split("\",").collect();
            pairs.sort();
            format!(
                "{name}{{{}}} {}",
                pairs.join("\","),
                value.parse::<f64>().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_registry_path_collects_the_same_series_as_the_text_path() {
    let (m, _h) = cluster();
    for level in Level::ALL {
        let registry = prometheus::Registry::new();
        m.register_level(&registry, level).unwrap();
        let collected = text::exposition(&registry);
        assert_eq!(
            normalized(&collected),
            normalized(&m.exposition(level)),
            "{level:?}"
        );
    }
    let again = prometheus::Registry::new();
    m.register_level(&again, Level::Summary).unwrap();
    let e = m.register_level(&again, Level::Summary).unwrap_err();
    assert!(e.is_already_registered(), "{e}");
}

#[test]
fn promtool_accepts_both_levels() {
    let (m, _h) = cluster();
    for level in Level::ALL {
        let (ok, report) = promtool::check_metrics(&m.exposition(level));
        assert!(ok && report.trim().is_empty(), "{level:?}: {report}");
    }
}
