//! Schema-wide budgets: the worst-case series count, and the overflow counter.

use super::{did_you_mean, Validator};
use crate::model::{MetricType, Schema};
use crate::parse::RawSchema;

impl Validator<'_> {
    /// `overflow_metric` names a counter whose one label is an enum listing every open label.
    pub(super) fn overflow_metric(&mut self, raw: &RawSchema, schema: &Schema) -> Option<String> {
        let o = raw.header.as_ref()?.overflow_metric.as_ref()?;
        let Some(m) = schema.metric(&o.value) else {
            let hint = did_you_mean(&o.value, schema.metrics.iter().map(|m| m.name.as_str()));
            self.sink.error(
                o.span.clone(),
                format!("overflow_metric `{}` is not a metric of this schema", o.value),
                format!("{hint}declare a counter such as `label_overflow_total` with one enum label listing the open labels"),
            );
            return None;
        };
        let open: Vec<&str> = schema.open_labels().map(|l| l.name.as_str()).collect();
        let values: Option<Vec<&str>> = match m.labels.as_slice() {
            [l] => schema
                .label(l)
                .and_then(|l| l.enum_values())
                .map(|v| v.iter().map(|x| x.value.as_str()).collect()),
            _ => None,
        };
        let missing: Vec<&str> = match &values {
            Some(v) => open.iter().copied().filter(|l| !v.contains(l)).collect(),
            None => Vec::new(),
        };
        if m.kind != MetricType::Counter || values.is_none() || !missing.is_empty() {
            self.sink.error(
                o.span.clone(),
                format!(
                    "overflow_metric `{}` must be a counter with one enum label whose values name every open label{}",
                    o.value,
                    if missing.is_empty() { String::new() } else { format!(" (missing: {})", missing.join(", ")) }
                ),
                format!("give it `labels = [\"label\"]`, with `label` an enum of: {}", open.join(", ")),
            );
            return None;
        }
        Some(m.name.clone())
    }

    /// The schema's worst-case series count must fit `max_series`; name the biggest metrics.
    pub(super) fn budget(&mut self, raw: &RawSchema, schema: &Schema) {
        let Some(max) = raw.header.as_ref().and_then(|h| h.max_series.as_ref()) else {
            return;
        };
        let Some(total) = schema.worst_case_total() else {
            return; // an unbounded label is reported where it is defined
        };
        if total <= max.value || max.value == 0 {
            return;
        }
        let mut rows: Vec<(&str, u64)> = schema
            .cardinality()
            .into_iter()
            .filter_map(|(m, n)| Some((m.name.as_str(), n?)))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = rows
            .iter()
            .take(3)
            .map(|(n, c)| format!("`{n}` ({c})"))
            .collect();
        self.sink.error(
            max.span.clone(),
            format!(
                "worst-case series count {total} exceeds max_series = {}",
                max.value
            ),
            format!(
                "biggest: {}; lower the max_values of their open labels, drop a label, or raise max_series",
                top.join(", ")
            ),
        );
    }
}
