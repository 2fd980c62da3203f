//! Selectors: the series a name denotes (schema metric, recorded series, scrape series),
//! their matchers, and the help for names and labels that are not there.

use std::collections::BTreeSet;

use promql_parser::label::MatchOp;
use promql_parser::parser::VectorSelector;

use crate::diag::suggest;
use crate::grafana::VAR_PREFIX;
use crate::model::*;

use super::*;

impl Checker<'_> {
    /// `=` or `!=` on a variable that can hold several values matches nothing for "All".
    pub(super) fn check_variable_matchers(&mut self, vs: &VectorSelector) {
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

    pub(super) fn selector(&mut self, vs: &VectorSelector, f: &Frame) -> LabelSet {
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
        // Labels, at the level the expression reads.
        let labels = self.labels_at_level(metric, &name)?;
        let mut allowed: BTreeSet<String> = labels.into_iter().collect();
        allowed.extend(schema.ambient_labels());
        if kind == SeriesKind::Bucket {
            allowed.insert("le".into());
        }
        self.check_matchers(&name, vs, &allowed);
        self.check_summary_selector(metric, &name, vs);
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

    /// The labels `metric` carries at the level read; `None` (and an error) when it has no
    /// series there.
    fn labels_at_level(&mut self, metric: &Metric, name: &str) -> Option<Vec<String>> {
        let Some(level) = self.known.level else {
            // A hand-written file may read either level.
            return metric
                .labels_at(Level::Detailed)
                .or_else(|| metric.labels_at(Level::Summary));
        };
        if let Some(labels) = metric.labels_at(level) {
            return Some(labels);
        }
        let help = match level {
            Level::Detailed => format!("`{}` is a derived count, at the summary level only: read it there (the overview and alerts do)", metric.name),
            Level::Summary => format!("`{}` has `summary = \"none\"`: read it from the detailed level (the drill-down), or give it a summary", metric.name),
        };
        self.error(format!("`{name}` has no series at the {level} level"), help);
        None
    }

    /// At the summary level, a selector of a folded metric asks for its folded labels to be
    /// empty: summary series lack them, so the detailed level's series, scraped into the same
    /// Prometheus, are never counted twice.
    fn check_summary_selector(&mut self, metric: &Metric, name: &str, vs: &VectorSelector) {
        if self.known.level != Some(Level::Summary) {
            return;
        }
        for l in metric.folded() {
            let empty = vs
                .matchers
                .matchers
                .iter()
                .any(|m| &m.name == l && m.op == MatchOp::Equal && m.value.is_empty());
            if !empty {
                self.error(
                    format!("`{name}` at the summary level selects the detailed level's series too, where both are scraped into one Prometheus"),
                    format!("add `{l}=\"\"`: the summary level folds `{l}`, so its series have none"),
                );
            }
        }
    }

    /// Every matcher names a label the series has, and an enum label a value it takes.
    pub(super) fn check_matchers(
        &mut self,
        name: &str,
        vs: &VectorSelector,
        allowed: &BTreeSet<String>,
    ) {
        let schema = self.schema;
        for m in &vs.matchers.matchers {
            if m.name == "__name__" {
                continue;
            }
            // `label=""` matches series without it: how the summary level is told apart.
            if m.op == MatchOp::Equal && m.value.is_empty() && self.is_label(&m.name) {
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

    fn is_label(&self, name: &str) -> bool {
        self.schema.label(name).is_some()
    }

    /// A series recorded by a rule: its labels are those its expression keeps.
    pub(super) fn recorded_selector(
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
    pub(super) fn scrape_selector(
        &mut self,
        name: &str,
        vs: &VectorSelector,
        f: &Frame,
    ) -> LabelSet {
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
    pub(super) fn unknown_metric(&mut self, name: &str) -> Option<String> {
        let schema = self.schema;
        let (base, kind) = SeriesKind::split(name);
        let (base, suffix) = (
            base.to_string(),
            kind.and_then(SeriesKind::suffix).unwrap_or(""),
        );
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
            .unwrap_or_else(|| {
                format!("see {} for the metrics that exist", crate::paths::REFERENCE)
            });
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

pub(super) fn is_var(name: &str) -> bool {
    name.starts_with(VAR_PREFIX)
}

pub(super) fn is_counterish(metric: &Metric, kind: SeriesKind) -> bool {
    metric.kind == MetricType::Counter
        || (metric.kind == MetricType::Histogram && kind != SeriesKind::Value)
}

/// The metric name of a selector: its name, or an `__name__="..."` matcher.
pub(super) fn selector_name(vs: &VectorSelector) -> Option<String> {
    vs.name.clone().or_else(|| {
        vs.matchers
            .matchers
            .iter()
            .find(|m| m.name == "__name__" && matches!(m.op, MatchOp::Equal))
            .map(|m| m.value.clone())
    })
}
