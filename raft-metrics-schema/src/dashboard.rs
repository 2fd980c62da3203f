//! Schema model → Grafana dashboard (classic JSON model, schemaVersion 39).

use serde_json::{json, Value};

use crate::model::*;
use crate::queries::{self, Query, Variable};

const COLS: u64 = 3;
const W: u64 = 24 / COLS;
const H: u64 = 8;

/// Alert thresholds that watch a metric the way its main panel shows it: one number drives
/// both the alert and the panel's threshold line.
pub fn panel_thresholds(schema: &Schema, m: &Metric) -> Vec<(f64, Severity)> {
    let mut v: Vec<(f64, Severity)> = schema
        .alerts
        .iter()
        .filter_map(|a| match &a.expr {
            AlertExpr::Structured(s)
                if s.metric == m.name && matches!(s.op, CompareOp::Gt | CompareOp::Ge) =>
            {
                let fits = matches!(
                    (&s.condition, m.kind),
                    (Condition::Gauge, MetricType::Gauge)
                        | (Condition::Rate, MetricType::Counter)
                        | (Condition::Quantile { .. }, MetricType::Histogram)
                );
                fits.then_some((s.threshold, a.severity))
            }
            _ => None,
        })
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v.dedup_by(|a, b| a.0 == b.0);
    v
}

fn datasource() -> Value {
    json!({"type": "prometheus", "uid": "${datasource}"})
}

fn targets(qs: &[Query]) -> Value {
    Value::Array(
        qs.iter()
            .enumerate()
            .map(|(i, q)| {
                let ref_id = ((b'A' + i as u8) as char).to_string();
                let mut t = json!({
                    "datasource": datasource(),
                    "refId": ref_id,
                    "expr": q.expr,
                    "legendFormat": q.legend,
                    "range": true,
                });
                if q.heatmap {
                    t["format"] = json!("heatmap");
                }
                t
            })
            .collect(),
    )
}

fn thresholds(steps: &[(f64, Severity)]) -> Value {
    let mut s = vec![json!({"color": "green", "value": null})];
    for (v, sev) in steps {
        let color = match sev {
            Severity::Critical => "red",
            Severity::Warning => "orange",
            Severity::Info => "blue",
        };
        s.push(json!({"color": color, "value": v}));
    }
    json!({"mode": "absolute", "steps": s})
}

fn description(m: &Metric) -> String {
    let mut d = format!(
        "{} Metric `{}` ({}, {}).",
        m.help,
        m.exposed,
        m.kind.as_str(),
        m.unit.as_str()
    );
    if queries::is_timestamp(m) {
        d.push_str(" Shown as the age: now minus the timestamp.");
    }
    d
}

fn unit(m: &Metric) -> &'static str {
    match (m.kind, m.unit) {
        (MetricType::Counter, Unit::Bytes) => "Bps",
        (MetricType::Counter, _) => "ops",
        (_, u) => u.grafana(),
    }
}

struct Grid {
    next_id: u64,
    y: u64,
    col: u64,
}

impl Grid {
    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn row(&mut self) -> (u64, Value) {
        if self.col > 0 {
            self.y += H;
            self.col = 0;
        }
        let pos = json!({"h": 1, "w": 24, "x": 0, "y": self.y});
        self.y += 1;
        (self.id(), pos)
    }

    fn cell(&mut self) -> (u64, Value) {
        let pos = json!({"h": H, "w": W, "x": self.col * W, "y": self.y});
        self.col += 1;
        if self.col == COLS {
            self.col = 0;
            self.y += H;
        }
        (self.id(), pos)
    }
}

fn timeseries(
    id: u64,
    pos: Value,
    title: String,
    desc: String,
    unit: &str,
    qs: &[Query],
    steps: &[(f64, Severity)],
) -> Value {
    json!({
        "id": id,
        "type": "timeseries",
        "title": title,
        "description": desc,
        "datasource": datasource(),
        "gridPos": pos,
        "targets": targets(qs),
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "thresholds": thresholds(steps),
                "custom": {
                    "drawStyle": "line",
                    "lineWidth": 1,
                    "fillOpacity": 0,
                    "showPoints": "never",
                    "thresholdsStyle": {"mode": if steps.is_empty() { "off" } else { "line" }}
                }
            },
            "overrides": []
        },
        "options": {
            "legend": {"calcs": [], "displayMode": "list", "placement": "bottom", "showLegend": true},
            "tooltip": {"mode": "multi", "sort": "desc"}
        }
    })
}

