//! Shared by the benches: the raw-prometheus baseline built from the same schema model, and the
//! reporter that turns criterion's medians into ratio lines.
#![allow(dead_code)] // each bench uses part of it

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::SystemTime;

use prometheus::core::Collector;
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry};
use raft_metrics_schema::model::{LabelKind, MetricType};
use raft_metrics_schema::Schema;

pub fn schema() -> Schema {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../metrics-schema.toml");
    let src = std::fs::read_to_string(path).expect("metrics-schema.toml is readable");
    match raft_metrics_schema::from_str(&src, "metrics-schema.toml") {
        Ok((s, _)) => s,
        Err(r) => panic!("the default schema is valid: {r:?}"),
    }
}

/// What code written by hand against the prometheus crate keeps: one vec per metric.
pub enum RawVec {
    Counter(IntCounterVec),
    Gauge(IntGaugeVec),
    Histogram(HistogramVec),
}

/// One metric of the partition scope: its vec, and every value combination of its labels
/// beyond (topic, partition) that a partition creates up front (enum labels) or on use (peers).
pub struct RawScoped {
    pub vec: RawVec,
    /// Label value lists per label, in metric order; `None` = the scope label at that position.
    pub values: Vec<Option<Vec<String>>>,
    pub scope_pos: [usize; 2],
}

/// The per-partition metrics of the schema, registered by hand on the raw prometheus crate
/// (same names, labels, buckets, help, constant `node` label).
pub struct RawPartitionFamilies {
    pub metrics: Vec<RawScoped>,
}

impl RawPartitionFamilies {
    pub fn register(schema: &Schema, registry: &Registry, node: u64, peers: &[u64]) -> Self {
        let scope = &schema.scopes[0];
        let mut metrics = Vec::new();
        for m in schema
            .metrics
            .iter()
            .filter(|m| !m.is_derived() && scope.covers(m))
        {
            let labels: Vec<&str> = m.labels.iter().map(String::as_str).collect();
            let opts =
                Opts::new(m.exposed.clone(), m.help.clone()).const_label("node", node.to_string());
            let vec = match m.kind {
                MetricType::Counter => RawVec::Counter(IntCounterVec::new(opts, &labels).unwrap()),
                MetricType::Gauge => RawVec::Gauge(IntGaugeVec::new(opts, &labels).unwrap()),
                MetricType::Histogram => RawVec::Histogram(
                    HistogramVec::new(
                        HistogramOpts::from(opts).buckets(m.buckets.clone()),
                        &labels,
                    )
                    .unwrap(),
                ),
            };
            let c: Box<dyn Collector> = match &vec {
                RawVec::Counter(v) => Box::new(v.clone()),
                RawVec::Gauge(v) => Box::new(v.clone()),
                RawVec::Histogram(v) => Box::new(v.clone()),
            };
            registry.register(c).unwrap();
            let values = m
                .labels
                .iter()
                .map(|l| {
                    if scope.labels.contains(l) {
                        return None;
                    }
                    let label = schema.labels.iter().find(|x| &x.name == l).unwrap();
                    Some(match &label.kind {
                        LabelKind::Enum { values, .. } => {
                            values.iter().map(|v| v.value.clone()).collect()
                        }
                        _ => peers.iter().map(u64::to_string).collect(),
                    })
                })
                .collect();
            let pos = |l: &String| m.labels.iter().position(|x| x == l).unwrap();
            metrics.push(RawScoped {
                vec,
                values,
                scope_pos: [pos(&scope.labels[0]), pos(&scope.labels[1])],
            });
        }
        Self { metrics }
    }

    /// Every series of one partition: `with_label_values` for each label combination.
    pub fn create(&self, topic: &str, partition: u32) {
        self.each(topic, partition, |m, values| match &m.vec {
            RawVec::Counter(v) => drop(v.with_label_values(values)),
            RawVec::Gauge(v) => drop(v.with_label_values(values)),
            RawVec::Histogram(v) => drop(v.with_label_values(values)),
        });
    }

    pub fn remove(&self, topic: &str, partition: u32) {
        self.each(topic, partition, |m, values| {
            let _ = match &m.vec {
                RawVec::Counter(v) => v.remove_label_values(values),
                RawVec::Gauge(v) => v.remove_label_values(values),
                RawVec::Histogram(v) => v.remove_label_values(values),
            };
        });
    }

