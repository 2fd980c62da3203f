//! Static checks of PromQL against the schema: every metric, label, enum value, function and
//! aggregation in an expression must make sense for the metrics it names. Expressions are
//! parsed with `promql-parser`; Grafana variables are substituted first.

use std::collections::BTreeSet;
use std::time::Duration;

use promql_parser::label::MatchOp;
use promql_parser::parser::{self, Expr, LabelModifier, VectorSelector};

use crate::diag::suggest;
use crate::model::*;

/// What an expression is part of, which changes a few rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// An alert or recording rule.
    Rule,
    /// A Grafana panel query: variables allowed, rate ranges must be `$__rate_interval`.
    Dashboard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub error: bool,
    pub message: String,
    pub help: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            if self.error { "error" } else { "warning" },
            self.message
        )?;
        if !self.help.is_empty() {
            write!(f, " (help: {})", self.help)?;
        }
        Ok(())
    }
}

/// Stands in for `$__rate_interval` while parsing; any other range in a dashboard is flagged.
const RATE_INTERVAL_SENTINEL: Duration = Duration::from_secs(7777);
const VAR_PREFIX: &str = "__grafana_var_";

/// Replace Grafana variables with parseable stand-ins.
pub fn substitute_variables(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut rest = expr;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (braced, body) = match after.strip_prefix('{') {
            Some(b) => (true, b),
            None => (false, after),
        };
        let len = body
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
            .map_or(body.len(), |(j, _)| j);
        let name = &body[..len];
        let consumed = if braced {
            let close = body[len..].find('}').map_or(len, |j| len + j + 1);
            1 + close
        } else {
            len
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
            continue;
        }
        match name {
            "__rate_interval" => out.push_str("7777s"),
            "__interval" | "__range" => out.push_str("5m"),
            "__interval_ms" | "__range_ms" => out.push_str("300000"),
            "__range_s" | "__interval_s" => out.push_str("300"),
            _ => {
                out.push_str(VAR_PREFIX);
                out.push_str(name);
            }
        }
        rest = &after[consumed..];
    }
    out.push_str(rest);
    out
}

/// Check one expression. Returns every finding; an empty list means it is valid.
pub fn check(schema: &Schema, expr: &str, ctx: Context) -> Vec<Finding> {
    let text = if ctx == Context::Dashboard {
        substitute_variables(expr)
    } else {
        expr.to_string()
    };
    let mut c = Checker {
        schema,
        ctx,
        findings: Vec::new(),
    };
    match parser::parse(&text) {
        Ok(ast) => {
            c.walk(&ast, &Frame::default());
        }
        Err(e) => c.error(
            format!("does not parse as PromQL: {}", e.trim()),
            "fix the expression's syntax",
        ),
    }
    c.findings
}

/// What the enclosing expressions are: the function the selector feeds, and whether a
/// `histogram_quantile` sits above with the aggregations on the way.
#[derive(Clone, Default)]
struct Frame {
    func: Option<&'static str>,
    /// Inside `histogram_quantile`; every aggregation on the way must keep `le`.
    in_quantile: bool,
    le_dropped: bool,
    /// Inside a comparison with a number.
    compared_to: Option<f64>,
}

struct Checker<'a> {
    schema: &'a Schema,
    ctx: Context,
    findings: Vec<Finding>,
}

/// Labels an expression's result carries; `None` for scalars and what cannot be known.
type LabelSet = Option<BTreeSet<String>>;

const RATE_FUNCS: &[&str] = &["rate", "irate", "increase"];
const COUNTER_OK_FUNCS: &[&str] = &[
    "rate",
    "irate",
    "increase",
    "resets",
    "absent",
    "absent_over_time",
    "count_over_time",
    "present_over_time",
    "timestamp",
    "changes",
];

