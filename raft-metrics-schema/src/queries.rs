//! The PromQL the dashboard shows for each metric; the docs print the same queries.

use crate::alerts::quote;
use crate::model::*;

/// A dashboard variable bound to a label.
#[derive(Clone, Debug)]
pub struct Variable {
    pub name: String,
    pub label: String,
    /// `label_values(...)` query.
    pub query: String,
    /// Regex used for "All".
    pub all_value: &'static str,
}

/// Variables: node, topic (and the cluster label when the schema names one).
pub fn variables(schema: &Schema) -> Vec<Variable> {
    let mut vars = Vec::new();
    let always = |label: &str| {
        // A family with no variable labels is exposed from registration on; per-scope
        // families from the moment a handle exists.
        schema
            .metrics
            .iter()
            .filter(|m| m.kind == MetricType::Gauge)
            .find(|m| {
                if label.is_empty() {
                    m.labels.is_empty()
                } else {
                    m.has_label(label)
                }
            })
    };
    let node_metric = always("");
    if let Some(c) = &schema.cluster_label {
        if let Some(m) = node_metric {
            vars.push(Variable {
                name: c.clone(),
                label: c.clone(),
                query: format!("label_values({}, {c})", m.exposed),
                all_value: ".*",
            });
        }
    }
    for l in schema.constant_labels() {
        if let Some(m) = node_metric {
            let filter = scope_filter(&vars);
            vars.push(Variable {
                name: l.name.clone(),
                label: l.name.clone(),
                query: format!("label_values({}{filter}, {})", m.exposed, l.name),
                all_value: ".+",
            });
        }
    }
    if schema.label("topic").is_some() {
        if let Some(m) = always("topic") {
            let filter = scope_filter(&vars);
            vars.push(Variable {
                name: "topic".into(),
                label: "topic".into(),
                query: format!("label_values({}{filter}, topic)", m.exposed),
                all_value: ".+",
            });
        }
    }
    vars
}

fn scope_filter(vars: &[Variable]) -> String {
    if vars.is_empty() {
        return String::new();
    }
    let m: Vec<String> = vars
        .iter()
        .map(|v| format!("{}=~{}", v.label, quote(&format!("${}", v.name))))
        .collect();
    format!("{{{}}}", m.join(", "))
}

/// The selector of a series under the dashboard variables that apply to it.
pub fn selector(schema: &Schema, m: &Metric, series: &str, vars: &[Variable]) -> String {
    let applicable: Vec<&Variable> = vars
        .iter()
        .filter(|v| m.has_label(&v.label) || schema.ambient_labels().contains(&v.label))
        .collect();
    let ms: Vec<String> = applicable
        .iter()
        .map(|v| format!("{}=~{}", v.label, quote(&format!("${}", v.name))))
        .collect();
    if ms.is_empty() {
        series.to_string()
    } else {
        format!("{series}{{{}}}", ms.join(", "))
    }
}

/// One query of a panel.
#[derive(Clone, Debug)]
pub struct Query {
    pub expr: String,
    pub legend: String,
    pub heatmap: bool,
}

/// Labels that tell series apart on a panel: the constant (node) labels, then the metric's.
fn split_labels(schema: &Schema, m: &Metric) -> Vec<String> {
    let mut v: Vec<String> = schema.constant_labels().map(|l| l.name.clone()).collect();
    v.extend(m.labels.iter().cloned());
    v
}

fn legend(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("{l}={{{{{l}}}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a gauge holds a Unix time; shown as an age.
pub fn is_timestamp(m: &Metric) -> bool {
    m.name.ends_with("_timestamp_seconds")
}

pub const QUANTILES: [f64; 3] = [0.5, 0.95, 0.99];

/// The queries of the main panel of a metric (for histograms: the quantiles).
pub fn panel_queries(schema: &Schema, m: &Metric, vars: &[Variable]) -> Vec<Query> {
    let by = split_labels(schema, m);
    let sel = selector(schema, m, &m.exposed, vars);
    match m.kind {
        MetricType::Counter => vec![Query {
            expr: format!("sum by ({}) (rate({sel}[$__rate_interval]))", by.join(", ")),
            legend: legend(&by),
            heatmap: false,
        }],
        MetricType::Gauge if is_timestamp(m) => vec![Query {
            expr: format!("time() - max by ({}) ({sel})", by.join(", ")),
            legend: legend(&by),
            heatmap: false,
        }],
        MetricType::Gauge => vec![Query {
            expr: format!("max by ({}) ({sel})", by.join(", ")),
            legend: legend(&by),
            heatmap: false,
        }],
        MetricType::Histogram => {
            let bucket = m.series_name(SeriesKind::Bucket).unwrap_or_default();
            let bsel = selector(schema, m, &bucket, vars);
            let node: Vec<String> = schema.constant_labels().map(|l| l.name.clone()).collect();
            let mut group = vec!["le".to_string()];
            group.extend(node.iter().cloned());
            QUANTILES
                .iter()
                .map(|q| Query {
                    expr: format!(
                        "histogram_quantile({q}, sum by ({}) (rate({bsel}[$__rate_interval])))",
                        group.join(", ")
                    ),
                    legend: format!("p{} {}", (q * 100.0).round(), legend(&node)),
                    heatmap: false,
                })
                .collect()
        }
    }
}

/// The heatmap query of a histogram.
pub fn heatmap_query(schema: &Schema, m: &Metric, vars: &[Variable]) -> Option<Query> {
    let bucket = m.series_name(SeriesKind::Bucket)?;
    let bsel = selector(schema, m, &bucket, vars);
    Some(Query {
        expr: format!("sum by (le) (rate({bsel}[$__rate_interval]))"),
        legend: "{{le}}".into(),
        heatmap: true,
    })
}
