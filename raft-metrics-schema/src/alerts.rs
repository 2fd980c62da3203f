//! Structured alerts → PromQL text. The text is then parsed and checked by `promql` like any
//! hand-written expression, so a mistake here cannot reach a rule file.

use crate::model::*;
use crate::pql::{Builder, Selector, Q};
use crate::records;

pub use crate::pql::{number, quote};

/// Fill every alert's `promql`: the step after validation, before any check or emitter reads
/// the expressions.
pub fn expand(schema: &mut Schema) {
    let promql: Vec<String> = schema
        .alerts
        .iter()
        .map(|a| render(schema, &a.expr))
        .collect();
    for (a, p) in schema.alerts.iter_mut().zip(promql) {
        a.promql = p;
    }
}

/// The PromQL of an alert: structured alerts are expanded, raw ones pass through.
pub fn render(schema: &Schema, expr: &AlertExpr) -> String {
    match expr {
        AlertExpr::Raw(e) => e.clone(),
        AlertExpr::Structured(s) => render_structured(schema, s),
    }
}

/// A series of `m` at the summary level (which alerts read), with the alert's matchers.
fn selector(b: &Builder, m: &Metric, name: &str, matchers: &[(String, String)]) -> Selector {
    matchers
        .iter()
        .fold(b.series(m, name, Level::Summary), |s, (k, v)| s.eq(k, v))
}

/// `op by (cluster, by...) (inner)`, or `inner` itself when the alert keeps every label.
fn agg(b: &Builder, op: &'static str, by: &Option<Vec<String>>, inner: Q) -> Q {
    match by {
        None => inner,
        Some(by) => b.agg(op, by, inner),
    }
}

/// The recorded bucket rates a quantile alert can read instead of the raw buckets: when it
/// groups by the node (or nothing) over the recorded range, without matchers.
fn recorded_buckets(
    schema: &Schema,
    m: &Metric,
    s: &StructuredAlert,
    over: &str,
) -> Option<String> {
    let by = s.by.clone().unwrap_or_default();
    let node = schema.constant_labels().next().map(|l| l.name.clone());
    let fits = over == records::RATE_RANGE
        && s.matchers.is_empty()
        && by.iter().all(|l| Some(l) == node.as_ref());
    if !fits {
        return None;
    }
    records::bucket_rate_name(schema, m, records::Grain::Node)
}

fn render_structured(schema: &Schema, s: &StructuredAlert) -> String {
    let Some(m) = schema.metric(&s.metric) else {
        return String::new();
    };
    let b = Builder::new(schema);
    let over = s.over.clone().unwrap_or_else(|| "5m".into());
    let threshold = Q::Num(s.threshold);
    let cmp = |lhs: Q| lhs.op(s.op.as_str(), threshold.clone()).to_string();
    let rate = |f: &'static str, name: &str| {
        Q::call(f, vec![selector(&b, m, name, &s.matchers).range(&over)])
    };
    match &s.condition {
        Condition::Gauge => {
            let op = match (s.op, &m.count) {
                // A derived count: the nodes' counts combine as the schema says.
                (_, Some(c)) if c.across_nodes == FoldOp::Sum => "sum",
                (CompareOp::Lt | CompareOp::Le, _) => "min",
                _ => "max",
            };
            cmp(agg(
                &b,
                op,
                &s.by,
                selector(&b, m, &m.exposed, &s.matchers).q(),
            ))
        }
        Condition::Rate => cmp(agg(&b, "sum", &s.by, rate("rate", &m.exposed))),
        Condition::Increase => cmp(agg(&b, "sum", &s.by, rate("increase", &m.exposed))),
        Condition::Quantile { quantile } => {
            let mut by = vec!["le".to_string()];
            by.extend(s.by.clone().unwrap_or_default());
            let buckets = match recorded_buckets(schema, m, s, &over) {
                Some(recorded) => b.agg("sum", &by, Selector::new(recorded).q()),
                None => {
                    let bucket = m
                        .series_name(SeriesKind::Bucket)
                        .unwrap_or_else(|| m.exposed.clone());
                    b.agg("sum", &by, rate("rate", &bucket))
                }
            };
            cmp(Q::call(
                "histogram_quantile",
                vec![Q::Num(*quantile), buckets],
            ))
        }
        Condition::Ratio { denominator } => {
            let den = match schema.metric(denominator) {
                Some(d) => b.series(d, &d.exposed, Level::Summary),
                None => Selector::new(denominator),
            };
            let by = Some(s.by.clone().unwrap_or_default());
            let num = agg(&b, "sum", &by, rate("rate", &m.exposed));
            let den = agg(&b, "sum", &by, Q::call("rate", vec![den.range(&over)]));
            cmp(num.op("/", den))
        }
        Condition::Absent => absent(schema, &b, selector(&b, m, &m.exposed, &s.matchers)),
    }
}

/// `absent(x)` fires only when no cluster reports `x`; with a cluster label the alert also fires,
/// with that label, for a cluster that reported `x` in the last hour and no longer does.
fn absent(schema: &Schema, b: &Builder, sel: Selector) -> String {
    let none = Q::call("absent", vec![sel.clone().q()]);
    if schema.cluster_label.is_none() {
        return none.to_string();
    }
    let lately = Q::call("last_over_time", vec![sel.clone().range("1h")]);
    let before = b.agg("group", &[], lately);
    let now = b.agg("group", &[], sel.q());
    none.op("or", before.op("unless", now)).to_string()
}