impl Checker<'_> {
    fn error(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: true,
            message: message.into(),
            help: help.into(),
        });
    }

    fn warn(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: false,
            message: message.into(),
            help: help.into(),
        });
    }

    fn walk(&mut self, e: &Expr, f: &Frame) -> LabelSet {
        match e {
            Expr::Aggregate(a) => {
                let mut inner = f.clone();
                inner.func = None;
                let op = a.op.to_string();
                if let Some(p) = &a.param {
                    self.walk(p, &Frame::default());
                }
                let keeps_le = match &a.modifier {
                    Some(LabelModifier::Include(l)) => l.labels.iter().any(|x| x == "le"),
                    Some(LabelModifier::Exclude(l)) => !l.labels.iter().any(|x| x == "le"),
                    None => false,
                };
                if f.in_quantile && !keeps_le {
                    inner.le_dropped = true;
                }
                let input = self.walk(&a.expr, &inner);
                match &a.modifier {
                    Some(LabelModifier::Include(l)) => {
                        self.check_grouping(&op, "by", &l.labels, &input);
                        Some(l.labels.iter().cloned().collect())
                    }
                    Some(LabelModifier::Exclude(l)) => {
                        self.check_grouping(&op, "without", &l.labels, &input);
                        input.map(|s| s.into_iter().filter(|x| !l.labels.contains(x)).collect())
                    }
                    None => Some(BTreeSet::new()),
                }
            }
            Expr::Unary(u) => self.walk(&u.expr, f),
            Expr::Paren(p) => self.walk(&p.expr, f),
            Expr::Subquery(s) => self.walk(&s.expr, f),
            Expr::NumberLiteral(_) | Expr::StringLiteral(_) => None,
            Expr::Binary(b) => {
                let op = b.op.to_string();
                let comparison = matches!(op.as_str(), ">" | "<" | ">=" | "<=" | "==" | "!=");
                let num = |x: &Expr| match x {
                    Expr::NumberLiteral(n) => Some(n.val),
                    _ => None,
                };
                let mut lf = f.clone();
                let mut rf = f.clone();
                if comparison {
                    lf.compared_to = num(&b.rhs);
                    rf.compared_to = num(&b.lhs);
                }
                let l = self.walk(&b.lhs, &lf);
                let r = self.walk(&b.rhs, &rf);
                if let Some(m) = b.modifier.as_ref().and_then(|m| m.matching.as_ref()) {
                    let kw = if m.is_include() { "on" } else { "ignoring" };
                    for label in &m.labels().labels {
                        for (side, set) in [("left", &l), ("right", &r)] {
                            if let Some(set) = set {
                                if !set.contains(label) {
                                    self.error(
                                        format!("`{kw}({label})`: the {side} side of `{op}` has no label `{label}`"),
                                        format!("labels there: {}", set.iter().cloned().collect::<Vec<_>>().join(", ")),
                                    );
                                }
                            }
                        }
                    }
                    if m.is_include() {
                        return Some(m.labels().labels.iter().cloned().collect());
                    }
                }
                l.or(r)
            }
            Expr::VectorSelector(vs) => self.selector(vs, f),
            Expr::MatrixSelector(ms) => {
                if self.ctx == Context::Dashboard
                    && RATE_FUNCS.contains(&f.func.unwrap_or(""))
                    && ms.range != RATE_INTERVAL_SENTINEL
                {
                    self.error(
                        format!(
                            "range [{}] in a dashboard query",
                            promql_parser::util::duration::display_duration(&ms.range)
                        ),
                        "use [$__rate_interval], which adapts to the scrape interval and zoom",
                    );
                }
                self.selector(&ms.vs, f)
            }
            Expr::Call(c) => {
                let name = c.func.name;
                if name == "histogram_quantile" {
                    if let Some(q) = c.args.args.first() {
                        self.walk(q, &Frame::default());
                    }
                    let inner = Frame {
                        func: None,
                        in_quantile: true,
                        le_dropped: false,
                        compared_to: f.compared_to,
                    };
                    let out = c
                        .args
                        .args
                        .get(1)
                        .map(|a| self.walk(a, &inner))
                        .unwrap_or(None);
                    return out.map(|s| s.into_iter().filter(|x| x != "le").collect());
                }
                let mut out = None;
                for (i, a) in c.args.args.iter().enumerate() {
                    let mut inner = f.clone();
                    inner.func = Some(name);
                    let labels = self.walk(a, &inner);
                    if i == 0 || out.is_none() {
                        out = out.or(labels);
                    }
                }
                match name {
                    "absent" | "absent_over_time" | "vector" | "time" | "scalar" => None,
                    "label_replace" => {
                        if let (Some(mut set), Some(Expr::StringLiteral(dst))) =
                            (out.clone(), c.args.args.get(1).map(|b| &**b))
                        {
                            set.insert(dst.val.clone());
                            return Some(set);
                        }
                        out
                    }
                    _ => out,
                }
            }
            Expr::Extension(_) => None,
        }
    }

    fn check_grouping(&mut self, op: &str, kw: &str, labels: &[String], input: &LabelSet) {
        let Some(input) = input else { return };
        for l in labels {
            if !input.contains(l) {
                let hint = suggest(l, input.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.error(
                    format!("`{op} {kw} ({l})`: the aggregated series have no label `{l}`"),
                    format!(
                        "{hint}labels there: {}",
                        input.iter().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    }

    fn selector(&mut self, vs: &VectorSelector, f: &Frame) -> LabelSet {
        let name = vs.name.clone().or_else(|| {
            vs.matchers
                .matchers
                .iter()
                .find(|m| m.name == "__name__" && matches!(m.op, MatchOp::Equal))
                .map(|m| m.value.clone())
        });
        let Some(name) = name else {
            self.warn(
                "selector without a metric name is not checked",
                "select a metric by name",
            );
            return None;
        };
        let schema = self.schema;
        if SCRAPE_SERIES.contains(&name.as_str()) {
            return self.scrape_selector(&name, vs, f);
        }
        let Some((metric, kind)) = schema.resolve_series(&name) else {
            self.unknown_metric(&name);
            return None;
        };
        // Labels.
        let mut allowed: BTreeSet<String> = metric.labels.iter().cloned().collect();
        allowed.extend(schema.ambient_labels());
        if kind == SeriesKind::Bucket {
            allowed.insert("le".into());
        }
        for m in &vs.matchers.matchers {
            if m.name == "__name__" {
                continue;
            }
            if !allowed.contains(&m.name) {
                let hint = suggest(&m.name, allowed.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`? "))
                    .unwrap_or_default();
                self.error(
                    format!("`{name}` has no label `{}`", m.name),
                    format!(
                        "{hint}its labels: {}",
                        allowed.iter().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
            let is_var = m.value.contains(VAR_PREFIX);
            if is_var && matches!(m.op, MatchOp::Equal | MatchOp::NotEqual) {
                let var = m.value.replace(VAR_PREFIX, "$");
                self.error(
                    format!("`{}{}\"{var}\"` compares a multi-value variable with `{}`", m.name, m.op, m.op),
                    format!("use `{}=~\"{var}\"`: with `=`, \"All\" and multiple selections match nothing", m.name),
                );
            }
            if let (Some(values), MatchOp::Equal | MatchOp::NotEqual, false) = (
                schema.label(&m.name).and_then(|l| l.enum_values()),
                &m.op,
                is_var,
            ) {
                if !values.iter().any(|v| v.value == m.value) {
                    self.error(
                        format!(
                            "`{}=\"{}\"` can never match: `{}` takes {}",
                            m.name,
                            m.value,
                            m.name,
                            values
                                .iter()
                                .map(|v| format!("\"{}\"", v.value))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        "use one of the label's values",
                    );
                }
            }
        }
        // Functions.
        let func = f.func.unwrap_or("");
        let is_counterish = metric.kind == MetricType::Counter
            || (metric.kind == MetricType::Histogram && kind != SeriesKind::Value);
        if RATE_FUNCS.contains(&func) && !is_counterish {
            self.error(
                format!("`{func}()` over gauge `{name}`"),
                "rates are for counters and histogram series; for a gauge use deriv() or delta(), or the value itself",
            );
        }
        if is_counterish && !COUNTER_OK_FUNCS.contains(&func) {
            let msg = format!("counter `{name}` is used without rate(), irate() or increase()");
            let help = "a raw counter only grows and resets on restart; graph or alert on its rate";
            if self.ctx == Context::Dashboard {
                self.error(msg, help);
            } else {
                self.warn(msg, help);
            }
        }
        if f.in_quantile {
            if kind != SeriesKind::Bucket {
                self.error(
                    format!("histogram_quantile() over `{name}`, which is not a histogram's `_bucket` series"),
                    match metric.kind {
                        MetricType::Histogram => format!("use `{}`", metric.series_name(SeriesKind::Bucket).unwrap_or_default()),
                        _ => format!("`{}` is a {}; quantiles need a histogram", metric.name, metric.kind.as_str()),
                    },
                );
            } else if f.le_dropped {
                self.error(
                    format!(
                        "histogram_quantile() over `{name}` after an aggregation that drops `le`"
                    ),
                    "aggregate with `sum by (le, ...)` so the buckets survive",
                );
            }
        }
        // Thresholds in the metric's unit.
        if let Some(t) = f.compared_to {
            // A quantile is in the histogram's unit; a gauge's value is in its own.
            let value_unit = (kind == SeriesKind::Bucket && f.in_quantile)
                || (kind == SeriesKind::Value && !RATE_FUNCS.contains(&func));
            if value_unit && metric.unit == Unit::Seconds && t > 100.0 {
                self.warn(
                    format!("`{name}` is in seconds but is compared with {t}"),
                    format!(
                        "thresholds are in the metric's unit: did you mean {}?",
                        t / 1000.0
                    ),
                );
            }
            if value_unit && metric.unit == Unit::Ratio && t > 1.0 {
                self.warn(
                    format!("`{name}` is a ratio (0..1) but is compared with {t}"),
                    format!("did you mean {}?", t / 100.0),
                );
            }
        }
        let mut out = allowed;
        if kind != SeriesKind::Bucket {
            out.remove("le");
        }
        Some(out)
    }

    /// `up` and the other per-target series: only target labels, and they are gauges.
    fn scrape_selector(&mut self, name: &str, vs: &VectorSelector, f: &Frame) -> LabelSet {
        let allowed: BTreeSet<String> = self.schema.target_labels().into_iter().collect();
        for m in &vs.matchers.matchers {
            if m.name != "__name__" && !allowed.contains(&m.name) {
                self.error(
                    format!("`{name}` has no label `{}`", m.name),
                    format!(
                        "Prometheus records `{name}` per scrape target, with only its target labels: {}",
                        allowed.iter().cloned().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
        let func = f.func.unwrap_or("");
        if RATE_FUNCS.contains(&func) {
            self.error(
                format!("`{func}()` over gauge `{name}`"),
                "rates are for counters; use the value itself, or avg_over_time()",
            );
        }
        Some(allowed)
    }

    fn unknown_metric(&mut self, name: &str) {
        let schema = self.schema;
        let bare = |n: &str| {
            for s in ["_bucket", "_sum", "_count"] {
                if let Some(b) = n.strip_suffix(s) {
                    return (b.to_string(), s);
                }
            }
            (n.to_string(), "")
        };
        let (base, suffix) = bare(name);
        if let Some(new) = schema
            .renamed_from(name)
            .or_else(|| schema.renamed_from(&base))
            .or_else(|| schema.renamed_from(&format!("{name}_total")))
        {
            let unit = match &new.old_unit {
                Some(u) => format!(
                    "; its unit changed from {u} to {} (rescale thresholds: 500 ms is 0.5 s)",
                    new.unit.as_str()
                ),
                None => "; same unit".to_string(),
            };
            let target = if suffix.is_empty() || new.kind != MetricType::Histogram {
                new.series()
                    .first()
                    .map(|s| s.name.clone())
                    .unwrap_or_default()
            } else {
                format!("{}{suffix}", new.exposed)
            };
            self.error(
                format!("`{name}` is the old name of `{target}`{unit}"),
                format!(
                    "replace `{name}` with `{target}` ({} {})",
                    new.kind.as_str(),
                    new.name
                ),
            );
            return;
        }
        if let Some(m) = schema.metric(&format!(
            "{}_total",
            name.strip_prefix(&format!("{}_", schema.namespace))
                .unwrap_or(name)
        )) {
            self.error(
                format!("counter `{name}` is exposed as `{}`", m.exposed),
                format!("use `{}`", m.exposed),
            );
            return;
        }
        if !suffix.is_empty() {
            if let Some((m, _)) = schema.resolve_series(&base) {
                self.error(
                    format!(
                        "`{name}`: only histograms have `{suffix}` series, and `{base}` is a {}",
                        m.kind.as_str()
                    ),
                    format!("use `{base}`"),
                );
                return;
            }
        }
        let all: Vec<String> = schema
            .metrics
            .iter()
            .flat_map(|m| m.series().into_iter().map(|s| s.name))
            .collect();
        let hint = suggest(name, all.iter().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "see docs/METRICS.md for the metrics that exist".into());
        self.error(
            format!("unknown metric `{name}`: the schema defines no such series"),
            hint,
        );
    }
}

/// What an expression refers to: series names, label names (in matchers and in by / without /
/// on / ignoring), and literal matcher values. Grafana variables are substituted first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct References {
    pub series: BTreeSet<String>,
    pub labels: BTreeSet<String>,
    /// (label, value) of `=`, `!=`, `=~` and `!~` matchers.
    pub matchers: BTreeSet<(String, String)>,
}

/// `None` when the expression does not parse.
pub fn references(expr: &str) -> Option<References> {
    let parsed = parser::parse(&substitute_variables(expr)).ok()?;
    let mut r = References::default();
    collect_references(&parsed, &mut r);
    Some(r)
}

fn collect_references(e: &Expr, r: &mut References) {
    let labels = |r: &mut References, ls: &[String]| r.labels.extend(ls.iter().cloned());
    match e {
        Expr::Aggregate(a) => {
            match &a.modifier {
                Some(LabelModifier::Include(l)) | Some(LabelModifier::Exclude(l)) => {
                    labels(r, &l.labels)
                }
                None => {}
            }
            if let Some(p) = &a.param {
                collect_references(p, r);
            }
            collect_references(&a.expr, r);
        }
        Expr::Unary(u) => collect_references(&u.expr, r),
        Expr::Paren(p) => collect_references(&p.expr, r),
        Expr::Subquery(s) => collect_references(&s.expr, r),
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::Extension(_) => {}
        Expr::Binary(b) => {
            if let Some(m) = b.modifier.as_ref().and_then(|m| m.matching.as_ref()) {
                labels(r, &m.labels().labels);
            }
            collect_references(&b.lhs, r);
            collect_references(&b.rhs, r);
        }
        Expr::VectorSelector(vs) => selector_references(vs, r),
        Expr::MatrixSelector(ms) => selector_references(&ms.vs, r),
        Expr::Call(c) => {
            for a in &c.args.args {
                collect_references(a, r);
            }
        }
    }
}

fn selector_references(vs: &VectorSelector, r: &mut References) {
    if let Some(n) = &vs.name {
        r.series.insert(n.clone());
    }
    for m in &vs.matchers.matchers {
        if m.name == "__name__" {
            if matches!(m.op, MatchOp::Equal) {
                r.series.insert(m.value.clone());
            }
            continue;
        }
        r.labels.insert(m.name.clone());
        r.matchers.insert((m.name.clone(), m.value.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_grafana_variables() {
        assert_eq!(
            substitute_variables("rate(x{topic=~\"$topic\", node=~\"${node}\"}[$__rate_interval])"),
            "rate(x{topic=~\"__grafana_var_topic\", node=~\"__grafana_var_node\"}[7777s])"
        );
        assert_eq!(substitute_variables("a $ b"), "a $ b");
    }
}
