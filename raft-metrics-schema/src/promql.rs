//! Static checks of PromQL against the schema: every metric, label, enum value, function and
//! aggregation in an expression must make sense for the metrics it names. Expressions are
//! parsed with `promql-parser`; Grafana variables are substituted first.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use promql_parser::label::MatchOp;
use promql_parser::parser::{self, Expr, LabelModifier, VectorSelector};

use crate::diag::suggest;
use crate::grafana::{self, RangeVar, Substituted, VAR_PREFIX};
use crate::model::*;

/// What an expression is part of, which changes a few rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// An alert or recording rule.
    Rule,
    /// The expression of a structured alert: as `Rule`, but its threshold's scale was checked
    /// in validation, at the threshold's own line.
    Structured,
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

/// What a lint run knows beyond the schema: the series that recording rules record, and the
/// variables of the dashboard being checked.
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub recorded: BTreeMap<String, Recorded>,
    /// A dashboard's variables by name; `None` when not known, and then every variable is taken
    /// to be multi-value.
    pub variables: Option<BTreeMap<String, DashVar>>,
}

/// A series recorded by a `record:` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The labels its expression keeps; `None` when they cannot be known.
    pub labels: Option<BTreeSet<String>>,
    /// It records a raw counter (aggregated, not rated), so it still needs rate().
    pub counter: bool,
}

impl Recorded {
    /// Buckets of a histogram, kept by `le`, so histogram_quantile() can read it.
    fn is_buckets(&self) -> bool {
        self.labels.as_ref().is_some_and(|l| l.contains("le"))
    }
}

/// A dashboard variable, as far as the checks need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashVar {
    /// `multi` or `includeAll`: it can stand for several values, so needs `=~`.
    pub multi: bool,
}

/// Check one expression. Returns every finding; an empty list means it is valid.
pub fn check(schema: &Schema, expr: &str, ctx: Context) -> Vec<Finding> {
    check_with(schema, expr, ctx, &Known::default())
}

