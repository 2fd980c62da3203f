//! `count = { scope, when, across_nodes, listed_as }`: a gauge derived at the summary level, how
//! many of a scope's instances (partitions) are in a condition. `when` is written in PromQL's
//! syntax over one instance's series: comparisons of its metrics, numbers and counters'
//! `increase(m[window])` (a window the node keeps), joined by `and`/`or`.

use promql_parser::label::MatchOp;
use promql_parser::parser::{self, Expr, VectorSelector};

use super::{did_you_mean_name, Validator};
use crate::model::*;
use crate::parse::{RawCount, RawMetric, Spanned};

/// The part of a count checked with its metric; `when` needs every metric, so it comes after.
pub(super) struct CountHead {
    pub scope: String,
    pub across_nodes: FoldOp,
    pub listed_as: Option<String>,
}

/// A gauge the summary level derives: what it is called in messages, the keys besides
/// `summary`, `unit` and `value` it takes not, and why.
pub(super) struct DerivedForm<'a> {
    pub what: &'a str,
    pub keys: &'a [(&'a str, bool)],
    pub why: &'a str,
}

impl Validator<'_> {
    /// A derived gauge's form: a gauge, without the keys a fed metric has.
    pub(super) fn derived_form(
        &mut self,
        m: &RawMetric,
        kind: Option<MetricType>,
        span: &std::ops::Range<usize>,
        form: &DerivedForm<'_>,
    ) -> bool {
        let name = m.name.as_ref().map_or("", |n| n.value.as_str());
        let mut ok = true;
        if kind.is_some_and(|k| k != MetricType::Gauge) {
            let at = m.kind.as_ref().map_or(span.clone(), |k| k.span.clone());
            self.sink.error(
                at,
                format!("`{name}` is {}, which is a gauge", form.what),
                "write `type = \"gauge\"`",
            );
            ok = false;
        }
        let fed = [
            ("summary", m.summary.is_some()),
            ("unit", m.unit.is_some()),
            ("value", m.value.is_some()),
        ];
        for (key, _) in fed.iter().chain(form.keys).filter(|(_, present)| *present) {
            self.sink.error(
                span.clone(),
                format!("`{name}` is {}: `{key}` does not apply", form.what),
                format!("remove `{key}`: {}", form.why),
            );
            ok = false;
        }
        ok
    }

    /// Scope, labels, type and `across_nodes` of a derived count.
    pub(super) fn count_head(
        &mut self,
        m: &RawMetric,
        count: &Spanned<RawCount>,
        kind: Option<MetricType>,
        labels: &[String],
        scopes: &[Scope],
    ) -> Option<CountHead> {
        let name = m.name.as_ref().map_or("", |n| n.value.as_str());
        let mut ok = self.derived_form(
            m,
            kind,
            &count.span,
            &DerivedForm {
                what: "a derived count",
                keys: &[],
                why: "a count is an integer gauge at the summary level",
            },
        );
        let scope = self.required(
            &count.value.scope,
            &count.span,
            "count",
            "scope",
            "\"partition\"",
        )?;
        let Some(s) = scopes.iter().find(|s| s.name == scope.value) else {
            let names: Vec<&str> = scopes.iter().map(|s| s.name.as_str()).collect();
            self.sink.error(
                scope.span.clone(),
                format!(
                    "`{name}` counts instances of unknown scope `{}`",
                    scope.value
                ),
                format!(
                    "{}scopes: {}",
                    did_you_mean_name(&scope.value, names.iter().copied()),
                    names.join(", ")
                ),
            );
            return None;
        };
        for l in labels.iter().filter(|l| !s.labels.contains(l)) {
            self.sink.error(
                m.labels
                    .as_ref()
                    .map_or(count.span.clone(), |l| l.span.clone()),
                format!(
                    "`{name}` counts {} instances by `{l}`, which is not a label of the scope",
                    s.name
                ),
                format!(
                    "a count keeps some of the scope's labels: {}",
                    s.labels.join(", ")
                ),
            );
            ok = false;
        }
        let across_nodes = match &count.value.across_nodes {
            None => FoldOp::Max,
            Some(w) => match w.value.as_str() {
                "max" => FoldOp::Max,
                "sum" => FoldOp::Sum,
                _ => {
                    self.sink.error(
                        w.span.clone(),
                        format!("unknown across_nodes `{}`", w.value),
                        "across_nodes is \"max\" (every replica counts the partition) or \"sum\" (one node does, e.g. its leader)",
                    );
                    return None;
                }
            },
        };
        ok.then_some(CountHead {
            scope: s.name.clone(),
            across_nodes,
            listed_as: count.value.listed_as.as_ref().map(|l| l.value.clone()),
        })
    }

    /// The condition of a count, against every metric of the file.
    pub(super) fn count_when(
        &mut self,
        count: &Spanned<RawCount>,
        scope: &Scope,
        metrics: &[Metric],
        labels: &[Label],
    ) -> Option<(Cond, String)> {
        let when = self.required(
            &count.value.when,
            &count.span,
            "count",
            "when",
            "\"has_leader == 0\"",
        )?;
        let ast = match parser::parse(&when.value) {
            Ok(ast) => ast,
            Err(e) => {
                self.sink.error(
                    when.span.clone(),
                    format!("`when` does not parse: {}", e.trim()),
                    COND_HELP,
                );
                return None;
            }
        };
        let mut c = CondCheck {
            scope,
            metrics,
            labels,
            problems: Vec::new(),
        };
        let cond = c.cond(&ast);
        for p in &c.problems {
            self.sink.error(when.span.clone(), p.clone(), COND_HELP);
        }
        cond.filter(|_| c.problems.is_empty())
            .map(|cond| (cond, when.value.clone()))
    }
}

