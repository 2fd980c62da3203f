//! Dashboard variables and the selectors they filter: the cluster (one at a time), the nodes
//! (several, or All), and in the drill-down one topic and one partition.

use super::Var;
use crate::model::*;
use crate::pql::Selector;

/// A gauge that exists as soon as the metrics are registered (only constant labels), or one
/// with `label`, to list a variable's values from.
fn source<'a>(schema: &'a Schema, label: Option<&str>) -> Option<&'a Metric> {
    schema
        .metrics
        .iter()
        .filter(|m| m.kind == MetricType::Gauge && !m.is_derived())
        .find(|m| match label {
            None => m.labels.is_empty(),
            Some(l) => m.has_label(l),
        })
}

fn values(name: &str, label: &str, sel: Selector, multi: Option<&'static str>) -> Var {
    Var {
        name: name.into(),
        label: label.into(),
        query: format!("label_values({sel}, {label})"),
        multi,
    }
}

/// `label=~"$var"` for a multi-value variable, `label="$var"` for a single one.
pub fn filter(sel: Selector, v: &Var) -> Selector {
    let value = format!("${}", v.name);
    match v.multi {
        Some(_) => sel.re(&v.label, &value),
        None => sel.eq(&v.label, &value),
    }
}

/// The cluster (single) and node (multi) variables.
pub fn common(schema: &Schema) -> Vec<Var> {
    let mut vars = Vec::new();
    let Some(m) = source(schema, None) else {
        return vars;
    };
    if let Some(c) = &schema.cluster_label {
        vars.push(values(c, c, Selector::new(&m.exposed), None));
    }
    for l in schema.constant_labels() {
        let sel = vars.iter().fold(Selector::new(&m.exposed), filter);
        vars.push(values(&l.name, &l.name, sel, Some(".+")));
    }
    vars
}

/// `common` plus one topic and one partition, for the drill-down.
pub fn partition(schema: &Schema) -> Vec<Var> {
    let mut vars = common(schema);
    for label in ["topic", "partition"] {
        if let Some(m) = source(schema, Some(label)) {
            let sel = select(
                &m.exposed,
                &metric_labels(schema, m, Level::Detailed),
                &vars,
            );
            vars.push(values(label, label, sel, None));
        }
    }
    vars
}

/// The labels a metric's series carry at `level`: its own and the ambient ones (cluster,
/// node, ...).
pub fn metric_labels(schema: &Schema, m: &Metric, level: Level) -> Vec<String> {
    let mut v = schema.ambient_labels();
    v.extend(m.labels_at(level).unwrap_or_default());
    v
}

/// A series filtered by every variable whose label it has (`labels`).
pub fn select(name: &str, labels: &[String], vars: &[Var]) -> Selector {
    narrow(Selector::new(name), labels, vars)
}

/// `sel` filtered by every variable whose label the series has (`labels`).
pub fn narrow(sel: Selector, labels: &[String], vars: &[Var]) -> Selector {
    vars.iter()
        .filter(|v| labels.contains(&v.label))
        .fold(sel, filter)
}
