use raft_metrics::RaftMetrics;

fn main() {
    let m = RaftMetrics::register(&prometheus::Registry::new(), 1).unwrap();
    // (topic: &str, partition: u32): swapped arguments do not compile.
    m.current_term(0, "orders").set(1);
    // An enum label takes its enum, not a string.
    m.partition("orders", 0).node_state("leader").set(1);
}
