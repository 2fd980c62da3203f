//! The overview's first row: is anything wrong, and where? How many partitions are in each
//! derived count's condition and in each condition of an alert about single partitions, how
//! many alerts fire, which partitions are unhealthy (a table per exceptions metric) or, without
//! one, which topics hold them.

use super::vars::{metric_labels, narrow, select};
use super::*;
use crate::pql::{Builder, Q};
use crate::records;
use crate::rule_plan::RulePlan;

const TOP: u64 = 10;

/// The series Prometheus keeps for each pending or firing alert.
pub const ALERTS: &str = "ALERTS";

/// The health row.
pub fn row(schema: &Schema, b: &Builder, vars: &[Var], rules: &RulePlan) -> Option<Row> {
    let mut panels: Vec<Panel> = schema
        .metrics
        .iter()
        .filter(|m| m.count.is_some() && m.view.place == Place::Overview)
        .map(|m| count_stat(schema, b, vars, m))
        .collect();
    panels.extend(alert_counts(schema, b, vars, rules));
    panels.extend(alerts_firing(schema, b, vars));
    let tables: Vec<Panel> = listed(schema)
        .map(|m| exceptions_table(schema, b, vars, m))
        .collect();
    // With the partitions named, which topics hold them moves to its group's row.
    if tables.is_empty() {
        panels.extend(unhealthy_topics(schema, b, vars, rules));
    }
    panels.extend(tables);
    (!panels.is_empty()).then(|| {
        Row::new(
            "Partitions in an unhealthy state",
            "Is anything wrong, and where?",
            RowKind::Health,
            panels,
        )
    })
}

/// The cluster variable's value (`$cluster`), or nothing without a cluster label.
fn cluster_value(schema: &Schema, vars: &[Var]) -> String {
    let cluster = vars
        .iter()
        .find(|v| Some(&v.label) == schema.cluster_label.as_ref());
    cluster.map_or_else(String::new, |v| format!("${}", v.name))
}

/// `sum(q) or 0`: a stat that shows 0, not "No data", while nothing is wrong.
fn total_or_zero(schema: &Schema, b: &Builder, vars: &[Var], q: Q) -> Q {
    b.agg("sum", &[], q)
        .op("or", b.constant(0.0, &cluster_value(schema, vars)))
}

/// A derived count per its own labels (the topic), each combined across nodes as the schema
/// says.
fn count_per_topic(schema: &Schema, b: &Builder, vars: &[Var], m: &Metric) -> Q {
    let across = m.count.as_ref().map_or(FoldOp::Max, |c| c.across_nodes);
    let labels = metric_labels(schema, m, Level::Summary);
    let sel = narrow(b.series(m, &m.exposed, Level::Summary), &labels, vars);
    b.agg(across.as_str(), &m.labels, sel.q())
}

/// A derived count over the cluster: each topic's count combined across nodes as the schema
/// says, then added up over topics.
fn count_stat(schema: &Schema, b: &Builder, vars: &[Var], m: &Metric) -> Panel {
    let across = m.count.as_ref().map_or(FoldOp::Max, |c| c.across_nodes);
    let sum = total_or_zero(schema, b, vars, count_per_topic(schema, b, vars, m));
    let severity = schema
        .alerts
        .iter()
        .find(|a| matches!(&a.expr, AlertExpr::Structured(s) if s.metric == m.name))
        .map_or(AlertSeverity::Warning, |a| a.severity);
    let how = format!(
        "Counted on each scrape of the summary level ({}); each topic's count is the {} over nodes.",
        m.count.as_ref().map_or("", |c| c.text.as_str()),
        across
    );
    let mut p = Panel::other(
        &format!("{}:count", key_name(m)),
        title_of(m).to_string(),
        &question(m),
        description(m, &how),
    );
    p.queries = vec![Query::lines(sum, String::new())];
    p.thresholds = vec![(1.0, severity)];
    p.metric = Some(m.name.clone());
    p
}

