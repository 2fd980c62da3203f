//! `[[alert]]`: names, severity, texts and group; the condition is checked in `conditions`.

use heck::ToUpperCamelCase;

use super::names::{is_duration, is_ident};
use super::{did_you_mean, Validator};
use crate::model::{Alert, AlertSeverity, Schema};
use crate::parse::{RawAlert, RawSchema};

impl Validator<'_> {
    pub(super) fn alerts(&mut self, raw: &RawSchema, schema: &Schema) -> Vec<Alert> {
        let mut out: Vec<Alert> = Vec::new();
        for a in &raw.alerts {
            let Some(alert) = self.alert(a, schema) else {
                continue;
            };
            if out.iter().any(|o| o.name == alert.name) {
                self.sink.error(
                    a.name.as_ref().expect("named").span.clone(),
                    format!("alert `{}` is defined twice", alert.name),
                    "alert names must be unique",
                );
                continue;
            }
            out.push(alert);
        }
        self.common_prefix(raw, &out);
        out
    }

    /// Alerts with a common prefix read as one component in Alertmanager.
    fn common_prefix(&mut self, raw: &RawSchema, alerts: &[Alert]) {
        let Some(first) = alerts.first() else {
            return;
        };
        let upper = first.name.chars().take_while(|c| c.is_ascii_uppercase());
        let lower = first
            .name
            .chars()
            .skip_while(|c| c.is_ascii_uppercase())
            .take_while(|c| c.is_ascii_lowercase());
        let prefix: String = upper.chain(lower).collect();
        for (a, raw_a) in alerts.iter().zip(raw.alerts.iter()) {
            if !a.name.starts_with(&prefix) {
                self.sink.warning(
                    raw_a.span.clone(),
                    format!(
                        "alert `{}` does not share the prefix `{prefix}` of the other alerts",
                        a.name
                    ),
                    format!("start its name with `{prefix}`"),
                );
            }
        }
    }

    fn alert(&mut self, a: &RawAlert, schema: &Schema) -> Option<Alert> {
        let w = "[[alert]]";
        let name = self.required(&a.name, &a.span, w, "name", "\"RaftNoLeader\"");
        let sev = self.required(&a.severity, &a.span, w, "severity", "\"critical\"");
        let summary = self.required(
            &a.summary,
            &a.span,
            w,
            "summary",
            "\"A partition has no leader.\"",
        );
        let description = self.required(
            &a.description,
            &a.span,
            w,
            "description",
            "\"Partition {{ $labels.topic }}/{{ $labels.partition }} ...\"",
        );
        let runbook = self.required(
            &a.runbook,
            &a.span,
            w,
            "runbook",
            "\"What to check first ...\"",
        );
        let group = self.required(&a.group, &a.span, w, "group", "\"cluster\"");
        let for_ = self.required(&a.for_, &a.span, w, "for", "\"5m\"");
        let name = name?;
        let mut ok = true;
        let n = &name.value;
        if !is_ident(n) || n.to_upper_camel_case() != *n || n.len() > 40 {
            self.sink.error(
                name.span.clone(),
                format!("alert name `{n}` must be CamelCase and at most 40 characters"),
                "e.g. \"RaftNoLeader\"",
            );
            ok = false;
        }
        let severity = sev.and_then(|s| self.word::<AlertSeverity>(s, "severity", "severity"));
        if let Some(f) = for_.filter(|f| !is_duration(&f.value)) {
            self.sink.error(
                f.span.clone(),
                format!("`for` value `{}` is not a Prometheus duration", f.value),
                "write it like \"30s\", \"5m\" or \"1h\"",
            );
            ok = false;
        }
        if let Some(s) = summary {
            let t = s.value.trim();
            if !t.starts_with(|c: char| c.is_uppercase()) || !t.ends_with('.') || t.contains("{{") {
                self.sink.error(s.span.clone(), "summary must be a static sentence: a capital first letter, a final period, no templates", "put templated details in `description`");
                ok = false;
            }
        }
        for (field, what) in [(description, "description"), (runbook, "runbook")] {
            if let Some(f) = field.filter(|f| f.value.trim().is_empty()) {
                self.sink.error(
                    f.span.clone(),
                    format!("alert {what} is empty"),
                    format!("write the {what}"),
                );
                ok = false;
            }
        }
        if let Some(g) = group.filter(|g| schema.group(&g.value).is_none()) {
            self.sink.error(
                g.span.clone(),
                format!("alert `{n}` names unknown group `{}`", g.value),
                format!(
                    "{}use a [[group]] id",
                    did_you_mean(&g.value, schema.groups.iter().map(|x| x.id.as_str()))
                ),
            );
            ok = false;
        }
        let checked = self.alert_expr(a, schema, n)?;
        if !ok {
            return None;
        }
        Some(Alert {
            name: n.clone(),
            severity: severity?,
            for_: for_?.value.clone(),
            summary: summary?.value.trim().to_string(),
            description: description?.value.trim().to_string(),
            runbook: runbook?.value.trim().to_string(),
            group: group?.value.clone(),
            expr: checked.expr,
            // Rendered after validation, by `alerts::expand`.
            promql: String::new(),
            span: a.span.clone(),
            expr_span: checked.span,
        })
    }
}
