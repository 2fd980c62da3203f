//! A metric's name: Prometheus conventions (`_total` on counters only, unit last, base units,
//! no type words, no reserved suffixes) and the generated API's method names.

use super::metrics::MetricContext;
use super::names::{
    is_rust_keyword, is_snake_case, ABBREVIATIONS, NON_BASE_UNITS, RESERVED_METHODS, TYPE_WORDS,
};
use super::Validator;
use crate::model::{MetricType, SeriesKind, Unit, COUNTER_SUFFIX, TIMESTAMP_SUFFIX};
use crate::parse::Spanned;

impl Validator<'_> {
    /// Every naming rule; `false` when one is broken (all are reported).
    pub(super) fn metric_name(
        &mut self,
        name: &Spanned<String>,
        kind: Option<MetricType>,
        cx: &MetricContext,
    ) -> bool {
        let mut ok = self.name_shape(name, cx);
        if let Some(kind) = kind {
            ok &= self.type_suffixes(name, kind, cx);
        }
        ok & self.name_words(name)
    }

    fn name_shape(&mut self, name: &Spanned<String>, cx: &MetricContext) -> bool {
        let n = name.value.as_str();
        let problem = if n.contains(':') {
            Some((
                format!("metric name `{n}` contains `:`, which is reserved for recording rules"),
                "use `_` instead".to_string(),
            ))
        } else if !is_snake_case(n) {
            Some((
                format!("metric name `{n}` is not snake_case"),
                format!(
                    "use lowercase letters, digits and single underscores, e.g. \"{}\"",
                    heck::ToSnakeCase::to_snake_case(n)
                ),
            ))
        } else if is_rust_keyword(n)
            || RESERVED_METHODS.contains(&n)
            || cx
                .scopes
                .iter()
                .any(|s| s.name == n || format!("remove_{}", s.name) == n)
        {
            Some((
                format!("metric name `{n}` collides with a method of the generated API"),
                "rename the metric".to_string(),
            ))
        } else {
            None
        };
        let Some((message, help)) = problem else {
            return true;
        };
        self.sink.error(name.span.clone(), message, help);
        false
    }

    /// `_total` exactly on counters; no histogram series suffixes; timestamps are gauges.
    fn type_suffixes(
        &mut self,
        name: &Spanned<String>,
        kind: MetricType,
        cx: &MetricContext,
    ) -> bool {
        let n = name.value.as_str();
        let stem = n.strip_suffix(COUNTER_SUFFIX).unwrap_or(n);
        let mut ok = true;
        match (kind, n.ends_with(COUNTER_SUFFIX)) {
            (MetricType::Counter, false) => {
                self.sink.error(
                    name.span.clone(),
                    format!("counter `{n}` does not end in `{COUNTER_SUFFIX}`"),
                    format!("rename it to \"{n}{COUNTER_SUFFIX}\""),
                );
                ok = false;
            }
            (MetricType::Gauge | MetricType::Histogram, true) => {
                self.sink.error(
                    name.span.clone(),
                    format!("{kind} `{n}` ends in `{COUNTER_SUFFIX}`, which is only for counters"),
                    format!("rename it to \"{stem}\", or make it a counter"),
                );
                ok = false;
            }
            _ => {}
        }
        for suffix in SeriesKind::HISTOGRAM.iter().filter_map(|k| k.suffix()) {
            let base = stem
                .strip_suffix(suffix)
                .filter(|b| cx.histograms.contains(b) && kind != MetricType::Histogram);
            if let Some(base) = base {
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{n}` collides with the `{}_{base}{suffix}` series of histogram `{base}`", cx.namespace),
                    format!("rename `{n}`: a histogram exposes `{base}_bucket`, `{base}_sum` and `{base}_count`"),
                );
                ok = false;
            } else if stem.ends_with(suffix) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` ends in `{suffix}`, a suffix Prometheus reserves for histogram and summary series"),
                    "name what is measured instead, e.g. `leader_partitions` rather than `leader_count`",
                );
                ok = false;
            }
        }
        if stem.ends_with(TIMESTAMP_SUFFIX) && kind != MetricType::Gauge {
            self.sink.error(
                name.span.clone(),
                format!("only gauges may end in `{TIMESTAMP_SUFFIX}`"),
                "make it a gauge holding the Unix time in seconds",
            );
            ok = false;
        }
        ok
    }

    /// No unit abbreviations, non-base units or type words among the name's words.
    fn name_words(&mut self, name: &Spanned<String>) -> bool {
        let n = name.value.as_str();
        let mut ok = true;
        for t in n.split('_') {
            if let Some((_, base)) = ABBREVIATIONS.iter().find(|(a, _)| *a == t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` uses the unit abbreviation `_{t}`"),
                    format!(
                        "use the base unit spelled out: `_{base}`, and scale values and buckets"
                    ),
                );
                ok = false;
            }
            if let Some((u, base)) = NON_BASE_UNITS.iter().find(|(u, _)| *u == t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` uses the non-base unit `{u}`"),
                    format!("use {base}"),
                );
                ok = false;
            }
            if TYPE_WORDS.contains(&t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` contains the type word `{t}`"),
                    "the type is in the metadata; drop the word from the name",
                );
                ok = false;
            }
        }
        ok
    }

    /// The unit is the name's last word before any `_total`, and a unit word in the name is
    /// declared.
    pub(super) fn unit_in_name(
        &mut self,
        name: &Spanned<String>,
        unit: Unit,
        declared: bool,
    ) -> bool {
        let n = name.value.as_str();
        let stem = n.strip_suffix(COUNTER_SUFFIX).unwrap_or(n);
        if let Some(suffix) = unit.suffix() {
            if stem.ends_with(&format!("_{suffix}")) {
                return true;
            }
            // A trailing abbreviation (`_ms`) is replaced, not kept before the unit.
            let base = stem
                .rsplit_once('_')
                .filter(|(_, last)| ABBREVIATIONS.iter().any(|(ab, _)| ab == last))
                .map_or(stem, |(head, _)| head);
            let total = if n.ends_with(COUNTER_SUFFIX) {
                COUNTER_SUFFIX
            } else {
                ""
            };
            self.sink.error(name.span.clone(), format!("metric `{n}` has unit {suffix} but its name does not end in `_{suffix}`"), format!("rename it so the unit is the last word before any `_total`, e.g. \"{base}_{suffix}{total}\""));
            return false;
        }
        if declared {
            return true;
        }
        let mut ok = true;
        for u in Unit::ALL.iter().filter_map(|u| u.suffix()) {
            if stem.ends_with(&format!("_{u}")) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{n}` is named in {u} but declares no unit"),
                    format!("add `unit = \"{u}\"`"),
                );
                ok = false;
            }
        }
        ok
    }
}