/// Counts of partitions in the conditions of alerts that name partitions (recorded).
fn alert_counts(schema: &Schema, b: &Builder, vars: &[Var], rules: &RulePlan) -> Vec<Panel> {
    let count = records::alert_partitions_name(schema, false);
    let mut labels: Vec<String> = schema.cluster_label.iter().cloned().collect();
    labels.push("alert".into());
    rules
        .partition_alerts(schema)
        .iter()
        .map(|a| {
            let sel = select(&count, &labels, vars).eq("alert", &a.name);
            let mut p = Panel::other(
                &format!("alert:{}", a.name),
                format!("Partitions: {}", a.name),
                &a.summary,
                format!("Partitions of the cluster where the condition of alert {} holds now (before its `for`). {}", a.name, a.summary),
            );
            p.queries = vec![Query::lines(
                total_or_zero(schema, b, vars, sel.q()),
                String::new(),
            )];
            p.thresholds = vec![(1.0, a.severity)];
            p
        })
        .collect()
}

/// How many of the schema's alerts fire for the cluster (Prometheus' `ALERTS` series, kept
/// where the rules are evaluated).
fn alerts_firing(schema: &Schema, b: &Builder, vars: &[Var]) -> Option<Panel> {
    let names: Vec<&str> = schema.alerts.iter().map(|a| a.name.as_str()).collect();
    if names.is_empty() {
        return None;
    }
    let labels: Vec<String> = schema.cluster_label.iter().cloned().collect();
    let sel = select(ALERTS, &labels, vars)
        .eq("alertstate", "firing")
        .re("alertname", &names.join("|"));
    let worst = schema
        .alerts
        .iter()
        .map(|a| a.severity)
        .min_by_key(|s| *s as u8)
        .unwrap_or(AlertSeverity::Warning);
    let mut p = Panel::other(
        "alerts:firing",
        "Alerts firing".into(),
        "Which alerts fire now?",
        "Alerts of this schema firing for the cluster now (Prometheus' ALERTS series, where the rules are evaluated). The alert list in Alertmanager names them.".into(),
    );
    let count = b.agg("count", &[], sel.q());
    let zero = b.constant(0.0, &cluster_value(schema, vars));
    p.queries = vec![Query::lines(count.op("or", zero), String::new())];
    p.thresholds = vec![(1.0, worst)];
    Some(p)
}

/// The exceptions metrics the overview shows (a table each, in the health row).
pub fn listed(schema: &Schema) -> impl Iterator<Item = &Metric> {
    schema
        .metrics
        .iter()
        .filter(|m| m.exceptions.is_some() && m.view.place == Place::Overview)
}

/// The panels of the health row that go to a group's row instead: which topics hold the
/// unhealthy partitions, when a table names them.
pub fn moved_to_group(
    schema: &Schema,
    b: &Builder,
    vars: &[Var],
    rules: &RulePlan,
) -> Option<(String, Panel)> {
    let m = listed(schema).next()?;
    Some((m.group.clone(), unhealthy_topics(schema, b, vars, rules)?))
}

