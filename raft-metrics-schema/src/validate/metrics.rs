//! `[[metric]]`: type, value type, unit, labels, group and panel form; names are checked in
//! `metric_name`, buckets in `buckets`.

use std::collections::BTreeMap;

use super::summary::SummaryOf;
use super::{did_you_mean, did_you_mean_name, one_of, Validator};
use crate::model::*;
use crate::parse::{RawMetric, RawSchema, Spanned};

/// How a metric appears at the summary level, as far as it checked out.
#[derive(Default)]
struct LevelForms {
    summary: Option<Summary>,
    count: Option<Count>,
    exceptions: Option<Exceptions>,
}

/// What a metric is checked against: the parts of the schema validated before it.
pub(super) struct MetricContext<'a> {
    pub namespace: &'a str,
    pub labels: &'a [Label],
    pub groups: &'a [Group],
    pub scopes: &'a [Scope],
    /// Names of every histogram in the file, for `_bucket`/`_sum`/`_count` collisions.
    pub histograms: Vec<&'a str>,
}

impl Validator<'_> {
    pub(super) fn metrics(
        &mut self,
        raw: &RawSchema,
        namespace: &str,
        labels: &[Label],
        groups: &[Group],
        scopes: &[Scope],
    ) -> Vec<Metric> {
        let cx = MetricContext {
            namespace,
            labels,
            groups,
            scopes,
            histograms: raw
                .metrics
                .iter()
                .filter(|m| {
                    m.kind
                        .as_ref()
                        .is_some_and(|k| k.value == MetricType::Histogram.as_str())
                })
                .filter_map(|m| m.name.as_ref().map(|n| n.value.as_str()))
                .collect(),
        };
        let mut out: Vec<Metric> = Vec::new();
        // Every series name produced so far → the metric that produces it.
        let mut series_owner: BTreeMap<String, String> = BTreeMap::new();
        for m in &raw.metrics {
            let Some(metric) = self.metric(m, &cx) else {
                continue;
            };
            let name = m.name.as_ref().expect("validated metric has a name");
            if out.iter().any(|o| o.name == metric.name) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{}` is defined twice", metric.name),
                    "metric names must be unique: remove or rename one of them",
                );
                continue;
            }
            let mut clash = false;
            for s in metric.series() {
                if let Some(owner) = series_owner.get(&s.name) {
                    self.sink.error(
                        name.span.clone(),
                        format!("metric `{}` exposes the series `{}`, which metric `{owner}` already exposes", metric.name, s.name),
                        "rename one of them: `_bucket`, `_sum` and `_count` series of a histogram share its name",
                    );
                    clash = true;
                }
            }
            if clash {
                continue;
            }
            for s in metric.series() {
                series_owner.insert(s.name, metric.name.clone());
            }
            out.push(metric);
        }
        self.counts(raw, &mut out, labels, scopes);
        self.listed(raw, &mut out, labels);
        self.unique_titles(raw, &out);
        self.one_scope_each(&out, scopes);
        out
    }

    /// A metric's series live in the instances of one scope: two scopes must not both cover it.
    fn one_scope_each(&mut self, metrics: &[Metric], scopes: &[Scope]) {
        for m in metrics.iter().filter(|m| !m.is_derived()) {
            let covering: Vec<&Scope> = scopes.iter().filter(|s| s.covers(m)).collect();
            if let [first, second, ..] = covering.as_slice() {
                self.sink.error(
                    m.span.start..m.span.start,
                    format!(
                        "metric `{}` carries the labels of scopes `{}` and `{}`, but its series can live in one scope's instances only",
                        m.name, first.name, second.name
                    ),
                    "keep one of the scopes, or make their label sets such that no metric carries both",
                );
            }
        }
    }

    /// The conditions of derived counts, which may read any metric of the file.
    fn counts(&mut self, raw: &RawSchema, out: &mut [Metric], labels: &[Label], scopes: &[Scope]) {
        for m in &raw.metrics {
            let (Some(name), Some(count)) = (&m.name, &m.count) else {
                continue;
            };
            let Some(i) = out.iter().position(|o| o.name == name.value) else {
                continue;
            };
            let Some(head) = out[i].count.take() else {
                continue;
            };
            let Some(scope) = scopes.iter().find(|s| s.name == head.scope) else {
                continue;
            };
            if let Some((when, text)) = self.count_when(count, scope, out, labels) {
                out[i].count = Some(Count { when, text, ..head });
            }
        }
    }

    fn metric(&mut self, m: &RawMetric, cx: &MetricContext) -> Option<Metric> {
        let w = "[[metric]]";
        let name = self.required(&m.name, &m.span, w, "name", "\"commit_latency_seconds\"");
        let kind_s = self.required(&m.kind, &m.span, w, "type", "\"counter\"");
        let help = self.help(&m.help, &m.span, w);
        let name = name?;
        let n = name.value.as_str();
        let kind = kind_s.and_then(|k| self.metric_type(k, n));
        let mut ok = help.is_some() && kind.is_some();
        ok &= self.metric_name(name, kind, cx);
        let unit = self.unit(m);
        ok &=
            unit.is_some() && self.unit_in_name(name, unit.unwrap_or(Unit::None), m.unit.is_some());
        let value = self.value_type(m, kind, unit.unwrap_or(Unit::None));
        let buckets = self.buckets(m, n, kind);
        let labels = self.metric_labels(m, n, cx.labels);
        let group = self.metric_group(m, name, cx.groups);
        let panel = self.panel(m, n, kind, unit);
        let forms = self.level_forms(m, n, kind, unit, labels.as_deref(), cx);
        ok &= forms.summary.is_some()
            && (m.count.is_none() || forms.count.is_some())
            && (m.exceptions.is_none() || forms.exceptions.is_some());
        if let Some(old) = m.old_name.as_ref().filter(|o| o.value == n) {
            self.sink.warning(
                old.span.clone(),
                "old_name equals the name",
                "remove `old_name`: it records a rename",
            );
        }
        if !ok {
            return None;
        }
        Some(Metric {
            name: n.to_string(),
            exposed: format!("{}_{n}", cx.namespace),
            kind: kind?,
            value: value?,
            help: help?,
            unit: unit?,
            labels: labels?,
            buckets: buckets?,
            group: group?,
            old_name: m.old_name.as_ref().map(|o| o.value.clone()),
            old_unit: m.old_unit.as_ref().map(|o| o.value.clone()),
            note: m.note.as_ref().map(|o| o.value.clone()),
            panel: panel.as_ref()?.0,
            view: panel?.1,
            summary: forms.summary?,
            count: forms.count,
            exceptions: forms.exceptions,
            span: m.span.clone(),
        })
    }

    /// The metric's summary form; for a derived count its head (its condition comes later, in
    /// `counts`, with a placeholder until then); for an exceptions list its head (its
    /// conditions come from the counts, in `listed`).
    fn level_forms(
        &mut self,
        m: &RawMetric,
        n: &str,
        kind: Option<MetricType>,
        unit: Option<Unit>,
        labels: Option<&[String]>,
        cx: &MetricContext,
    ) -> LevelForms {
        let (Some(kind), Some(labels)) = (kind, labels) else {
            return LevelForms::default();
        };
        let derived = Summary::Fold {
            fold: Vec::new(),
            op: FoldOp::Sum,
        };
        if let Some(e) = &m.exceptions {
            let exceptions = self.exceptions_head(m, e, kind, labels, cx.labels, cx.scopes);
            return LevelForms {
                summary: Some(derived),
                count: None,
                exceptions,
            };
        }
        if let Some(c) = &m.count {
            let head = self.count_head(m, c, Some(kind), labels, cx.scopes);
            let count = head.map(|h| Count {
                scope: h.scope,
                when: Cond::Compare(Operand::Number(0.0), CompareOp::Eq, Operand::Number(0.0)),
                text: String::new(),
                across_nodes: h.across_nodes,
                listed_as: h.listed_as,
            });
            return LevelForms {
                summary: Some(derived),
                count,
                exceptions: None,
            };
        }
        let of = SummaryOf {
            name: n,
            kind,
            unit: unit.unwrap_or(Unit::None),
            labels,
            defined: cx.labels,
        };
        LevelForms {
            summary: self.summary(m, &of),
            count: None,
            exceptions: None,
        }
    }

    fn metric_type(&mut self, k: &Spanned<String>, n: &str) -> Option<MetricType> {
        let other = match k.value.parse::<MetricType>() {
            Ok(t) => return Some(t),
            Err(e) => e,
        };
        let help = if other.word == "summary" {
            "summaries cannot be aggregated across nodes; use \"histogram\"".to_string()
        } else {
            one_of(&other, "type")
        };
        self.sink.error(
            k.span.clone(),
            format!("unknown metric type `{}` for `{n}`", other.word),
            help,
        );
        None
    }

    /// `unit = "..."`: a base unit; `None` when it is not one.
    fn unit(&mut self, m: &RawMetric) -> Option<Unit> {
        let Some(u) = &m.unit else {
            return Some(Unit::None);
        };
        if let Ok(unit) = u.value.parse::<Unit>() {
            return Some(unit);
        }
        if let Some((_, base)) = super::names::NON_BASE_UNITS
            .iter()
            .find(|(x, _)| *x == u.value)
        {
            self.sink.error(
                u.span.clone(),
                format!("unit `{}` is not a base unit", u.value),
                format!("use {base}; record the old unit in `old_unit`"),
            );
        } else {
            let names = Unit::words();
            self.sink.error(
                u.span.clone(),
                format!("unknown unit `{}`", u.value),
                format!(
                    "{}unit is one of {}",
                    did_you_mean(&u.value, names.iter().copied()),
                    names.join(", ")
                ),
            );
        }
        None
    }

    fn value_type(
        &mut self,
        m: &RawMetric,
        kind: Option<MetricType>,
        unit: Unit,
    ) -> Option<ValueType> {
        let Some(v) = &m.value else {
            return Some(match (kind, unit) {
                (Some(MetricType::Histogram), _) | (_, Unit::Seconds | Unit::Ratio) => {
                    ValueType::Float
                }
                _ => ValueType::Int,
            });
        };
        let value = self.word::<ValueType>(v, "value type", "value")?;
        if value == ValueType::Int && kind == Some(MetricType::Histogram) {
            self.sink.error(
                v.span.clone(),
                "histograms observe floats; `value = \"int\"` does not apply",
                "remove `value`",
            );
            return None;
        }
        Some(value)
    }

    /// The metric's labels: defined, listed once, not constant.
    fn metric_labels(&mut self, m: &RawMetric, n: &str, labels: &[Label]) -> Option<Vec<String>> {
        let mut ls = Vec::new();
        let mut ok = true;
        for l in m.labels.iter().flat_map(|list| &list.value) {
            if ls.contains(&l.value) {
                self.sink.error(
                    l.span.clone(),
                    format!("metric `{n}` lists label `{}` twice", l.value),
                    "remove the duplicate",
                );
                ok = false;
                continue;
            }
            match labels.iter().find(|d| d.name == l.value) {
                None => {
                    let reserved =
                        matches!(l.value.as_str(), "le" | "quantile") || l.value.starts_with("__");
                    let help = if reserved {
                        format!("`{}` is reserved by Prometheus; use another label", l.value)
                    } else {
                        format!(
                            "{}define it first: [[label]] name = \"{}\"",
                            did_you_mean_name(&l.value, labels.iter().map(|d| d.name.as_str())),
                            l.value
                        )
                    };
                    self.sink.error(
                        l.span.clone(),
                        format!(
                            "metric `{n}` uses label `{}`, which is not defined",
                            l.value
                        ),
                        help,
                    );
                    ok = false;
                }
                Some(d) if d.constant => {
                    self.sink.error(
                        l.span.clone(),
                        format!(
                            "label `{}` is constant: every series carries it already",
                            l.value
                        ),
                        "remove it from this metric's labels",
                    );
                    ok = false;
                }
                Some(_) => ls.push(l.value.clone()),
            }
        }
        ok.then_some(ls)
    }

    fn metric_group(
        &mut self,
        m: &RawMetric,
        name: &Spanned<String>,
        groups: &[Group],
    ) -> Option<String> {
        let ids = || groups.iter().map(|g| g.id.as_str());
        let list = ids().collect::<Vec<_>>().join(", ");
        match &m.group {
            None => {
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{}` is in no group", name.value),
                    format!("add `group = \"...\"`, one of: {list}"),
                );
                None
            }
            Some(g) if !ids().any(|id| id == g.value) => {
                self.sink.error(
                    g.span.clone(),
                    format!("metric `{}` names unknown group `{}`", name.value, g.value),
                    format!(
                        "{}define it with [[group]] id = \"{}\", or use one of: {list}",
                        did_you_mean(&g.value, ids()),
                        g.value
                    ),
                );
                None
            }
            Some(g) => Some(g.value.clone()),
        }
    }
}