    fn each(&self, topic: &str, partition: u32, mut f: impl FnMut(&RawScoped, &[&str])) {
        let partition = partition.to_string();
        for m in &self.metrics {
            // Cartesian product of the non-scope label values.
            let lists: Vec<Vec<&str>> = m
                .values
                .iter()
                .map(|v| match v {
                    Some(v) => v.iter().map(String::as_str).collect(),
                    None => vec![""],
                })
                .collect();
            let total: usize = lists.iter().map(Vec::len).product();
            for mut i in 0..total {
                let mut values: Vec<&str> = Vec::with_capacity(lists.len());
                for (pos, list) in lists.iter().enumerate() {
                    values.push(if pos == m.scope_pos[0] {
                        topic
                    } else if pos == m.scope_pos[1] {
                        &partition
                    } else {
                        list[i % list.len()]
                    });
                    i /= list.len();
                }
                f(m, &values);
            }
        }
    }
}

/// The i-th of many partitions, spread over topics as the schema's label budgets allow: 64
/// partitions per topic, so 6,400 partitions fill its 100 topics exactly.
pub fn partition_key(i: u32) -> (String, u32) {
    // The `_` keeps the raw baseline honest: prometheus' vectors hash label values run
    // together, so `t1`/`10` and `t11`/`0` would be one series there.
    (format!("t{}_", i / 64), i % 64)
}

/// The node-level families whose labels are all enums (or none), registered by hand with every
/// combination created, as the generated registry creates them: with the per-partition
/// families, the same lines as the detailed level of a node whose RPC families are untouched.
pub fn register_node_families(schema: &Schema, registry: &Registry, node: u64) {
    let scope = &schema.scopes[0];
    let enums = |l: &String| {
        schema
            .labels
            .iter()
            .find(|x| &x.name == l)
            .and_then(|x| match &x.kind {
                LabelKind::Enum { values, .. } => {
                    Some(values.iter().map(|v| v.value.clone()).collect::<Vec<_>>())
                }
                _ => None,
            })
    };
    for m in schema.metrics.iter().filter(|m| {
        !m.is_derived()
            && m.kind != MetricType::Histogram
            && !scope.covers(m)
            && m.labels.iter().all(|l| enums(l).is_some())
    }) {
        let labels: Vec<&str> = m.labels.iter().map(String::as_str).collect();
        let opts =
            Opts::new(m.exposed.clone(), m.help.clone()).const_label("node", node.to_string());
        let mut combos: Vec<Vec<String>> = vec![Vec::new()];
        for l in &m.labels {
            let values = enums(l).unwrap_or_default();
            combos = combos
                .into_iter()
                .flat_map(|c| {
                    values
                        .iter()
                        .map(move |v| [c.clone(), vec![v.clone()]].concat())
                })
                .collect();
        }
        let c: Box<dyn Collector> = match m.kind {
            MetricType::Counter => {
                let v = IntCounterVec::new(opts, &labels).unwrap();
                for c in &combos {
                    let c: Vec<&str> = c.iter().map(String::as_str).collect();
                    v.with_label_values(&c);
                }
                Box::new(v)
            }
            _ => {
                let v = IntGaugeVec::new(opts, &labels).unwrap();
                for c in &combos {
                    let c: Vec<&str> = c.iter().map(String::as_str).collect();
                    v.with_label_values(&c);
                }
                Box::new(v)
            }
        };
        registry.register(c).unwrap();
    }
}

/// Create a partition's per-peer series, as a leader of a group with these peers does.
pub fn touch_peers(h: &raft_metrics::PartitionMetrics, peers: &[u64]) {
    for &peer in peers {
        h.follower_lag_entries(peer).set(0);
        h.follower_lag_seconds(peer).set(0.0);
        h.last_heartbeat_timestamp_seconds(peer).set(0.0);
        h.replication_sent_entries_total(peer).inc_by(0);
        h.replication_received_entries_total(peer).inc_by(0);
    }
}

