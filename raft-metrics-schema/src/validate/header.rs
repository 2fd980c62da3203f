//! The `[schema]` table.

use heck::ToUpperCamelCase;

use super::names::{is_ident, is_rust_keyword, is_snake_case, PRELUDE_TYPES};
use super::Validator;
use crate::model::Schema;
use crate::parse::{RawHeader, RawSchema};

/// A schema with nothing but its `[schema]` table: the rest is filled by the other checks.
fn skeleton(namespace: String, title: String, uid: String) -> Schema {
    Schema {
        source_name: String::new(),
        dashboard_tags: vec!["raft".into(), namespace.clone()],
        namespace,
        type_name: DEFAULT_TYPE_NAME.into(),
        title,
        job: uid.clone(),
        uid,
        extends: None,
        cluster_label: None,
        max_series: None,
        runbook_base_url: String::new(),
        overflow_metric: None,
        groups: Vec::new(),
        labels: Vec::new(),
        scopes: Vec::new(),
        metrics: Vec::new(),
        alerts: Vec::new(),
        overview_rows: Vec::new(),
        slos: Vec::new(),
        kubernetes: None,
    }
}

/// The registry type's name when the schema does not give one.
pub const DEFAULT_TYPE_NAME: &str = "RaftMetrics";

/// A Grafana dashboard uid: 1 to 40 characters of letters, digits, `-` and `_`.
fn is_uid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Validator<'_> {
    /// The `[schema]` table, as a schema without groups, labels, metrics or alerts yet.
    pub(super) fn header(&mut self, raw: &RawSchema) -> Schema {
        let Some(h) = &raw.header else {
            self.sink.error(
                0..0,
                "the schema has no [schema] table",
                "start the file with [schema] and `namespace = \"my_app\"`",
            );
            return skeleton("invalid".into(), String::new(), String::new());
        };
        let namespace = match self.required(
            &h.namespace,
            &h.span,
            "[schema]",
            "namespace",
            "\"chronik_raft\"",
        ) {
            Some(ns) if is_snake_case(&ns.value) => ns.value.clone(),
            Some(ns) => {
                self.sink.error(
                    ns.span.clone(),
                    format!("namespace `{}` is not snake_case", ns.value),
                    "use lowercase letters, digits and single underscores, e.g. \"chronik_raft\"",
                );
                "invalid".into()
            }
            None => "invalid".into(),
        };
        let title = h
            .title
            .as_ref()
            .map_or_else(|| namespace.clone(), |t| t.value.clone());
        let uid = match &h.uid {
            Some(u) if !is_uid(&u.value) => {
                self.sink.error(
                    u.span.clone(),
                    "dashboard uid must be 1 to 40 characters of letters, digits, `-` and `_`",
                    "pick a short stable id such as \"chronik-raft\"",
                );
                String::new()
            }
            Some(u) => u.value.clone(),
            None => namespace.replace('_', "-"),
        };
        let type_name = match &h.type_name {
            Some(t)
                if !is_ident(&t.value)
                    || t.value.to_upper_camel_case() != t.value
                    || is_rust_keyword(&t.value)
                    || PRELUDE_TYPES.contains(&t.value.as_str()) =>
            {
                self.sink.error(
                    t.span.clone(),
                    format!("type_name `{}` is not a CamelCase Rust type name", t.value),
                    "write it like \"RaftMetrics\" or \"ShopMetrics\"",
                );
                DEFAULT_TYPE_NAME.to_string()
            }
            Some(t) => t.value.clone(),
            None => DEFAULT_TYPE_NAME.to_string(),
        };
        if let Some(c) = h.cluster_label.as_ref().filter(|c| !is_ident(&c.value)) {
            self.sink.error(
                c.span.clone(),
                format!("cluster_label `{}` is not a valid label name", c.value),
                "use snake_case, e.g. \"cluster\"",
            );
        }
        if let Some(m) = h.max_series.as_ref().filter(|m| m.value == 0) {
            self.sink.error(
                m.span.clone(),
                "max_series must be positive",
                "remove it or set a budget such as 1000000",
            );
        }
        let defaults = skeleton(namespace, title, uid);
        Schema {
            job: self.job(h).unwrap_or_else(|| defaults.job.clone()),
            dashboard_tags: self
                .dashboard_tags(h)
                .unwrap_or_else(|| defaults.dashboard_tags.clone()),
            type_name,
            cluster_label: h.cluster_label.as_ref().map(|c| c.value.clone()),
            max_series: h.max_series.as_ref().map(|m| m.value),
            runbook_base_url: h
                .runbook_base_url
                .as_ref()
                .map_or_else(|| crate::paths::REFERENCE.to_string(), |u| u.value.clone()),
            ..defaults
        }
    }

    /// `job`: what Prometheus' scrape config names the summary level's job.
    fn job(&mut self, h: &RawHeader) -> Option<String> {
        let j = h.job.as_ref()?;
        if is_job(&j.value) {
            return Some(j.value.clone());
        }
        self.sink.error(
            j.span.clone(),
            format!(
                "job `{}` is not a scrape job name this schema can match",
                j.value
            ),
            "use letters, digits, `-`, `_`, `.` and `:`, e.g. \"chronik-raft\"",
        );
        None
    }

    /// `dashboard_tags`: Grafana's dashboard search and links find the dashboards by them.
    fn dashboard_tags(&mut self, h: &RawHeader) -> Option<Vec<String>> {
        let tags = h.dashboard_tags.as_ref()?;
        let mut out: Vec<String> = Vec::new();
        for t in &tags.value {
            if t.value.trim().is_empty() || out.contains(&t.value) {
                self.sink.error(
                    t.span.clone(),
                    "a dashboard tag is empty or given twice",
                    "list each tag once, e.g. [\"raft\", \"shop\"]",
                );
            } else {
                out.push(t.value.clone());
            }
        }
        Some(out)
    }
}

/// A job name the rules can put in a matcher without escaping.
fn is_job(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}
