//! What an expression refers to, for `diff` and `lint`.

use std::collections::BTreeSet;

use promql_parser::label::MatchOp;
use promql_parser::parser::{self, Expr, LabelModifier, VectorSelector};

use crate::grafana;

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
