//! Every aggregation and vector match must keep the schema's cluster label (the mixins'
//! `clusterLabel`), or a global view merges clusters: a leaderless `t/0` in one cluster is
//! hidden by the healthy `t/0` of another.

use promql_parser::label::MatchOp;
use promql_parser::parser::{self, Expr, LabelModifier, VectorSelector};

use crate::model::Schema;
use crate::promql::Finding;

/// Aggregations whose result keeps each input series' labels.
const SELECTING: &[&str] = &["topk", "bottomk", "limitk", "limit_ratio"];

/// Findings for every aggregation or `on`/`ignoring` that drops the cluster label; none when
/// the schema has no cluster label or the expression does not parse (reported elsewhere).
pub fn check(schema: &Schema, expr: &str) -> Vec<Finding> {
    let (Some(cluster), Ok(ast)) = (&schema.cluster_label, parser::parse(expr)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(&ast, cluster, &mut out);
    out
}

/// As [`check`], for a hand-written expression: one whose every selector pins the cluster
/// label to one value (`cluster="east"`, `cluster="$cluster"` with a single-value variable)
/// reads one cluster only, so what it aggregates away cannot merge clusters.
pub fn check_unless_pinned(schema: &Schema, expr: &str) -> Vec<Finding> {
    let (Some(cluster), Ok(ast)) = (&schema.cluster_label, parser::parse(expr)) else {
        return Vec::new();
    };
    if pinned(&ast, cluster) {
        return Vec::new();
    }
    check(schema, expr)
}

/// Every selector of `e` has `c="value"` (a Grafana variable standing for a number aside).
fn pinned(e: &Expr, c: &str) -> bool {
    let sel = |vs: &VectorSelector| {
        let variable = vs
            .name
            .as_deref()
            .is_some_and(|n| n.starts_with(crate::grafana::VAR_PREFIX));
        variable
            || vs.matchers.or_matchers.is_empty()
                && vs
                    .matchers
                    .matchers
                    .iter()
                    .any(|m| m.name == c && m.op == MatchOp::Equal && !m.value.is_empty())
    };
    match e {
        Expr::Aggregate(a) => pinned(&a.expr, c),
        Expr::Binary(b) => pinned(&b.lhs, c) && pinned(&b.rhs, c),
        Expr::Paren(p) => pinned(&p.expr, c),
        Expr::Unary(u) => pinned(&u.expr, c),
        Expr::Subquery(s) => pinned(&s.expr, c),
        Expr::Call(call) => call.args.args.iter().all(|a| pinned(a, c)),
        Expr::VectorSelector(vs) => sel(vs),
        Expr::MatrixSelector(ms) => sel(&ms.vs),
        _ => true,
    }
}

fn finding(message: String, help: String) -> Finding {
    Finding {
        error: true,
        message,
        help,
    }
}

fn walk(e: &Expr, c: &str, out: &mut Vec<Finding>) {
    match e {
        Expr::Aggregate(a) => {
            let op = a.op.to_string();
            if !SELECTING.contains(&op.as_str()) {
                aggregation(&op, a.modifier.as_ref(), c, out);
            }
            if let Some(p) = &a.param {
                walk(p, c, out);
            }
            walk(&a.expr, c, out);
        }
        Expr::Binary(b) => {
            if let Some(m) = b.modifier.as_ref().and_then(|m| m.matching.as_ref()) {
                let labels = &m.labels().labels;
                let has = labels.iter().any(|l| l == c);
                if m.is_include() && !has {
                    out.push(finding(
                        format!("`on ({})` drops the cluster label `{c}`: series of different clusters match", labels.join(", ")),
                        format!("match on it too: `on ({c}, {})`", labels.join(", ")),
                    ));
                } else if !m.is_include() && has {
                    out.push(finding(
                        format!(
                            "`ignoring ({})` ignores the cluster label `{c}`",
                            labels.join(", ")
                        ),
                        format!("remove `{c}` from `ignoring`"),
                    ));
                }
            }
            walk(&b.lhs, c, out);
            walk(&b.rhs, c, out);
        }
        Expr::Paren(p) => walk(&p.expr, c, out),
        Expr::Unary(u) => walk(&u.expr, c, out),
        Expr::Subquery(s) => walk(&s.expr, c, out),
        Expr::Call(call) => call.args.args.iter().for_each(|a| walk(a, c, out)),
        _ => {}
    }
}

fn aggregation(op: &str, m: Option<&LabelModifier>, c: &str, out: &mut Vec<Finding>) {
    match m {
        Some(LabelModifier::Include(l)) if !l.labels.iter().any(|x| x == c) => {
            let by = l.labels.join(", ");
            let fixed = if by.is_empty() {
                c.to_string()
            } else {
                format!("{c}, {by}")
            };
            out.push(finding(
                format!(
                    "`{op} by ({by})` drops the cluster label `{c}`: two clusters' series merge"
                ),
                format!("keep it: `{op} by ({fixed})`"),
            ));
        }
        Some(LabelModifier::Exclude(l)) if l.labels.iter().any(|x| x == c) => out.push(finding(
            format!(
                "`{op} without ({})` drops the cluster label `{c}`",
                l.labels.join(", ")
            ),
            format!("remove `{c}` from `without`"),
        )),
        None => out.push(finding(
            format!("`{op}(...)` drops every label, the cluster label `{c}` included"),
            format!("keep it: `{op} by ({c}) (...)`"),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        crate::from_str(include_str!("../../metrics-schema.toml"), "s.toml")
            .unwrap()
            .0
    }

    fn messages(expr: &str) -> Vec<String> {
        check(&schema(), expr)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn every_way_of_dropping_the_cluster_label_is_found() {
        assert!(
            messages("max by (topic) (x)")[0].contains("`max by (topic)` drops the cluster label")
        );
        assert!(messages("sum(x)")[0].contains("`sum(...)` drops every label"));
        assert!(messages("sum without (cluster) (x)")[0].contains("without"));
        assert!(
            messages("max by (cluster) (a) < on (topic) max by (cluster) (b)")[0]
                .contains("`on (topic)`")
        );
        assert!(messages("a > ignoring (cluster) b")[0].contains("ignoring"));
        assert_eq!(messages("sum by (cluster) (rate(x[5m])) > 0").len(), 0);
        assert_eq!(messages("topk(3, x)").len(), 0, "topk keeps every label");
        assert_eq!(messages("up == 0").len(), 0);
        assert_eq!(
            messages("max by (cluster) (x) unless on (cluster, topic) y").len(),
            0
        );
        // Hand-written: a query pinned to one cluster merges nothing; a regex or a selector
        // without the matcher can.
        let hand = |e: &str| check_unless_pinned(&schema(), e).len();
        assert_eq!(
            hand("sum(x{cluster=\"east\"}) / sum(y{cluster=\"east\"})"),
            0
        );
        assert_eq!(hand("sum(x{cluster=\"east\"}) / sum(y)"), 2);
        assert_eq!(hand("sum(x{cluster=~\"east|west\"})"), 1);
    }
}
