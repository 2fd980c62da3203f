//! `exceptions = { scope, max_per_node }`: a gauge the summary level derives, one series per
//! scope instance (partition) in the condition of a count that names it (`listed_as`), so a
//! view holding only the summary level can say *which* partitions are unhealthy.
//!
//! Its labels are the scope's and one enum label, the condition; every value of that label is
//! listed by exactly one count of the same scope.

use super::count::DerivedForm;
use super::{did_you_mean_name, Validator};
use crate::model::*;
use crate::parse::{RawExceptions, RawMetric, RawSchema, Spanned};

/// Listing more than this per node would make the "list" the detailed level again.
const MAX_PER_NODE_LIMIT: u64 = 10_000;

impl Validator<'_> {
    /// Scope, labels, type and budget of an exceptions metric; its conditions come later, from
    /// the counts (`listed`).
    pub(super) fn exceptions_head(
        &mut self,
        m: &RawMetric,
        e: &Spanned<RawExceptions>,
        kind: MetricType,
        labels: &[String],
        defined: &[Label],
        scopes: &[Scope],
    ) -> Option<Exceptions> {
        let name = m.name.as_ref().map_or("", |n| n.value.as_str());
        let ok = self.derived_form(
            m,
            Some(kind),
            &e.span,
            &DerivedForm {
                what: "a list of exceptions",
                keys: &[("count", m.count.is_some())],
                why: "the list is a gauge of 1s at the summary level",
            },
        );
        let max_per_node = match &e.value.max_per_node {
            Some(n) if n.value == 0 || n.value > MAX_PER_NODE_LIMIT => {
                self.sink.error(
                    n.span.clone(),
                    format!("max_per_node must be from 1 to {MAX_PER_NODE_LIMIT}"),
                    "a few hundred names what an on-call can read; the rest are counted",
                );
                None
            }
            Some(n) => Some(n.value),
            None => {
                self.required(
                    &e.value.max_per_node,
                    &e.span,
                    "exceptions",
                    "max_per_node",
                    "200",
                );
                None
            }
        };
        let scope = self.required(
            &e.value.scope,
            &e.span,
            "exceptions",
            "scope",
            "\"partition\"",
        )?;
        let Some(s) = scopes.iter().find(|s| s.name == scope.value) else {
            let names = scopes.iter().map(|s| s.name.as_str());
            self.sink.error(
                scope.span.clone(),
                format!(
                    "`{name}` lists instances of unknown scope `{}`",
                    scope.value
                ),
                format!("{}name a [[scope]]", did_you_mean_name(&scope.value, names)),
            );
            return None;
        };
        let label = self.condition_label(m, name, s, labels, defined)?;
        ok.then_some(())?;
        Some(Exceptions {
            scope: s.name.clone(),
            max_per_node: max_per_node?,
            label,
            conditions: Vec::new(),
        })
    }

    /// The labels are the scope's, in its order, then one enum label: the condition's.
    fn condition_label(
        &mut self,
        m: &RawMetric,
        name: &str,
        s: &Scope,
        labels: &[String],
        defined: &[Label],
    ) -> Option<String> {
        let span = m.labels.as_ref().map_or(m.span.clone(), |l| l.span.clone());
        let rest = labels.strip_prefix(s.labels.as_slice());
        let enum_label = match rest {
            Some([one]) => defined
                .iter()
                .find(|l| &l.name == one && l.enum_values().is_some()),
            _ => None,
        };
        if let Some(l) = enum_label {
            return Some(l.name.clone());
        }
        self.sink.error(
            span,
            format!(
                "`{name}` lists {} instances: its labels are the scope's and one enum label naming the condition",
                s.name
            ),
            format!("write labels = [{}, \"condition\"] with `condition` an enum label", s.labels.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")),
        );
        None
    }

    /// Each count's `listed_as`: a value of the exceptions' condition label, in the same scope,
    /// each value listed by exactly one count.
    pub(super) fn listed(&mut self, raw: &RawSchema, out: &mut [Metric], labels: &[Label]) {
        for m in &raw.metrics {
            let Some(listed) = m.count.as_ref().and_then(|c| c.value.listed_as.as_ref()) else {
                continue;
            };
            let Some(count) = m
                .name
                .as_ref()
                .and_then(|n| out.iter().find(|o| o.name == n.value))
            else {
                continue;
            };
            let (count, scope) = match &count.count {
                Some(c) => (count.name.clone(), c.scope.clone()),
                None => continue,
            };
            let Some(list) = out
                .iter_mut()
                .filter_map(|o| o.exceptions.as_mut())
                .find(|e| e.scope == scope)
            else {
                self.sink.error(
                    listed.span.clone(),
                    format!("`{count}` is listed as `{}`, but no metric lists exceptions of scope `{scope}`", listed.value),
                    format!("add a gauge with `exceptions = {{ scope = \"{scope}\", max_per_node = 200 }}`, or remove `listed_as`"),
                );
                continue;
            };
            let values = enum_values(labels, &list.label);
            if !values.iter().any(|v| v.value == listed.value) {
                let names = values.iter().map(|v| v.value.as_str());
                self.sink.error(
                    listed.span.clone(),
                    format!(
                        "`{}` is not a value of the condition label `{}`",
                        listed.value, list.label
                    ),
                    format!(
                        "{}add it to the label's values, or list the count as one of them",
                        did_you_mean_name(&listed.value, names)
                    ),
                );
                continue;
            }
            if let Some(other) = list.conditions.iter().find(|c| c.value == listed.value) {
                self.sink.error(
                    listed.span.clone(),
                    format!(
                        "condition `{}` is listed by `{}` already",
                        listed.value, other.count
                    ),
                    "each condition names one count: give this one its own value",
                );
                continue;
            }
            list.conditions.push(Listed {
                value: listed.value.clone(),
                count,
            });
        }
        self.every_condition_listed(raw, out, labels);
    }

    /// A value of the condition label that no count lists would never appear.
    fn every_condition_listed(&mut self, raw: &RawSchema, out: &mut [Metric], labels: &[Label]) {
        for m in out.iter_mut() {
            let Some(e) = m.exceptions.as_mut() else {
                continue;
            };
            let values = enum_values(labels, &e.label);
            for v in values {
                if e.conditions.iter().all(|c| c.value != v.value) {
                    let span = raw
                        .metrics
                        .iter()
                        .find(|r| r.name.as_ref().is_some_and(|n| n.value == m.name))
                        .and_then(|r| r.exceptions.as_ref())
                        .map_or(m.span.clone(), |x| x.span.clone());
                    self.sink.error(
                        span,
                        format!(
                            "condition `{}` of `{}` is listed by no count",
                            v.value, m.name
                        ),
                        format!(
                            "add `listed_as = \"{}\"` to the count whose partitions it names",
                            v.value
                        ),
                    );
                }
            }
            // In the label's order, as the exposition and the docs list them.
            e.conditions
                .sort_by_key(|c| values.iter().position(|v| v.value == c.value));
        }
    }
}

/// The values of an enum label (none for another kind, or no such label).
fn enum_values<'a>(labels: &'a [Label], name: &str) -> &'a [EnumValue] {
    labels
        .iter()
        .find(|l| l.name == name)
        .and_then(Label::enum_values)
        .unwrap_or(&[])
}
