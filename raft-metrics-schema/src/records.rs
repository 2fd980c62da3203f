//! Recording rules derived from the schema, named `level:metric:operation` as the monitoring
//! mixins do. Every level starts with the cluster label. Heavy panels and alerts read these
//! instead of recomputing over every partition's series at each load.
//!
//! - each histogram: bucket rates per node and, when it has a topic, per topic (enum labels
//!   kept), from which quantiles are a cheap `histogram_quantile`; latency histograms also
//!   record their p50/p95/p99 per topic;
//! - each counter: rates per node and per topic (enum labels kept);
//! - each alert whose condition is about partitions: how many partitions are in that condition,
//!   per cluster and per topic (label `alert`), e.g. leaderless or under-replicated partitions.

use std::collections::BTreeSet;

use crate::model::*;
use crate::pql::{Builder, Selector, Q};
use crate::promql::{shape, Context, Known};

/// The range every recorded rate is taken over.
pub const RATE_RANGE: &str = "5m";

/// The quantiles panels show and latency histograms record.
pub const QUANTILES: [f64; 3] = [0.5, 0.95, 0.99];

/// The level a series is recorded at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Per cluster and node (the constant label).
    Node,
    /// Per cluster and topic.
    Topic,
}

/// One recording rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub name: String,
    pub expr: Q,
    /// Static labels the rule adds.
    pub labels: Vec<(String, String)>,
}

fn node_label(schema: &Schema) -> Option<String> {
    schema.constant_labels().next().map(|l| l.name.clone())
}

/// The label recorded for a level, if the metric has it.
fn level_label(schema: &Schema, m: &Metric, level: Level) -> Option<String> {
    match level {
        Level::Node => node_label(schema),
        Level::Topic => m.has_label("topic").then(|| "topic".to_string()),
    }
}

fn prefix(level: Level) -> &'static str {
    match level {
        Level::Node => "cluster_node",
        Level::Topic => "cluster_topic",
    }
}

/// Enum labels of a metric: bounded, so recordings keep them.
fn enum_labels(schema: &Schema, m: &Metric) -> Vec<String> {
    m.labels
        .iter()
        .filter(|l| schema.label(l).is_some_and(|x| x.enum_values().is_some()))
        .cloned()
        .collect()
}

/// The labels a recording of `m` at `level` keeps (the cluster label is added by the builder).
pub fn kept_labels(schema: &Schema, m: &Metric, level: Level) -> Option<Vec<String>> {
    let mut v = vec![level_label(schema, m, level)?];
    v.extend(enum_labels(schema, m));
    Some(v)
}

/// `cluster_node_le:<metric>_bucket:rate5m`: a histogram's bucket rates at a level.
pub fn bucket_rate_name(schema: &Schema, m: &Metric, level: Level) -> Option<String> {
    if m.kind != MetricType::Histogram {
        return None;
    }
    level_label(schema, m, level)?;
    let bucket = m.series_name(SeriesKind::Bucket)?;
    Some(format!("{}_le:{bucket}:rate{RATE_RANGE}", prefix(level)))
}

/// `cluster_topic_quantile:<histogram>:histogram_quantile5m` (label `quantile`): a latency
/// histogram's quantiles per topic.
pub fn quantile_name(schema: &Schema, m: &Metric, level: Level) -> Option<String> {
    if m.kind != MetricType::Histogram || m.unit != Unit::Seconds || level != Level::Topic {
        return None;
    }
    level_label(schema, m, level)?;
    Some(format!(
        "{}_quantile:{}:histogram_quantile{RATE_RANGE}",
        prefix(level),
        m.exposed
    ))
}

/// `cluster_node:<counter without _total>:rate5m`: a counter's rate at a level.
pub fn counter_rate_name(schema: &Schema, m: &Metric, level: Level) -> Option<String> {
    if m.kind != MetricType::Counter {
        return None;
    }
    level_label(schema, m, level)?;
    let base = m.exposed.strip_suffix("_total").unwrap_or(&m.exposed);
    Some(format!("{}:{base}:rate{RATE_RANGE}", prefix(level)))
}

/// `cluster:<ns>_partitions_in_alert:count` (or `cluster_topic:`): partitions whose alert
/// condition holds, one series per alert (label `alert`).
pub fn alert_partitions_name(schema: &Schema, per_topic: bool) -> String {
    let level = if per_topic {
        "cluster_topic"
    } else {
        "cluster"
    };
    format!("{level}:{}_partitions_in_alert:count", schema.namespace)
}

/// The labels that identify a partition.
fn partition_labels(schema: &Schema) -> Option<Vec<String>> {
    schema
        .scopes
        .iter()
        .find(|s| s.labels.iter().any(|l| l == "partition"))
        .map(|s| s.labels.clone())
}