/// Where criterion writes its estimates (the same rule criterion uses).
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // target/release/deps/<bench> → target
    let exe = std::env::current_exe().expect("bench executable path");
    exe.ancestors()
        .nth(3)
        .map(|t| t.join("criterion"))
        .unwrap_or_else(|| "target/criterion".into())
}

/// Median of one benchmark from criterion's `estimates.json`, in nanoseconds.
pub fn median_ns(group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir()
        .join(group)
        .join(id)
        .join("new/estimates.json");
    // Only estimates this process wrote: a bench filtered out of this run is not reported.
    let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if written < *STARTED.get_or_init(SystemTime::now) {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

/// Quick mode for CI smoke runs: `RAFT_METRICS_BENCH_QUICK=1` (or criterion's own `--quick`).
pub fn quick() -> bool {
    std::env::var_os("RAFT_METRICS_BENCH_QUICK").is_some_and(|v| v != "0")
        || std::env::args().any(|a| a == "--quick")
}

static STARTED: OnceLock<SystemTime> = OnceLock::new();

pub fn criterion() -> criterion::Criterion {
    STARTED.get_or_init(SystemTime::now);
    let c = criterion::Criterion::default().configure_from_args();
    if quick() {
        c.sample_size(10)
            .warm_up_time(std::time::Duration::from_millis(200))
            .measurement_time(std::time::Duration::from_millis(400))
            .without_plots()
    } else {
        c.without_plots()
    }
}

/// Prints `median GROUP/ID = X ns` for each bench and `ratio A / B = R` for each pair, in a
/// stable form scripts can grep. A pair whose run was filtered out is skipped.
pub fn report(group: &str, pairs: &[(&str, &str, &str)]) {
    println!();
    println!("# {group}: medians (ns) and ratios, same run");
    for (ours, raw, target) in pairs {
        let (Some(a), Some(b)) = (median_ns(group, ours), median_ns(group, raw)) else {
            continue;
        };
        println!("median {group}/{ours} = {a:.2} ns");
        println!("median {group}/{raw} = {b:.2} ns");
        println!("ratio {ours} / {raw} = {:.2} (target {target})", a / b);
    }
}

/// A valid schema of `n` metrics (counters, gauges and histograms in turn, over open, enum and
/// scope labels), for timing the schema library and the macro at scale.
pub fn synthetic_schema(n: usize) -> String {
    let mut s = String::from(
        "[schema]\nnamespace = \"synth\"\n\n\
         [[label]]\nname = \"topic\"\nkind = \"string\"\nmax_values = 10\nhelp = \"Topic.\"\n\n\
         [[label]]\nname = \"partition\"\nkind = \"u32\"\nmax_values = 16\nhelp = \"Partition.\"\n\n\
         [[label]]\nname = \"result\"\nkind = \"enum\"\ntype_name = \"Outcome\"\nvalues = [\"success\", \"failure\"]\nhelp = \"Outcome.\"\n\n\
         [[scope]]\nname = \"partition\"\nlabels = [\"topic\", \"partition\"]\nhelp = \"One partition.\"\n\n",
    );
    let groups = 10;
    for g in 0..groups {
        s += &format!(
            "[[group]]\nid = \"g{g}\"\ntitle = \"Group {g}\"\norder = {}\n\n",
            g + 1
        );
    }
    for i in 0..n {
        let group = i % groups;
        s += &match i % 3 {
            0 => format!(
                "[[metric]]\nname = \"m{i}_events_total\"\ntype = \"counter\"\nhelp = \"Events {i}.\"\n\
                 labels = [\"topic\", \"partition\", \"result\"]\ngroup = \"g{group}\"\n\n"
            ),
            1 => format!(
                "[[metric]]\nname = \"m{i}_depth_entries\"\ntype = \"gauge\"\nunit = \"entries\"\n\
                 help = \"Depth {i}.\"\nlabels = [\"topic\", \"partition\"]\ngroup = \"g{group}\"\n\n"
            ),
            _ => format!(
                "[[metric]]\nname = \"m{i}_wait_seconds\"\ntype = \"histogram\"\nunit = \"seconds\"\n\
                 help = \"Wait {i}.\"\nlabels = [\"topic\", \"result\"]\n\
                 buckets = [0.001, 0.01, 0.1, 1.0]\ngroup = \"g{group}\"\n\n"
            ),
        };
    }
    s
}
