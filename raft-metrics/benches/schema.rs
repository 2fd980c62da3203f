//! The schema library's parse + validate, + Rust emission (what the macro does), and + every
//! artefact (what `raft-metrics-gen` does), for the default schema and a synthetic 1,000-metric
//! one. Outputs are dropped outside the timing: the macro hands its tokens to the compiler.
//!
//! `cargo bench -p raft-metrics --bench schema` (`RAFT_METRICS_BENCH_QUICK=1` for CI).

mod support;

use std::hint::black_box;

fn schema_time(c: &mut criterion::Criterion) {
    let default = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../metrics-schema.toml"
    ))
    .unwrap();
    let synthetic = support::synthetic_schema(1000);
    // A broken synthetic schema would time the error path: make sure it is valid.
    assert!(raft_metrics_schema::from_str(&synthetic, "synthetic.toml").is_ok());
    let mut g = c.benchmark_group("schema");
    for (id, src) in [("default", &default), ("synthetic_1000", &synthetic)] {
        g.bench_function(format!("parse_validate_{id}"), |b| {
            b.iter(|| raft_metrics_schema::from_str(black_box(src), "schema.toml").is_ok())
        });
        g.bench_function(format!("parse_validate_emit_rust_{id}"), |b| {
            b.iter_with_large_drop(|| {
                let (s, _) = raft_metrics_schema::from_str(black_box(src), "schema.toml")
                    .ok()
                    .unwrap();
                raft_metrics_schema::rust::emit(&s)
            })
        });
        g.bench_function(format!("generate_all_{id}"), |b| {
            b.iter_with_large_drop(|| {
                let (s, _) = raft_metrics_schema::from_str(black_box(src), "schema.toml")
                    .ok()
                    .unwrap();
                (
                    raft_metrics_schema::rust::emit(&s),
                    raft_metrics_schema::dashboard::dashboard(&s),
                    raft_metrics_schema::rules::to_yaml(&s),
                    raft_metrics_schema::docs::markdown(&s),
                )
            })
        });
    }
    g.finish();
}

fn main() {
    let mut c = support::criterion();
    schema_time(&mut c);
    c.final_summary();
    println!();
    println!("# schema library: medians, same run");
    for id in ["default", "synthetic_1000"] {
        for what in ["parse_validate", "parse_validate_emit_rust", "generate_all"] {
            if let Some(ns) = support::median_ns("schema", &format!("{what}_{id}")) {
                let target = if what == "parse_validate_emit_rust" && id == "synthetic_1000" {
                    " (target < 100 ms)"
                } else {
                    ""
                };
                println!("median schema/{what}_{id} = {:.3} ms{target}", ns / 1e6);
            }
        }
    }
}
