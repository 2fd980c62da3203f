//! What changed between two versions of a schema, classified as breaking or compatible, and
//! which panels and alerts each breaking change breaks.

mod panels;
mod slos;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{LabelKind, Level, Metric, Schema, Summary};
use crate::promql::{references, References};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Breaking,
    Compatible,
}

/// One change. `kind` is a stable identifier (`metric-removed`, `bucket-added`, ...).
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub class: Class,
    pub kind: &'static str,
    /// The metric, label or alert the change is about.
    pub subject: String,
    pub message: String,
    /// Panels and alerts (generated from the old schema, or from files given) it breaks.
    pub breaks: Vec<String>,
    /// How to find what it breaks (not serialized).
    #[serde(skip)]
    hit: Hit,
}

/// What an expression must refer to for a change to break it.
#[derive(Clone, Debug)]
enum Hit {
    /// Any series of these.
    Series(Vec<String>),
    /// A series of these that also uses the label (matcher or grouping).
    SeriesWithLabel(Vec<String>, String),
    /// A matcher `label=value` on any of these series.
    SeriesWithMatcher(Vec<String>, String, String),
    Nothing,
}

impl Change {
    fn new(class: Class, kind: &'static str, subject: &str, message: String, hit: Hit) -> Self {
        Change {
            class,
            kind,
            subject: subject.to_string(),
            message,
            breaks: Vec::new(),
            hit,
        }
    }

    /// Whether an expression with these references is broken by this change.
    fn hits(&self, refs: &References) -> bool {
        let uses = |series: &[String]| series.iter().any(|s| refs.series.contains(s));
        match &self.hit {
            Hit::Series(s) => uses(s),
            Hit::SeriesWithLabel(s, l) => uses(s) && refs.labels.contains(l),
            Hit::SeriesWithMatcher(s, l, v) => {
                uses(s) && refs.matchers.contains(&(l.clone(), v.clone()))
            }
            Hit::Nothing => false,
        }
    }
}

fn series_names(m: &Metric) -> Vec<String> {
    m.series().into_iter().map(|s| s.name).collect()
}

fn fmt_edges(v: &[f64]) -> String {
    v.iter()
        .map(|b| crate::alerts::number(*b))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every change from `old` to `new`, breaking ones first, each group in schema order.
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    use Class::*;
    let mut out = Vec::new();
    for om in &old.metrics {
        match new.metric(&om.name) {
            Some(nm) => metric_changed(om, nm, &mut out),
            None => metric_gone(om, new, &mut out),
        }
    }
    for nm in &new.metrics {
        let renamed = nm
            .old_name
            .as_deref()
            .is_some_and(|o| old.metric(o).is_some());
        if old.metric(&nm.name).is_none() && !renamed {
            out.push(Change::new(
                Compatible,
                "metric-added",
                &nm.name,
                format!("`{}` is added", nm.exposed),
                Hit::Nothing,
            ));
        }
    }
    labels(old, new, &mut out);
    alerts(old, new, &mut out);
    panels::panels(old, new, &mut out);
    slos::slos(old, new, &mut out);
    out.sort_by_key(|c| c.class != Breaking);
    out
}

/// A metric of the old schema that the new one lacks: renamed (recorded) or removed.
fn metric_gone(om: &Metric, new: &Schema, out: &mut Vec<Change>) {
    use Class::*;
    match new
        .metrics
        .iter()
        .find(|n| n.old_name.as_deref() == Some(om.name.as_str()))
    {
        Some(n) => {
            out.push(Change::new(
                Compatible,
                "metric-renamed",
                &om.name,
                format!(
                    "`{}` is renamed to `{}`; the rename is recorded (old_name), so `lint` names the replacement in old dashboards and rules",
                    om.exposed, n.exposed
                ),
                Hit::Nothing,
            ));
            // Units live in names, so a unit change always comes with a rename.
            // Naming a count's unit (none → entries) rescales nothing.
            if om.unit != n.unit && !(om.unit.is_count() && n.unit.is_count()) {
                out.push(Change::new(
                    Breaking,
                    "metric-unit-changed",
                    &om.name,
                    format!(
                        "`{}` becomes `{}` and changes unit from {} to {}: thresholds written for the old name must be rescaled",
                        om.exposed,
                        n.exposed,
                        om.unit.as_str(),
                        n.unit.as_str()
                    ),
                    Hit::Series(series_names(om)),
                ));
            }
        }
        None => out.push(Change::new(
            Breaking,
            "metric-removed",
            &om.name,
            format!("`{}` is removed", om.exposed),
            Hit::Series(series_names(om)),
        )),
    }
}