const COND_HELP: &str = "a condition compares one partition's series (or a counter's increase over a window the node keeps) with numbers or each other, e.g. `has_leader == 0`, `node_state{state=\"leader\"} == 1 and in_sync_replicas < cluster_voters` or `increase(elections_total[1h]) > 5`";

struct CondCheck<'a> {
    scope: &'a Scope,
    metrics: &'a [Metric],
    labels: &'a [Label],
    problems: Vec<String>,
}

impl CondCheck<'_> {
    fn cond(&mut self, e: &Expr) -> Option<Cond> {
        match e {
            Expr::Paren(p) => self.cond(&p.expr),
            Expr::Binary(b) => {
                let op = b.op.to_string();
                match op.as_str() {
                    "and" => Some(Cond::And(
                        Box::new(self.cond(&b.lhs)?),
                        Box::new(self.cond(&b.rhs)?),
                    )),
                    "or" => Some(Cond::Or(
                        Box::new(self.cond(&b.lhs)?),
                        Box::new(self.cond(&b.rhs)?),
                    )),
                    _ => match op.parse::<CompareOp>() {
                        Ok(cmp) => Some(Cond::Compare(
                            self.operand(&b.lhs)?,
                            cmp,
                            self.operand(&b.rhs)?,
                        )),
                        Err(_) => {
                            self.problems.push(format!("`{op}` is not a comparison; a condition compares with ==, !=, <, <=, >, >= and joins with and/or"));
                            None
                        }
                    },
                }
            }
            other => {
                self.problems.push(format!("`{other}` is not a condition"));
                None
            }
        }
    }

    fn operand(&mut self, e: &Expr) -> Option<Operand> {
        match e {
            Expr::Paren(p) => self.operand(&p.expr),
            Expr::NumberLiteral(n) => Some(Operand::Number(n.val)),
            Expr::VectorSelector(vs) => self.series(vs),
            Expr::Call(c) if c.func.name == "increase" => {
                match c.args.args.first().map(|a| &**a) {
                    Some(Expr::MatrixSelector(ms)) => self.increase(&ms.vs, ms.range),
                    _ => {
                        self.problems.push("`increase` takes a counter and a window: `increase(elections_total[1h])`".into());
                        None
                    }
                }
            }
            other => {
                self.problems.push(format!(
                    "`{other}` is neither a series of the partition nor a number"
                ));
                None
            }
        }
    }

    /// `increase(counter[window])`: a counter of the scope, its enum labels pinned or summed,
    /// over a window from a minute to a day.
    fn increase(&mut self, vs: &VectorSelector, range: std::time::Duration) -> Option<Operand> {
        let name = vs.name.clone().unwrap_or_default();
        let m = self.metrics.iter().find(|m| m.name == name);
        if !m.is_some_and(|m| {
            m.kind == MetricType::Counter && self.scope.covers(m) && !m.is_derived()
        }) {
            self.problems.push(format!(
                "`increase({name}[...])`: `{name}` is not a counter of the {}",
                self.scope.name
            ));
            return None;
        }
        let seconds = range.as_secs();
        if !(60..=86_400).contains(&seconds) || range.subsec_nanos() != 0 {
            self.problems.push(format!("`increase({name}[...])`: the window is from 1m to 1d in whole seconds; the node keeps it"));
            return None;
        }
        let matchers = self.pinned(vs, m?)?;
        Some(Operand::Increase {
            metric: name,
            matchers,
            seconds,
        })
    }

    /// The selector's matchers, each pinning an enum label of the metric to one of its values.
    fn pinned(&mut self, vs: &VectorSelector, m: &Metric) -> Option<Vec<(String, String)>> {
        let mut matchers = Vec::new();
        for mt in &vs.matchers.matchers {
            let values = self
                .labels
                .iter()
                .find(|l| l.name == mt.name)
                .and_then(|l| l.enum_values());
            let pinned = mt.op == MatchOp::Equal
                && m.has_label(&mt.name)
                && !self.scope.labels.contains(&mt.name)
                && values.is_some_and(|v| v.iter().any(|v| v.value == mt.value));
            if !pinned {
                self.problems.push(format!("`{}{}\"{}\"` on `{}`: pin each of its other labels, which must be enum labels, to one of its values with `=`", mt.name, mt.op, mt.value, m.name));
                return None;
            }
            matchers.push((mt.name.clone(), mt.value.clone()));
        }
        Some(matchers)
    }

    /// A metric of the scope with one series per instance once its enum labels are pinned.
    fn series(&mut self, vs: &VectorSelector) -> Option<Operand> {
        let name = vs.name.clone().unwrap_or_default();
        let Some(m) = self.metrics.iter().find(|m| m.name == name) else {
            let names = self.metrics.iter().map(|m| m.name.as_str());
            self.problems.push(format!("`{name}` is not a metric of this schema (write the name without the namespace); {}", did_you_mean_name(&name, names)));
            return None;
        };
        if !self.scope.covers(m) || m.is_derived() || m.kind == MetricType::Histogram {
            self.problems.push(format!("`{name}` is not one counter or gauge per {}: a condition reads the {}'s own series", self.scope.name, self.scope.name));
            return None;
        }
        let matchers = self.pinned(vs, m)?;
        let rest = self.scope.rest_labels(m);
        for l in &rest {
            if !matchers.iter().any(|(n, _)| n == l) {
                self.problems.push(format!(
                    "`{name}` has one series per `{l}`: pin it, e.g. `{name}{{{l}=\"...\"}}`"
                ));
                return None;
            }
        }
        Some(Operand::Series {
            metric: name,
            matchers,
        })
    }
}
