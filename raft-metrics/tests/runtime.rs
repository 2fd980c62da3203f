//! The generated API against the real prometheus registry and text exposition.

#[path = "support/text.rs"]
mod text;

use prometheus::Registry;
use raft_metrics::{Outcome, RaftMetrics, RaftState, Rpc, RpcError};
use text::exposition;

/// Lines of the exposition for one family (HELP, TYPE and samples).
fn family(r: &Registry, name: &str) -> Vec<String> {
    exposition(r)
        .lines()
        .filter(|l| {
            let l = l
                .trim_start_matches("# HELP ")
                .trim_start_matches("# TYPE ");
            l.starts_with(name) && l[name.len()..].starts_with([' ', '{', '_'])
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn exposition_holds_exactly_the_expected_series() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 7).unwrap();
    m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Failure)
        .inc();
    m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Failure)
        .inc_by(2);
    m.current_term("orders", 3).set(9);
    assert_eq!(
        family(&r, "chronik_raft_rpc_calls_total"),
        [
            "# HELP chronik_raft_rpc_calls_total Raft RPCs sent to a peer, by kind and result.",
            "# TYPE chronik_raft_rpc_calls_total counter",
            "chronik_raft_rpc_calls_total{node=\"7\",rpc=\"append_entries\",peer=\"2\",result=\"failure\"} 3",
        ]
    );
    assert_eq!(
        family(&r, "chronik_raft_current_term"),
        [
            "# HELP chronik_raft_current_term Current Raft term of the partition on this node.",
            "# TYPE chronik_raft_current_term gauge",
            "chronik_raft_current_term{node=\"7\",topic=\"orders\",partition=\"3\"} 9",
        ]
    );
}

#[test]
fn enum_only_families_exist_from_registration_with_every_combination() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let lines = family(&r, "chronik_raft_rpc_received_total");
    // 4 rpc kinds × 2 results, all at zero, plus HELP and TYPE.
    assert_eq!(lines.len(), 2 + Rpc::ALL.len() * Outcome::ALL.len());
    m.rpc_received_total(Rpc::RequestVote, Outcome::Success)
        .inc();
    assert!(family(&r, "chronik_raft_rpc_received_total").contains(
        &"chronik_raft_rpc_received_total{node=\"1\",rpc=\"request_vote\",result=\"success\"} 1"
            .to_string()
    ));
    // Every combination reaches its own series.
    for rpc in Rpc::ALL {
        for res in Outcome::ALL {
            m.rpc_received_total(rpc, res).inc();
        }
    }
    let ones = family(&r, "chronik_raft_rpc_received_total")
        .iter()
        .filter(|l| l.ends_with(" 1"))
        .count();
    assert_eq!(ones, Rpc::ALL.len() * Outcome::ALL.len() - 1);
}

#[test]
fn bound_handle_and_accessor_share_series_and_removal_clears_them() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let p = m.partition("orders", 0);
    p.committed_entries_total().inc_by(5);
    m.committed_entries_total("orders", 0).inc();
    p.follower_lag_entries(2).set(15);
    p.node_state(RaftState::Leader).set(1);
    m.current_term("payments", 1).set(2);
    let text = exposition(&r);
    assert!(text.contains(
        "chronik_raft_committed_entries_total{node=\"1\",topic=\"orders\",partition=\"0\"} 6"
    ));
    assert!(text.contains("chronik_raft_follower_lag_entries{node=\"1\",topic=\"orders\",partition=\"0\",peer=\"2\"} 15"));
    assert!(text.contains(
        "chronik_raft_node_state{node=\"1\",topic=\"orders\",partition=\"0\",state=\"leader\"} 1"
    ));

    m.remove_partition("orders", 0);
    let text = exposition(&r);
    assert!(
        !text.contains("topic=\"orders\""),
        "stale series left:\n{text}"
    );
    assert!(text.contains("topic=\"payments\""));
    // The accessor recreates a fresh series after removal (the cache was evicted too).
    m.committed_entries_total("orders", 0).inc();
    assert!(exposition(&r).contains(
        "chronik_raft_committed_entries_total{node=\"1\",topic=\"orders\",partition=\"0\"} 1"
    ));
}

