//! The dashboard front end: a Grafana dashboard's panel queries and variables, each with the
//! panel it belongs to and its line in the JSON file.

use jsonc_parser::ast::Value as Ast;
use jsonc_parser::common::Ranged;
use serde_json::Value;

use super::text::{clamp, decode, line_col, InputError};

#[derive(Clone, Debug)]
pub struct DashboardFile {
    pub file: String,
    pub queries: Vec<PanelQuery>,
    pub variables: Vec<Variable>,
}

/// One query of one panel.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelQuery {
    pub panel_id: Option<i64>,
    pub title: String,
    pub ref_id: String,
    pub expr: String,
    /// JSON pointer of the query's `expr`.
    pub pointer: String,
    pub line: usize,
    pub column: usize,
}

impl PanelQuery {
    /// e.g. `panel 3 "Commit latency" (A)`.
    pub fn what(&self) -> String {
        match self.panel_id {
            Some(id) => format!("panel {id} \"{}\" ({})", self.title, self.ref_id),
            None => format!("panel \"{}\" ({})", self.title, self.ref_id),
        }
    }
}

/// A template variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    pub name: String,
    /// `multi` or `includeAll`.
    pub multi: bool,
    /// Its Prometheus query (`label_values(...)`, `query_result(...)`), if it has one.
    pub query: String,
    pub line: usize,
    pub column: usize,
}

/// What a variable's query asks of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Probe {
    /// A PromQL expression that is valid exactly when the query is.
    Expr(String),
    /// `label_values(selector, label)`: the selector's series must have the label.
    LabelOf { selector: String, label: String },
    /// `label_values(label)`: some series must have the label.
    Label(String),
}

impl Variable {
    pub fn probe(&self) -> Option<Probe> {
        let q = self.query.trim();
        if let Some(inner) = q
            .strip_prefix("query_result(")
            .and_then(|r| r.strip_suffix(')'))
        {
            return Some(Probe::Expr(inner.to_string()));
        }
        let args = q
            .strip_prefix("label_values(")
            .and_then(|r| r.strip_suffix(')'))?;
        Some(match args.rsplit_once(',') {
            Some((sel, label)) => Probe::LabelOf {
                selector: sel.trim().to_string(),
                label: label.trim().to_string(),
            },
            None => Probe::Label(args.trim().to_string()),
        })
    }
}

/// Positions in the JSON text, by JSON pointer.
struct Positions<'a> {
    text: &'a str,
    root: Option<Ast<'a>>,
}

impl Positions<'_> {
    fn at(&self, pointer: &str) -> (usize, usize) {
        let mut node = self.root.as_ref();
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match node {
                Some(Ast::Object(o)) => o.get(&token).map(|p| &p.value),
                Some(Ast::Array(a)) => token.parse::<usize>().ok().and_then(|i| a.elements.get(i)),
                _ => None,
            };
        }
        node.map_or((1, 1), |n| line_col(self.text, n.range().start))
    }
}

/// Read a dashboard file: the JSON Grafana exports, or the API's `{"dashboard": {...}}`.
pub fn read(file: &str, bytes: &[u8]) -> Result<DashboardFile, InputError> {
    let text = decode(file, bytes)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        InputError::at(
            file,
            clamp(text, (e.line(), e.column())),
            format!("not valid JSON: {message}"),
        )
    })?;
    let (dashboard, prefix) = match value.get("dashboard") {
        Some(d) if d.is_object() => (d, "/dashboard"),
        _ => (&value, ""),
    };
    let has_panels = ["panels", "rows"]
        .iter()
        .any(|k| dashboard.get(k).is_some_and(Value::is_array));
    if !has_panels {
        return Err(InputError::at(
            file,
            (1, 1),
            "not a Grafana dashboard: no `panels` list",
        ));
    }
    let positions = Positions {
        text,
        root: jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
            .ok()
            .and_then(|r| r.value),
    };
    Ok(DashboardFile::build(file, dashboard, |pointer| {
        positions.at(&format!("{prefix}{pointer}"))
    }))
}

impl DashboardFile {
    /// The queries and variables of a parsed dashboard, without positions (every line is 1).
    pub fn from_value(file: &str, dashboard: &Value) -> Self {
        Self::build(file, dashboard, |_| (1, 1))
    }

    fn build(file: &str, dashboard: &Value, locate: impl Fn(&str) -> (usize, usize)) -> Self {
        let mut queries = panel_queries(dashboard);
        for q in &mut queries {
            (q.line, q.column) = locate(&q.pointer);
        }
        let mut variables = variables(dashboard);
        for (i, v) in variables.iter_mut().enumerate() {
            (v.line, v.column) = locate(&format!("/templating/list/{i}"));
        }
        DashboardFile {
            file: file.to_string(),
            queries,
            variables,
        }
    }
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Every Prometheus query of a dashboard's panels (rows, collapsed rows and the old `rows`
/// layout included), with its JSON pointer. Queries of other data sources are left out.
pub fn panel_queries(dashboard: &Value) -> Vec<PanelQuery> {
    let mut out = Vec::new();
    walk_panels(dashboard.get("panels"), "/panels", &mut out);
    if let Some(rows) = dashboard.get("rows").and_then(Value::as_array) {
        for (i, row) in rows.iter().enumerate() {
            walk_panels(row.get("panels"), &format!("/rows/{i}/panels"), &mut out);
        }
    }
    out
}

fn walk_panels(panels: Option<&Value>, pointer: &str, out: &mut Vec<PanelQuery>) {
    let Some(list) = panels.and_then(Value::as_array) else {
        return;
    };
    for (i, p) in list.iter().enumerate() {
        let here = format!("{pointer}/{i}");
        let title = str_at(p, "title").unwrap_or("(untitled)");
        let targets = p.get("targets").and_then(Value::as_array);
        for (j, t) in targets.into_iter().flatten().enumerate() {
            let source = t.get("datasource").or_else(|| p.get("datasource"));
            let other_source = source
                .and_then(|d| str_at(d, "type"))
                .is_some_and(|ty| ty != "prometheus");
            // An empty query (a row added in the editor, not filled) is no query.
            let expr = str_at(t, "expr").filter(|e| !other_source && !e.trim().is_empty());
            let Some(expr) = expr else {
                continue;
            };
            out.push(PanelQuery {
                panel_id: p.get("id").and_then(Value::as_i64),
                title: title.to_string(),
                ref_id: str_at(t, "refId").unwrap_or("?").to_string(),
                expr: expr.to_string(),
                pointer: format!("{here}/targets/{j}/expr"),
                line: 1,
                column: 1,
            });
        }
        walk_panels(p.get("panels"), &format!("{here}/panels"), out);
    }
}

fn variables(dashboard: &Value) -> Vec<Variable> {
    let list = dashboard
        .pointer("/templating/list")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    list.iter()
        .map(|v| {
            let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
            let query = match v.get("type").and_then(Value::as_str) {
                Some("query") | None => v
                    .get("query")
                    .and_then(|q| str_at(q, "query").or_else(|| q.as_str()))
                    .unwrap_or(""),
                _ => "",
            };
            Variable {
                name: str_at(v, "name").unwrap_or("?").to_string(),
                multi: flag("multi") || flag("includeAll"),
                query: query.to_string(),
                line: 1,
                column: 1,
            }
        })
        .collect()
}
