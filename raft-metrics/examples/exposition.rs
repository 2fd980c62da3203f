//! Create every metric, update a few through the typed API, print both levels of the
//! exposition: the detailed one (`/metrics`) and the summary one (`/metrics/summary`).
use raft_metrics::{Level, Outcome, RaftMetrics, RaftState, Rpc};

fn main() {
    let m = RaftMetrics::new(1);

    m.leader_partitions().set(1);
    m.rpc_received_total(Rpc::AppendEntries, Outcome::Success)
        .inc();
    m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success)
        .inc_by(3);
    m.rpc_duration_seconds(Rpc::AppendEntries, 2)
        .observe(0.0007);

    let handles: Vec<_> = (0..2).map(|p| m.partition("orders", p)).collect();
    for (p, h) in handles.iter().enumerate() {
        h.current_term().set(4);
        h.has_leader().set(1);
        for state in RaftState::ALL {
            h.node_state(state)
                .set(i64::from(state == RaftState::Leader));
        }
        h.commit_latency_seconds().observe(0.008);
        h.committed_entries_total().inc_by(12);
        h.follower_lag_entries(2).set(15 * p as i64);
    }

    for level in Level::ALL {
        println!("# ---- {} level", level.as_str());
        print!("{}", m.exposition(level));
    }
    eprintln!(
        "{} families at the detailed level, {} at the summary level.",
        RaftMetrics::FAMILY_NAMES.len(),
        RaftMetrics::SUMMARY_FAMILY_NAMES.len()
    );
}
