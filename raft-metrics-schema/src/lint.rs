//! Run the PromQL checks over whole artefacts: generated or hand-written dashboards and rule
//! files. Every finding names the alert or panel it belongs to.

use serde_json::Value;

use crate::model::Schema;
use crate::promql::{check, Context, Finding};

#[derive(Clone, Debug)]
pub struct Located {
    /// e.g. `dashboards/raft.json: panel "Commit latency" (A)`.
    pub location: String,
    pub expr: String,
    pub finding: Finding,
}

pub fn lint_dashboard(schema: &Schema, file: &str, dashboard: &Value) -> Vec<Located> {
    let mut out = Vec::new();
    for (location, expr) in dashboard_exprs(file, dashboard) {
        for finding in check(schema, &expr, Context::Dashboard) {
            out.push(Located {
                location: location.clone(),
                expr: expr.clone(),
                finding,
            });
        }
    }
    let vars = dashboard
        .pointer("/templating/list")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for v in vars {
        let name = v
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        let q = v
            .get("query")
            .and_then(|q| {
                q.get("query")
                    .and_then(Value::as_str)
                    .or_else(|| q.as_str())
            })
            .unwrap_or("");
        let Some(args) = q
            .strip_prefix("label_values(")
            .and_then(|r| r.strip_suffix(')'))
        else {
            continue;
        };
        let Some((sel, label)) = args.rsplit_once(',') else {
            continue;
        };
        let label = label.trim();
        let loc = format!("{file}: variable ${name}");
        // The selector must name a metric that has the label.
        let probe = format!("max by ({label}) ({})", sel.trim());
        for finding in check(schema, &probe, Context::Dashboard) {
            out.push(Located {
                location: loc.clone(),
                expr: q.to_string(),
                finding,
            });
        }
    }
    out
}

/// One rule of a Prometheus rule file.
#[derive(Clone, Debug)]
pub struct Rule {
    /// e.g. `alerts/x.yml: alert RaftNoLeader`.
    pub location: String,
    pub expr: String,
    /// `severity:` at the rule's top level instead of under `labels:`.
    pub misplaced_severity: bool,
}

/// Every rule of a Prometheus rule file (YAML text).
pub fn read_rules(file: &str, yaml: &str) -> Result<Vec<Rule>, String> {
    let doc: serde_norway::Value =
        serde_norway::from_str(yaml).map_err(|e| format!("{file}: not valid YAML: {e}"))?;
    let groups = doc
        .get("groups")
        .and_then(|g| g.as_sequence())
        .ok_or_else(|| {
            format!("{file}: no top-level `groups:` list, so Prometheus rejects the file")
        })?;
    let mut out = Vec::new();
    for g in groups {
        let Some(rules) = g.get("rules").and_then(|r| r.as_sequence()) else {
            continue;
        };
        for r in rules {
            let name = r
                .get("alert")
                .or_else(|| r.get("record"))
                .and_then(|n| n.as_str())
                .unwrap_or("(unnamed)");
            let kind = if r.get("alert").is_some() {
                "alert"
            } else {
                "recording rule"
            };
            out.push(Rule {
                location: format!("{file}: {kind} {name}"),
                expr: r
                    .get("expr")
                    .and_then(|e| e.as_str())
                    .unwrap_or("")
                    .to_string(),
                misplaced_severity: r.get("severity").is_some(),
            });
        }
    }
    Ok(out)
}

/// Every panel query of a dashboard, as (location, expr).
pub fn dashboard_exprs(file: &str, dashboard: &Value) -> Vec<(String, String)> {
    crate::dashboard::panel_queries(dashboard)
        .into_iter()
        .map(|(title, ref_id, expr)| (format!("{file}: panel \"{title}\" ({ref_id})"), expr))
        .collect()
}

/// Lint a Prometheus rule file (YAML text).
pub fn lint_rules(schema: &Schema, file: &str, yaml: &str) -> Result<Vec<Located>, String> {
    let mut out = Vec::new();
    for rule in read_rules(file, yaml)? {
        if rule.misplaced_severity {
            out.push(Located {
                location: rule.location.clone(),
                expr: rule.expr.clone(),
                finding: Finding {
                    error: true,
                    message: "`severity` sits outside `labels:`, so Prometheus rejects the rule"
                        .into(),
                    help: "move it under `labels:`".into(),
                },
            });
        }
        for finding in check(schema, &rule.expr, Context::Rule) {
            out.push(Located {
                location: rule.location.clone(),
                expr: rule.expr.clone(),
                finding,
            });
        }
    }
    Ok(out)
}

/// Check the generated dashboard's queries (`dashboard` is `crate::dashboard::dashboard(schema)`,
/// built once by the caller). Alert expressions are checked when the schema is loaded, where
/// their errors can point at the schema line.
pub fn lint_generated(schema: &Schema, dashboard: &Value) -> Vec<Located> {
    lint_dashboard(schema, "dashboards/raft.json", dashboard)
}
