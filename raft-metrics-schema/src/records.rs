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

/// A quantile's short name, as legends and titles show it (`p99`).
pub fn quantile_short_name(q: f64) -> String {
    format!("p{}", (q * 100.0).round())
}

/// The grain a series is recorded at: which of its labels a recording keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grain {
    /// Per cluster and node (the constant label).
    Node,
    /// Per cluster and topic.
    Topic,
    /// Per cluster, node and topic: taken once from the raw series, then summed into the two
    /// levels above, so each raw series is rated once.
    NodeTopic,
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

/// The labels recorded for a level, if the metric has them.
fn level_labels(schema: &Schema, m: &Metric, grain: Grain) -> Option<Vec<String>> {
    let topic = || m.has_label("topic").then(|| "topic".to_string());
    // Without a node label the node level is the whole cluster.
    let node = || node_label(schema).into_iter();
    match grain {
        Grain::Node => Some(node().collect()),
        Grain::Topic => Some(vec![topic()?]),
        Grain::NodeTopic => {
            Some(node().chain(topic()).collect()).filter(|v: &Vec<String>| v.len() == 2)
        }
    }
}

/// `cluster`, then the level's labels: `cluster_node`, `cluster_topic`, `cluster_node_topic`.
fn prefix(schema: &Schema, grain: Grain) -> String {
    let mut p = "cluster".to_string();
    if matches!(grain, Grain::Node | Grain::NodeTopic) && node_label(schema).is_some() {
        p.push_str("_node");
    }
    if matches!(grain, Grain::Topic | Grain::NodeTopic) {
        p.push_str("_topic");
    }
    p
}

/// The labels a recording of `m` at `grain` keeps (the cluster label is added by the builder).
pub fn kept_labels(schema: &Schema, m: &Metric, grain: Grain) -> Option<Vec<String>> {
    let mut v = level_labels(schema, m, grain)?;
    v.extend(schema.enum_labels(m));
    Some(v)
}

/// `cluster_node_le:<metric>_bucket:rate5m`: a histogram's bucket rates at a grain.
pub fn bucket_rate_name(schema: &Schema, m: &Metric, grain: Grain) -> Option<String> {
    if m.kind != MetricType::Histogram {
        return None;
    }
    level_labels(schema, m, grain)?;
    let bucket = m.series_name(SeriesKind::Bucket)?;
    Some(format!(
        "{}_le:{bucket}:rate{RATE_RANGE}",
        prefix(schema, grain)
    ))
}

/// `cluster_topic_quantile:<histogram>:histogram_quantile5m` (label `quantile`): a latency
/// histogram's quantiles per topic.
pub fn quantile_name(schema: &Schema, m: &Metric, grain: Grain) -> Option<String> {
    if m.kind != MetricType::Histogram || m.unit != Unit::Seconds || grain != Grain::Topic {
        return None;
    }
    level_labels(schema, m, grain)?;
    Some(format!(
        "{}_quantile:{}:histogram_quantile{RATE_RANGE}",
        prefix(schema, grain),
        m.exposed
    ))
}

