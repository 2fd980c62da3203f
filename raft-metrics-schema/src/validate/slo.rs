//! `[[slo]]`: objective, period, SLI and grouping, each checked against the metrics it reads
//! as the summary level holds them (which the rules read).

use super::{did_you_mean_name, is_snake_case, Validator};
use crate::model::*;
use crate::parse::{RawSchema, RawSlo, Spanned};

/// The longest window of the generated alerts (the slow ticket's): a period must hold it.
pub const LONGEST_ALERT_WINDOW_DAYS: u64 = 3;

impl Validator<'_> {
    pub(super) fn slos(&mut self, raw: &RawSchema, schema: &Schema) -> Vec<Slo> {
        let mut out: Vec<Slo> = Vec::new();
        for r in &raw.slos {
            let Some(slo) = self.slo(r, schema) else {
                continue;
            };
            let name = r.name.as_ref().map_or(r.span.clone(), |n| n.span.clone());
            if out.iter().any(|o| o.name == slo.name) {
                self.sink.error(
                    name,
                    format!("slo `{}` is defined twice", slo.name),
                    "SLO names must be unique: rename one",
                );
                continue;
            }
            if schema.alerts.iter().any(|a| a.name == slo.alert_name()) {
                self.sink.error(
                    name,
                    format!(
                        "slo `{}` would alert as `{}`, an [[alert]] of the schema",
                        slo.name,
                        slo.alert_name()
                    ),
                    "rename the SLO or the alert",
                );
                continue;
            }
            out.push(slo);
        }
        out
    }

    fn slo(&mut self, r: &RawSlo, schema: &Schema) -> Option<Slo> {
        let w = "[[slo]]";
        let name = self.required(&r.name, &r.span, w, "name", "\"write_success\"");
        let description = self
            .required(
                &r.description,
                &r.span,
                w,
                "description",
                "\"Writes that commit.\"",
            )
            .map(|d| d.value.trim().to_string());
        let objective = self.required(&r.objective, &r.span, w, "objective", "0.999");
        let period = self.required(&r.period, &r.span, w, "period", "\"28d\"");
        let sli_kind = self.required(&r.sli, &r.span, w, "sli", "\"events\"");
        let name = name.and_then(|n| self.slo_name(n));
        let objective = objective.and_then(|o| self.objective(o));
        let period_days = period.and_then(|p| self.period(p));
        let sli = sli_kind.and_then(|k| self.sli(r, k, schema));
        let by = self.slo_by(r, schema);
        let page = r.page.as_ref().map_or(Some(AlertSeverity::Critical), |p| {
            self.word::<AlertSeverity>(p, "severity", "page")
        });
        let ticket = r.ticket.as_ref().map_or(Some(AlertSeverity::Warning), |t| {
            self.word::<AlertSeverity>(t, "severity", "ticket")
        });
        let labels = r.labels.as_ref().map_or_else(Vec::new, |l| {
            l.value
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.clone()))
                .collect()
        });
        Some(Slo {
            name: name?,
            description: description?,
            objective: objective?,
            period: period?.value.clone(),
            period_days: period_days?,
            by: by?,
            sli: sli?,
            page: page?,
            ticket: ticket?,
            labels,
            min_events: r
                .min_events
                .as_ref()
                .map_or(DEFAULT_MIN_EVENTS, |m| m.value),
            note: r.note.as_ref().map(|n| n.value.trim().to_string()),
            span: r.span.clone(),
        })
    }

    fn slo_name(&mut self, n: &Spanned<String>) -> Option<String> {
        if is_snake_case(&n.value) {
            return Some(n.value.clone());
        }
        self.sink.error(
            n.span.clone(),
            format!("slo name `{}` is not snake_case", n.value),
            "use lowercase words joined by `_`, e.g. \"write_success\"",
        );
        None
    }

    fn objective(&mut self, o: &Spanned<f64>) -> Option<f64> {
        if o.value > 0.0 && o.value < 1.0 {
            return Some(o.value);
        }
        let help = if o.value > 1.0 && o.value < 100.0 {
            format!("write it as a ratio: {}", (o.value * 1e7).round() / 1e9)
        } else {
            "an objective is a ratio strictly between 0 and 1, e.g. 0.999".to_string()
        };
        self.sink.error(
            o.span.clone(),
            format!("objective {} is outside (0, 1)", o.value),
            help,
        );
        None
    }

    /// Whole days or weeks, long enough for the slowest alert window.
    fn period(&mut self, p: &Spanned<String>) -> Option<u64> {
        let v = p.value.as_str();
        let days = v
            .strip_suffix('d')
            .and_then(|d| d.parse::<u64>().ok())
            .or_else(|| {
                v.strip_suffix('w')
                    .and_then(|w| w.parse::<u64>().ok())
                    .map(|w| w * 7)
            });
        match days {
            None => {
                self.sink.error(
                    p.span.clone(),
                    format!("period `{v}` is not whole days or weeks"),
                    "write the period as days or weeks, e.g. \"28d\" or \"4w\"",
                );
                None
            }
            Some(d) if d < LONGEST_ALERT_WINDOW_DAYS => {
                self.sink.error(p.span.clone(), format!("the alert windows do not fit a period of {v}: the slow ticket alert reads {LONGEST_ALERT_WINDOW_DAYS}d"), "use a period of at least 3d; SLOs are commonly 28d or 30d");
                None
            }
            Some(d) => Some(d),
        }
    }

    fn sli(&mut self, r: &RawSlo, kind: &Spanned<String>, schema: &Schema) -> Option<Sli> {
        let w = "[[slo]]";
        match kind.value.as_str() {
            "events" => {
                let bad = self.required(&r.bad, &r.span, w, "bad", "\"proposals_failed_total\"");
                let total = self.required(&r.total, &r.span, w, "total", "\"proposals_total\"");
                let bad = bad.and_then(|b| self.sli_metric(b, MetricType::Counter, schema));
                let total = total.and_then(|t| self.sli_metric(t, MetricType::Counter, schema));
                Some(Sli::Events {
                    bad: bad?,
                    total: total?,
                })
            }
            "latency" => {
                let m = self.required(
                    &r.metric,
                    &r.span,
                    w,
                    "metric",
                    "\"commit_latency_seconds\"",
                );
                let t = self.required(&r.threshold, &r.span, w, "threshold", "0.1");
                let metric = m.and_then(|m| self.sli_metric(m, MetricType::Histogram, schema));
                let threshold = match (&metric, t) {
                    (Some(name), Some(t)) => self.latency_threshold(t, schema.metric(name)?),
                    _ => None,
                };
                Some(Sli::Latency {
                    metric: metric?,
                    threshold: threshold?,
                })
            }
            "availability" => {
                let good = self.required(&r.good, &r.span, w, "good", "\"led_partitions\"");
                let bad = self.required(&r.bad, &r.span, w, "bad", "\"leaderless_partitions\"");
                let good = good.and_then(|g| self.sli_metric(g, MetricType::Gauge, schema));
                let bad = bad.and_then(|b| self.sli_metric(b, MetricType::Gauge, schema));
                Some(Sli::Availability {
                    good: good?,
                    bad: bad?,
                })
            }
            other => {
                self.sink.error(kind.span.clone(), format!("unknown sli `{other}`"), "sli is one of \"events\" (bad and total counters), \"latency\" (a histogram and a threshold) or \"availability\" (good and bad gauges)");
                None
            }
        }
    }

    /// A metric an SLI reads: defined, of the type the SLI needs, at the summary level.
    fn sli_metric(
        &mut self,
        n: &Spanned<String>,
        want: MetricType,
        schema: &Schema,
    ) -> Option<String> {
        let Some(m) = schema.metric(&n.value) else {
            let names = schema.metrics.iter().map(|m| m.name.as_str());
            self.sink.error(
                n.span.clone(),
                format!("slo reads unknown metric `{}`", n.value),
                format!(
                    "{}name a metric defined with [[metric]]",
                    did_you_mean_name(&n.value, names)
                ),
            );
            return None;
        };
        if m.kind != want {
            let (used, help) = match want {
                MetricType::Counter => ("a counter", "an events SLI rates two counters: bad events and all events"),
                MetricType::Gauge => ("a gauge", "an availability SLI averages two gauges over time: units in a good and in a bad state"),
                MetricType::Histogram => ("a histogram", "a latency SLI reads a histogram's buckets"),
            };
            self.sink.error(
                n.span.clone(),
                format!(
                    "`{}` is a {}, used here as {used}",
                    n.value,
                    m.kind.as_str()
                ),
                help,
            );
            return None;
        }
        if m.labels_at(Level::Summary).is_none() {
            self.sink.error(
                n.span.clone(),
                format!(
                    "`{}` is not at the summary level (`summary = \"none\"`), which SLO rules read",
                    n.value
                ),
                "keep it at the summary level, or choose another metric",
            );
            return None;
        }
        Some(m.name.clone())
    }

    /// A latency threshold must be a bucket boundary: between two, the share at or under it
    /// cannot be read from the buckets.
    fn latency_threshold(&mut self, t: &Spanned<f64>, m: &Metric) -> Option<f64> {
        if m.buckets.contains(&t.value) {
            return Some(t.value);
        }
        let below = m.buckets.iter().copied().rfind(|b| *b < t.value);
        let above = m.buckets.iter().copied().find(|b| *b > t.value);
        let near = match (below, above) {
            (Some(l), Some(h)) => format!("the nearest boundaries are {l} and {h}"),
            (Some(l), None) => format!("the largest boundary is {l}"),
            (None, Some(h)) => format!("the smallest boundary is {h}"),
            (None, None) => "the histogram has no buckets".into(),
        };
        self.sink.error(
            t.span.clone(),
            format!(
                "latency threshold {} is not a bucket boundary of `{}`",
                t.value, m.name
            ),
            format!("{near}: use one, or add {} to the buckets", t.value),
        );
        None
    }

    /// Grouping labels every metric of the SLI keeps at the summary level.
    fn slo_by(&mut self, r: &RawSlo, schema: &Schema) -> Option<Vec<String>> {
        let Some(by) = &r.by else {
            return Some(Vec::new());
        };
        let mut ok = true;
        for l in &by.value {
            if Some(&l.value) == schema.cluster_label.as_ref() {
                continue;
            }
            // Every metric the SLO names, whether or not its SLI checked out.
            let named = [&r.bad, &r.total, &r.good, &r.metric];
            let metrics = named
                .into_iter()
                .flatten()
                .filter_map(|n| schema.metric(&n.value));
            for m in metrics {
                let kept = m.labels_at(Level::Summary).unwrap_or_default();
                if kept.contains(&l.value) {
                    continue;
                }
                ok = false;
                if m.has_label(&l.value) {
                    self.sink.error(l.span.clone(), format!("slo groups by `{}`, which the summary level folds on `{}`", l.value, m.name), "group by a label the summary level keeps (the SLO rules read it), e.g. topic");
                } else {
                    self.sink.error(
                        l.span.clone(),
                        format!(
                            "slo groups by `{}`, which `{}` does not have",
                            l.value, m.name
                        ),
                        format!(
                            "{}group by labels of every metric the SLI reads",
                            did_you_mean_name(&l.value, m.labels.iter().map(|s| s.as_str()))
                        ),
                    );
                }
                // One error per label is enough.
                break;
            }
        }
        ok.then(|| {
            by.value
                .iter()
                .filter(|l| Some(&l.value) != schema.cluster_label.as_ref())
                .map(|l| l.value.clone())
                .collect()
        })
    }
}