/// The partitions in a listed condition now, by name: one row per partition and condition,
/// whichever node(s) report it (listed in one cell), since when (within the dashboard's range),
/// each row linked to the partition's drill-down.
fn exceptions_table(schema: &Schema, b: &Builder, vars: &[Var], m: &Metric) -> Panel {
    let labels = metric_labels(schema, m, Level::Summary);
    let scope = m.exceptions.as_ref().map_or(&[][..], |e| {
        schema.scope(&e.scope).map_or(&[][..], |s| &s.labels[..])
    });
    let named = scope.iter().fold(
        narrow(b.series(m, &m.exposed, Level::Summary), &labels, vars),
        |s, l| s.ne(l, crate::model::OVERFLOW),
    );
    let nodes: Vec<String> = schema.constant_labels().map(|l| l.name.clone()).collect();
    let mut rows: Vec<String> = m.labels.clone();
    rows.extend(nodes.iter().cloned());
    let seen = Q::call("timestamp", vec![named.clone().q()]);
    let first = Q::call(
        "min_over_time",
        vec![Q::Subquery(Box::new(seen), "$__range".into(), "1m".into())],
    );
    let since = b.on(b.agg("min", &rows, first), "and", false, &rows, named.q());
    let mut p = Panel::other(
        &format!("{}:table", key_name(m)),
        title_of(m).to_string(),
        "Which partitions, in which condition, since when?",
        description(m, "One row per partition and condition, whichever node reports it (`Reported by`); `Since`: its first sample within the dashboard's range. Past the budget per node the rest are counted, not named (the counts beside it hold them all)."),
    );
    p.kind = PanelKind::Table;
    p.queries = vec![Query {
        expr: Q::Num(1000.0).op("*", since),
        legend: String::new(),
        format: QueryFormat::Table,
    }];
    let mut keys: Vec<String> = schema.cluster_label.iter().cloned().collect();
    keys.extend(m.labels.iter().cloned());
    p.table = Some(TableColumns {
        keys,
        gathered: nodes
            .iter()
            .map(|n| (n.clone(), "Reported by".to_string()))
            .collect(),
        value: "Since".into(),
        value_unit: "dateTimeFromNow".into(),
    });
    p.links = vec![table_link(schema, vars, scope)];
    p.metric = Some(m.name.clone());
    p.worst_case = m
        .exceptions
        .as_ref()
        .map_or(1, |e| e.max_per_node * nodes_bound(schema));
    p
}

/// A table row's link to its partition's drill-down: the dashboard's variables, and the row's
/// scope labels.
fn table_link(schema: &Schema, vars: &[Var], scope: &[String]) -> Link {
    let row = scope
        .iter()
        .map(|l| (l.clone(), format!("${{__data.fields.{l}}}")));
    partition_link(schema, "Open the partition", vars, row)
}

/// Topics with the most unhealthy partitions: every derived count and every recorded count
/// of partitions in an alert's condition, each tagged with its condition (`alert`), added up.
fn unhealthy_topics(schema: &Schema, b: &Builder, vars: &[Var], rules: &RulePlan) -> Option<Panel> {
    let tagged = |q: Q, condition: &str| {
        Q::call(
            "label_replace",
            vec![
                q,
                Q::Str("alert".into()),
                Q::Str(condition.into()),
                Q::Str(String::new()),
                Q::Str(String::new()),
            ],
        )
    };
    let mut parts: Vec<Q> = schema
        .metrics
        .iter()
        .filter(|m| m.count.is_some() && m.view.place == Place::Overview && m.has_label("topic"))
        .map(|m| tagged(count_per_topic(schema, b, vars, m), &m.name))
        .collect();
    if !rules.partition_alerts.is_empty() {
        let mut labels: Vec<String> = schema.cluster_label.iter().cloned().collect();
        labels.push("topic".into());
        let per_topic = records::alert_partitions_name(schema, true);
        parts.push(select(&per_topic, &labels, vars).q());
    }
    let all = parts.into_iter().reduce(|a, q| a.op("or", q))?;
    let by_topic = b.agg("sum", &["topic".into()], all);
    let mut p = Panel::other(
        "topics:unhealthy",
        format!("Top {TOP} topics by unhealthy partitions"),
        "Which topics hold them?",
        "Per topic: the partitions in each derived count's condition and in the condition of each alert about single partitions, added up (a partition in two conditions counts twice).".into(),
    );
    p.kind = PanelKind::TimeSeries;
    p.queries = vec![Query {
        expr: b.agg_param("topk", Q::Num(TOP as f64), &[], by_topic),
        legend: "{{topic}}".into(),
        format: QueryFormat::Lines,
    }];
    p.worst_case = TOP;
    Some(p)
}
