//! Panel plan → Grafana dashboard JSON (classic JSON model, schemaVersion 39). Everything a
//! panel shows comes from [`crate::plan`]; this module only lays it out.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::model::*;
use crate::plan::{self, Link, Panel, PanelKind, Query, QueryFormat, Var};

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
                    "expr": q.expr.to_string(),
                    "legendFormat": q.legend,
                    "range": true,
                });
                match q.format {
                    QueryFormat::Lines => {}
                    QueryFormat::Heatmap => t["format"] = json!("heatmap"),
                    QueryFormat::Table => {
                        t["format"] = json!("table");
                        t["range"] = json!(false);
                        t["instant"] = json!(true);
                    }
                }
                t
            })
            .collect(),
    )
}

fn thresholds(steps: &[(f64, AlertSeverity)]) -> Value {
    let mut s = vec![json!({"color": "green", "value": null})];
    for (v, sev) in steps {
        let color = match sev {
            AlertSeverity::Critical => "red",
            AlertSeverity::Warning => "orange",
            AlertSeverity::Info => "blue",
        };
        s.push(json!({"color": color, "value": v}));
    }
    json!({"mode": "absolute", "steps": s})
}

/// Panel ids derived from each panel's stable key, so a link to a panel (`viewPanel=ID`)
/// survives its move to another row or a new title.
#[derive(Default)]
struct Ids {
    used: BTreeSet<u64>,
}

impl Ids {
    /// Up to 10^9: FNV-1a of the key, probing past the rare collision.
    fn of(&mut self, key: &str) -> u64 {
        const SPACE: u64 = 1_000_000_000;
        let h = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let mut id = h % SPACE + 1;
        while !self.used.insert(id) {
            id = id % SPACE + 1;
        }
        id
    }
}

fn grid_pos(p: plan::Pos) -> Value {
    json!({"h": p.h, "w": p.w, "x": p.x, "y": p.y})
}

fn links(links: &[Link]) -> Value {
    Value::Array(
        links
            .iter()
            .map(|l| json!({"title": l.title, "url": l.url(), "targetBlank": false}))
            .collect(),
    )
}

fn panel(p: &Panel, id: u64) -> Value {
    let common = json!({
        "id": id,
        "title": p.title,
        "description": p.description,
        "datasource": datasource(),
        "gridPos": grid_pos(p.pos),
        "targets": targets(&p.queries),
    });
    let mut v = match p.kind {
        PanelKind::Stat => stat(p),
        PanelKind::TimeSeries => timeseries(p),
        PanelKind::Heatmap => heatmap(p),
        PanelKind::Table => table(p),
    };
    if let (Value::Object(v), Value::Object(c)) = (&mut v, common) {
        v.extend(c);
    }
    v
}

fn stat(p: &Panel) -> Value {
    json!({
        "type": "stat",
        "fieldConfig": {"defaults": {"unit": p.unit, "thresholds": thresholds(&p.thresholds), "links": links(&p.links)}, "overrides": []},
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
    })
}