/// A metric in both schemas: type, unit, labels, buckets and help.
fn metric_changed(om: &Metric, nm: &Metric, out: &mut Vec<Change>) {
    use Class::*;
    let series = series_names(om);
    if om.kind != nm.kind {
        out.push(Change::new(
            Breaking,
            "metric-type-changed",
            &om.name,
            format!(
                "`{}` changes type from {} to {}",
                om.name,
                om.kind.as_str(),
                nm.kind.as_str()
            ),
            Hit::Series(series.clone()),
        ));
    }
    if om.unit != nm.unit {
        out.push(Change::new(
            Breaking,
            "metric-unit-changed",
            &om.name,
            format!(
                "`{}` changes unit from {} to {}: thresholds and panel units change meaning",
                om.name,
                om.unit.as_str(),
                nm.unit.as_str()
            ),
            Hit::Series(series.clone()),
        ));
    }
    for l in &om.labels {
        if !nm.labels.contains(l) {
            out.push(Change::new(
                Breaking,
                "label-removed",
                &om.name,
                format!("`{}` loses label `{l}`", om.name),
                Hit::SeriesWithLabel(series.clone(), l.clone()),
            ));
        }
    }
    for l in &nm.labels {
        if !om.labels.contains(l) {
            out.push(Change::new(
                Compatible,
                "label-added",
                &om.name,
                format!(
                    "`{}` gains label `{l}`: each old series splits by it; aggregations keep working",
                    om.name
                ),
                Hit::Nothing,
            ));
        }
    }
    let removed: Vec<f64> = om
        .buckets
        .iter()
        .copied()
        .filter(|b| !nm.buckets.contains(b))
        .collect();
    let added: Vec<f64> = nm
        .buckets
        .iter()
        .copied()
        .filter(|b| !om.buckets.contains(b))
        .collect();
    if om.kind == nm.kind && !removed.is_empty() {
        out.push(Change::new(
            Breaking,
            "bucket-removed",
            &om.name,
            format!(
                "`{}` loses bucket edge(s) {}: quantiles and thresholds that sat on them change",
                om.name,
                fmt_edges(&removed)
            ),
            Hit::Series(series.clone()),
        ));
    }
    if om.kind == nm.kind && !added.is_empty() {
        out.push(Change::new(
            Compatible,
            "bucket-added",
            &om.name,
            format!(
                "`{}` gains bucket edge(s) {} (new `le` series)",
                om.name,
                fmt_edges(&added)
            ),
            Hit::Nothing,
        ));
    }
    if om.help != nm.help {
        out.push(Change::new(
            Compatible,
            "help-changed",
            &om.name,
            format!("`{}` has new help text", om.name),
            Hit::Nothing,
        ));
    }
    summary_changed(om, nm, out);
}

/// How the summary level holds a metric: there or not, which labels it folds, how.
fn summary_changed(om: &Metric, nm: &Metric, out: &mut Vec<Change>) {
    use Class::*;
    let series = series_names(om);
    let (old, new) = (om.labels_at(Level::Summary), nm.labels_at(Level::Summary));
    let (Some(old), Some(new)) = (old, new) else {
        if om.at(Level::Summary) != nm.at(Level::Summary) {
            let (class, kind, what) = if nm.at(Level::Summary) {
                (Compatible, "summary-added", "joins")
            } else {
                (Breaking, "summary-removed", "leaves")
            };
            let hit = if class == Breaking {
                Hit::Series(series)
            } else {
                Hit::Nothing
            };
            out.push(Change::new(
                class,
                kind,
                &om.name,
                format!(
                    "`{}` {what} the summary level, which the overview and the alerts read",
                    om.exposed
                ),
                hit,
            ));
        }
        return;
    };
    for l in old.iter().filter(|l| !new.contains(l) && nm.has_label(l)) {
        out.push(Change::new(
            Breaking,
            "summary-label-folded",
            &om.name,
            format!(
                "the summary level folds `{l}` of `{}`: queries there by `{l}` find nothing",
                om.exposed
            ),
            Hit::SeriesWithLabel(series.clone(), l.clone()),
        ));
    }
    for l in new.iter().filter(|l| !old.contains(l) && om.has_label(l)) {
        out.push(Change::new(
            Breaking,
            "summary-label-kept",
            &om.name,
            format!("the summary level keeps `{l}` of `{}`: queries there that ask for `{l}=\"\"` find nothing", om.exposed),
            Hit::SeriesWithMatcher(series.clone(), l.clone(), String::new()),
        ));
    }
    let op = |m: &Metric| match &m.summary {
        Summary::Fold { fold, op } if !fold.is_empty() => Some(*op),
        _ => None,
    };
    if let (Some(a), Some(b)) = (op(om), op(nm)) {
        if a != b {
            out.push(Change::new(
                Breaking,
                "summary-op-changed",
                &om.name,
                format!("`{}` at the summary level is the {b} of its folded series, no longer the {a}: thresholds change meaning", om.exposed),
                Hit::Series(series),
            ));
        }
    }
}