/// `cluster_node:<counter without _total>:rate5m`: a counter's rate at a grain.
pub fn counter_rate_name(schema: &Schema, m: &Metric, grain: Grain) -> Option<String> {
    if m.kind != MetricType::Counter {
        return None;
    }
    level_labels(schema, m, grain)?;
    let base = m.exposed_stem();
    Some(format!("{}:{base}:rate{RATE_RANGE}", prefix(schema, grain)))
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

/// The recording rules, and what the schema's alerts know of them.
struct Planned {
    records: Vec<Record>,
    /// The recorded series the alerts read, and those these are recorded from.
    alerts_know: Known,
}

fn planned(schema: &Schema) -> Planned {
    let b = Builder::new(schema);
    let mut records = metric_records(schema, &b);
    // Learning a record parses it: learn only what the alerts read.
    let mut needed = BTreeSet::new();
    read_by(schema.alerts.iter().map(|a| a.promql.as_str()), &mut needed);
    let known = learn_needed(schema, &records, &mut needed, summary());
    // Which alerts are about partitions depends only on the records they read.
    let counts = alert_counts(schema, &b, &known);
    let alerts_know = learn_needed(schema, &counts, &mut needed, known);
    records.extend(counts);
    Planned {
        records,
        alerts_know,
    }
}

/// Every recording rule, in evaluation order.
pub fn plan(schema: &Schema) -> Vec<Record> {
    planned(schema).records
}

/// Names a metric's recording at a level.
type NameOf = fn(&Schema, &Metric, Grain) -> Option<String>;

/// Bucket rates of histograms and rates of counters, per node and per topic. A metric with a
/// topic is rated once per node and topic, and the two levels are sums of that.
fn metric_records(schema: &Schema, b: &Builder) -> Vec<Record> {
    let mut out = Vec::new();
    for m in &schema.metrics {
        let (name_of, series): (NameOf, _) = match m.kind {
            MetricType::Histogram => (bucket_rate_name, m.series_name(SeriesKind::Bucket)),
            MetricType::Counter => (counter_rate_name, Some(m.exposed.clone())),
            MetricType::Gauge => continue,
        };
        let Some(series) = series else { continue };
        let le: &[&str] = if m.kind == MetricType::Histogram {
            &["le"]
        } else {
            &[]
        };
        let by = |level| {
            kept_labels(schema, m, level).map(|mut v| {
                v.extend(le.iter().map(|l| l.to_string()));
                v
            })
        };
        let raw = Q::call(
            "rate",
            vec![b.series(m, &series, Level::Summary).range(RATE_RANGE)],
        );
        let base = match (name_of(schema, m, Grain::NodeTopic), by(Grain::NodeTopic)) {
            (Some(name), Some(keep)) => {
                out.push(Record {
                    name: name.clone(),
                    expr: b.agg("sum", &keep, raw.clone()),
                    labels: Vec::new(),
                });
                Some(Selector::new(name).q())
            }
            _ => None,
        };
        for grain in [Grain::Node, Grain::Topic] {
            let (Some(name), Some(keep)) = (name_of(schema, m, grain), by(grain)) else {
                continue;
            };
            let input = base.clone().unwrap_or_else(|| raw.clone());
            out.push(Record {
                name: name.clone(),
                expr: b.agg("sum", &keep, input),
                labels: Vec::new(),
            });
            if let (Some(q_name), MetricType::Histogram) = (quantile_name(schema, m, grain), m.kind)
            {
                for q in QUANTILES {
                    out.push(Record {
                        name: q_name.clone(),
                        expr: Q::call(
                            "histogram_quantile",
                            vec![Q::Num(q), Selector::new(&name).q()],
                        ),
                        labels: vec![("quantile".into(), crate::pql::number(q))],
                    });
                }
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
fn learn<'a>(
    schema: &Schema,
    records: impl IntoIterator<Item = &'a Record>,
    mut known: Known,
) -> Known {
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

/// The series `records` record, every one learnt (its labels from its expression). Every
/// recording reads the summary level. `rule_plan::RulePlan` holds the result.
pub fn learn_all(schema: &Schema, records: &[Record]) -> Known {
    learn(schema, records, summary())
}

/// What checking the schema's alerts needs: the recorded series they read, and those these
/// are recorded from. Learning a series parses its rule, so this spares parsing every
/// recording rule (one per counter and histogram, at least).
pub fn alerts_known(schema: &Schema) -> Known {
    planned(schema).alerts_know
}

/// Adds to `known` those of `records` that `needed` names, and the names they read to `needed`.
fn learn_needed(
    schema: &Schema,
    records: &[Record],
    needed: &mut BTreeSet<String>,
    known: Known,
) -> Known {
    let mut keep = vec![false; records.len()];
    // A rule reads only rules before it, so one backward pass finds them all.
    for (i, r) in records.iter().enumerate().rev() {
        if needed.contains(&r.name) {
            keep[i] = true;
            let mut texts = Vec::new();
            r.expr.reads(needed, &mut texts);
            read_by(texts, needed);
        }
    }
    let kept = records.iter().zip(keep).filter(|(_, k)| *k).map(|(r, _)| r);
    learn(schema, kept, known)
}

/// Adds the series each expression reads (those that parse; the others' errors are reported
/// where they are checked).
fn read_by<'a>(exprs: impl IntoIterator<Item = &'a str>, names: &mut BTreeSet<String>) {
    for e in exprs {
        if let Some(r) = crate::promql::references(e) {
            names.extend(r.series);
        }
    }
}

fn summary() -> Known {
    Known::at(Default::default(), Level::Summary)
}