fn timeseries(p: &Panel) -> Value {
    json!({
        "type": "timeseries",
        "fieldConfig": {
            "defaults": {
                "unit": p.unit,
                "thresholds": thresholds(&p.thresholds),
                "links": links(&p.links),
                "custom": {
                    "drawStyle": "line",
                    "lineWidth": 1,
                    "fillOpacity": 0,
                    "showPoints": "never",
                    "thresholdsStyle": {"mode": if p.thresholds.is_empty() { "off" } else { "line" }}
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

/// A table of the series at the range's end: rows grouped by the plan's keys (a partition
/// that two nodes report is one row, listing both), the value's column renamed and formatted.
fn table(p: &Panel) -> Value {
    let mut fields = serde_json::Map::new();
    let mut rename = serde_json::Map::new();
    let mut overrides = Vec::new();
    if let Some(t) = &p.table {
        for k in &t.keys {
            fields.insert(
                k.clone(),
                json!({"operation": "groupby", "aggregations": []}),
            );
        }
        for (g, title) in &t.gathered {
            fields.insert(
                g.clone(),
                json!({"operation": "aggregate", "aggregations": ["uniqueValues"]}),
            );
            rename.insert(format!("{g} (uniqueValues)"), json!(title));
        }
        fields.insert(
            "Value".into(),
            json!({"operation": "aggregate", "aggregations": ["min"]}),
        );
        rename.insert("Value (min)".into(), json!(t.value));
        overrides.push(json!({
            "matcher": {"id": "byName", "options": t.value},
            "properties": [{"id": "unit", "value": t.value_unit}]
        }));
    }
    json!({
        "type": "table",
        "fieldConfig": {
            "defaults": {
                "unit": p.unit,
                "links": links(&p.links),
                "custom": {"align": "auto", "cellOptions": {"type": "auto"}, "inspect": false}
            },
            "overrides": overrides
        },
        "options": {"showHeader": true, "frameIndex": 0, "cellHeight": "sm"},
        "transformations": [
            {"id": "groupBy", "options": {"fields": fields}},
            {"id": "organize", "options": {"renameByName": rename, "excludeByName": {}, "indexByName": {}}}
        ]
    })
}

fn heatmap(p: &Panel) -> Value {
    json!({
        "type": "heatmap",
        "fieldConfig": {"defaults": {"unit": p.unit}, "overrides": []},
        "options": {
            "calculate": false,
            "yAxis": {"unit": p.unit},
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

fn variable(v: &Var) -> Value {
    let all = v.multi.is_some();
    let mut var = json!({
        "name": v.name,
        "label": v.label,
        "type": "query",
        "datasource": datasource(),
        "query": {"query": v.query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "hide": 0,
        "includeAll": all,
        "allValue": v.multi.unwrap_or(""),
        "multi": all,
        "options": [],
        "refresh": 2,
        "regex": "",
        "sort": 1
    });
    if all {
        // Opens on "All", the selection the queries are written for; a single-value variable
        // opens on its first value.
        var["current"] = json!({"text": ["All"], "value": ["$__all"]});
    }
    var
}

/// One planned dashboard as Grafana JSON.
pub fn render(schema: &Schema, d: &plan::Dashboard) -> Value {
    let mut ids = Ids::default();
    let mut panels = Vec::new();
    for r in &d.rows {
        let id = ids.of(&r.key());
        let inner: Vec<Value> = r.panels.iter().map(|p| panel(p, ids.of(&p.key))).collect();
        // A collapsed row holds its panels; an expanded one is followed by them.
        let (nested, after) = if r.collapsed {
            (inner, Vec::new())
        } else {
            (Vec::new(), inner)
        };
        panels.push(json!({
            "id": id,
            "type": "row",
            "title": r.title,
            "collapsed": r.collapsed,
            "gridPos": {"h": 1, "w": 24, "x": 0, "y": r.y},
            "panels": nested
        }));
        panels.extend(after);
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
    templating.extend(d.variables.iter().map(variable));
    let header_links: Vec<Value> = d
        .links
        .iter()
        .map(|l| {
            json!({
                "title": l.title,
                "type": "link",
                "url": l.url(),
                "icon": "dashboard",
                "tooltip": "",
                "asDropdown": false,
                "includeVars": false,
                "keepTime": true,
                "tags": [],
                "targetBlank": false
            })
        })
        .collect();
    json!({
        "uid": d.uid,
        "title": d.title,
        "description": d.description,
        "tags": schema.dashboard_tags,
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
        "links": header_links,
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

/// Every generated dashboard: (file, JSON).
pub fn dashboards(schema: &Schema) -> Vec<(String, Value)> {
    plan::dashboards(schema)
        .iter()
        .map(|d| (d.file.clone(), render(schema, d)))
        .collect()
}

/// The overview dashboard's JSON.
pub fn dashboard(schema: &Schema) -> Value {
    render(schema, &plan::overview(schema))
}
