//! The walk over an expression: the labels each node carries, aggregations, functions and
//! ranges.

use std::collections::BTreeSet;
use std::time::Duration;

use promql_parser::parser::{AggregateExpr, BinaryExpr, Call, Expr, LabelModifier};

use crate::grafana::RangeVar;

use super::selectors::{is_counterish, is_var, selector_name};
use super::*;

impl Checker<'_> {
    /// Whether an expression's value is a raw counter: a counter (or recorded counter) under
    /// nothing but parentheses, sum/min/max and label rewrites.
    pub(super) fn raw_counter(&self, e: &Expr) -> bool {
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

    /// The labels `e` carries, checking each node on the way.
    pub(super) fn walk(&mut self, e: &Expr, f: &Frame) -> LabelSet {
        match e {
            Expr::Aggregate(a) => self.aggregate(a, f),
            Expr::Unary(u) => self.walk(&u.expr, f),
            Expr::Paren(p) => self.walk(&p.expr, f),
            Expr::Subquery(s) => self.walk(&s.expr, f),
            Expr::NumberLiteral(_) | Expr::StringLiteral(_) => None,
            Expr::Binary(b) => self.binary(b, f),
            Expr::VectorSelector(vs) => self.selector(vs, f),
            Expr::MatrixSelector(ms) => {
                if self.ctx == Context::Dashboard && RATE_FUNCS.contains(&f.func.unwrap_or("")) {
                    self.dashboard_range(ms.range, f.func.unwrap_or(""));
                }
                self.selector(&ms.vs, f)
            }
            Expr::Call(c) => self.call(c, f),
            Expr::Extension(_) => None,
        }
    }

    /// `op by (...)` / `without (...)`: the grouping labels must exist below; `le` must
    /// survive under `histogram_quantile`.
    fn aggregate(&mut self, a: &AggregateExpr, f: &Frame) -> LabelSet {
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

    /// Both sides, with `on (...)` labels present on each; a comparison with a number is
    /// a threshold in the other side's unit.
    fn binary(&mut self, b: &BinaryExpr, f: &Frame) -> LabelSet {
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

    /// A function call: `histogram_quantile` drops `le`; a few functions set or drop labels.
    fn call(&mut self, c: &Call, f: &Frame) -> LabelSet {
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

    pub(super) fn check_grouping(
        &mut self,
        op: &str,
        kw: &str,
        labels: &[String],
        input: &LabelSet,
    ) {
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

    pub(super) fn label_help(&self, label: &str, there: &BTreeSet<String>) -> String {
        missing_label_help(self.schema, label, there)
    }

    /// A range under rate(), irate() or increase() in a dashboard.
    pub(super) fn dashboard_range(&mut self, range: Duration, func: &str) {
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
}
