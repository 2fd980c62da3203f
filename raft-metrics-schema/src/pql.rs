//! The one PromQL builder: alerts, recording rules and panels are built as typed expressions and
//! rendered here. Every aggregation and every `on(...)` goes through [`Builder`], which puts the
//! schema's cluster label first, so no generated query can merge two clusters.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{Level, Metric, Schema};

/// A label matcher.
#[derive(Clone, Debug, PartialEq)]
pub struct Matcher {
    pub label: String,
    pub op: MatchOp,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchOp {
    Eq,
    Ne,
    Re,
}

/// A series selector: a name and matchers.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector {
    pub name: String,
    pub matchers: Vec<Matcher>,
}

impl Selector {
    pub fn new(name: impl Into<String>) -> Self {
        Selector {
            name: name.into(),
            matchers: Vec::new(),
        }
    }

    /// Add `label="value"`.
    pub fn eq(mut self, label: &str, value: &str) -> Self {
        self.matchers.push(Matcher {
            label: label.into(),
            op: MatchOp::Eq,
            value: value.into(),
        });
        self
    }

    /// Add `label!="value"`.
    pub fn ne(mut self, label: &str, value: &str) -> Self {
        self.matchers.push(Matcher {
            label: label.into(),
            op: MatchOp::Ne,
            value: value.into(),
        });
        self
    }

    /// Add `label=~"regex"`.
    pub fn re(mut self, label: &str, value: &str) -> Self {
        self.matchers.push(Matcher {
            label: label.into(),
            op: MatchOp::Re,
            value: value.into(),
        });
        self
    }

    pub fn q(self) -> Q {
        Q::Sel(self)
    }

    /// `name{...}[range]`.
    pub fn range(self, range: &str) -> Q {
        Q::Range(self, range.into())
    }
}

/// A PromQL expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Q {
    Sel(Selector),
    Range(Selector, String),
    Num(f64),
    Call(&'static str, Vec<Q>),
    Agg {
        op: &'static str,
        param: Option<Box<Q>>,
        by: Option<Vec<String>>,
        inner: Box<Q>,
    },
    Bin {
        op: &'static str,
        lhs: Box<Q>,
        rhs: Box<Q>,
        /// `bool` after a comparison.
        bool_: bool,
        on: Option<Vec<String>>,
    },
    /// `x offset 1h`.
    Offset(Box<Q>, String),
    /// `x[range:step]`: `x` evaluated at each step over the range.
    Subquery(Box<Q>, String, String),
    /// A string literal.
    Str(String),
    /// An expression built and checked already (an alert's), embedded whole.
    Text(String),
}

impl Q {
    pub fn call(func: &'static str, args: Vec<Q>) -> Q {
        Q::Call(func, args)
    }

    fn bin(self, op: &'static str, rhs: Q, bool_: bool, on: Option<Vec<String>>) -> Q {
        Q::Bin {
            op,
            lhs: Box::new(self),
            rhs: Box::new(rhs),
            bool_,
            on,
        }
    }

    /// `self OP rhs`, e.g. a threshold comparison.
    pub fn op(self, op: &'static str, rhs: Q) -> Q {
        self.bin(op, rhs, false, None)
    }

    /// `self OP bool rhs`: 1 or 0 instead of filtering.
    pub fn op_bool(self, op: &'static str, rhs: Q) -> Q {
        self.bin(op, rhs, true, None)
    }

    /// What the expression reads: its selectors' names, and the embedded expressions
    /// (`Text`), which only a parser can read.
    pub fn reads<'a>(&'a self, names: &mut BTreeSet<String>, texts: &mut Vec<&'a str>) {
        match self {
            Q::Sel(s) | Q::Range(s, _) => {
                names.insert(s.name.clone());
            }
            Q::Num(_) | Q::Str(_) => {}
            Q::Text(t) => texts.push(t),
            Q::Call(_, args) => args.iter().for_each(|a| a.reads(names, texts)),
            Q::Agg { param, inner, .. } => {
                if let Some(p) = param {
                    p.reads(names, texts);
                }
                inner.reads(names, texts);
            }
            Q::Bin { lhs, rhs, .. } => {
                lhs.reads(names, texts);
                rhs.reads(names, texts);
            }
            Q::Offset(q, _) | Q::Subquery(q, _, _) => q.reads(names, texts),
        }
    }
}

/// Builds aggregations and vector matching that keep the schema's cluster label.
#[derive(Clone, Debug)]
pub struct Builder {
    cluster: Option<String>,
}

impl Builder {
    pub fn new(schema: &Schema) -> Self {
        Builder {
            cluster: schema.cluster_label.clone(),
        }
    }

    /// The series `name` of metric `m` as read at `level`. At the summary level its folded
    /// labels must be empty: summary series have none, so the detailed level's series, when
    /// both levels are scraped into one Prometheus, are never selected.
    pub fn series(&self, m: &Metric, name: &str, level: Level) -> Selector {
        let sel = Selector::new(name);
        match level {
            Level::Detailed => sel,
            Level::Summary => m.folded().iter().fold(sel, |s, l| s.eq(l, "")),
        }
    }

    /// The cluster label first, then `labels` (without repeating it).
    pub fn keep(&self, labels: &[String]) -> Vec<String> {
        let mut v: Vec<String> = self.cluster.iter().cloned().collect();
        v.extend(
            labels
                .iter()
                .filter(|l| Some(*l) != self.cluster.as_ref())
                .cloned(),
        );
        v
    }

