//! The Prometheus scrape jobs for a node's two levels, as `docs/METRICS.md` shows them and the
//! live tests run them:
//!
//! - the summary level at [`SUMMARY_PATH`], job `<uid>`: what the alert and recording rules
//!   and the overview read (alone, it is enough for them);
//! - the detailed level at [`DETAILED_PATH`], job `<uid>-detailed`: what the partition
//!   drill-down reads, without the families the summary level holds as they are, so no series
//!   is stored twice when both levels go to one Prometheus.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::*;

/// Where a node serves the summary level (the demos' path, and the docs').
pub const SUMMARY_PATH: &str = "/metrics/summary";
/// Where a node serves the detailed level.
pub const DETAILED_PATH: &str = "/metrics";

#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub job_name: String,
    pub metrics_path: String,
    pub static_configs: Vec<StaticConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metric_relabel_configs: Vec<Relabel>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StaticConfig {
    pub targets: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Relabel {
    pub source_labels: Vec<String>,
    pub regex: String,
    pub action: String,
}

/// The job name of a level (`up{job="..."}` in a node-down alert names the summary's).
pub fn job_name(schema: &Schema, level: Level) -> String {
    match level {
        Level::Summary => schema.job.clone(),
        Level::Detailed => format!("{}-detailed", schema.job),
    }
}

/// Families exposed alike at both levels: every series of theirs is in the summary job.
pub fn same_at_both_levels(schema: &Schema) -> Vec<&Metric> {
    schema
        .metrics
        .iter()
        .filter(|m| {
            m.at(Level::Detailed) && m.labels_at(Level::Summary).as_ref() == Some(&m.labels)
        })
        .collect()
}

/// The series names of [`same_at_both_levels`], as one anchored regex (Prometheus anchors it).
pub fn same_regex(schema: &Schema) -> Option<String> {
    let names: Vec<String> = same_at_both_levels(schema)
        .iter()
        .map(|m| match m.kind {
            MetricType::Histogram => format!("{}(_bucket|_sum|_count)", m.exposed),
            _ => m.exposed.clone(),
        })
        .collect();
    (!names.is_empty()).then(|| names.join("|"))
}

/// Both jobs for `targets` (each node's `host:port`), with `labels` on every target (for
/// example `cluster`).
pub fn jobs(schema: &Schema, targets: &[String], labels: &BTreeMap<String, String>) -> Vec<Job> {
    let statics = vec![StaticConfig {
        targets: targets.to_vec(),
        labels: labels.clone(),
    }];
    let drop_same = same_regex(schema)
        .map(|regex| Relabel {
            source_labels: vec!["__name__".into()],
            regex,
            action: "drop".into(),
        })
        .into_iter()
        .collect();
    vec![
        Job {
            job_name: job_name(schema, Level::Summary),
            metrics_path: SUMMARY_PATH.into(),
            static_configs: statics.clone(),
            metric_relabel_configs: Vec::new(),
        },
        Job {
            job_name: job_name(schema, Level::Detailed),
            metrics_path: DETAILED_PATH.into(),
            static_configs: statics,
            metric_relabel_configs: drop_same,
        },
    ]
}

#[derive(Serialize)]
struct ScrapeConfigs {
    scrape_configs: Vec<Job>,
}

/// The jobs as YAML for the docs, with example targets and the cluster label.
pub fn example_yaml(schema: &Schema) -> String {
    let targets: Vec<String> = (1..=3).map(|i| format!("node-{i}:9100")).collect();
    let labels = schema
        .cluster_label
        .iter()
        .map(|c| (c.clone(), "east".to_string()))
        .collect();
    let doc = ScrapeConfigs {
        scrape_configs: jobs(schema, &targets, &labels),
    };
    serde_norway::to_string(&doc).unwrap_or_default()
}
