//! No accessor can block on a lock its caller holds: series are owned values, never guards.
//! Each case runs under a watchdog, so a regression fails with "deadlock" instead of hanging.

#[path = "support/text.rs"]
mod text;

use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use prometheus::Registry;
use raft_metrics::{Outcome, RaftMetrics, Rpc};
use text::exposition;

/// Runs `f` on its own thread; panics if it has not returned after a minute (a hang, not a
/// slow run: each case but the stress test does microseconds of work).
fn within_a_minute(name: &str, f: impl FnOnce() + Send + 'static) {
    within(Duration::from_secs(60), name, f)
}

fn within(limit: Duration, name: &str, f: impl FnOnce() + Send + 'static) {
    let (done, wait) = mpsc::channel();
    let worker = thread::spawn(move || {
        f();
        let _ = done.send(());
    });
    match wait.recv_timeout(limit) {
        Ok(()) => worker.join().expect("the case panicked"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            worker.join().expect("the case panicked");
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: deadlock (no return in {limit:?})"),
    }
}

/// Sample lines (not HELP or TYPE) that contain `needle`.
fn samples_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && l.contains(needle))
        .collect()
}

fn setup() -> (Registry, RaftMetrics) {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    (r, m)
}

#[test]
fn holding_a_series_while_asking_the_same_family_for_a_new_one() {
    within_a_minute("family", || {
        let (_r, m) = setup();
        let ok = m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success);
        let ok3 = m.rpc_calls_total(Rpc::AppendEntries, 3, Outcome::Success);
        ok.inc();
        ok3.inc_by(2);
        assert_eq!(ok.get() + ok3.get(), 3);
    });
}

#[test]
fn holding_a_series_while_another_thread_waits_to_create_one() {
    within_a_minute("fair lock", || {
        let (_r, m) = setup();
        let held = m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success);
        let go = Arc::new(Barrier::new(2));
        let writer = {
            let (m, go) = (m.clone(), Arc::clone(&go));
            thread::spawn(move || {
                go.wait();
                for peer in 100..2_000u64 {
                    m.rpc_calls_total(Rpc::AppendEntries, peer, Outcome::Failure)
                        .inc();
                }
            })
        };
        go.wait();
        for _ in 0..2_000 {
            // An existing series again, while the writer keeps creating new ones.
            m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success)
                .inc();
        }
        writer.join().unwrap();
        assert_eq!(held.get(), 2_000);
    });
}

#[test]
fn holding_a_handle_series_while_asking_the_handle_for_another_peer() {
    within_a_minute("handle", || {
        let (_r, m) = setup();
        let p = m.partition("orders", 0);
        let two = p.follower_lag_entries(2);
        let three = p.follower_lag_entries(3);
        two.set(1);
        three.set(2);
        assert_eq!(p.follower_lag_entries(3).get(), 2);
    });
}

#[test]
fn holding_a_series_while_removing_its_partition() {
    within_a_minute("remove", || {
        let (r, m) = setup();
        let term = m.current_term("orders", 0);
        let lag = m.follower_lag_entries("orders", 0, 2);
        m.remove_partition("orders", 0);
        term.set(5);
        lag.set(5);
        assert!(!exposition(&r).contains("topic=\"orders\""));
    });
}

#[test]
fn series_are_send_so_they_can_be_held_across_await_points() {
    let (_r, m) = setup();
    let s = m.rpc_calls_total(Rpc::RequestVote, 2, Outcome::Success);
    let l = m.partition("orders", 0).follower_lag_entries(2);
    thread::spawn(move || {
        s.inc();
        l.set(3);
    })
    .join()
    .unwrap();
    assert_eq!(
        m.rpc_calls_total(Rpc::RequestVote, 2, Outcome::Success)
            .get(),
        1
    );
}

