//! Raw schema → model. Every rule of Prometheus naming and of our own format is checked here;
//! every problem is reported (with a fix), none stops the pass.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use heck::ToUpperCamelCase;

use crate::diag::{suggest, Sink};
use crate::model::*;
use crate::parse::{RawAlert, RawLabel, RawMetric, RawSchema, S};

const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ms", "seconds"),
    ("msec", "seconds"),
    ("msecs", "seconds"),
    ("us", "seconds"),
    ("usec", "seconds"),
    ("ns", "seconds"),
    ("s", "seconds"),
    ("sec", "seconds"),
    ("secs", "seconds"),
    ("kb", "bytes"),
    ("kib", "bytes"),
    ("mb", "bytes"),
    ("mib", "bytes"),
    ("gb", "bytes"),
    ("gib", "bytes"),
    ("pct", "ratio"),
];

const NON_BASE_UNITS: &[(&str, &str)] = &[
    (
        "milliseconds",
        "seconds (divide values and buckets by 1000)",
    ),
    ("microseconds", "seconds (divide values and buckets by 1e6)"),
    ("nanoseconds", "seconds (divide values and buckets by 1e9)"),
    ("minutes", "seconds (multiply by 60)"),
    ("hours", "seconds (multiply by 3600)"),
    ("days", "seconds (multiply by 86400)"),
    ("kilobytes", "bytes"),
    ("megabytes", "bytes"),
    ("gigabytes", "bytes"),
    ("bits", "bytes"),
    ("percent", "ratio (0..1, divide by 100)"),
    ("percentage", "ratio (0..1, divide by 100)"),
];

const TYPE_WORDS: &[&str] = &["counter", "gauge", "histogram", "summary"];

/// Names of the generated API that a metric or scope must not take.
const RESERVED_METHODS: &[&str] = &["register", "registry", "new", "clone", "drop", "inner"];

/// Rust prelude and std names an enum type must not shadow.
const PRELUDE_TYPES: &[&str] = &[
    "Result", "Option", "Some", "None", "Ok", "Err", "Box", "String", "Vec", "Self", "Drop", "Fn",
    "Copy", "Clone", "Send", "Sync", "Sized", "Iterator", "Default", "Eq", "Ord", "Hash",
];

pub fn validate(raw: &RawSchema, sink: &mut Sink) -> Option<Schema> {
    if !sink.diagnostics.is_empty() && raw.header.is_none() && raw.metrics.is_empty() {
        return None;
    }
    let errors_before = sink
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .count();
    let mut v = Validator { sink };
    let header = v.header(raw);
    let groups = v.groups(raw);
    let labels = v.labels(raw);
    let scopes = v.scopes(raw, &labels);
    let metrics = v.metrics(raw, &header.0, &labels, &groups, &scopes);
    let mut schema = Schema {
        source_name: String::new(),
        namespace: header.0,
        title: header.1,
        uid: header.2,
        cluster_label: header.3,
        max_series: header.4,
        runbook_base_url: header.5,
        overflow_metric: None,
        groups,
        labels,
        scopes,
        metrics,
        alerts: Vec::new(),
    };
    schema.alerts = v.alerts(raw, &schema);
    v.budget(raw, &schema);
    schema.overflow_metric = v.overflow_metric(raw, &schema);
    let errors_after = sink
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .count();
    (errors_after == errors_before).then_some(schema)
}

struct Validator<'s> {
    sink: &'s mut Sink,
}

