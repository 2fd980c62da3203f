//! The exposition at the schema's budget: gather + text encode at 600 and 6,400 partitions on
//! one node (every per-partition series created, 2 peers each), ours written straight from the
//! atomics beside the raw prometheus crate encoding the same lines, in the same run. Also the
//! summary level, and ours through a `prometheus::Registry` (the compatible, slower path).
//!
//! `cargo bench -p raft-metrics --bench exposition` (`RAFT_METRICS_BENCH_QUICK=1`: 600 only).

mod support;

use std::hint::black_box;

use criterion::{BatchSize, Criterion};
use prometheus::{Encoder, Registry, TextEncoder};
use raft_metrics::{Level, RaftMetrics};

const GROUP: &str = "exposition";
const PEERS: &[u64] = &[2, 3];

fn sizes() -> &'static [u32] {
    if support::quick() {
        &[600]
    } else {
        &[600, 6400]
    }
}

fn gather_encode(registry: &Registry, out: &mut Vec<u8>) {
    out.clear();
    TextEncoder::new()
        .encode(&registry.gather(), out)
        .expect("encoding to a Vec does not fail");
}

fn samples(text: &[u8]) -> usize {
    text.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty() && !l.starts_with(b"#"))
        .count()
}

fn bench(c: &mut Criterion, n: u32) {
    let schema = support::schema();
    let m = RaftMetrics::new(1);
    let handles: Vec<_> = (0..n)
        .map(|i| {
            let (t, p) = support::partition_key(i);
            let h = m.partition(&t, p);
            support::touch_peers(&h, PEERS);
            h
        })
        .collect();
    let raw = Registry::new();
    let raw_parts = support::RawPartitionFamilies::register(&schema, &raw, 1, PEERS);
    support::register_node_families(&schema, &raw, 1);
    for i in 0..n {
        let (t, p) = support::partition_key(i);
        raw_parts.create(&t, p);
    }
    let compat = Registry::new();
    m.register_level(&compat, Level::Detailed).unwrap();

    let (mut ours, mut theirs, mut summary) = (Vec::new(), Vec::new(), Vec::new());
    m.encode(Level::Detailed, &mut ours);
    gather_encode(&raw, &mut theirs);
    m.encode(Level::Summary, &mut summary);
    assert_eq!(
        samples(&ours),
        samples(&theirs),
        "both sides write the same lines"
    );
    println!(
        "series detailed_{n} = {} ({} bytes); summary_{n} = {} ({} bytes, {:.1}% of the series)",
        samples(&ours),
        ours.len(),
        samples(&summary),
        summary.len(),
        100.0 * samples(&summary) as f64 / samples(&ours) as f64
    );

    let mut g = c.benchmark_group(GROUP);
    g.sample_size(10);
    let id = |what: &str| format!("{what}_{n}");
    g.bench_function(id("encode_detailed"), |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| m.encode(Level::Detailed, black_box(out)),
            BatchSize::LargeInput,
        )
    });
    g.bench_function(id("prometheus_gather_encode"), |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| gather_encode(&raw, out),
            BatchSize::LargeInput,
        )
    });
    g.bench_function(id("encode_summary"), |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| m.encode(Level::Summary, black_box(out)),
            BatchSize::LargeInput,
        )
    });
    g.bench_function(id("registry_gather_encode"), |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| gather_encode(&compat, out),
            BatchSize::LargeInput,
        )
    });
    g.finish();
    drop(handles);
}

fn main() {
    let mut c = support::criterion();
    for &n in sizes() {
        bench(&mut c, n);
    }
    c.final_summary();
    for &n in sizes() {
        let id = |what: &str| Box::leak(format!("{what}_{n}").into_boxed_str()) as &str;
        support::report(
            GROUP,
            &[
                (
                    id("encode_detailed"),
                    id("prometheus_gather_encode"),
                    "<= 0.35",
                ),
                (
                    id("encode_summary"),
                    id("prometheus_gather_encode"),
                    "report",
                ),
                (
                    id("registry_gather_encode"),
                    id("prometheus_gather_encode"),
                    "report",
                ),
            ],
        );
    }
}