#[test]
fn a_handle_kept_after_removal_records_into_detached_series_only() {
    let (r, m) = setup();
    let p = m.partition("orders", 0);
    p.follower_lag_entries(2).set(1);
    m.remove_partition("orders", 0);
    // A series first asked for after the removal is detached too.
    p.follower_lag_entries(3).set(9);
    p.follower_lag_entries(2).set(9);
    p.current_term().set(9);
    assert!(
        !exposition(&r).contains("topic=\"orders\""),
        "{}",
        exposition(&r)
    );
    drop(p);
    m.remove_partition("orders", 0);
    assert!(!exposition(&r).contains("topic=\"orders\""));
    // A new handle gets fresh, exposed series.
    let p = m.partition("orders", 0);
    p.follower_lag_entries(3).set(4);
    let text = exposition(&r);
    assert!(
        text.contains("chronik_raft_follower_lag_entries{node=\"1\",topic=\"orders\",partition=\"0\",peer=\"3\"} 4"),
        "{text}"
    );
    drop(p);
    assert!(!exposition(&r).contains("topic=\"orders\""));
}

/// Partitions of the stress test: few, so threads collide on the same ones.
const TOPICS: [&str; 2] = ["orders", "payments"];
const PARTITIONS: u32 = 4;
const PEERS: u64 = 4;

/// One worker's round: take a handle, hold series from it and from the top-level families,
/// update them, sometimes remove a partition, drop everything.
fn round(m: &RaftMetrics, seed: u64) {
    let topic = TOPICS[(seed % 2) as usize];
    let part = ((seed / 2) % u64::from(PARTITIONS)) as u32;
    let peer = seed % PEERS + 1;
    let p = m.partition(topic, part);
    let held = p.follower_lag_entries(peer);
    let top = m.rpc_calls_total(Rpc::AppendEntries, peer, Outcome::Success);
    let other = m.follower_lag_entries(topic, (part + 1) % PARTITIONS, peer);
    held.set(seed as i64);
    top.inc();
    other.inc();
    p.current_term().inc();
    p.follower_lag_entries((peer % PEERS) + 1).inc();
    match seed % 7 {
        0 => m.remove_partition(topic, part),
        1 => m.remove_partition(topic, (part + 1) % PARTITIONS),
        _ => {}
    }
    let keep = p.clone();
    drop(p);
    keep.commit_latency_seconds().observe(0.001);
}

#[test]
fn stress_create_hold_update_remove_and_drop_from_many_threads() {
    const THREADS: u64 = 6;
    // `RAFT_METRICS_STRESS_ROUNDS=100000 cargo test --release --test concurrency` for a long run.
    let rounds: u64 = std::env::var("RAFT_METRICS_STRESS_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    // A generous bound: the point is to catch a hang, not to time the run.
    within(Duration::from_secs(60 + rounds / 50), "stress", move || {
        let (r, m) = setup();
        thread::scope(|s| {
            for t in 0..THREADS {
                let m = &m;
                s.spawn(move || {
                    let mut x = t.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                    for _ in 0..rounds {
                        // xorshift: a different, repeatable order per thread
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        round(m, x);
                    }
                });
            }
            // Scrapes run concurrently, as in production: through the registry, and both
            // levels straight from the series.
            s.spawn(|| {
                for _ in 0..50 {
                    let _ = exposition(&r);
                    let _ = m.exposition(raft_metrics::Level::Detailed);
                    let summary = m.exposition(raft_metrics::Level::Summary);
                    assert!(!summary.contains("partition=\"1\",peer"), "{summary}");
                }
            });
        });
        // Everything removed and dropped: no partition series is left behind...
        for t in TOPICS {
            for p in 0..PARTITIONS {
                m.remove_partition(t, p);
            }
        }
        let text = exposition(&r);
        let leaked = samples_with(&text, "topic=\"");
        assert!(leaked.is_empty(), "series left after removal: {leaked:#?}");
        // ...and every budget was given back: 64 new partition numbers (the budget) fold none.
        let handles: Vec<_> = (100..164).map(|p| m.partition("fresh", p)).collect();
        for h in &handles {
            h.follower_lag_entries(1).set(1);
        }
        let text = exposition(&r);
        let folded = samples_with(&text, "__overflow__");
        assert!(folded.is_empty(), "budget leaked: {folded:#?}");
        assert_eq!(
            text.lines()
                .filter(|l| l.starts_with("chronik_raft_follower_lag_entries{"))
                .count(),
            64
        );
    });
}