fn labels(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    use Class::*;
    for ol in &old.labels {
        let Some(nl) = new.label(&ol.name) else {
            continue; // each metric that used it reports `label-removed`
        };
        let users: Vec<String> = old
            .metrics
            .iter()
            .filter(|m| m.labels.contains(&ol.name))
            .flat_map(series_names)
            .collect();
        if ol.kind_name() != nl.kind_name() {
            out.push(Change::new(
                Breaking,
                "label-kind-changed",
                &ol.name,
                format!(
                    "label `{}` changes kind from {} to {}: its values and the typed API change",
                    ol.name,
                    ol.kind_name(),
                    nl.kind_name()
                ),
                Hit::SeriesWithLabel(users.clone(), ol.name.clone()),
            ));
            continue;
        }
        if let (LabelKind::Enum { values: ov, .. }, LabelKind::Enum { values: nv, .. }) =
            (&ol.kind, &nl.kind)
        {
            let new_values: BTreeSet<&str> = nv.iter().map(|v| v.value.as_str()).collect();
            let old_values: BTreeSet<&str> = ov.iter().map(|v| v.value.as_str()).collect();
            for v in old_values.difference(&new_values) {
                out.push(Change::new(
                    Breaking,
                    "enum-value-removed",
                    &ol.name,
                    format!("label `{}` loses value \"{v}\"", ol.name),
                    Hit::SeriesWithMatcher(users.clone(), ol.name.clone(), v.to_string()),
                ));
            }
            for v in new_values.difference(&old_values) {
                out.push(Change::new(
                    Compatible,
                    "label-value-added",
                    &ol.name,
                    format!("label `{}` gains value \"{v}\"", ol.name),
                    Hit::Nothing,
                ));
            }
        }
        if ol.help != nl.help {
            out.push(Change::new(
                Compatible,
                "help-changed",
                &ol.name,
                format!("label `{}` has new help text", ol.name),
                Hit::Nothing,
            ));
        }
    }
}

fn alerts(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    use Class::*;
    for oa in &old.alerts {
        let Some(na) = new.alerts.iter().find(|a| a.name == oa.name) else {
            out.push(Change::new(
                Breaking,
                "alert-removed",
                &oa.name,
                format!(
                    "alert `{}` is removed (or renamed): silences, routes and inhibitions that name it stop matching",
                    oa.name
                ),
                // Rules and routes that name an alert live outside Prometheus's rule files.
                Hit::Nothing,
            ));
            continue;
        };
        if oa.promql != na.promql {
            out.push(Change::new(
                Compatible,
                "alert-expression-changed",
                &oa.name,
                format!(
                    "alert `{}` fires on `{}` (was `{}`)",
                    oa.name, na.promql, oa.promql
                ),
                Hit::Nothing,
            ));
        }
        if oa.severity != na.severity || oa.for_ != na.for_ {
            out.push(Change::new(
                Compatible,
                "alert-timing-or-severity-changed",
                &oa.name,
                format!(
                    "alert `{}`: severity {} for {} (was {} for {})",
                    oa.name,
                    na.severity.as_str(),
                    na.for_,
                    oa.severity.as_str(),
                    oa.for_
                ),
                Hit::Nothing,
            ));
        }
        if oa.summary != na.summary || oa.description != na.description || oa.runbook != na.runbook
        {
            out.push(Change::new(
                Compatible,
                "alert-text-changed",
                &oa.name,
                format!(
                    "alert `{}` has new summary, description or runbook",
                    oa.name
                ),
                Hit::Nothing,
            ));
        }
    }
    for na in &new.alerts {
        if !old.alerts.iter().any(|a| a.name == na.name) {
            out.push(Change::new(
                Compatible,
                "alert-added",
                &na.name,
                format!("alert `{}` is added", na.name),
                Hit::Nothing,
            ));
        }
    }
}

/// Fill each breaking change's `breaks` from expressions given as (location, expr): the old
/// schema's generated panels and alerts, and any external files.
pub fn find_breakage(changes: &mut [Change], exprs: &[(String, String)]) {
    let parsed: Vec<(&str, References)> = exprs
        .iter()
        .filter_map(|(loc, e)| references(e).map(|r| (loc.as_str(), r)))
        .collect();
    for c in changes.iter_mut().filter(|c| c.class == Class::Breaking) {
        let mut hit: Vec<bool> = parsed.iter().map(|(_, r)| c.hits(r)).collect();
        // What reads a broken recorded series is broken too.
        loop {
            let broken: Vec<&str> = parsed
                .iter()
                .zip(&hit)
                .filter(|(_, h)| **h)
                .filter_map(|((loc, _), _)| loc.split_once(RECORD).map(|(_, n)| n))
                .collect();
            let mut changed = false;
            for (i, (_, r)) in parsed.iter().enumerate() {
                if !hit[i] && broken.iter().any(|n| r.series.contains(*n)) {
                    hit[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut locations: Vec<String> = parsed
            .iter()
            .zip(&hit)
            .filter(|(_, h)| **h)
            .map(|((loc, _), _)| loc.to_string())
            .collect();
        locations.dedup();
        c.breaks = locations;
    }
}

use crate::rule_plan::RECORD;

/// The old schema's generated artefacts as (location, expr): its alerts, recording and SLO
/// rules, and dashboard panels.
pub fn generated_exprs(old: &Schema) -> Vec<(String, String)> {
    let rules = crate::rule_plan::RulePlan::of(old);
    let mut v = rules.exprs(old);
    for d in crate::plan::dashboards_for(old, &rules) {
        v.extend(d.queries());
    }
    v
}
