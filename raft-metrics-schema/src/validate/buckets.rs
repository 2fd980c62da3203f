//! Histogram bucket edges: finite, non-negative, strictly increasing; only on histograms.

use super::Validator;
use crate::model::MetricType;
use crate::parse::{RawMetric, Spanned};

impl Validator<'_> {
    /// The bucket edges (empty for other types); `None` after an error.
    pub(super) fn buckets(
        &mut self,
        m: &RawMetric,
        n: &str,
        kind: Option<MetricType>,
    ) -> Option<Vec<f64>> {
        match (kind, &m.buckets) {
            (Some(MetricType::Histogram), None) => {
                let name = m.name.as_ref().map_or(m.span.clone(), |n| n.span.clone());
                self.sink.error(name, format!("histogram `{n}` has no buckets"), "add `buckets = [...]`: upper bounds in the metric's unit, with edges at the thresholds your alerts use");
                None
            }
            (Some(MetricType::Histogram), Some(b)) => self.edges(b, n),
            (Some(k), Some(b)) => {
                self.sink.error(
                    b.span.clone(),
                    format!("{k} `{n}` has buckets, which only histograms use"),
                    "remove `buckets`, or make it a histogram",
                );
                None
            }
            (None, _) | (Some(_), None) => Some(Vec::new()),
        }
    }

    fn edges(&mut self, b: &Spanned<Vec<Spanned<f64>>>, n: &str) -> Option<Vec<f64>> {
        let mut ok = true;
        if b.value.is_empty() {
            self.sink.error(
                b.span.clone(),
                format!("histogram `{n}` has an empty bucket list"),
                "list at least one upper bound",
            );
            ok = false;
        }
        let mut out = Vec::new();
        let mut prev: Option<f64> = None;
        for e in &b.value {
            if !e.value.is_finite() {
                self.sink.error(
                    e.span.clone(),
                    format!("bucket edge {} is not a finite number", e.value),
                    "remove it: the +Inf bucket is added automatically",
                );
                ok = false;
                continue;
            }
            if e.value < 0.0 {
                self.sink.error(e.span.clone(), format!("bucket edge {} is negative", e.value), "durations, sizes and counts are never negative: start at a small positive edge");
                ok = false;
            }
            match prev {
                Some(p) if e.value == p => {
                    self.sink.error(
                        e.span.clone(),
                        format!("bucket edge {} appears twice", e.value),
                        "remove the duplicate edge",
                    );
                    ok = false;
                }
                Some(p) if e.value < p => {
                    self.sink.error(
                        e.span.clone(),
                        format!("bucket edge {} comes after the larger edge {p}", e.value),
                        "list bucket edges in increasing order",
                    );
                    ok = false;
                }
                _ => {}
            }
            prev = Some(e.value);
            out.push(e.value);
        }
        ok.then_some(out)
    }
}