    /// `op by (cluster, labels...) (inner)`.
    pub fn agg(&self, op: &'static str, labels: &[String], inner: Q) -> Q {
        Q::Agg {
            op,
            param: None,
            by: Some(self.keep(labels)),
            inner: Box::new(inner),
        }
    }

    /// `op by (cluster, labels...) (param, inner)`: topk, quantile and the like.
    pub fn agg_param(&self, op: &'static str, param: Q, labels: &[String], inner: Q) -> Q {
        Q::Agg {
            op,
            param: Some(Box::new(param)),
            by: Some(self.keep(labels)),
            inner: Box::new(inner),
        }
    }

    /// `value` as a one-series vector carrying the cluster label set to `cluster` (a variable
    /// in a dashboard), so `x or zero` adds it only when `x` is empty.
    pub fn constant(&self, value: f64, cluster: &str) -> Q {
        let v = Q::call("vector", vec![Q::Num(value)]);
        match &self.cluster {
            None => v,
            Some(c) => Q::call(
                "label_replace",
                vec![
                    v,
                    Q::Str(c.clone()),
                    Q::Str(cluster.into()),
                    Q::Str(String::new()),
                    Q::Str(String::new()),
                ],
            ),
        }
    }

    /// `lhs OP on (cluster, labels...) rhs`.
    pub fn on(&self, lhs: Q, op: &'static str, bool_: bool, labels: &[String], rhs: Q) -> Q {
        lhs.bin(op, rhs, bool_, Some(self.keep(labels)))
    }
}

/// A PromQL double-quoted string literal.
pub fn quote(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Shortest decimal that round-trips, as PromQL accepts it.
pub fn number(v: f64) -> String {
    format!("{v}")
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if self.matchers.is_empty() {
            return Ok(());
        }
        let ms: Vec<String> = self
            .matchers
            .iter()
            .map(|m| {
                let op = match m.op {
                    MatchOp::Eq => "=",
                    MatchOp::Ne => "!=",
                    MatchOp::Re => "=~",
                };
                format!("{}{op}{}", m.label, quote(&m.value))
            })
            .collect();
        write!(f, "{{{}}}", ms.join(", "))
    }
}

/// Operands that are themselves binary expressions get parentheses: the output never depends
/// on PromQL's precedence rules.
fn operand(q: &Q) -> String {
    match q {
        Q::Bin { .. } | Q::Text(_) => format!("({q})"),
        _ => q.to_string(),
    }
}

impl fmt::Display for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Q::Sel(s) => write!(f, "{s}"),
            Q::Range(s, r) => write!(f, "{s}[{r}]"),
            Q::Num(n) => f.write_str(&number(*n)),
            Q::Text(t) => f.write_str(t),
            Q::Offset(q, d) => write!(f, "{q} offset {d}"),
            Q::Subquery(q, range, step) => match &**q {
                Q::Sel(_) | Q::Call(..) => write!(f, "{q}[{range}:{step}]"),
                _ => write!(f, "({q})[{range}:{step}]"),
            },
            Q::Str(v) => f.write_str(&quote(v)),
            Q::Call(func, args) => {
                let a: Vec<String> = args.iter().map(ToString::to_string).collect();
                write!(f, "{func}({})", a.join(", "))
            }
            Q::Agg {
                op,
                param,
                by,
                inner,
            } => {
                f.write_str(op)?;
                if let Some(by) = by {
                    write!(f, " by ({})", by.join(", "))?;
                }
                match param {
                    Some(p) => write!(f, " ({p}, {inner})"),
                    None => write!(f, " ({inner})"),
                }
            }
            Q::Bin {
                op,
                lhs,
                rhs,
                bool_,
                on,
            } => {
                write!(f, "{} {op}", operand(lhs))?;
                if *bool_ {
                    f.write_str(" bool")?;
                }
                if let Some(on) = on {
                    write!(f, " on ({})", on.join(", "))?;
                }
                write!(f, " {}", operand(rhs))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b() -> Builder {
        Builder {
            cluster: Some("cluster".into()),
        }
    }

    #[test]
    fn aggregations_keep_the_cluster_label_first_and_once() {
        let q = b().agg(
            "max",
            &["topic".into(), "cluster".into(), "partition".into()],
            Selector::new("x").eq("state", "leader").q(),
        );
        assert_eq!(
            q.to_string(),
            "max by (cluster, topic, partition) (x{state=\"leader\"})"
        );
        let none = Builder { cluster: None }.agg("sum", &[], Selector::new("x").q());
        assert_eq!(none.to_string(), "sum by () (x)");
    }

    #[test]
    fn binaries_are_parenthesised_and_match_on_the_cluster() {
        let l = b().agg("max", &["topic".into()], Selector::new("a").q());
        let r = b().agg("max", &["topic".into()], Selector::new("b").q());
        let q = b()
            .on(l, "<", true, &["topic".into()], r)
            .op("*", Q::Num(2.0));
        assert_eq!(
            q.to_string(),
            "(max by (cluster, topic) (a) < bool on (cluster, topic) max by (cluster, topic) (b)) * 2"
        );
        let t = b().agg_param("topk", Q::Num(10.0), &[], Selector::new("c").range("5m"));
        assert_eq!(t.to_string(), "topk by (cluster) (10, c[5m])");
        assert_eq!(
            Selector::new("x").eq("a", "q\"\\").to_string(),
            "x{a=\"q\\\"\\\\\"}"
        );
    }
}
