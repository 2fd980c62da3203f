//! An alert's condition: a raw `expr`, or a structured `metric` + `condition` whose parts
//! (range, aggregation, matchers, comparison, threshold) must fit the metric.

use std::ops::Range;

use super::names::is_duration;
use super::{did_you_mean, Validator};
use crate::model::*;
use crate::parse::{RawAlert, Spanned};

/// What a raw `expr` writes for the scrape job's name.
pub const JOB_VARIABLE: &str = "$job";

/// A checked condition and the span diagnostics about its PromQL point at.
pub(super) struct CheckedExpr {
    pub expr: AlertExpr,
    pub span: Range<usize>,
}

impl Validator<'_> {
    pub(super) fn alert_expr(
        &mut self,
        a: &RawAlert,
        schema: &Schema,
        n: &str,
    ) -> Option<CheckedExpr> {
        match (&a.expr, &a.metric) {
            (Some(e), None) => self.raw_expr(a, e, &schema.job, n),
            (Some(e), Some(_)) => {
                self.sink.error(
                    e.span.clone(),
                    format!("alert `{n}` has both `expr` and `metric`"),
                    "use either a raw `expr` or the structured `metric` + `condition`",
                );
                None
            }
            (None, None) => {
                self.sink.error(a.span.start..a.span.start, format!("alert `{n}` has no condition"), "add `metric = \"...\"` and `condition = \"gauge\"` (or rate, increase, quantile, ratio, absent), or a raw `expr = \"...\"`");
                None
            }
            (None, Some(metric)) => self.structured(a, metric, schema, n),
        }
    }

    /// A raw `expr`; `$job` in it is the summary level's scrape job (`[schema] job`), so a team
    /// that renames its job changes one key, not every expression.
    fn raw_expr(
        &mut self,
        a: &RawAlert,
        e: &Spanned<String>,
        job: &str,
        n: &str,
    ) -> Option<CheckedExpr> {
        let structured_keys = [
            ("condition", a.condition.is_some()),
            ("over", a.over.is_some()),
            ("by", a.by.is_some()),
            ("matchers", a.matchers.is_some()),
            ("quantile", a.quantile.is_some()),
            ("denominator", a.denominator.is_some()),
            ("op", a.op.is_some()),
            ("threshold", a.threshold.is_some()),
        ];
        if let Some((k, _)) = structured_keys.iter().find(|(_, set)| *set) {
            self.sink.error(
                e.span.clone(),
                format!("alert `{n}` has a raw `expr` and the structured key `{k}`"),
                "use either `expr` alone or `metric` with `condition`",
            );
            return None;
        }
        if e.value.trim().is_empty() {
            self.sink.error(
                e.span.clone(),
                "alert expression is empty",
                "write the PromQL condition",
            );
            return None;
        }
        Some(CheckedExpr {
            expr: AlertExpr::Raw(e.value.trim().replace(JOB_VARIABLE, job)),
            span: e.span.clone(),
        })
    }

    fn structured(
        &mut self,
        a: &RawAlert,
        metric: &Spanned<String>,
        schema: &Schema,
        n: &str,
    ) -> Option<CheckedExpr> {
        let Some(m) = schema.metric(&metric.value) else {
            let hint = did_you_mean(
                &metric.value,
                schema.metrics.iter().map(|m| m.name.as_str()),
            );
            self.sink.error(
                metric.span.clone(),
                format!("alert `{n}` watches unknown metric `{}`", metric.value),
                format!("{hint}use a [[metric]] name"),
            );
            return None;
        };
        let Some(summary_labels) = m.labels_at(Level::Summary) else {
            self.sink.error(
                metric.span.clone(),
                format!("alert `{n}` watches `{}`, which has no series at the summary level", m.name),
                "alerts read the summary level: give the metric a summary (remove `summary = \"none\"`), or write a raw `expr` over a metric that has one",
            );
            return None;
        };
        let cond = self.required(
            &a.condition,
            &a.span,
            "structured [[alert]]",
            "condition",
            "\"gauge\"",
        )?;
        let condition = self.condition(a, cond, schema)?;
        let mut ok = true;
        if !m.kind.fits(condition.kind()) {
            self.sink.error(
                cond.span.clone(),
                format!(
                    "condition `{}` does not apply to {} `{}`",
                    cond.value, m.kind, m.name
                ),
                "gauge → gauges; rate, increase, ratio → counters; quantile → histograms",
            );
            ok = false;
        }
        if condition.kind().needs_range() {
            ok &= self.range(a, cond);
        }
        let by = self.by(a, m, &summary_labels, schema, n);
        let matchers = self.matchers(a, m, &summary_labels, schema);
        let op = match &a.op {
            None => Some(CompareOp::Gt),
            Some(o) => self.word::<CompareOp>(o, "comparison", "op"),
        };
        let threshold = self.threshold(a, cond, &condition, m, n);
        if let (Some(t), Some(threshold)) = (&a.threshold, threshold) {
            self.threshold_warnings(t, threshold, &condition, m);
        }
        if !ok {
            return None;
        }
        Some(CheckedExpr {
            expr: AlertExpr::Structured(StructuredAlert {
                metric: m.name.clone(),
                condition,
                over: a.over.as_ref().map(|o| o.value.clone()),
                by: by?,
                matchers: matchers?,
                op: op?,
                threshold: threshold?,
            }),
            span: metric.span.clone(),
        })
    }

    /// The condition word and the keys it needs (`quantile`, `denominator`).
    fn condition(
        &mut self,
        a: &RawAlert,
        cond: &Spanned<String>,
        schema: &Schema,
    ) -> Option<Condition> {
        let kind = self.word::<ConditionKind>(cond, "alert condition", "condition")?;
        Some(match kind {
            ConditionKind::Gauge => Condition::Gauge,
            ConditionKind::Rate => Condition::Rate,
            ConditionKind::Increase => Condition::Increase,
            ConditionKind::Absent => Condition::Absent,
            ConditionKind::Quantile => match &a.quantile {
                Some(q) if q.value > 0.0 && q.value < 1.0 => {
                    Condition::Quantile { quantile: q.value }
                }
                Some(q) => {
                    self.sink.error(
                        q.span.clone(),
                        "quantile must be between 0 and 1",
                        "e.g. quantile = 0.99",
                    );
                    return None;
                }
                None => {
                    self.sink.error(
                        cond.span.clone(),
                        "a quantile alert needs `quantile`",
                        "add `quantile = 0.99`",
                    );
                    return None;
                }
            },
            ConditionKind::Ratio => {
                let Some(d) = &a.denominator else {
                    self.sink.error(
                        cond.span.clone(),
                        "a ratio alert needs `denominator`",
                        "add `denominator = \"rpc_calls_total\"`",
                    );
                    return None;
                };
                match schema.metric(&d.value) {
                    Some(dm) if dm.kind == MetricType::Counter => Condition::Ratio {
                        denominator: d.value.clone(),
                    },
                    Some(_) => {
                        self.sink.error(
                            d.span.clone(),
                            format!("denominator `{}` is not a counter", d.value),
                            "a ratio alert divides the rates of two counters",
                        );
                        return None;
                    }
                    None => {
                        self.sink.error(
                            d.span.clone(),
                            format!("denominator `{}` is not a metric of the schema", d.value),
                            "use a counter's [[metric]] name",
                        );
                        return None;
                    }
                }
            }
        })
    }

    /// `over = "5m"` for conditions over a range.
    fn range(&mut self, a: &RawAlert, cond: &Spanned<String>) -> bool {
        match &a.over {
            Some(o) if is_duration(&o.value) => true,
            Some(o) => {
                self.sink.error(
                    o.span.clone(),
                    format!("`over` value `{}` is not a duration", o.value),
                    "e.g. over = \"5m\"",
                );
                false
            }
            None => {
                self.sink.error(
                    cond.span.clone(),
                    format!("condition `{}` needs a range", cond.value),
                    "add `over = \"5m\"`",
                );
                false
            }
        }
    }

    /// `by = [...]`: labels the metric keeps at the summary level (which alerts read), or
    /// ambient ones (constant, target, cluster).
    fn by(
        &mut self,
        a: &RawAlert,
        m: &Metric,
        labels: &[String],
        schema: &Schema,
        n: &str,
    ) -> Option<Option<Vec<String>>> {
        let Some(b) = &a.by else {
            return Some(None);
        };
        let ambient = schema.ambient_labels();
        let mut ok = true;
        for l in b
            .value
            .iter()
            .filter(|l| !labels.contains(&l.value) && !ambient.contains(&l.value))
        {
            let (message, help) = missing_at_summary(m, labels, &l.value);
            self.sink.error(
                l.span.clone(),
                format!("alert `{n}` aggregates by `{}`, {message}", l.value),
                help,
            );
            ok = false;
        }
        ok.then(|| Some(b.value.iter().map(|l| l.value.clone()).collect()))
    }

    /// `matchers = { label = "value" }`: labels the metric keeps at the summary level; enum
    /// values must exist.
    fn matchers(
        &mut self,
        a: &RawAlert,
        m: &Metric,
        labels: &[String],
        schema: &Schema,
    ) -> Option<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (k, v) in a.matchers.iter().flat_map(|ms| &ms.value) {
            match schema.label(&k.value).filter(|_| labels.contains(&k.value)) {
                Some(l) => {
                    if let Some(values) = l
                        .enum_values()
                        .filter(|vs| !vs.iter().any(|x| x.value == v.value))
                    {
                        let list: Vec<&str> = values.iter().map(|x| x.value.as_str()).collect();
                        self.sink.error(
                            v.span.clone(),
                            format!("`{}` is not a value of label `{}`", v.value, k.value),
                            format!("values: {}", list.join(", ")),
                        );
                        ok = false;
                    }
                }
                None => {
                    let (message, help) = missing_at_summary(m, labels, &k.value);
                    self.sink.error(
                        k.span.clone(),
                        format!("alert matches on `{}`, {message}", k.value),
                        help,
                    );
                    ok = false;
                }
            }
            out.push((k.value.clone(), v.value.clone()));
        }
        ok.then_some(out)
    }

    /// A finite threshold in the metric's unit; absent alerts have none.
    fn threshold(
        &mut self,
        a: &RawAlert,
        cond: &Spanned<String>,
        condition: &Condition,
        m: &Metric,
        n: &str,
    ) -> Option<f64> {
        match (&a.threshold, condition) {
            (None, Condition::Absent) => Some(0.0),
            (Some(t), Condition::Absent) => {
                self.sink.error(
                    t.span.clone(),
                    "an absent alert has no threshold",
                    "remove `threshold`",
                );
                None
            }
            (Some(t), _) if t.value.is_finite() => Some(t.value),
            (Some(t), _) => {
                self.sink.error(
                    t.span.clone(),
                    "threshold must be a finite number",
                    "write a number in the metric's unit",
                );
                None
            }
            (None, _) => {
                self.sink.error(
                    cond.span.clone(),
                    format!("alert `{n}` has no threshold"),
                    format!("add `threshold = N` in the metric's unit ({})", m.unit),
                );
                None
            }
        }
    }

    /// Thresholds that are probably mistakes: off a quantile's bucket edges, or in the wrong
    /// scale (the PromQL check leaves structured alerts' thresholds to this one warning).
    fn threshold_warnings(
        &mut self,
        t: &Spanned<f64>,
        threshold: f64,
        condition: &Condition,
        m: &Metric,
    ) {
        let on_edge = m
            .buckets
            .iter()
            .any(|b| (*b - threshold).abs() <= f64::EPSILON * b.abs().max(1.0));
        if matches!(condition, Condition::Quantile { .. }) && !on_edge {
            self.sink.warning(
                t.span.clone(),
                format!(
                    "threshold {} of a quantile alert is not a bucket edge of `{}`",
                    t.value, m.name
                ),
                "add the threshold to the histogram's buckets so the quantile is exact there",
            );
        }
        let is_rate = matches!(
            condition,
            Condition::Rate | Condition::Increase | Condition::Ratio { .. }
        );
        if let Some(meant) = m.unit.rescaled_threshold(threshold).filter(|_| !is_rate) {
            self.sink.warning(
                t.span.clone(),
                format!(
                    "threshold {threshold} on {} metric `{}` looks like the wrong scale",
                    m.unit, m.name
                ),
                format!("thresholds are in the metric's unit: did you mean {meant}?"),
            );
        }
    }
}

/// Why `label` is not there for an alert, which reads the summary level: folded there, or not a
/// label of the metric at all.
fn missing_at_summary(m: &Metric, labels: &[String], label: &str) -> (String, String) {
    let kept = if labels.is_empty() {
        "none".to_string()
    } else {
        labels.join(", ")
    };
    if m.has_label(label) {
        (
            format!(
                "which `{}` folds at the summary level that alerts read",
                m.name
            ),
            format!("use the labels it keeps there ({kept}), or keep `{label}` in its `summary`"),
        )
    } else {
        (
            format!("which metric `{}` does not have", m.name),
            format!("labels of `{}` at the summary level: {kept}", m.name),
        )
    }
}