#[test]
fn dropping_the_last_handle_removes_the_partition() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let p = m.partition("orders", 4);
    let p2 = m.partition("orders", 4);
    p.has_leader().set(1);
    // Open-label series made through the handle and through the accessor, and a neighbour.
    p.follower_lag_entries(3).set(2);
    m.follower_lag_entries("orders", 4, 9).set(1);
    m.current_term("orders", 5).set(1);
    assert_eq!(
        p2.has_leader().get(),
        1,
        "handles of one partition share series"
    );
    drop(p);
    assert!(
        exposition(&r).contains("topic=\"orders\""),
        "a live clone keeps the series"
    );
    drop(p2);
    let text = exposition(&r);
    assert!(
        !text.contains("partition=\"4\""),
        "stale series left:\n{text}"
    );
    assert!(
        text.contains("chronik_raft_current_term{node=\"1\",topic=\"orders\",partition=\"5\"} 1")
    );
    // A new handle starts from zero.
    assert_eq!(m.partition("orders", 4).has_leader().get(), 0);
}

#[test]
fn a_handle_kept_after_removal_does_not_resurrect_series() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let p = m.partition("t", 1);
    p.current_term().set(3);
    m.remove_partition("t", 1);
    p.current_term().set(4);
    assert!(!exposition(&r).contains("topic=\"t\""));
    // And dropping it later must not remove a newer handle's series.
    let fresh = m.partition("t", 1);
    fresh.current_term().set(5);
    drop(p);
    assert!(exposition(&r)
        .contains("chronik_raft_current_term{node=\"1\",topic=\"t\",partition=\"1\"} 5"));
}

#[test]
fn two_threads_lose_no_increment() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let p = m.partition("orders", 0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..100_000 {
                    p.committed_entries_total().inc();
                    m.rpc_calls_total(Rpc::AppendEntries, 3, Outcome::Success)
                        .inc();
                    m.rpc_errors_total(Rpc::AppendEntries, 3, RpcError::Timeout)
                        .inc();
                }
            });
        }
    });
    assert_eq!(p.committed_entries_total().get(), 200_000);
    assert_eq!(
        m.rpc_calls_total(Rpc::AppendEntries, 3, Outcome::Success)
            .get(),
        200_000
    );
    assert_eq!(
        m.rpc_errors_total(Rpc::AppendEntries, 3, RpcError::Timeout)
            .get(),
        200_000
    );
}

#[test]
fn registering_twice_is_an_error_and_leaves_the_registry_unchanged() {
    let r = Registry::new();
    let _m = RaftMetrics::register(&r, 1).unwrap();
    let before = r.gather().len();
    let err = RaftMetrics::register(&r, 1).unwrap_err();
    // The error names the family (the first of the schema) and says what went wrong.
    assert!(err.is_already_registered());
    assert_eq!(err.family(), RaftMetrics::FAMILY_NAMES[0]);
    assert!(
        err.to_string().contains(&format!(
            "metric family `{}` is already registered",
            RaftMetrics::FAMILY_NAMES[0]
        )),
        "{err}"
    );
    assert_eq!(r.gather().len(), before);
    // Another node in the same registry is fine: the node label tells them apart.
    let m2 = RaftMetrics::register(&r, 2).unwrap();
    m2.leader_partitions().set(5);
    assert!(exposition(&r).contains("chronik_raft_leader_partitions{node=\"2\"} 5"));

    // A foreign metric of the same name: error, and nothing of ours is left behind.
    let r2 = Registry::new();
    let foreign = prometheus::IntGauge::new("chronik_raft_log_size_bytes", "foreign").unwrap();
    r2.register(Box::new(foreign)).unwrap();
    let err = RaftMetrics::register(&r2, 1).unwrap_err();
    assert_eq!(err.family(), "chronik_raft_log_size_bytes", "{err}");
    assert_eq!(r2.gather().len(), 1);

    // Two registries are independent.
    let r3 = Registry::new();
    let m3 = RaftMetrics::register(&r3, 3).unwrap();
    m3.leader_partitions().set(2);
    assert!(exposition(&r3).contains("chronik_raft_leader_partitions{node=\"3\"} 2"));
    assert!(!exposition(&r).contains("chronik_raft_leader_partitions{node=\"3\"}"));
}