/// The dashboard as a JSON value; serialize with `to_string_pretty` for the committed file.
pub fn dashboard(schema: &Schema) -> Value {
    let vars = queries::variables(schema);
    let mut grid = Grid {
        next_id: 0,
        y: 0,
        col: 0,
    };
    let mut panels = Vec::new();
    for g in &schema.groups {
        let metrics: Vec<&Metric> = schema
            .metrics_in_group(&g.id)
            .filter(|m| m.panel != PanelForm::Hidden)
            .collect();
        if metrics.is_empty() {
            continue;
        }
        let (id, pos) = grid.row();
        panels.push(json!({
            "id": id,
            "type": "row",
            "title": g.title,
            "collapsed": false,
            "gridPos": pos,
            "panels": []
        }));
        for m in metrics {
            let steps = panel_thresholds(schema, m);
            let title = title_of(m);
            let qs = queries::panel_queries(schema, m, &vars);
            let (id, pos) = grid.cell();
            let panel = match m.panel {
                PanelForm::Stat => json!({
                    "id": id,
                    "type": "stat",
                    "title": title,
                    "description": description(m),
                    "datasource": datasource(),
                    "gridPos": pos,
                    "targets": targets(&qs),
                    "fieldConfig": {"defaults": {"unit": unit(m), "thresholds": thresholds(&steps)}, "overrides": []},
                    "options": {
                        "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": false},
                        "colorMode": "value",
                        "justifyMode": "auto",
                        "orientation": "auto",
                        "percentChangeColorMode": "standard",
                        "showPercentChange": false,
                        "wideLayout": true,
                        "graphMode": "area",
                        "textMode": "auto"
                    }
                }),
                PanelForm::Heatmap => heatmap(schema, m, &vars, id, pos, &title),
                _ => timeseries(id, pos, title.clone(), description(m), unit(m), &qs, &steps),
            };
            panels.push(panel);
            if m.kind == MetricType::Histogram && m.panel == PanelForm::Quantiles {
                let (id, pos) = grid.cell();
                panels.push(heatmap(
                    schema,
                    m,
                    &vars,
                    id,
                    pos,
                    &format!("{title} (heatmap)"),
                ));
            }
        }
    }
    let mut templating = vec![json!({
        "name": "datasource",
        "label": "Data source",
        "type": "datasource",
        "query": "prometheus",
        "hide": 0,
        "includeAll": false,
        "multi": false,
        "options": [],
        "refresh": 1,
        "regex": ""
    })];
    for v in &vars {
        templating.push(json!({
            "name": v.name,
            "label": v.label,
            "type": "query",
            "datasource": datasource(),
            "query": {"query": v.query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
            // Opens on "All", the selection every panel query is written for.
            "current": {"text": ["All"], "value": ["$__all"]},
            "hide": 0,
            "includeAll": true,
            "allValue": v.all_value,
            "multi": true,
            "options": [],
            "refresh": 2,
            "regex": "",
            "sort": 1
        }));
    }
    json!({
        "uid": schema.uid,
        "title": schema.title,
        "description": format!("Generated by raft-metrics-gen from {} (namespace {}). Do not edit by hand.", schema.source_name, schema.namespace),
        "tags": ["raft", schema.namespace],
        "timezone": "browser",
        "editable": true,
        "graphTooltip": 1,
        "fiscalYearStartMonth": 0,
        "liveNow": false,
        "time": {"from": "now-1h", "to": "now"},
        "timepicker": {},
        "refresh": "30s",
        "schemaVersion": 39,
        "version": 1,
        "weekStart": "",
        "links": [],
        "annotations": {"list": [{
            "builtIn": 1,
            "datasource": {"type": "grafana", "uid": "-- Grafana --"},
            "enable": true,
            "hide": true,
            "iconColor": "rgba(0, 211, 255, 1)",
            "name": "Annotations & Alerts",
            "type": "dashboard"
        }]},
        "templating": {"list": templating},
        "panels": panels
    })
}

fn heatmap(
    schema: &Schema,
    m: &Metric,
    vars: &[Variable],
    id: u64,
    pos: Value,
    title: &str,
) -> Value {
    let q: Vec<Query> = queries::heatmap_query(schema, m, vars)
        .into_iter()
        .collect();
    json!({
        "id": id,
        "type": "heatmap",
        "title": title,
        "description": format!("{} Distribution of observations per bucket.", description(m)),
        "datasource": datasource(),
        "gridPos": pos,
        "targets": targets(&q),
        "fieldConfig": {"defaults": {"unit": m.unit.grafana()}, "overrides": []},
        "options": {
            "calculate": false,
            "yAxis": {"unit": m.unit.grafana()},
            "color": {
                "mode": "scheme",
                "scheme": "Oranges",
                "fill": "dark-orange",
                "exponent": 0.5,
                "reverse": false,
                "steps": 64
            },
            "cellGap": 1,
            "exemplars": {"color": "rgba(255,0,255,0.7)"},
            "legend": {"show": true},
            "showValue": "never",
            "tooltip": {"mode": "single", "yHistogram": false}
        }
    })
}

/// Panel title: the metric name in words.
pub fn title_of(m: &Metric) -> String {
    let base = m.name.strip_suffix("_total").unwrap_or(&m.name);
    let mut t: String = base.replace('_', " ");
    if let Some(first) = t.get(0..1) {
        t = first.to_uppercase() + &t[1..];
    }
    match m.kind {
        MetricType::Counter => format!("{t} (per second)"),
        MetricType::Histogram if m.panel == PanelForm::Quantiles => format!("{t} p50/p95/p99"),
        MetricType::Gauge if queries::is_timestamp(m) => {
            format!("{} (age)", t.trim_end_matches(" timestamp seconds"))
        }
        _ => t,
    }
}
