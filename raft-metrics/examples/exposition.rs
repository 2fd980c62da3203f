//! Register every metric, update a few through the typed API, print the exposition.
use prometheus::{Encoder, TextEncoder};
use raft_metrics::{Outcome, RaftMetrics, RaftState, Rpc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = prometheus::Registry::new();
    let m = RaftMetrics::register(&registry, 1)?;

    m.leader_partitions().set(1);
    m.rpc_received_total(Rpc::AppendEntries, Outcome::Success)
        .inc();
    m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success)
        .inc_by(3);
    m.rpc_duration_seconds(Rpc::AppendEntries, 2)
        .observe(0.0007);

    let p = m.partition("orders", 0);
    p.current_term().set(4);
    p.has_leader().set(1);
    for state in RaftState::ALL {
        p.node_state(state)
            .set(i64::from(state == RaftState::Leader));
    }
    p.commit_latency_seconds().observe(0.008);
    p.committed_entries_total().inc_by(12);
    p.follower_lag_entries(2).set(15);

    let mut out = Vec::new();
    TextEncoder::new().encode(&registry.gather(), &mut out)?;
    print!("{}", String::from_utf8(out)?);
    eprintln!(
        "{} metric families registered; {} shown above with values.",
        RaftMetrics::FAMILY_NAMES.len(),
        registry.gather().len()
    );
    Ok(())
}