#[test]
fn enums_round_trip_through_from_str_and_display() {
    for s in RaftState::ALL {
        assert_eq!(s.as_str().parse::<RaftState>().unwrap(), s);
        assert_eq!(s.to_string(), s.as_str());
    }
    assert_eq!(Rpc::InstallSnapshot.as_str(), "install_snapshot");
    let err = "1".parse::<RaftState>().unwrap_err();
    assert_eq!(err.to_string(), "`1` is not a value of label `state`");
}

#[test]
fn hostile_label_values_are_escaped_not_panicked_on() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let nasty = "a\"b\\c\nd\u{0}é";
    m.current_term(nasty, u32::MAX).set(1);
    m.current_term("", 0).set(2);
    let text = exposition(&r);
    assert!(text.contains(r#"topic="a\"b\\c\nd"#), "{text}");
    assert!(text.contains("partition=\"4294967295\""));
    assert!(text.contains("topic=\"\""));
}

#[test]
fn family_names_list_every_metric() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    // A bound handle creates every per-partition family; with the node-level ones that are
    // created at registration, every family of the schema is then exposed.
    let p = m.partition("orders", 0);
    for rpc in Rpc::ALL {
        m.rpc_calls_total(rpc, 2, Outcome::Success).inc();
        m.rpc_errors_total(rpc, 2, RpcError::Timeout).inc();
        m.rpc_duration_seconds(rpc, 2).observe(0.001);
    }
    p.follower_lag_entries(2).set(1);
    p.follower_lag_seconds(2).set(0.1);
    p.last_heartbeat_timestamp_seconds(2).set(1.0);
    p.replication_sent_entries_total(2).inc();
    p.replication_received_entries_total(2).inc();
    let text = exposition(&r);
    for name in RaftMetrics::FAMILY_NAMES {
        assert!(
            text.contains(&format!("# TYPE {name} ")),
            "{name} not exposed"
        );
    }
}

/// prometheus' vectors key series by a hash of the label values run together, so
/// `("topic-2", "50")` and `("topic-25", "0")` were one series (216 of 3,200 partitions merged,
/// found by the scale rig). Every label set is its own series now, through handles, per-peer
/// series and top-level families alike.
#[test]
fn label_values_that_run_together_alike_stay_separate_series() {
    let r = prometheus::Registry::new();
    let m = raft_metrics::RaftMetrics::register(&r, 1).unwrap();
    let handles: Vec<_> = (0..3200u32)
        .map(|k| {
            let h = m.partition(&format!("topic-{}", k / 64), k % 64);
            h.has_leader().set(i64::from(k));
            h
        })
        .collect();
    // Per-peer series: (partition 1, peer 11) and (partition 11, peer 1) run together alike.
    handles[1].follower_lag_entries(11).set(1);
    handles[11].follower_lag_entries(1).set(2);
    let families = r.gather();
    let family = |name: &str| {
        families
            .iter()
            .find(|f| f.name() == name)
            .map(|f| f.get_metric().to_vec())
            .unwrap_or_default()
    };
    let has_leader = family("chronik_raft_has_leader");
    assert_eq!(has_leader.len(), 3200);
    let values: std::collections::BTreeSet<i64> = has_leader
        .iter()
        .map(|s| s.get_gauge().get_value() as i64)
        .collect();
    assert_eq!(values.len(), 3200, "each partition keeps its own value");
    assert_eq!(family("chronik_raft_follower_lag_entries").len(), 2);
}
