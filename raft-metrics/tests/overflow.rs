//! Open labels past their budget fold into `__overflow__`: a runaway topic count cannot grow the
//! series or the memory without bound, and the folding is counted.

#[path = "support/text.rs"]
mod text;

use prometheus::Registry;
use raft_metrics::RaftMetrics;
use text::exposition;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{live, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

fn series<'a>(text: &'a str, family: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.starts_with(&format!("{family}{{")))
        .collect()
}

fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
}

// Both tests measure the one global allocator: run them in one test, in order.
#[test]
fn open_labels_past_their_budget_fold_into_overflow() {
    a_million_topics_through_the_accessor_stay_bounded();
    handles_past_the_budget_share_one_folded_handle_and_give_back_their_budget();
}

fn a_million_topics_through_the_accessor_stay_bounded() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    const TOPICS: usize = 1_000_000;
    const BUDGET: usize = 100; // max_values of `topic` in metrics-schema.toml
    let mut after_budget = 0;
    for i in 0..TOPICS {
        m.committed_entries_total(&format!("topic-{i}"), 0).inc();
        if i == 10 * BUDGET {
            after_budget = live();
        }
    }
    let grown = live() - after_budget;
    assert!(
        grown < 64 * 1024,
        "memory grew by {grown} bytes over {TOPICS} topics past the budget"
    );
    let text = exposition(&r);
    let committed = series(&text, "chronik_raft_committed_entries_total");
    assert_eq!(
        committed.len(),
        BUDGET + 1,
        "the budget plus one overflow series"
    );
    let folded = (TOPICS - BUDGET) as f64;
    assert_eq!(
        value(
            &text,
            "chronik_raft_committed_entries_total{node=\"1\",topic=\"__overflow__\",partition=\"0\"}"
        ),
        Some(folded),
        "every update past the budget lands in the overflow series"
    );
    assert_eq!(
        value(
            &text,
            "chronik_raft_label_overflow_total{node=\"1\",label=\"topic\"}"
        ),
        Some(folded),
        "each fold is counted"
    );
    assert_eq!(
        value(
            &text,
            "chronik_raft_label_overflow_total{node=\"1\",label=\"partition\"}"
        ),
        Some(0.0)
    );
}

fn handles_past_the_budget_share_one_folded_handle_and_give_back_their_budget() {
    let r = Registry::new();
    let m = RaftMetrics::register(&r, 1).unwrap();
    let handles: Vec<_> = (0..1000)
        .map(|i| m.partition(&format!("t{i}"), 3))
        .collect();
    handles[0].current_term().set(1);
    handles[500].current_term().set(7);
    handles[999].current_term().set(9);
    // Peers past their budget (8) fold too, per handle.
    for peer in 0..50 {
        handles[0].follower_lag_entries(peer).set(1);
    }
    let text = exposition(&r);
    assert_eq!(series(&text, "chronik_raft_current_term").len(), 101);
    assert_eq!(
        value(
            &text,
            "chronik_raft_current_term{node=\"1\",topic=\"__overflow__\",partition=\"3\"}"
        ),
        Some(9.0),
        "folded handles share one set of series"
    );
    assert_eq!(
        series(&text, "chronik_raft_follower_lag_entries").len(),
        9,
        "eight peers and the overflow peer"
    );
    assert!(text.contains(
        "chronik_raft_follower_lag_entries{node=\"1\",topic=\"t0\",partition=\"3\",peer=\"__overflow__\"} 1"
    ));

    // Dropping every handle removes their series and returns their budget: new topics are
    // admitted again.
    drop(handles);
    let text = exposition(&r);
    assert!(
        series(&text, "chronik_raft_current_term").is_empty(),
        "{text}"
    );
    let fresh = m.partition("fresh", 1);
    fresh.current_term().set(2);
    assert!(exposition(&r)
        .contains("chronik_raft_current_term{node=\"1\",topic=\"fresh\",partition=\"1\"} 2"));
}
