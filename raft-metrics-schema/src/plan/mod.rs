//! The typed panel plan: what each dashboard shows — variables, rows, panels, their queries,
//! units, thresholds, links and worst-case series counts. The dashboard emitter renders it to
//! Grafana JSON; the docs, `check`, `lint`, `diff` and the live tests read it. Two dashboards:
//! an overview whose panels stay bounded however many partitions exist, and a per-partition
//! drill-down.

mod drilldown;
mod health;
mod layout;
mod overview;
mod slos;
mod vars;

use crate::model::*;
use crate::pql::{Builder, Q};

pub use drilldown::drilldown;
pub use layout::{Pos, FIRST_SCREEN};
pub use overview::{overview, overview_for};

/// A generated dashboard.
#[derive(Clone, Debug)]
pub struct Dashboard {
    /// The committed file, e.g. `dashboards/raft.json`.
    pub file: String,
    pub uid: String,
    pub title: String,
    pub description: String,
    /// The exposition level its queries read.
    pub level: Level,
    pub variables: Vec<Var>,
    pub rows: Vec<Row>,
    /// Links in the dashboard's header.
    pub links: Vec<Link>,
}

/// A template variable: `label_values(selector, label)`.
#[derive(Clone, Debug)]
pub struct Var {
    pub name: String,
    pub label: String,
    pub query: String,
    /// Several values and "All" (`.+` or `.*`), or exactly one value.
    pub multi: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub title: String,
    /// What the row answers (the docs' layout table).
    pub question: String,
    pub kind: RowKind,
    pub panels: Vec<Panel>,
    /// Where the row's header sits (set by the layout).
    pub y: u64,
    /// Collapsed rows run no query until opened (set by the layout: rows below the first
    /// screen of the overview).
    pub collapsed: bool,
}

/// What a row is for, which sets its panels' sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Counts of partitions in an unhealthy state and alert state: small stats.
    Health,
    /// A `[[overview_row]]`: one compact panel per metric, all on the first screen.
    Headline,
    /// A group's panels.
    Detail,
}

impl Row {
    pub fn new(title: &str, question: &str, kind: RowKind, panels: Vec<Panel>) -> Self {
        Row {
            title: title.to_string(),
            question: question.to_string(),
            kind,
            panels,
            y: 0,
            collapsed: false,
        }
    }

    /// A stable identity, for the row's panel id.
    pub fn key(&self) -> String {
        format!("row:{}", self.title.to_lowercase())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    TimeSeries,
    Stat,
    Heatmap,
    /// One row per series at the range's end (named exceptions).
    Table,
}

#[derive(Clone, Debug)]
pub struct Panel {
    /// A stable identity across versions (`commit_latency_seconds:quantiles`): the panel's id
    /// in Grafana is derived from it, so links to a panel survive moves and new titles.
    pub key: String,
    pub title: String,
    /// One line: what the panel answers (the docs' layout table).
    pub question: String,
    pub description: String,
    pub kind: PanelKind,
    /// Grafana unit id.
    pub unit: String,
    pub queries: Vec<Query>,
    /// Threshold steps (value, severity) drawn on the panel.
    pub thresholds: Vec<(f64, AlertSeverity)>,
    /// The metric the panel shows, if one.
    pub metric: Option<String>,
    /// The most series the panel can draw at the schema's budgets with one cluster selected.
    pub worst_case: u64,
    /// Links from each series to another dashboard (a partition's drill-down).
    pub links: Vec<Link>,
    /// A table's columns (its rows grouped, its value named).
    pub table: Option<TableColumns>,
    /// Where it sits (set by the layout).
    pub pos: Pos,
}

/// A table's columns: one row per value of `keys` (whatever else differs, e.g. the node that
/// reports it), `gathered` into one cell listing their values, the value's column (its minimum
/// over the grouped rows) titled `value` in the unit `value_unit`.
#[derive(Clone, Debug, PartialEq)]
pub struct TableColumns {
    pub keys: Vec<String>,
    pub gathered: Vec<(String, String)>,
    pub value: String,
    pub value_unit: String,
}

#[derive(Clone, Debug)]
pub struct Query {
    pub expr: Q,
    pub legend: String,
    pub format: QueryFormat,
}

/// How Grafana reads a query's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    /// Series over the time range.
    Lines,
    /// Bucket series, as a heatmap's cells.
    Heatmap,
    /// The series at the range's end, one row each (an instant query).
    Table,
}