impl Validator<'_> {
    /// `overflow_metric` names a counter whose one label is an enum listing every open label.
    fn overflow_metric(&mut self, raw: &RawSchema, schema: &Schema) -> Option<String> {
        let o = raw.header.as_ref()?.overflow_metric.as_ref()?;
        let Some(m) = schema.metric(&o.value) else {
            let hint =
                crate::diag::suggest(&o.value, schema.metrics.iter().map(|m| m.name.as_str()))
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
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
    fn budget(&mut self, raw: &RawSchema, schema: &Schema) {
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

pub fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

impl Validator<'_> {
    fn required<'a, T>(
        &mut self,
        field: &'a Option<S<T>>,
        span: &Range<usize>,
        what: &str,
        key: &str,
        example: &str,
    ) -> Option<&'a S<T>> {
        if field.is_none() {
            self.sink.error(
                span.start..span.start,
                format!("{what} is missing required field `{key}`"),
                format!("add `{key} = {example}` to this {what}"),
            );
        }
        field.as_ref()
    }

    fn header(
        &mut self,
        raw: &RawSchema,
    ) -> (String, String, String, Option<String>, Option<u64>, String) {
        let Some(h) = &raw.header else {
            self.sink.error(
                0..0,
                "the schema has no [schema] table",
                "start the file with [schema] and `namespace = \"my_app\"`",
            );
            return (
                "invalid".into(),
                String::new(),
                String::new(),
                None,
                None,
                String::new(),
            );
        };
        let ns = match self.required(
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
            .map_or_else(|| ns.clone(), |t| t.value.clone());
        let uid = match &h.uid {
            Some(u)
                if u.value.is_empty()
                    || u.value.len() > 40
                    || !u
                        .value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                self.sink.error(
                    u.span.clone(),
                    "dashboard uid must be 1 to 40 characters of letters, digits, `-` and `_`",
                    "pick a short stable id such as \"chronik-raft\"",
                );
                String::new()
            }
            Some(u) => u.value.clone(),
            None => ns.replace('_', "-"),
        };
        if let Some(c) = &h.cluster_label {
            if !is_label_name(&c.value) {
                self.sink.error(
                    c.span.clone(),
                    format!("cluster_label `{}` is not a valid label name", c.value),
                    "use snake_case, e.g. \"cluster\"",
                );
            }
        }
        if let Some(m) = &h.max_series {
            if m.value == 0 {
                self.sink.error(
                    m.span.clone(),
                    "max_series must be positive",
                    "remove it or set a budget such as 1000000",
                );
            }
        }
        (
            ns,
            title,
            uid,
            h.cluster_label.as_ref().map(|c| c.value.clone()),
            h.max_series.as_ref().map(|m| m.value),
            h.runbook_base_url
                .as_ref()
                .map_or_else(|| "docs/METRICS.md".to_string(), |u| u.value.clone()),
        )
    }

    fn groups(&mut self, raw: &RawSchema) -> Vec<Group> {
        let mut out: Vec<Group> = Vec::new();
        let mut orders: HashMap<u64, String> = HashMap::new();
        for g in &raw.groups {
            let id = self.required(&g.id, &g.span, "[[group]]", "id", "\"cluster\"");
            let title = self.required(
                &g.title,
                &g.span,
                "[[group]]",
                "title",
                "\"Cluster health\"",
            );
            let order = self.required(&g.order, &g.span, "[[group]]", "order", "1");
            let (Some(id), Some(title), Some(order)) = (id, title, order) else {
                continue;
            };
            if !is_snake_case(&id.value) {
                self.sink.error(
                    id.span.clone(),
                    format!("group id `{}` is not snake_case", id.value),
                    "use lowercase letters, digits and underscores",
                );
            }
            if out.iter().any(|o| o.id == id.value) {
                self.sink.error(
                    id.span.clone(),
                    format!("group `{}` is defined twice", id.value),
                    "remove or rename one of the two [[group]] entries",
                );
                continue;
            }
            if let Some(other) = orders.get(&order.value) {
                self.sink.error(
                    order.span.clone(),
                    format!(
                        "group `{}` has the same order {} as group `{other}`",
                        id.value, order.value
                    ),
                    "give every group a distinct order",
                );
            }
            orders.insert(order.value, id.value.clone());
            if title.value.trim().is_empty() {
                self.sink.error(
                    title.span.clone(),
                    "group title is empty",
                    "write the row title shown on the dashboard",
                );
            }
            out.push(Group {
                id: id.value.clone(),
                title: title.value.clone(),
                order: order.value,
                description: g.description.as_ref().map(|d| d.value.clone()),
                span: g.span.clone(),
            });
        }
        out.sort_by_key(|g| g.order);
        out
    }

    fn labels(&mut self, raw: &RawSchema) -> Vec<Label> {
        let mut out: Vec<Label> = Vec::new();
        for l in &raw.labels {
            let name = self.required(&l.name, &l.span, "[[label]]", "name", "\"topic\"");
            let kind = self.required(&l.kind, &l.span, "[[label]]", "kind", "\"string\"");
            let help = self.help(&l.help, &l.span, "[[label]]");
            let Some(name) = name else { continue };
            let mut ok = self.label_name(name);
            if out.iter().any(|o| o.name == name.value) {
                self.sink.error(
                    name.span.clone(),
                    format!("label `{}` is defined twice", name.value),
                    "labels are shared by metrics: define each once and list it in every metric that uses it",
                );
                ok = false;
            }
            let kind = match kind.map(|k| k.value.as_str()) {
                Some("enum") => {
                    let type_name = match &l.type_name {
                        Some(t) => {
                            if t.value.to_upper_camel_case() != t.value || !is_ident(&t.value) {
                                self.sink.error(
                                    t.span.clone(),
                                    format!(
                                        "type_name `{}` is not a CamelCase Rust identifier",
                                        t.value
                                    ),
                                    "write it like \"RpcKind\"",
                                );
                                ok = false;
                            }
                            t.value.clone()
                        }
                        None => {
                            let t = name.value.to_upper_camel_case();
                            if PRELUDE_TYPES.contains(&t.as_str()) {
                                self.sink.error(
                                    name.span.clone(),
                                    format!("enum label `{}` would become the Rust type `{t}`, which shadows a standard type", name.value),
                                    format!("add `type_name = \"{t}Label\"` (or another name) to this label"),
                                );
                                ok = false;
                            }
                            t
                        }
                    };
                    let values = self.enum_values(l.values.as_ref(), &l.span, &name.value);
                    if values.is_none() {
                        ok = false;
                    }
                    if let Some(m) = &l.max_values {
                        self.sink.error(m.span.clone(), "max_values is for open labels; an enum's budget is its number of values", "remove `max_values` from this enum label");
                    }
                    LabelKind::Enum {
                        type_name,
                        values: values.unwrap_or_default(),
                    }
                }
                Some(k @ ("string" | "u32" | "u64")) => {
                    if let Some(v) = &l.values {
                        self.sink.error(
                            v.span.clone(),
                            format!("`values` is only for enum labels, not {k}"),
                            "remove `values`, or set `kind = \"enum\"`",
                        );
                        ok = false;
                    }
                    if let Some(t) = &l.type_name {
                        self.sink.error(
                            t.span.clone(),
                            "`type_name` is only for enum labels",
                            "remove `type_name`",
                        );
                        ok = false;
                    }
                    let constant = l.constant.as_ref().is_some_and(|c| c.value);
                    if l.max_values.is_none() && !constant {
                        self.sink.error(
                            name.span.clone(),
                            format!("open label `{}` has no cardinality budget", name.value),
                            "add `max_values = N`: the most distinct values you expect (excess values fold into one overflow value)",
                        );
                        ok = false;
                    }
                    match k {
                        "string" => LabelKind::Str,
                        "u32" => LabelKind::U32,
                        _ => LabelKind::U64,
                    }
                }
                Some(other) => {
                    let k = &kind.expect("kind present").span;
                    let hint = suggest(other, ["enum", "string", "u32", "u64"])
                        .map(|s| format!("did you mean \"{s}\"? "))
                        .unwrap_or_default();
                    self.sink.error(
                        k.clone(),
                        format!("unknown label kind `{other}`"),
                        format!("{hint}kind is one of \"enum\", \"string\", \"u32\", \"u64\""),
                    );
                    continue;
                }
                None => continue,
            };
            if !ok {
                continue;
            }
            if let Some(m) = &l.max_values {
                if m.value == 0 {
                    self.sink.error(
                        m.span.clone(),
                        "max_values must be at least 1",
                        "set the most distinct values you expect",
                    );
                }
            }
            out.push(Label {
                name: name.value.clone(),
                kind,
                help: help.unwrap_or_default(),
                max_values: l.max_values.as_ref().map(|m| m.value),
                constant: l.constant.as_ref().is_some_and(|c| c.value),
                old_names: self.old_label_names(l),
                span: l.span.clone(),
            });
        }
        self.check_old_label_names(raw, &out);
        out
    }

    fn old_label_names(&mut self, l: &RawLabel) -> Vec<String> {
        let Some(list) = &l.old_names else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for o in &list.value {
            if self.label_name(o) {
                out.push(o.value.clone());
            }
        }
        out
    }

    /// An old name must not be a current label's name, nor the old name of two labels.
    fn check_old_label_names(&mut self, raw: &RawSchema, labels: &[Label]) {
        let mut seen: Vec<&str> = Vec::new();
        for o in raw
            .labels
            .iter()
            .filter_map(|l| l.old_names.as_ref())
            .flat_map(|l| &l.value)
        {
            if labels.iter().any(|l| l.name == o.value) {
                self.sink.error(
                    o.span.clone(),
                    format!("old name `{}` is the name of a current label", o.value),
                    "an old name records a rename: remove it, or rename the current label",
                );
            } else if seen.contains(&o.value.as_str()) {
                self.sink.error(
                    o.span.clone(),
                    format!("old name `{}` is listed by two labels", o.value),
                    "list each old name under the one label that replaced it",
                );
            }
            seen.push(&o.value);
        }
    }

    fn label_name(&mut self, name: &S<String>) -> bool {
        let n = name.value.as_str();
        if n.starts_with("__") {
            self.sink.error(
                name.span.clone(),
                format!("label `{n}` starts with `__`, which Prometheus reserves for internal use"),
                "drop the leading underscores",
            );
            return false;
        }
        if n == "le" || n == "quantile" {
            self.sink.error(
                name.span.clone(),
                format!("label `{n}` is reserved: Prometheus uses it for histogram buckets and summary quantiles"),
                "rename it, e.g. \"limit\" or \"percentile\"",
            );
            return false;
        }
        if n == "job" || n == "instance" {
            self.sink.error(
                name.span.clone(),
                format!("label `{n}` clashes with the target label Prometheus adds at scrape time"),
                "rename it, e.g. \"node\"",
            );
            return false;
        }
        if !is_snake_case(n) {
            self.sink.error(
                name.span.clone(),
                format!("label `{n}` is not snake_case"),
                "use lowercase letters, digits and single underscores",
            );
            return false;
        }
        if !is_ident(n) || is_rust_keyword(n) {
            self.sink.error(
                name.span.clone(),
                format!("label `{n}` is not usable as a Rust parameter name"),
                "pick another name (not a Rust keyword)",
            );
            return false;
        }
        true
    }

    fn enum_values(
        &mut self,
        values: Option<&S<Vec<S<String>>>>,
        span: &Range<usize>,
        label: &str,
    ) -> Option<Vec<EnumValue>> {
        let Some(values) = values else {
            self.sink.error(
                span.start..span.start,
                format!("enum label `{label}` has no `values`"),
                "add `values = [\"a\", \"b\"]` listing every value the label can take",
            );
            return None;
        };
        if values.value.is_empty() {
            self.sink.error(
                values.span.clone(),
                format!("enum label `{label}` has no values"),
                "list at least one value, e.g. values = [\"success\", \"failure\"]",
            );
            return None;
        }
        let mut out: Vec<EnumValue> = Vec::new();
        let mut ok = true;
        for v in &values.value {
            if out.iter().any(|o| o.value == v.value) {
                self.sink.error(
                    v.span.clone(),
                    format!("enum label `{label}` lists `{}` twice", v.value),
                    "remove the duplicate value",
                );
                ok = false;
                continue;
            }
            let variant = v.value.to_upper_camel_case();
            if !is_ident(&variant) || !v.value.starts_with(|c: char| c.is_ascii_alphabetic()) {
                self.sink.error(
                    v.span.clone(),
                    format!("enum value `{}` of label `{label}` does not make a Rust identifier (it becomes `{variant}`)", v.value),
                    "values must start with a letter, e.g. \"leader\" instead of \"1\"",
                );
                ok = false;
                continue;
            }
            if !is_snake_case(&v.value) {
                self.sink.error(
                    v.span.clone(),
                    format!(
                        "enum value `{}` of label `{label}` is not snake_case",
                        v.value
                    ),
                    format!(
                        "write it as \"{}\"",
                        heck::ToSnakeCase::to_snake_case(v.value.as_str())
                    ),
                );
                ok = false;
                continue;
            }
            if out.iter().any(|o| o.variant == variant) {
                self.sink.error(v.span.clone(), format!("enum value `{}` of label `{label}` gives the same Rust variant `{variant}` as another value", v.value), "make the values differ by more than case or underscores");
                ok = false;
                continue;
            }
            out.push(EnumValue {
                value: v.value.clone(),
                variant,
            });
        }
        ok.then_some(out)
    }

    fn help(
        &mut self,
        help: &Option<S<String>>,
        span: &Range<usize>,
        what: &str,
    ) -> Option<String> {
        match help {
            None => {
                self.sink.error(span.start..span.start, format!("{what} is missing required field `help`"), "add `help = \"...\"`: one sentence shown in /metrics, the dashboard and the docs");
                None
            }
            Some(h) if h.value.trim().is_empty() => {
                self.sink.error(
                    h.span.clone(),
                    "help text is empty",
                    "write one sentence saying what is measured",
                );
                None
            }
            Some(h) => Some(h.value.trim().to_string()),
        }
    }

    fn scopes(&mut self, raw: &RawSchema, labels: &[Label]) -> Vec<Scope> {
        let mut out: Vec<Scope> = Vec::new();
        for s in &raw.scopes {
            let name = self.required(&s.name, &s.span, "[[scope]]", "name", "\"partition\"");
            let ls = self.required(
                &s.labels,
                &s.span,
                "[[scope]]",
                "labels",
                "[\"topic\", \"partition\"]",
            );
            let help = self.help(&s.help, &s.span, "[[scope]]");
            let (Some(name), Some(ls)) = (name, ls) else {
                continue;
            };
            let mut ok = true;
            if !is_snake_case(&name.value)
                || is_rust_keyword(&name.value)
                || RESERVED_METHODS.contains(&name.value.as_str())
            {
                self.sink.error(
                    name.span.clone(),
                    format!(
                        "scope name `{}` is not a usable snake_case method name",
                        name.value
                    ),
                    "use a snake_case noun such as \"partition\"",
                );
                ok = false;
            }
            if out.iter().any(|o| o.name == name.value) {
                self.sink.error(
                    name.span.clone(),
                    format!("scope `{}` is defined twice", name.value),
                    "remove or rename one of them",
                );
                ok = false;
            }
            if ls.value.is_empty() {
                self.sink.error(
                    ls.span.clone(),
                    "a scope needs at least one label",
                    "list the labels that identify the scope, e.g. [\"topic\", \"partition\"]",
                );
                ok = false;
            }
            let mut seen = HashSet::new();
            for l in &ls.value {
                if !seen.insert(l.value.as_str()) {
                    self.sink.error(
                        l.span.clone(),
                        format!("scope lists label `{}` twice", l.value),
                        "remove the duplicate",
                    );
                    ok = false;
                }
                match labels.iter().find(|d| d.name == l.value) {
                    None => {
                        let hint = suggest(&l.value, labels.iter().map(|d| d.name.as_str()))
                            .map(|s| format!("did you mean `{s}`? "))
                            .unwrap_or_default();
                        self.sink.error(
                            l.span.clone(),
                            format!("scope `{}` names unknown label `{}`", name.value, l.value),
                            format!("{hint}define it with [[label]] name = \"{}\"", l.value),
                        );
                        ok = false;
                    }
                    Some(d) if d.constant => {
                        self.sink.error(l.span.clone(), format!("label `{}` is constant (set at registration); it cannot scope a handle", l.value), "remove it from the scope");
                        ok = false;
                    }
                    Some(d) if d.enum_values().is_some() => {
                        self.sink.error(l.span.clone(), format!("scope label `{}` is an enum; enum-labelled series are already resolved at registration", l.value), "scope by open labels (string, u32, u64) such as topic and partition");
                        ok = false;
                    }
                    Some(_) => {}
                }
            }
            if ok {
                out.push(Scope {
                    name: name.value.clone(),
                    labels: ls.value.iter().map(|l| l.value.clone()).collect(),
                    help: help.unwrap_or_default(),
                    span: s.span.clone(),
                });
            }
        }
        out
    }

    fn metrics(
        &mut self,
        raw: &RawSchema,
        ns: &str,
        labels: &[Label],
        groups: &[Group],
        scopes: &[Scope],
    ) -> Vec<Metric> {
        let mut out: Vec<Metric> = Vec::new();
        // Every series name produced so far → the metric that produces it.
        let mut series_owner: BTreeMap<String, String> = BTreeMap::new();
        let histograms: Vec<&str> = raw
            .metrics
            .iter()
            .filter(|m| m.kind.as_ref().is_some_and(|k| k.value == "histogram"))
            .filter_map(|m| m.name.as_ref().map(|n| n.value.as_str()))
            .collect();
        for m in &raw.metrics {
            let Some(metric) = self.metric(m, ns, labels, groups, scopes, &histograms) else {
                continue;
            };
            if out.iter().any(|o| o.name == metric.name) {
                let name = m.name.as_ref().expect("validated metric has a name");
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{}` is defined twice", metric.name),
                    "metric names must be unique: remove or rename one of them",
                );
                continue;
            }
            let mut clash = false;
            for s in metric.series() {
                if let Some(owner) = series_owner.get(&s.name) {
                    let name = m.name.as_ref().expect("validated metric has a name");
                    self.sink.error(
                        name.span.clone(),
                        format!("metric `{}` exposes the series `{}`, which metric `{owner}` already exposes", metric.name, s.name),
                        "rename one of them: `_bucket`, `_sum` and `_count` series of a histogram share its name",
                    );
                    clash = true;
                }
            }
            if clash {
                continue;
            }
            for s in metric.series() {
                series_owner.insert(s.name, metric.name.clone());
            }
            out.push(metric);
        }
        out
    }

    fn metric(
        &mut self,
        m: &RawMetric,
        ns: &str,
        labels: &[Label],
        groups: &[Group],
        scopes: &[Scope],
        histograms: &[&str],
    ) -> Option<Metric> {
        let name = self.required(
            &m.name,
            &m.span,
            "[[metric]]",
            "name",
            "\"commit_latency_seconds\"",
        );
        let kind_s = self.required(&m.kind, &m.span, "[[metric]]", "type", "\"counter\"");
        let help = self.help(&m.help, &m.span, "[[metric]]");
        let name = name?;
        let n = name.value.as_str();
        let mut ok = help.is_some();
        let kind = match kind_s.map(|k| k.value.as_str()) {
            Some("counter") => Some(MetricType::Counter),
            Some("gauge") => Some(MetricType::Gauge),
            Some("histogram") => Some(MetricType::Histogram),
            Some(other) => {
                let hint = suggest(other, ["counter", "gauge", "histogram"])
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
                let help = if other == "summary" {
                    "summaries cannot be aggregated across nodes; use \"histogram\"".to_string()
                } else {
                    format!("{hint}type is one of \"counter\", \"gauge\", \"histogram\"")
                };
                self.sink.error(
                    kind_s.expect("present").span.clone(),
                    format!("unknown metric type `{other}` for `{n}`"),
                    help,
                );
                None
            }
            None => None,
        };
        // Name shape.
        if n.contains(':') {
            self.sink.error(
                name.span.clone(),
                format!("metric name `{n}` contains `:`, which is reserved for recording rules"),
                "use `_` instead",
            );
            ok = false;
        } else if !is_snake_case(n) {
            self.sink.error(
                name.span.clone(),
                format!("metric name `{n}` is not snake_case"),
                format!(
                    "use lowercase letters, digits and single underscores, e.g. \"{}\"",
                    heck::ToSnakeCase::to_snake_case(n)
                ),
            );
            ok = false;
        } else if is_rust_keyword(n)
            || RESERVED_METHODS.contains(&n)
            || scopes
                .iter()
                .any(|s| s.name == n || format!("remove_{}", s.name) == n)
        {
            self.sink.error(
                name.span.clone(),
                format!("metric name `{n}` collides with a method of the generated API"),
                "rename the metric",
            );
            ok = false;
        }
        let tokens: Vec<&str> = n.split('_').collect();
        let stem = n.strip_suffix("_total").unwrap_or(n);
        if let Some(kind) = kind {
            match (kind, n.ends_with("_total")) {
                (MetricType::Counter, false) => {
                    self.sink.error(
                        name.span.clone(),
                        format!("counter `{n}` does not end in `_total`"),
                        format!("rename it to \"{n}_total\""),
                    );
                    ok = false;
                }
                (MetricType::Gauge | MetricType::Histogram, true) => {
                    self.sink.error(
                        name.span.clone(),
                        format!(
                            "{} `{n}` ends in `_total`, which is only for counters",
                            kind.as_str()
                        ),
                        format!("rename it to \"{stem}\", or make it a counter"),
                    );
                    ok = false;
                }
                _ => {}
            }
            for suffix in ["_bucket", "_sum", "_count"] {
                let base = stem
                    .strip_suffix(suffix)
                    .filter(|b| histograms.contains(b) && kind != MetricType::Histogram);
                if let Some(base) = base {
                    self.sink.error(
                        name.span.clone(),
                        format!("metric `{n}` collides with the `{ns}_{base}{suffix}` series of histogram `{base}`"),
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
            if stem.ends_with("_timestamp_seconds") && kind != MetricType::Gauge {
                self.sink.error(
                    name.span.clone(),
                    "only gauges may end in `_timestamp_seconds`",
                    "make it a gauge holding the Unix time in seconds",
                );
                ok = false;
            }
        }
        for t in &tokens {
            if let Some((_, base)) = ABBREVIATIONS.iter().find(|(a, _)| a == t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` uses the unit abbreviation `_{t}`"),
                    format!(
                        "use the base unit spelled out: `_{base}`, and scale values and buckets"
                    ),
                );
                ok = false;
            }
            if let Some((u, base)) = NON_BASE_UNITS.iter().find(|(u, _)| u == t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` uses the non-base unit `{u}`"),
                    format!("use {base}"),
                );
                ok = false;
            }
            if TYPE_WORDS.contains(t) {
                self.sink.error(
                    name.span.clone(),
                    format!("metric name `{n}` contains the type word `{t}`"),
                    "the type is in the metadata; drop the word from the name",
                );
                ok = false;
            }
        }
        // Unit.
        let unit = match &m.unit {
            None => Unit::None,
            Some(u) => match Unit::ALL.iter().find(|x| x.as_str() == u.value) {
                Some(x) => *x,
                None => {
                    if let Some((_, base)) = NON_BASE_UNITS.iter().find(|(x, _)| *x == u.value) {
                        self.sink.error(
                            u.span.clone(),
                            format!("unit `{}` is not a base unit", u.value),
                            format!("use {base}; record the old unit in `old_unit`"),
                        );
                    } else {
                        let names: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
                        let hint = suggest(&u.value, names.iter().copied())
                            .map(|s| format!("did you mean \"{s}\"? "))
                            .unwrap_or_default();
                        self.sink.error(
                            u.span.clone(),
                            format!("unknown unit `{}`", u.value),
                            format!("{hint}unit is one of {}", names.join(", ")),
                        );
                    }
                    ok = false;
                    Unit::None
                }
            },
        };
        if let Some(suffix) = unit.suffix() {
            if !stem.ends_with(&format!("_{suffix}")) {
                // A trailing abbreviation (`_ms`) is replaced, not kept before the unit.
                let base = stem
                    .rsplit_once('_')
                    .filter(|(_, last)| ABBREVIATIONS.iter().any(|(ab, _)| ab == last))
                    .map_or(stem, |(head, _)| head);
                self.sink.error(name.span.clone(), format!("metric `{n}` has unit {suffix} but its name does not end in `_{suffix}`"), format!("rename it so the unit is the last word before any `_total`, e.g. \"{base}_{suffix}{}\"", if n.ends_with("_total") { "_total" } else { "" }));
                ok = false;
            }
        } else if m.unit.is_none() {
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
        }
        // Value type.
        let value = match (m.value.as_ref().map(|v| v.value.as_str()), kind) {
            (Some("int"), Some(MetricType::Histogram)) => {
                self.sink.error(
                    m.value.as_ref().expect("present").span.clone(),
                    "histograms observe floats; `value = \"int\"` does not apply",
                    "remove `value`",
                );
                ok = false;
                ValueType::Float
            }
            (Some("int"), _) => ValueType::Int,
            (Some("float"), _) => ValueType::Float,
            (Some(other), _) => {
                self.sink.error(
                    m.value.as_ref().expect("present").span.clone(),
                    format!("unknown value type `{other}`"),
                    "value is \"int\" or \"float\"",
                );
                ok = false;
                ValueType::Int
            }
            (None, Some(MetricType::Histogram)) => ValueType::Float,
            (None, _) if matches!(unit, Unit::Seconds | Unit::Ratio) => ValueType::Float,
            (None, _) => ValueType::Int,
        };
        // Buckets.
        let mut buckets = Vec::new();
        match (kind, &m.buckets) {
            (Some(MetricType::Histogram), None) => {
                self.sink.error(name.span.clone(), format!("histogram `{n}` has no buckets"), "add `buckets = [...]`: upper bounds in the metric's unit, with edges at the thresholds your alerts use");
                ok = false;
            }
            (Some(MetricType::Histogram), Some(b)) => {
                if b.value.is_empty() {
                    self.sink.error(
                        b.span.clone(),
                        format!("histogram `{n}` has an empty bucket list"),
                        "list at least one upper bound",
                    );
                    ok = false;
                }
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
                    if let Some(p) = prev {
                        if e.value == p {
                            self.sink.error(
                                e.span.clone(),
                                format!("bucket edge {} appears twice", e.value),
                                "remove the duplicate edge",
                            );
                            ok = false;
                        } else if e.value < p {
                            self.sink.error(
                                e.span.clone(),
                                format!("bucket edge {} comes after the larger edge {p}", e.value),
                                "list bucket edges in increasing order",
                            );
                            ok = false;
                        }
                    }
                    prev = Some(e.value);
                    buckets.push(e.value);
                }
            }
            (Some(k), Some(b)) => {
                self.sink.error(
                    b.span.clone(),
                    format!(
                        "{} `{n}` has buckets, which only histograms use",
                        k.as_str()
                    ),
                    "remove `buckets`, or make it a histogram",
                );
                ok = false;
            }
            (None, _) | (Some(_), None) => {}
        }
        // Labels.
        let mut ls = Vec::new();
        if let Some(list) = &m.labels {
            for l in &list.value {
                if ls.contains(&l.value) {
                    self.sink.error(
                        l.span.clone(),
                        format!("metric `{n}` lists label `{}` twice", l.value),
                        "remove the duplicate",
                    );
                    ok = false;
                    continue;
                }
                match labels.iter().find(|d| d.name == l.value) {
                    None => {
                        let hint = suggest(&l.value, labels.iter().map(|d| d.name.as_str()))
                            .map(|s| format!("did you mean `{s}`? "))
                            .unwrap_or_default();
                        let reserved = matches!(l.value.as_str(), "le" | "quantile")
                            || l.value.starts_with("__");
                        let help = if reserved {
                            format!("`{}` is reserved by Prometheus; use another label", l.value)
                        } else {
                            format!("{hint}define it first: [[label]] name = \"{}\"", l.value)
                        };
                        self.sink.error(
                            l.span.clone(),
                            format!(
                                "metric `{n}` uses label `{}`, which is not defined",
                                l.value
                            ),
                            help,
                        );
                        ok = false;
                    }
                    Some(d) if d.constant => {
                        self.sink.error(
                            l.span.clone(),
                            format!(
                                "label `{}` is constant: every series carries it already",
                                l.value
                            ),
                            "remove it from this metric's labels",
                        );
                        ok = false;
                    }
                    Some(_) => ls.push(l.value.clone()),
                }
            }
        }
        // Group.
        let group = match &m.group {
            None => {
                self.sink.error(
                    name.span.clone(),
                    format!("metric `{n}` is in no group"),
                    format!(
                        "add `group = \"...\"`, one of: {}",
                        groups
                            .iter()
                            .map(|g| g.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                ok = false;
                String::new()
            }
            Some(g) if !groups.iter().any(|x| x.id == g.value) => {
                let hint = suggest(&g.value, groups.iter().map(|x| x.id.as_str()))
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
                self.sink.error(
                    g.span.clone(),
                    format!("metric `{n}` names unknown group `{}`", g.value),
                    format!(
                        "{hint}define it with [[group]] id = \"{}\", or use one of: {}",
                        g.value,
                        groups
                            .iter()
                            .map(|g| g.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                ok = false;
                String::new()
            }
            Some(g) => g.value.clone(),
        };
        let panel = match m.panel.as_ref().map(|p| p.value.as_str()) {
            None => match kind {
                Some(MetricType::Histogram) => PanelForm::Quantiles,
                _ => PanelForm::TimeSeries,
            },
            Some("timeseries") => PanelForm::TimeSeries,
            Some("stat") => PanelForm::Stat,
            Some("quantiles") if kind == Some(MetricType::Histogram) => PanelForm::Quantiles,
            Some("heatmap") if kind == Some(MetricType::Histogram) => PanelForm::Heatmap,
            Some("hidden") => PanelForm::Hidden,
            Some(other) => {
                self.sink.error(m.panel.as_ref().expect("present").span.clone(), format!("panel form `{other}` does not apply to `{n}`"), "panel is \"timeseries\" or \"stat\", and for histograms also \"quantiles\" or \"heatmap\"; \"hidden\" leaves it off the dashboard");
                ok = false;
                PanelForm::TimeSeries
            }
        };
        if let Some(old) = &m.old_name {
            if old.value == *n {
                self.sink.warning(
                    old.span.clone(),
                    "old_name equals the name",
                    "remove `old_name`: it records a rename",
                );
            }
        }
        if !ok {
            return None;
        }
        Some(Metric {
            name: n.to_string(),
            exposed: format!("{ns}_{n}"),
            kind: kind?,
            value,
            help: help?,
            unit,
            labels: ls,
            buckets,
            group,
            old_name: m.old_name.as_ref().map(|o| o.value.clone()),
            old_unit: m.old_unit.as_ref().map(|o| o.value.clone()),
            note: m.note.as_ref().map(|o| o.value.clone()),
            panel,
            span: m.span.clone(),
        })
    }

    fn alerts(&mut self, raw: &RawSchema, schema: &Schema) -> Vec<Alert> {
        let mut out: Vec<Alert> = Vec::new();
        for a in &raw.alerts {
            if let Some(alert) = self.alert(a, schema) {
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
        }
        // Alerts with a common prefix read as one component in Alertmanager.
        if let Some(first) = out.first() {
            let prefix: String = first
                .name
                .chars()
                .take_while(|c| c.is_ascii_uppercase())
                .chain(
                    first
                        .name
                        .chars()
                        .skip_while(|c| c.is_ascii_uppercase())
                        .take_while(|c| c.is_ascii_lowercase()),
                )
                .collect();
            for (a, raw_a) in out.iter().zip(raw.alerts.iter()) {
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
        out
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
        let severity = match sev.map(|s| s.value.as_str()) {
            Some("critical") => Some(Severity::Critical),
            Some("warning") => Some(Severity::Warning),
            Some("info") => Some(Severity::Info),
            Some(other) => {
                self.sink.error(
                    sev.expect("present").span.clone(),
                    format!("unknown severity `{other}`"),
                    "severity is \"critical\", \"warning\" or \"info\"",
                );
                None
            }
            None => None,
        };
        if let Some(f) = for_ {
            if !is_duration(&f.value) {
                self.sink.error(
                    f.span.clone(),
                    format!("`for` value `{}` is not a Prometheus duration", f.value),
                    "write it like \"30s\", \"5m\" or \"1h\"",
                );
                ok = false;
            }
        }
        if let Some(s) = summary {
            let t = s.value.trim();
            if !t.starts_with(|c: char| c.is_uppercase()) || !t.ends_with('.') || t.contains("{{") {
                self.sink.error(s.span.clone(), "summary must be a static sentence: a capital first letter, a final period, no templates", "put templated details in `description`");
                ok = false;
            }
        }
        for (field, what) in [(description, "description"), (runbook, "runbook")] {
            if let Some(f) = field {
                if f.value.trim().is_empty() {
                    self.sink.error(
                        f.span.clone(),
                        format!("alert {what} is empty"),
                        format!("write the {what}"),
                    );
                    ok = false;
                }
            }
        }
        if let Some(g) = group {
            if schema.group(&g.value).is_none() {
                let hint = suggest(&g.value, schema.groups.iter().map(|x| x.id.as_str()))
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
                self.sink.error(
                    g.span.clone(),
                    format!("alert `{n}` names unknown group `{}`", g.value),
                    format!("{hint}use a [[group]] id"),
                );
                ok = false;
            }
        }
        let (expr, expr_span) = self.alert_expr(a, schema, n)?;
        let promql = crate::alerts::render(schema, &expr);
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
            expr,
            promql,
            span: a.span.clone(),
            expr_span,
        })
    }

    fn alert_expr(
        &mut self,
        a: &RawAlert,
        schema: &Schema,
        n: &str,
    ) -> Option<(AlertExpr, Range<usize>)> {
        let structured_keys: [(&str, bool); 8] = [
            ("condition", a.condition.is_some()),
            ("over", a.over.is_some()),
            ("by", a.by.is_some()),
            ("matchers", a.matchers.is_some()),
            ("quantile", a.quantile.is_some()),
            ("denominator", a.denominator.is_some()),
            ("op", a.op.is_some()),
            ("threshold", a.threshold.is_some()),
        ];
        match (&a.expr, &a.metric) {
            (Some(e), None) => {
                if let Some((k, _)) = structured_keys.iter().find(|(_, set)| *set) {
                    self.sink.error(
                        e.span.clone(),
                        format!("alert `{n}` has a raw `expr` and the structured key `{k}`"),
                        "use either `expr` alone or `metric` with `condition`",
                    );
                    return None;
                }
                if e.value.trim().is_empty() {
                    self.sink.error(
                        e.span.clone(),
                        "alert expression is empty",
                        "write the PromQL condition",
                    );
                    return None;
                }
                Some((AlertExpr::Raw(e.value.trim().to_string()), e.span.clone()))
            }
            (Some(e), Some(_)) => {
                self.sink.error(
                    e.span.clone(),
                    format!("alert `{n}` has both `expr` and `metric`"),
                    "use either a raw `expr` or the structured `metric` + `condition`",
                );
                None
            }
            (None, None) => {
                self.sink.error(a.span.start..a.span.start, format!("alert `{n}` has no condition"), "add `metric = \"...\"` and `condition = \"gauge\"` (or rate, increase, quantile, ratio, absent), or a raw `expr = \"...\"`");
                None
            }
            (None, Some(metric)) => {
                let Some(m) = schema.metric(&metric.value) else {
                    let hint = suggest(
                        &metric.value,
                        schema.metrics.iter().map(|m| m.name.as_str()),
                    )
                    .map(|s| format!("did you mean \"{s}\"? "))
                    .unwrap_or_default();
                    self.sink.error(
                        metric.span.clone(),
                        format!("alert `{n}` watches unknown metric `{}`", metric.value),
                        format!("{hint}use a [[metric]] name"),
                    );
                    return None;
                };
                let cond = self.required(
                    &a.condition,
                    &a.span,
                    "structured [[alert]]",
                    "condition",
                    "\"gauge\"",
                )?;
                let mut ok = true;
                let condition = match cond.value.as_str() {
                    "gauge" => Condition::Gauge,
                    "rate" => Condition::Rate,
                    "increase" => Condition::Increase,
                    "absent" => Condition::Absent,
                    "quantile" => match &a.quantile {
                        Some(q) if q.value > 0.0 && q.value < 1.0 => {
                            Condition::Quantile { quantile: q.value }
                        }
                        Some(q) => {
                            self.sink.error(
                                q.span.clone(),
                                "quantile must be between 0 and 1",
                                "e.g. quantile = 0.99",
                            );
                            return None;
                        }
                        None => {
                            self.sink.error(
                                cond.span.clone(),
                                "a quantile alert needs `quantile`",
                                "add `quantile = 0.99`",
                            );
                            return None;
                        }
                    },
                    "ratio" => match &a.denominator {
                        Some(d) => match schema.metric(&d.value) {
                            Some(dm) if dm.kind == MetricType::Counter => Condition::Ratio {
                                denominator: d.value.clone(),
                            },
                            Some(_) => {
                                self.sink.error(
                                    d.span.clone(),
                                    format!("denominator `{}` is not a counter", d.value),
                                    "a ratio alert divides the rates of two counters",
                                );
                                return None;
                            }
                            None => {
                                self.sink.error(
                                    d.span.clone(),
                                    format!(
                                        "denominator `{}` is not a metric of the schema",
                                        d.value
                                    ),
                                    "use a counter's [[metric]] name",
                                );
                                return None;
                            }
                        },
                        None => {
                            self.sink.error(
                                cond.span.clone(),
                                "a ratio alert needs `denominator`",
                                "add `denominator = \"rpc_calls_total\"`",
                            );
                            return None;
                        }
                    },
                    other => {
                        let hint = suggest(
                            other,
                            ["gauge", "rate", "increase", "quantile", "ratio", "absent"],
                        )
                        .map(|s| format!("did you mean \"{s}\"? "))
                        .unwrap_or_default();
                        self.sink.error(cond.span.clone(), format!("unknown alert condition `{other}`"), format!("{hint}condition is one of gauge, rate, increase, quantile, ratio, absent"));
                        return None;
                    }
                };
                let fits = match &condition {
                    Condition::Gauge => m.kind == MetricType::Gauge,
                    Condition::Rate | Condition::Increase | Condition::Ratio { .. } => {
                        m.kind == MetricType::Counter
                    }
                    Condition::Quantile { .. } => m.kind == MetricType::Histogram,
                    Condition::Absent => true,
                };
                if !fits {
                    self.sink.error(
                        cond.span.clone(),
                        format!(
                            "condition `{}` does not apply to {} `{}`",
                            cond.value,
                            m.kind.as_str(),
                            m.name
                        ),
                        "gauge → gauges; rate, increase, ratio → counters; quantile → histograms",
                    );
                    ok = false;
                }
                let needs_range = matches!(
                    condition,
                    Condition::Rate
                        | Condition::Increase
                        | Condition::Quantile { .. }
                        | Condition::Ratio { .. }
                );
                if needs_range {
                    match &a.over {
                        Some(o) if is_duration(&o.value) => {}
                        Some(o) => {
                            self.sink.error(
                                o.span.clone(),
                                format!("`over` value `{}` is not a duration", o.value),
                                "e.g. over = \"5m\"",
                            );
                            ok = false;
                        }
                        None => {
                            self.sink.error(
                                cond.span.clone(),
                                format!("condition `{}` needs a range", cond.value),
                                "add `over = \"5m\"`",
                            );
                            ok = false;
                        }
                    }
                }
                let mut by = None;
                if let Some(b) = &a.by {
                    let mut v = Vec::new();
                    for l in &b.value {
                        if !m.has_label(&l.value) && !schema.ambient_labels().contains(&l.value) {
                            self.sink.error(l.span.clone(), format!("alert `{n}` aggregates by `{}`, which metric `{}` does not have", l.value, m.name), format!("labels of `{}`: {}", m.name, m.labels.join(", ")));
                            ok = false;
                        }
                        v.push(l.value.clone());
                    }
                    by = Some(v);
                }
                let mut matchers = Vec::new();
                if let Some(ms) = &a.matchers {
                    for (k, v) in &ms.value {
                        match schema.label(&k.value) {
                            Some(l) if m.has_label(&k.value) => {
                                if let Some(values) = l.enum_values() {
                                    if !values.iter().any(|x| x.value == v.value) {
                                        self.sink.error(
                                            v.span.clone(),
                                            format!(
                                                "`{}` is not a value of label `{}`",
                                                v.value, k.value
                                            ),
                                            format!(
                                                "values: {}",
                                                values
                                                    .iter()
                                                    .map(|x| x.value.as_str())
                                                    .collect::<Vec<_>>()
                                                    .join(", ")
                                            ),
                                        );
                                        ok = false;
                                    }
                                }
                            }
                            _ => {
                                self.sink.error(
                                    k.span.clone(),
                                    format!("metric `{}` has no label `{}`", m.name, k.value),
                                    format!("labels of `{}`: {}", m.name, m.labels.join(", ")),
                                );
                                ok = false;
                            }
                        }
                        matchers.push((k.value.clone(), v.value.clone()));
                    }
                }
                let op = match a.op.as_ref().map(|o| o.value.as_str()) {
                    None | Some(">") => CompareOp::Gt,
                    Some(">=") => CompareOp::Ge,
                    Some("<") => CompareOp::Lt,
                    Some("<=") => CompareOp::Le,
                    Some("==") => CompareOp::Eq,
                    Some("!=") => CompareOp::Ne,
                    Some(other) => {
                        self.sink.error(
                            a.op.as_ref().expect("present").span.clone(),
                            format!("unknown comparison `{other}`"),
                            "op is one of >, >=, <, <=, ==, !=",
                        );
                        ok = false;
                        CompareOp::Gt
                    }
                };
                let threshold = match (&a.threshold, &condition) {
                    (None, Condition::Absent) => 0.0,
                    (Some(t), Condition::Absent) => {
                        self.sink.error(
                            t.span.clone(),
                            "an absent alert has no threshold",
                            "remove `threshold`",
                        );
                        ok = false;
                        0.0
                    }
                    (Some(t), _) if t.value.is_finite() => t.value,
                    (Some(t), _) => {
                        self.sink.error(
                            t.span.clone(),
                            "threshold must be a finite number",
                            "write a number in the metric's unit",
                        );
                        ok = false;
                        0.0
                    }
                    (None, _) => {
                        self.sink.error(
                            cond.span.clone(),
                            format!("alert `{n}` has no threshold"),
                            format!(
                                "add `threshold = N` in the metric's unit ({})",
                                m.unit.as_str()
                            ),
                        );
                        ok = false;
                        0.0
                    }
                };
                if let (Condition::Quantile { .. }, Some(t)) = (&condition, &a.threshold) {
                    if !m
                        .buckets
                        .iter()
                        .any(|b| (*b - t.value).abs() <= f64::EPSILON * b.abs().max(1.0))
                    {
                        self.sink.warning(t.span.clone(), format!("threshold {} of a quantile alert is not a bucket edge of `{}`", t.value, m.name), "add the threshold to the histogram's buckets so the quantile is exact there");
                    }
                }
                if m.unit == Unit::Seconds
                    && threshold > 100.0
                    && !matches!(
                        condition,
                        Condition::Rate | Condition::Increase | Condition::Ratio { .. }
                    )
                {
                    if let Some(t) = &a.threshold {
                        self.sink.warning(t.span.clone(), format!("threshold {threshold} on seconds metric `{}` looks like milliseconds", m.name), format!("thresholds are in the metric's unit: {} s = {} ms", threshold / 1000.0, threshold));
                    }
                }
                ok.then(|| {
                    (
                        AlertExpr::Structured(StructuredAlert {
                            metric: m.name.clone(),
                            condition,
                            over: a.over.as_ref().map(|o| o.value.clone()),
                            by,
                            matchers,
                            op,
                            threshold,
                        }),
                        metric.span.clone(),
                    )
                })
            }
        }
    }
}

fn is_label_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub fn is_duration(s: &str) -> bool {
    // Prometheus durations: one or more <number><unit>, units ms s m h d w y.
    let mut rest = s;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ms", "s", "m", "h", "d", "w", "y"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        match unit {
            Some(u) => rest = &rest[u.len()..],
            None => return false,
        }
    }
    true
}

fn is_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_rust_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}
