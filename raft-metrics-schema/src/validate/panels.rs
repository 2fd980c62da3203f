//! `panel = ...` and `[[overview_row]]`: a panel's form, title, description and place; titles
//! that say what the panel shows, once per dashboard; the rows of the overview's first screen.

use std::collections::BTreeMap;

use super::{did_you_mean_name, Validator};
use crate::model::*;
use crate::parse::{RawMetric, RawSchema, Spanned};

impl Validator<'_> {
    /// The metric's panel form and view (title, description, place).
    pub(super) fn panel(
        &mut self,
        m: &RawMetric,
        n: &str,
        kind: Option<MetricType>,
        unit: Option<Unit>,
    ) -> Option<(PanelForm, View)> {
        let default_form = match kind {
            Some(MetricType::Histogram) => PanelForm::Quantiles,
            _ => PanelForm::TimeSeries,
        };
        let raw = m.panel.as_ref().map(|p| &p.value);
        let form = match raw.and_then(|p| p.form.as_ref()) {
            None => Some(default_form),
            Some(f) => match f.value.parse::<PanelForm>() {
                Ok(form) if form.applies_to(kind) => Some(form),
                _ => {
                    self.sink.error(f.span.clone(), format!("panel form `{}` does not apply to `{n}`", f.value), "the form is \"timeseries\" or \"stat\", and for histograms also \"quantiles\" or \"heatmap\"; `place = \"hidden\"` leaves it off the dashboards");
                    None
                }
            },
        };
        let mut place = match raw.and_then(|p| p.place.as_ref()) {
            None => Some(Place::Overview),
            Some(p) => self.word::<Place>(p, "panel place", "place"),
        };
        // The old spelling of a hidden metric: `panel = "hidden"`.
        let form = form.map(|f| {
            if f == PanelForm::Hidden {
                place = Some(Place::Hidden);
                default_form
            } else {
                f
            }
        });
        let description = raw
            .and_then(|p| p.description.as_ref())
            .map(|d| d.value.trim().to_string());
        let title = match raw.and_then(|p| p.title.as_ref()) {
            Some(t) => self.given_title(t, n, kind, unit).map(|t| (t, true)),
            None => Some((derived_title(n, kind?, unit?), false)),
        };
        let (title, given) = title?;
        Some((
            form?,
            View {
                title,
                given,
                description,
                place: place?,
            },
        ))
    }

    /// A title written in the schema: not empty, and not contradicting what its panels show.
    fn given_title(
        &mut self,
        t: &Spanned<String>,
        n: &str,
        kind: Option<MetricType>,
        unit: Option<Unit>,
    ) -> Option<String> {
        let title = t.value.trim();
        let wrong = |why: String, fix: &str| Some((why, fix.to_string()));
        let problem = if title.is_empty() {
            wrong("panel title is empty".into(), "write a few words an on-call reads at a glance, or remove `title` to derive one from the name")
        } else if n.ends_with(TIMESTAMP_SUFFIX) && has_word(title, "timestamp") {
            wrong(format!("panel title \"{title}\" names a timestamp, but the panels of `{n}` show an age: now minus the timestamp"), "title it as an age, e.g. \"Time since last heartbeat\"")
        } else if kind == Some(MetricType::Counter) && has_word(title, "total") {
            wrong(format!("panel title \"{title}\" names a total, but the panels of counter `{n}` show its rate per second"), "title it as a rate, e.g. \"Commit rate\" or \"Committed entries\"")
        } else if let Some(u) = unit.filter(|u| axis_shows(*u) && has_word(title, u.as_str())) {
            wrong(
                format!(
                    "panel title \"{title}\" repeats the unit `{}`, which the panel's axis shows",
                    u.as_str()
                ),
                "leave the unit to the axis",
            )
        } else {
            None
        };
        match problem {
            Some((message, help)) => {
                self.sink.error(t.span.clone(), message, help);
                None
            }
            None => Some(title.to_string()),
        }
    }

    /// Two metrics shown on the same dashboards must not share a title.
    pub(super) fn unique_titles(&mut self, raw: &RawSchema, metrics: &[Metric]) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for m in metrics.iter().filter(|m| m.view.place != Place::Hidden) {
            let key = m.view.title.to_lowercase();
            if let Some(first) = seen.get(&key) {
                let at = title_span(raw, &m.name).unwrap_or(m.span.start..m.span.start);
                self.sink.error(
                    at,
                    format!(
                        "metric `{}`'s panels would be titled \"{}\", as metric `{first}`'s are",
                        m.name, m.view.title
                    ),
                    "give one of them `panel = { title = \"...\" }`, so an on-call can tell the panels apart",
                );
            } else {
                seen.insert(key, &m.name);
            }
        }
    }

    /// `[[overview_row]]`s: each names metrics the overview can show, each metric once.
    pub(super) fn overview_rows(&mut self, raw: &RawSchema, schema: &Schema) -> Vec<OverviewRow> {
        let mut out: Vec<OverviewRow> = Vec::new();
        let mut listed: BTreeMap<String, String> = BTreeMap::new();
        let w = "[[overview_row]]";
        for r in &raw.overview_rows {
            let title = self.required(&r.title, &r.span, w, "title", "\"Golden signals\"");
            let question = self.required(
                &r.question,
                &r.span,
                w,
                "question",
                "\"Are writes committing, fast?\"",
            );
            let metrics = self.required(
                &r.metrics,
                &r.span,
                w,
                "metrics",
                "[\"committed_entries_total\"]",
            );
            let (Some(title), Some(question), Some(metrics)) = (title, question, metrics) else {
                continue;
            };
            let taken = schema
                .groups
                .iter()
                .map(|g| &g.title)
                .chain(out.iter().map(|o| &o.title));
            if taken
                .into_iter()
                .any(|t| t.eq_ignore_ascii_case(&title.value))
            {
                self.sink.error(
                    title.span.clone(),
                    format!(
                        "row title \"{}\" is already a row of the overview",
                        title.value
                    ),
                    "give the row its own title: groups and overview rows share one dashboard",
                );
            }
            let mut names = Vec::new();
            for name in &metrics.value {
                if let Some(why) = self.headline(schema, name, &listed) {
                    self.sink.error(name.span.clone(), why.0, why.1);
                    continue;
                }
                listed.insert(name.value.clone(), title.value.clone());
                names.push(name.value.clone());
            }
            if metrics.value.is_empty() {
                self.sink.error(
                    metrics.span.clone(),
                    "an overview row lists no metrics",
                    "list the metrics whose panels answer the row's question",
                );
            }
            out.push(OverviewRow {
                title: title.value.clone(),
                question: question.value.trim().to_string(),
                metrics: names,
                span: r.span.clone(),
            });
        }
        out
    }

    /// Why a metric cannot head an overview row, if it cannot: (message, help).
    fn headline(
        &mut self,
        schema: &Schema,
        name: &Spanned<String>,
        listed: &BTreeMap<String, String>,
    ) -> Option<(String, String)> {
        let n = &name.value;
        let Some(m) = schema.metric(n) else {
            let names = schema.metrics.iter().map(|m| m.name.as_str());
            return Some((
                format!("overview row lists unknown metric `{n}`"),
                format!(
                    "{}list a metric defined with [[metric]]",
                    did_you_mean_name(n, names)
                ),
            ));
        };
        if let Some(row) = listed.get(n) {
            return Some((
                format!("metric `{n}` is already in overview row \"{row}\""),
                "list each metric in one row".into(),
            ));
        }
        if m.view.place != Place::Overview {
            return Some((
                format!(
                    "metric `{n}` is placed `{}`, so it has no overview panel",
                    m.view.place.as_str()
                ),
                "remove it from the row, or drop its `place`".into(),
            ));
        }
        if m.is_derived() {
            return Some((
                format!(
                    "metric `{n}` is a derived count: the overview's first row shows it already"
                ),
                "remove it from the row".into(),
            ));
        }
        if m.labels_at(Level::Summary).is_none() {
            return Some((
                format!("metric `{n}` is not at the summary level (`summary = \"none\"`), which the overview reads"),
                "remove it from the row, or keep it at the summary level".into(),
            ));
        }
        None
    }
}

/// Where a metric's `panel` title is written, if it is.
fn title_span(raw: &RawSchema, metric: &str) -> Option<std::ops::Range<usize>> {
    raw.metrics
        .iter()
        .find(|m| m.name.as_ref().is_some_and(|n| n.value == metric))
        .and_then(|m| m.panel.as_ref())
        .and_then(|p| p.value.title.as_ref())
        .map(|t| t.span.clone())
}