impl Query {
    /// A query drawn as lines, one per series.
    pub fn lines(expr: Q, legend: String) -> Self {
        Query {
            expr,
            legend,
            format: QueryFormat::Lines,
        }
    }
}

impl Panel {
    /// A metric's panel as the schema declares it (time series or stat), with the metric's
    /// unit, description and alert thresholds.
    pub fn of_metric(
        schema: &Schema,
        m: &Metric,
        role: &str,
        title: String,
        how: &str,
        queries: Vec<Query>,
        worst_case: u64,
    ) -> Self {
        Panel {
            key: format!("{}:{role}", key_name(m)),
            title,
            question: question(m),
            description: description(m, how),
            kind: if m.panel == PanelForm::Stat {
                PanelKind::Stat
            } else {
                PanelKind::TimeSeries
            },
            unit: unit(m).into(),
            queries,
            thresholds: thresholds(schema, m),
            metric: Some(m.name.clone()),
            worst_case,
            links: Vec::new(),
            table: None,
            pos: Pos::default(),
        }
    }

    /// A panel about no single metric (the health row's).
    pub fn other(key: &str, title: String, question: &str, description: String) -> Self {
        Panel {
            key: key.to_string(),
            title,
            question: question.to_string(),
            description,
            kind: PanelKind::Stat,
            unit: "none".into(),
            queries: Vec::new(),
            thresholds: Vec::new(),
            metric: None,
            worst_case: 1,
            links: Vec::new(),
            table: None,
            pos: Pos::default(),
        }
    }
}

/// A link to another dashboard, with the variables it carries over.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub title: String,
    pub uid: String,
    /// (variable there, value: a variable here or a series label `${__field.labels.x}`).
    pub params: Vec<(String, String)>,
}

impl Link {
    /// Grafana's `/d/UID?var-x=...` URL.
    pub fn url(&self) -> String {
        let q: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("var-{k}={v}"))
            .collect();
        format!("/d/{}?{}", self.uid, q.join("&"))
    }
}

impl Dashboard {
    /// Every panel, in order.
    pub fn panels(&self) -> impl Iterator<Item = &Panel> {
        self.rows.iter().flat_map(|r| &r.panels)
    }

    /// The queries Grafana runs when the dashboard opens: those of panels in expanded rows.
    pub fn queries_on_load(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !r.collapsed)
            .flat_map(|r| &r.panels)
            .map(|p| p.queries.len())
            .sum()
    }

    /// Every query with where it is: `panel "T" (A)`.
    pub fn queries(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for p in self.panels() {
            for (i, q) in p.queries.iter().enumerate() {
                out.push((
                    format!("{}: panel \"{}\" ({})", self.file, p.title, ref_id(i)),
                    q.expr.to_string(),
                ));
            }
        }
        out
    }
}

/// Grafana's query letters: A, B, C...
pub fn ref_id(i: usize) -> String {
    ((b'A' + (i % 26) as u8) as char).to_string()
}

/// Both generated dashboards.
pub fn dashboards(schema: &Schema) -> Vec<Dashboard> {
    dashboards_for(schema, &crate::rule_plan::RulePlan::of(schema))
}

/// Both generated dashboards, reading the recorded series of a rule plan made already.
pub fn dashboards_for(schema: &Schema, rules: &crate::rule_plan::RulePlan) -> Vec<Dashboard> {
    vec![overview_for(schema, rules), drilldown(schema)]
}

/// The drill-down's uid.
pub fn drilldown_uid(schema: &Schema) -> String {
    format!("{}-partition", schema.uid)
}

/// A link to the drill-down that carries the dashboard's variables over as they are, then
/// `extra` (a partition's topic and partition, from the clicked series or row).
fn partition_link(
    schema: &Schema,
    title: &str,
    vars: &[Var],
    extra: impl IntoIterator<Item = (String, String)>,
) -> Link {
    let params = vars
        .iter()
        .map(|v| (v.name.clone(), format!("${{{}}}", v.name)))
        .chain(extra)
        .collect();
    Link {
        title: title.into(),
        uid: drilldown_uid(schema),
        params,
    }
}

/// Bounds used for worst-case counts: nodes per cluster (a partition's peers and itself).
pub fn nodes_bound(schema: &Schema) -> u64 {
    schema
        .label("peer")
        .and_then(|l| l.budget())
        .map_or(1, |p| p + 1)
}

/// The worst-case number of distinct values of a label on one panel.
pub fn label_bound(schema: &Schema, label: &str) -> u64 {
    if schema.constant_labels().any(|l| l.name == label) {
        return nodes_bound(schema);
    }
    schema.label(label).and_then(|l| l.budget()).unwrap_or(1)
}

