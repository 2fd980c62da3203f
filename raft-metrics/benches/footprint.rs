//! Memory per partition (counting allocator) at the schema's budget, 6,400 partitions (640 in
//! quick mode), against the same series created through the raw prometheus crate; and (full
//! mode only) `cargo build` of a crate using a 1,000-metric schema.
//!
//! `cargo bench -p raft-metrics --bench footprint` (`RAFT_METRICS_BENCH_QUICK=1` for CI).

mod support;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use prometheus::Registry;
use raft_metrics::RaftMetrics;

#[path = "../tests/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{live, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

const PEERS: &[u64] = &[2, 3];

fn memory() {
    #[allow(non_snake_case)]
    let PARTITIONS: u32 = if support::quick() { 640 } else { 6400 };
    let schema = support::schema();

    // Ours: handles kept, as Raft code keeps one per partition, every per-partition series made.
    let m = RaftMetrics::new(1);
    let before = live();
    let handles: Vec<_> = (0..PARTITIONS)
        .map(|i| {
            let h = {
                let (t, p) = support::partition_key(i);
                m.partition(&t, p)
            };
            support::touch_peers(&h, PEERS);
            h
        })
        .collect();
    let ours = (live() - before) as f64 / f64::from(PARTITIONS);
    let registry = Registry::new();
    m.register_level(&registry, raft_metrics::Level::Detailed)
        .unwrap();
    let series_ours: usize = registry
        .gather()
        .iter()
        .filter(|f| {
            f.get_metric()
                .first()
                .is_some_and(|m| m.get_label().iter().any(|l| l.name() == "partition"))
        })
        .map(|f| f.get_metric().len())
        .sum();
    black_box(&handles);

    // Raw: the same series through with_label_values (children not kept: the lower bound).
    let raw_registry = Registry::new();
    let raw = support::RawPartitionFamilies::register(&schema, &raw_registry, 1, PEERS);
    let before = live();
    for i in 0..PARTITIONS {
        let (t, p) = support::partition_key(i);
        raw.create(&t, p);
    }
    let raw_bytes = (live() - before) as f64 / f64::from(PARTITIONS);
    let series_raw: usize = raw_registry
        .gather()
        .iter()
        .map(|f| f.get_metric().len())
        .sum();

    // The comparison is only fair over the same series.
    assert_eq!(series_ours, series_raw, "both sides hold the same series");
    println!(
        "# memory per partition ({PARTITIONS} partitions, {} peers each)",
        PEERS.len()
    );
    println!(
        "series per_partition ours = {} raw = {}",
        series_ours / PARTITIONS as usize,
        series_raw / PARTITIONS as usize
    );
    println!("memory per_partition ours = {ours:.0} bytes (target <= 16384)");
    println!("memory per_partition prometheus = {raw_bytes:.0} bytes");
    println!(
        "ratio memory_per_partition / prometheus_memory_per_partition = {:.2} (report)",
        ours / raw_bytes
    );
}

/// `cargo build` of a fresh crate whose schema has 1,000 metrics (dependencies built first, so
/// the figure is the crate itself: macro expansion plus compiling the generated code).
fn build_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = root.join("target/bench/build-probe");
    let target = root.join("target/bench/build-probe-target");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"build-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[workspace]\n\
             [dependencies]\nraft-metrics = {{ path = {:?} }}\nraft-metrics-macros = {{ path = {:?} }}\n\
             prometheus = {{ version = \"=0.14.0\", default-features = false }}\n",
            root.join("raft-metrics"),
            root.join("raft-metrics-macros")
        ),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("schema.toml"), support::synthetic_schema(1000)).unwrap();
    let build = |main: &str| {
        std::fs::write(dir.join("src/main.rs"), main).unwrap();
        let start = Instant::now();
        let out = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--offline"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        start.elapsed()
    };
    // Dependencies first, with a schema-free main.
    build("fn main() {}\n");
    let t = build(
        "raft_metrics_macros::include_schema!(\"schema.toml\");\n\
         fn main() { println!(\"{}\", RaftMetrics::FAMILY_NAMES.len()); }\n",
    );
    println!("build synthetic_1000 debug = {:.2} s", t.as_secs_f64());
}

fn main() {
    memory();
    if support::quick() {
        println!("build synthetic_1000: skipped in quick mode");
    } else {
        build_time();
    }
}
