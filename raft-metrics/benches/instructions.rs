//! Each hot path and its raw-prometheus baseline in its own non-inlined function, called N
//! times, for `valgrind --tool=callgrind` to count instructions per call: a repeatable figure
//! where nanosecond medians swing with code alignment. `scripts/callgrind.sh` runs it.
//! Without valgrind it only runs the loops (a smoke test). `no_mangle` keeps a symbol for each
//! path even where the compiler finds two bodies identical.

use std::hint::black_box;

use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry};
use raft_metrics::{Outcome, PartitionMetrics, RaftMetrics, Rpc};

const N: u64 = 100_000;

#[inline(never)]
#[no_mangle]
pub fn enum_labels_counter_inc(m: &RaftMetrics) {
    m.rpc_received_total(black_box(Rpc::AppendEntries), black_box(Outcome::Success))
        .inc()
}
/// The usual call site: label values known where the event happens.
#[inline(never)]
#[no_mangle]
pub fn enum_labels_const_counter_inc(m: &RaftMetrics) {
    m.rpc_received_total(Rpc::AppendEntries, Outcome::Success)
        .inc()
}
#[inline(never)]
#[no_mangle]
pub fn prometheus_intcounter_inc(c: &IntCounter) {
    c.inc()
}
#[inline(never)]
#[no_mangle]
pub fn handle_counter_inc(p: &PartitionMetrics) {
    p.committed_entries_total().inc()
}
#[inline(never)]
#[no_mangle]
pub fn prometheus_vec_child_inc(c: &IntCounter) {
    c.inc()
}
#[inline(never)]
#[no_mangle]
pub fn dynamic_labels_counter_inc(m: &RaftMetrics, topic: &str, partition: u32) {
    m.committed_entries_total(topic, partition).inc()
}
#[inline(never)]
#[no_mangle]
pub fn prometheus_with_label_values_inc(v: &IntCounterVec, topic: &str, partition: u32) {
    v.with_label_values(&[topic, &partition.to_string()]).inc()
}
#[inline(never)]
#[no_mangle]
pub fn handle_histogram_observe(p: &PartitionMetrics, x: f64) {
    p.commit_latency_seconds().observe(x)
}
#[inline(never)]
#[no_mangle]
pub fn prometheus_histogram_observe(h: &Histogram, x: f64) {
    h.observe(x)
}
#[inline(never)]
#[no_mangle]
pub fn handle_gauge_set(p: &PartitionMetrics, x: i64) {
    p.current_term().set(x)
}
#[inline(never)]
#[no_mangle]
pub fn prometheus_intgauge_set(g: &IntGauge, x: i64) {
    g.set(x)
}

fn main() {
    let registry = Registry::new();
    let m = RaftMetrics::register(&registry, 1).unwrap();
    let p = m.partition("orders", 7);
    let counter = IntCounter::new("raw_total", "h").unwrap();
    let vec = IntCounterVec::new(
        Opts::new("raw_committed_total", "h").const_label("node", "1"),
        &["topic", "partition"],
    )
    .unwrap();
    let child = vec.with_label_values(&["orders", "7"]);
    let buckets = vec![
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
    ];
    let hist =
        Histogram::with_opts(HistogramOpts::new("raw_seconds", "h").buckets(buckets)).unwrap();
    let gauge = IntGauge::new("raw_term", "h").unwrap();
    let topic = String::from("orders");
    for i in 0..N {
        enum_labels_counter_inc(&m);
        enum_labels_const_counter_inc(&m);
        prometheus_intcounter_inc(&counter);
        handle_counter_inc(&p);
        prometheus_vec_child_inc(&child);
        dynamic_labels_counter_inc(&m, &topic, 7);
        prometheus_with_label_values_inc(&vec, &topic, 7);
        handle_histogram_observe(&p, 0.0042);
        prometheus_histogram_observe(&hist, 0.0042);
        handle_gauge_set(&p, i as i64);
        prometheus_intgauge_set(&gauge, i as i64);
    }
    // Keep the work observable.
    assert_eq!(p.committed_entries_total().get(), N + N);
    println!("instructions: {N} calls of each path done");
}
