use raft_metrics::{Outcome, RaftMetrics, Rpc};

fn main() {
    let m = RaftMetrics::register(&prometheus::Registry::new(), 1).unwrap();
    // `rpc_calls_total` takes (rpc, peer, result): a missing label does not compile.
    m.rpc_calls_total(Rpc::AppendEntries, Outcome::Success).inc();
}