/// Check one expression, knowing recorded series and the dashboard's variables.
pub fn check_with(schema: &Schema, expr: &str, ctx: Context, known: &Known) -> Vec<Finding> {
    let mut c = Checker::new(schema, ctx, known, expr);
    match c.parse(expr) {
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

/// What an expression's result is (what a recording rule records); `None` when it does not
/// parse.
pub fn shape(schema: &Schema, expr: &str, ctx: Context, known: &Known) -> Option<Recorded> {
    let mut c = Checker::new(schema, ctx, known, expr);
    let ast = c.parse(expr).ok()?;
    let labels = c.walk(&ast, &Frame::default());
    Some(Recorded {
        labels,
        counter: c.raw_counter(&ast),
    })
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
    known: &'a Known,
    /// The expression with Grafana variables replaced (rules are taken as written).
    sub: Substituted,
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

/// Functions Prometheus 2 (Debian's 2.42 among them) knows by a name the parser does not: the
/// expression with them renamed, if it uses any. Quoted strings are left alone.
fn prometheus2_names(text: &str) -> Option<String> {
    const RENAMED: &[(&str, &str)] = &[("holt_winters", "double_exponential_smoothing")];
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let ident_start = quote.is_none()
            && !out.ends_with(|p: char| p.is_ascii_alphanumeric() || p == '_' || p == ':');
        let renamed = RENAMED.iter().find(|(old, _)| {
            ident_start && rest.starts_with(old) && rest[old.len()..].trim_start().starts_with('(')
        });
        if let Some((old, new)) = renamed {
            out.push_str(new);
            rest = &rest[old.len()..];
            changed = true;
            continue;
        }
        match (quote, c) {
            (Some(q), '\\') if q != '`' => {
                let esc: String = rest.chars().take(2).collect();
                out.push_str(&esc);
                rest = &rest[esc.len()..];
                continue;
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'' | '`') => quote = Some(c),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

impl<'a> Checker<'a> {
    fn new(schema: &'a Schema, ctx: Context, known: &'a Known, expr: &str) -> Self {
        let sub = match ctx {
            Context::Dashboard => grafana::substitute(expr),
            Context::Rule | Context::Structured => Substituted::verbatim(expr),
        };
        Checker {
            schema,
            ctx,
            known,
            sub,
            findings: Vec::new(),
        }
    }

    /// Parse the expression. A variable stands for a label, a name or a value; where a number
    /// must stand (`topk($k, ...)`), the first reading fails and numbers are tried.
    fn parse(&mut self, expr: &str) -> Result<Expr, String> {
        if let Some(renamed) = prometheus2_names(&self.sub.text) {
            self.sub.text = renamed;
        }
        let first = parser::parse(&self.sub.text);
        if first.is_err() && self.ctx == Context::Dashboard {
            let numbers = grafana::substitute_numbers(expr);
            if let Ok(ast) = parser::parse(&numbers.text) {
                self.sub = numbers;
                return Ok(ast);
            }
        }
        first
    }

    /// Messages never show a variable's stand-in.
    fn error(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: true,
            message: grafana::restore(&message.into()),
            help: grafana::restore(&help.into()),
        });
    }

    fn warn(&mut self, message: impl Into<String>, help: impl Into<String>) {
        self.findings.push(Finding {
            error: false,
            message: grafana::restore(&message.into()),
            help: grafana::restore(&help.into()),
        });
    }

    /// Whether an expression's value is a raw counter: a counter (or recorded counter) under
    /// nothing but parentheses, sum/min/max and label rewrites.
    fn raw_counter(&self, e: &Expr) -> bool {
        match e {
            Expr::Paren(p) => self.raw_counter(&p.expr),
            Expr::Aggregate(a) => {
                matches!(a.op.to_string().as_str(), "sum" | "min" | "max")
                    && self.raw_counter(&a.expr)
            }
            Expr::Call(c) if matches!(c.func.name, "label_replace" | "label_join") => {
                c.args.args.first().is_some_and(|a| self.raw_counter(a))
            }
            Expr::VectorSelector(vs) => {
                let Some(name) = selector_name(vs) else {
                    return false;
                };
                if let Some(r) = self.known.recorded.get(&name) {
                    return r.counter;
                }
                self.schema
                    .resolve_series(&name)
                    .is_some_and(|(m, kind)| is_counterish(m, kind))
            }
            _ => false,
        }
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
                    // `ignoring` a label one side lacks is harmless; `on` one it lacks
                    // matches on an empty value, which is a mistake.
                    let labels = if m.is_include() {
                        &m.labels().labels[..]
                    } else {
                        &[]
                    };
                    for label in labels.iter().filter(|l| !is_var(l)) {
                        for (side, set) in [("left", &l), ("right", &r)] {
                            if let Some(set) = set {
                                if !set.contains(label) {
                                    let help = self.label_help(label, set);
                                    self.error(
                                        format!("`{kw}({label})`: the {side} side of `{op}` has no label `{label}`"),
                                        help,
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
                if self.ctx == Context::Dashboard && RATE_FUNCS.contains(&f.func.unwrap_or("")) {
                    self.dashboard_range(ms.range, f.func.unwrap_or(""));
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
        for l in labels.iter().filter(|l| !is_var(l)) {
            if !input.contains(l) {
                let help = self.label_help(l, input);
                self.error(
                    format!("`{op} {kw} ({l})`: the aggregated series have no label `{l}`"),
                    help,
                );
            }
        }
    }

    fn label_help(&self, label: &str, there: &BTreeSet<String>) -> String {
        missing_label_help(self.schema, label, there)
    }

    /// A range under rate(), irate() or increase() in a dashboard.
    fn dashboard_range(&mut self, range: Duration, func: &str) {
        match self.sub.range_var(range) {
            Some(RangeVar::RateInterval | RangeVar::Range | RangeVar::User(_)) => {}
            Some(RangeVar::Interval) => self.warn(
                format!("`{func}()` over [$__interval], which can be shorter than two scrapes"),
                "use [$__rate_interval]: at least four scrapes, so the rate never comes out empty",
            ),
            None => self.warn(
                format!(
                    "fixed range [{}] in a dashboard query",
                    promql_parser::util::duration::display_duration(&range)
                ),
                "use [$__rate_interval], which adapts to the scrape interval and zoom, or [$__range] for the whole time range",
            ),
        }
    }

    /// `=` or `!=` on a variable that can hold several values matches nothing for "All".
    fn check_variable_matchers(&mut self, vs: &VectorSelector) {
        for m in &vs.matchers.matchers {
            let Some(var) = m.value.strip_prefix(VAR_PREFIX) else {
                continue;
            };
            if !matches!(m.op, MatchOp::Equal | MatchOp::NotEqual) || var.starts_with("__") {
                continue;
            }
            let multi = match &self.known.variables {
                None => true,
                Some(vars) => match vars.get(var) {
                    Some(v) => v.multi,
                    None => {
                        self.warn(
                            format!("`${var}` is not a variable of this dashboard"),
                            "define it under templating, or fix its name",
                        );
                        false
                    }
                },
            };
            if multi {
                self.error(
                    format!("`{}{}\"${var}\"` compares a multi-value variable with `{}`", m.name, m.op, m.op),
                    format!("use `{}=~\"${var}\"`: with `=`, \"All\" and multiple selections match nothing", m.name),
                );
            }
        }
    }

    fn selector(&mut self, vs: &VectorSelector, f: &Frame) -> LabelSet {
        self.check_variable_matchers(vs);
        let Some(name) = selector_name(vs) else {
            self.warn(
                "selector without a metric name is not checked",
                "select a metric by name",
            );
            return None;
        };
        if is_var(&name) {
            return None;
        }
        let schema = self.schema;
        if SCRAPE_SERIES.contains(&name.as_str()) {
            return self.scrape_selector(&name, vs, f);
        }
        if ALERT_SERIES.contains(&name.as_str()) {
            // Any alert's labels, from any rule file: nothing to check them against.
            return None;
        }
        if let Some(r) = self.known.recorded.get(&name) {
            return self.recorded_selector(&name, r, vs, f);
        }
        // An old name is reported once; the rest is checked against its replacement.
        let resolved = schema.resolve_series(&name).or_else(|| {
            let replacement = self.unknown_metric(&name)?;
            schema.resolve_series(&replacement)
        });
        let (metric, kind) = resolved?;
        let name = metric.series_name(kind).unwrap_or(name);
        // Labels.
        let mut allowed: BTreeSet<String> = metric.labels.iter().cloned().collect();
        allowed.extend(schema.ambient_labels());
        if kind == SeriesKind::Bucket {
            allowed.insert("le".into());
        }
        self.check_matchers(&name, vs, &allowed);
        // Functions.
        let func = f.func.unwrap_or("");
        let is_counterish = is_counterish(metric, kind);
        if RATE_FUNCS.contains(&func) && !is_counterish {
            self.error(
                format!("`{func}()` over gauge `{name}`"),
                "rates are for counters and histogram series; for a gauge use deriv() or delta(), or the value itself",
            );
        }
        if is_counterish && !COUNTER_OK_FUNCS.contains(&func) {
            self.warn(
                format!("counter `{name}` is used without rate(), irate() or increase()"),
                "a raw counter only grows and resets on restart; graph or alert on its rate",
            );
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
            let checked = self.ctx == Context::Structured;
            if let Some(meant) = metric
                .unit
                .rescaled_threshold(t)
                .filter(|_| value_unit && !checked)
            {
                let message = match metric.unit {
                    Unit::Seconds => format!("`{name}` is in seconds but is compared with {t}"),
                    _ => format!("`{name}` is a ratio (0..1) but is compared with {t}"),
                };
                let help = match metric.unit {
                    Unit::Seconds => {
                        format!("thresholds are in the metric's unit: did you mean {meant}?")
                    }
                    _ => format!("did you mean {meant}?"),
                };
                self.warn(message, help);
            }
        }
        let mut out = allowed;
        if kind != SeriesKind::Bucket {
            out.remove("le");
        }
        Some(out)
    }

    /// Every matcher names a label the series has, and an enum label a value it takes.
    fn check_matchers(&mut self, name: &str, vs: &VectorSelector, allowed: &BTreeSet<String>) {
        let schema = self.schema;
        for m in &vs.matchers.matchers {
            if m.name == "__name__" {
                continue;
            }
            if !allowed.contains(&m.name) {
                let help = self.label_help(&m.name, allowed);
                self.error(format!("`{name}` has no label `{}`", m.name), help);
                continue;
            }
            let literal = !m.value.contains(VAR_PREFIX);
            if let (Some(values), MatchOp::Equal | MatchOp::NotEqual, true) = (
                schema.label(&m.name).and_then(|l| l.enum_values()),
                &m.op,
                literal,
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
    }

    /// A series recorded by a rule: its labels are those its expression keeps.
    fn recorded_selector(
        &mut self,
        name: &str,
        r: &Recorded,
        vs: &VectorSelector,
        f: &Frame,
    ) -> LabelSet {
        if let Some(labels) = &r.labels {
            self.check_matchers(name, vs, labels);
        }
        let func = f.func.unwrap_or("");
        if RATE_FUNCS.contains(&func) && !r.counter {
            self.error(
                format!("`{func}()` over `{name}`, a recorded series that is not a counter"),
                "its rule already takes a rate or records a gauge: use its value",
            );
        }
        if r.counter && !COUNTER_OK_FUNCS.contains(&func) {
            self.warn(
                format!("recorded counter `{name}` is used without rate(), irate() or increase()"),
                "a raw counter only grows and resets on restart; graph or alert on its rate",
            );
        }
        if f.in_quantile && !r.is_buckets() {
            self.error(
                format!("histogram_quantile() over `{name}`, a recorded series without `le`"),
                "record the buckets with `sum by (le, ...)`",
            );
        } else if f.in_quantile && f.le_dropped {
            self.error(
                format!("histogram_quantile() over `{name}` after an aggregation that drops `le`"),
                "aggregate with `sum by (le, ...)` so the buckets survive",
            );
        }
        r.labels.clone()
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

    /// Report a name the schema does not define; the series it was renamed to, if any.
    fn unknown_metric(&mut self, name: &str) -> Option<String> {
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
            return Some(target);
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
            return Some(m.exposed.clone());
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
                return None;
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
        None
    }
}

/// Help for a label that is not there: its new name if it was renamed, else the nearest
/// name, and the labels that are there.
pub fn missing_label_help(schema: &Schema, label: &str, there: &BTreeSet<String>) -> String {
    let list = there.iter().cloned().collect::<Vec<_>>().join(", ");
    if let Some(new) = schema.label_renamed_from(label) {
        let n = &new.name;
        return if there.contains(n) {
            format!("`{label}` is the old name of `{n}`: replace it")
        } else {
            format!("`{label}` is the old name of `{n}`, but these series have no `{n}` either; labels there: {list}")
        };
    }
    let hint = suggest(label, there.iter().map(String::as_str))
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    format!("{hint}labels there: {list}")
}

fn is_var(name: &str) -> bool {
    name.starts_with(VAR_PREFIX)
}

fn is_counterish(metric: &Metric, kind: SeriesKind) -> bool {
    metric.kind == MetricType::Counter
        || (metric.kind == MetricType::Histogram && kind != SeriesKind::Value)
}

/// The metric name of a selector: its name, or an `__name__="..."` matcher.
fn selector_name(vs: &VectorSelector) -> Option<String> {
    vs.name.clone().or_else(|| {
        vs.matchers
            .matchers
            .iter()
            .find(|m| m.name == "__name__" && matches!(m.op, MatchOp::Equal))
            .map(|m| m.value.clone())
    })
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
    let parsed = parser::parse(&grafana::substitute(expr).text).ok()?;
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
    use super::prometheus2_names;

    #[test]
    fn old_function_names_are_renamed_outside_strings_only() {
        assert_eq!(
            prometheus2_names(
                r#"holt_winters (x[1h], 0.5, 0.5) + f(y, "holt_winters(", 'a\'holt_winters(')"#
            )
            .as_deref(),
            Some(
                r#"double_exponential_smoothing (x[1h], 0.5, 0.5) + f(y, "holt_winters(", 'a\'holt_winters(')"#
            )
        );
        // Names that merely contain it, and the name without a call, stay.
        assert_eq!(
            prometheus2_names("my_holt_winters(x) + holt_winters_total"),
            None
        );
    }
}