/// Panel title: as the schema gives it, or the name in words (`model::derived_title`).
pub fn title_of(m: &Metric) -> &str {
    &m.view.title
}

/// The key role of a metric's first panel (its rate, value, top 10 or quantiles): the same
/// whichever form the panel takes, so a change of form keeps its id.
pub const MAIN: &str = "main";

/// The name a metric's panel keys carry: the one it had before a rename (`old_name`), so a
/// renamed metric's panels keep their ids and the links to them.
pub fn key_name(m: &Metric) -> &str {
    m.old_name.as_deref().unwrap_or(&m.name)
}

/// What a metric's panels answer: the schema's panel description, or the metric's help.
pub fn question(m: &Metric) -> String {
    m.view.description.clone().unwrap_or_else(|| m.help.clone())
}

/// Whether a gauge holds a Unix time; shown as an age.
pub fn is_timestamp(m: &Metric) -> bool {
    m.is_timestamp()
}

pub use crate::records::{quantile_short_name, QUANTILES};

/// Grafana unit of a metric's panel: counters are shown per second.
pub fn unit(m: &Metric) -> &'static str {
    match (m.kind, m.unit) {
        (MetricType::Counter, Unit::Bytes) => "Bps",
        (MetricType::Counter, _) => "ops",
        (_, u) => u.grafana(),
    }
}

/// A panel's description: the metric's help, name, type and unit.
pub fn description(m: &Metric, how: &str) -> String {
    let mut d = format!(
        "{}{} Metric `{}` ({}, {}).",
        m.view
            .description
            .as_ref()
            .map_or(String::new(), |d| format!("{d} ")),
        m.help,
        m.exposed,
        m.kind.as_str(),
        m.unit.as_str()
    );
    if is_timestamp(m) {
        d.push_str(" Shown as the age: now minus the timestamp.");
    }
    if !how.is_empty() {
        d.push(' ');
        d.push_str(how);
    }
    d
}

/// Alert thresholds that watch a metric the way its panel shows it: one number drives both
/// the alert and the panel's threshold line.
pub fn thresholds(schema: &Schema, m: &Metric) -> Vec<(f64, AlertSeverity)> {
    let mut v: Vec<(f64, AlertSeverity)> = schema
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

/// `label=value` pairs as a legend: `node={{node}} peer={{peer}}`.
pub fn legend(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("{l}={{{{{l}}}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A histogram's two panels from its bucket rates (`rates`, with `le` and the node label):
/// The quantiles of `QUANTILES` per node, and a heatmap of all nodes.
pub fn histogram_panels(
    schema: &Schema,
    b: &Builder,
    m: &Metric,
    rates: Q,
    title: &str,
    how: &str,
) -> Vec<Panel> {
    let node: Vec<String> = schema.constant_labels().map(|l| l.name.clone()).collect();
    let mut by = vec!["le".to_string()];
    by.extend(node.iter().cloned());
    let queries = QUANTILES
        .iter()
        .map(|x| {
            let expr = Q::call(
                "histogram_quantile",
                vec![Q::Num(*x), b.agg("sum", &by, rates.clone())],
            );
            Query::lines(
                expr,
                format!("{} {}", quantile_short_name(*x), legend(&node)),
            )
        })
        .collect();
    let nodes: u64 = node.iter().map(|l| label_bound(schema, l)).product();
    let mut quantiles = Panel::of_metric(
        schema,
        m,
        MAIN,
        format!(
            "{} {}{title}",
            title_of(m),
            QUANTILES.map(quantile_short_name).join("/")
        ),
        how,
        queries,
        QUANTILES.len() as u64 * nodes,
    );
    quantiles.unit = m.unit.grafana().into();
    quantiles.kind = PanelKind::TimeSeries;
    let heat = Query {
        expr: b.agg("sum", &["le".into()], rates),
        legend: "{{le}}".into(),
        format: QueryFormat::Heatmap,
    };
    let mut heatmap = Panel::of_metric(
        schema,
        m,
        "heatmap",
        format!("{} (heatmap)", title_of(m)),
        "Observations per bucket.",
        vec![heat],
        m.buckets.len() as u64 + 1,
    );
    heatmap.unit = m.unit.grafana().into();
    heatmap.kind = PanelKind::Heatmap;
    heatmap.thresholds = Vec::new();
    vec![quantiles, heatmap]
}