/// Alerts whose result names a partition: their conditions can be counted per partition.
/// `known` holds the recorded series an alert may read.
pub fn partition_alerts<'a>(schema: &'a Schema, known: &Known) -> Vec<&'a Alert> {
    let Some(part) = partition_labels(schema) else {
        return Vec::new();
    };
    schema
        .alerts
        .iter()
        .filter(|a| {
            let labels = shape(schema, &a.promql, Context::Rule, known)
                .and_then(|s| s.labels)
                .unwrap_or_default();
            part.iter().all(|l| labels.contains(l))
        })
        .collect()
}

/// Every recording rule, in evaluation order.
pub fn plan(schema: &Schema) -> Vec<Record> {
    let b = Builder::new(schema);
    let mut out = metric_records(schema, &b);
    let known = learn(schema, &out, Known::default());
    out.extend(alert_counts(schema, &b, &known));
    out
}

/// Bucket rates of histograms and rates of counters, per node and per topic.
fn metric_records(schema: &Schema, b: &Builder) -> Vec<Record> {
    let mut out = Vec::new();
    for m in &schema.metrics {
        for level in [Level::Node, Level::Topic] {
            let Some(keep) = kept_labels(schema, m, level) else {
                continue;
            };
            if let Some(name) = bucket_rate_name(schema, m, level) {
                let mut by = keep.clone();
                by.push("le".into());
                let bucket = m.series_name(SeriesKind::Bucket).unwrap_or_default();
                let rate = Q::call("rate", vec![Selector::new(bucket).range(RATE_RANGE)]);
                out.push(Record {
                    name,
                    expr: b.agg("sum", &by, rate),
                    labels: Vec::new(),
                });
            }
            if let (Some(name), Some(buckets)) = (
                quantile_name(schema, m, level),
                bucket_rate_name(schema, m, level),
            ) {
                for q in QUANTILES {
                    out.push(Record {
                        name: name.clone(),
                        expr: Q::call(
                            "histogram_quantile",
                            vec![Q::Num(q), Selector::new(&buckets).q()],
                        ),
                        labels: vec![("quantile".into(), crate::pql::number(q))],
                    });
                }
            }
            if let Some(name) = counter_rate_name(schema, m, level) {
                let rate = Q::call("rate", vec![Selector::new(&m.exposed).range(RATE_RANGE)]);
                out.push(Record {
                    name,
                    expr: b.agg("sum", &keep, rate),
                    labels: Vec::new(),
                });
            }
        }
    }
    out
}

/// Per alert about partitions, per topic: `count by (cluster, topic) (group by (cluster, topic,
/// partition) (expr))`; then one rule adds them up per cluster, so each alert's expression is
/// evaluated once.
fn alert_counts(schema: &Schema, b: &Builder, known: &Known) -> Vec<Record> {
    let Some(part) = partition_labels(schema) else {
        return Vec::new();
    };
    let per_topic = alert_partitions_name(schema, true);
    let mut out: Vec<Record> = partition_alerts(schema, known)
        .into_iter()
        .map(|a| Record {
            name: per_topic.clone(),
            expr: b.agg(
                "count",
                &["topic".into()],
                b.agg("group", &part, Q::Text(a.promql.clone())),
            ),
            labels: vec![("alert".into(), a.name.clone())],
        })
        .collect();
    if !out.is_empty() {
        out.push(Record {
            name: alert_partitions_name(schema, false),
            expr: b.agg("sum", &["alert".into()], Selector::new(per_topic).q()),
            labels: Vec::new(),
        });
    }
    out
}

/// Add what each record records (the labels its expression keeps, and its static labels).
fn learn(schema: &Schema, records: &[Record], mut known: Known) -> Known {
    for r in records {
        let mut shape = shape(schema, &r.expr.to_string(), Context::Rule, &known).unwrap_or(
            crate::promql::Recorded {
                labels: None,
                counter: false,
            },
        );
        if let Some(l) = &mut shape.labels {
            l.extend(r.labels.iter().map(|(k, _)| k.clone()));
        }
        known.recorded.insert(r.name.clone(), shape);
    }
    known
}

/// The generated recorded series, for the static checks of alerts, panels and lint.
pub fn known(schema: &Schema) -> Known {
    learn(schema, &plan(schema), Known::default())
}

/// The recorded series and the labels each keeps (for the docs).
pub fn recorded_labels(schema: &Schema) -> Vec<(String, BTreeSet<String>)> {
    known(schema)
        .recorded
        .into_iter()
        .map(|(n, r)| (n, r.labels.unwrap_or_default()))
        .collect()
}
