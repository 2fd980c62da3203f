//! The generated hot paths beside their raw-prometheus baselines, in one run.
//!
//! `cargo bench -p raft-metrics --bench hot_path` (full) or with `RAFT_METRICS_BENCH_QUICK=1`
//! (CI smoke). Prints `ratio OURS / RAW = R` lines after criterion's own output.

mod support;

use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use criterion::Criterion;
use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry};
use raft_metrics::{Outcome, RaftMetrics, Rpc};

const GROUP: &str = "hot_path";
const PEERS: &[u64] = &[2, 3];

fn bench(c: &mut Criterion) {
    let schema = support::schema();
    let registry = Registry::new();
    let m = RaftMetrics::register(&registry, 1).unwrap();
    let p = m.partition("orders", 7);
    let commit_buckets = schema
        .metric("commit_latency_seconds")
        .unwrap()
        .buckets
        .clone();

    let raw_counter = IntCounter::new("raw_counter_total", "h").unwrap();
    let raw_vec = IntCounterVec::new(
        Opts::new("raw_committed_total", "h").const_label("node", "1"),
        &["topic", "partition"],
    )
    .unwrap();
    let raw_child = raw_vec.with_label_values(&["orders", "7"]);
    let raw_hist = Histogram::with_opts(
        HistogramOpts::new("raw_commit_latency_seconds", "h").buckets(commit_buckets),
    )
    .unwrap();
    let raw_gauge = IntGauge::new("raw_term", "h").unwrap();

    let mut g = c.benchmark_group(GROUP);

    // 1. all labels closed enums → flat index into children made at registration.
    g.bench_function("enum_labels_counter_inc", |b| {
        b.iter(|| {
            m.rpc_received_total(black_box(Rpc::AppendEntries), black_box(Outcome::Success))
                .inc()
        })
    });
    g.bench_function("prometheus_intcounter_inc", |b| {
        b.iter(|| black_box(&raw_counter).inc())
    });

    // 2. bound handle vs a pre-resolved vec child.
    g.bench_function("handle_counter_inc", |b| {
        b.iter(|| black_box(&p).committed_entries_total().inc())
    });
    g.bench_function("prometheus_vec_child_inc", |b| {
        b.iter(|| black_box(&raw_child).inc())
    });

    // 3. dynamic labels through the accessor vs with_label_values + to_string.
    let topic = String::from("orders");
    g.bench_function("dynamic_labels_counter_inc", |b| {
        b.iter(|| {
            m.committed_entries_total(black_box(topic.as_str()), black_box(7u32))
                .inc()
        })
    });
    g.bench_function("prometheus_with_label_values_inc", |b| {
        b.iter(|| {
            let partition: u32 = black_box(7);
            raw_vec
                .with_label_values(&[black_box(topic.as_str()), &partition.to_string()])
                .inc()
        })
    });

    // 4. histogram observe, same buckets.
    g.bench_function("handle_histogram_observe", |b| {
        b.iter(|| {
            black_box(&p)
                .commit_latency_seconds()
                .observe(black_box(0.0042))
        })
    });
    g.bench_function("prometheus_histogram_observe", |b| {
        b.iter(|| black_box(&raw_hist).observe(black_box(0.0042)))
    });

    // 5. gauge set.
    g.bench_function("handle_gauge_set", |b| {
        b.iter(|| black_box(&p).current_term().set(black_box(42)))
    });
    g.bench_function("prometheus_intgauge_set", |b| {
        b.iter(|| black_box(&raw_gauge).set(black_box(42)))
    });

    // 6. two threads on one series: time per increment on each thread.
    g.bench_function("handle_counter_inc_contended", |b| {
        b.iter_custom(|iters| contended(iters, || p.committed_entries_total().inc()))
    });
    g.bench_function("prometheus_counter_inc_contended", |b| {
        b.iter_custom(|iters| contended(iters, || raw_child.inc()))
    });

    // 7. a partition's every series created, then removed (drop of the last handle).
    let raw_registry = Registry::new();
    let raw_parts = support::RawPartitionFamilies::register(&schema, &raw_registry, 1, PEERS);
    let mut n = 0u32;
    g.bench_function("partition_handle_create_remove", |b| {
        b.iter(|| {
            n = n.wrapping_add(1);
            drop(black_box(m.partition("bench", n)));
        })
    });
    g.bench_function("prometheus_partition_create_remove", |b| {
        b.iter(|| {
            n = n.wrapping_add(1);
            raw_parts.create("bench", n);
            raw_parts.remove("bench", n);
        })
    });

    g.finish();
}

fn contended(iters: u64, f: impl Fn() + Sync) -> Duration {
    let barrier = Barrier::new(2);
    std::thread::scope(|s| {
        let other = s.spawn(|| {
            barrier.wait();
            for _ in 0..iters {
                f();
            }
        });
        barrier.wait();
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        other.join().expect("the other thread does not panic");
        // Until both are done: per-increment time of each thread while the other runs.
        start.elapsed()
    })
}

fn main() {
    let mut c = support::criterion();
    bench(&mut c);
    c.final_summary();
    support::report(
        GROUP,
        &[
            (
                "enum_labels_counter_inc",
                "prometheus_intcounter_inc",
                "<= 1.10",
            ),
            ("handle_counter_inc", "prometheus_vec_child_inc", "<= 1.10"),
            (
                "dynamic_labels_counter_inc",
                "prometheus_with_label_values_inc",
                "<= 0.90",
            ),
            (
                "handle_histogram_observe",
                "prometheus_histogram_observe",
                "<= 1.10",
            ),
            ("handle_gauge_set", "prometheus_intgauge_set", "<= 1.10"),
            (
                "handle_counter_inc_contended",
                "prometheus_counter_inc_contended",
                "<= 1.10",
            ),
            (
                "partition_handle_create_remove",
                "prometheus_partition_create_remove",
                "report",
            ),
        ],
    );
}
