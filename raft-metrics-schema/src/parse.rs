//! TOML → raw schema: keeps every value's span, reports unknown keys, missing fields and wrong
//! types, and never stops at the first problem. Meaning is checked later, in `validate`.

use std::ops::Range;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned as TomlSpanned;

use crate::base::Base;
use crate::diag::{suggest, BaseSource, Diagnostic, Sink};
use crate::extend;

/// A value with the byte span it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

/// An inline table of strings, in file order.
pub type StringMap = Vec<(Spanned<String>, Spanned<String>)>;

#[derive(Debug, Default)]
pub struct RawSchema {
    pub header: Option<RawHeader>,
    pub groups: Vec<RawGroup>,
    pub labels: Vec<RawLabel>,
    pub scopes: Vec<RawScope>,
    pub metrics: Vec<RawMetric>,
    pub alerts: Vec<RawAlert>,
    pub overview_rows: Vec<RawOverviewRow>,
    pub slos: Vec<RawSlo>,
    pub kubernetes: Option<RawKubernetes>,
    /// The base schema this one extends (`[schema] extends`), laid under it.
    pub extended: Option<BaseSource>,
}

/// `[kubernetes]`: where and how the Kubernetes objects are made.
#[derive(Debug)]
pub struct RawKubernetes {
    pub span: Range<usize>,
    pub namespace: Option<Spanned<String>>,
    pub labels: Option<Spanned<StringMap>>,
    pub selector: Option<Spanned<StringMap>>,
    pub port: Option<Spanned<String>>,
    pub monitor: Option<Spanned<String>>,
    pub folder: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct RawHeader {
    pub span: Range<usize>,
    pub namespace: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub uid: Option<Spanned<String>>,
    pub cluster_label: Option<Spanned<String>>,
    pub max_series: Option<Spanned<u64>>,
    pub runbook_base_url: Option<Spanned<String>>,
    pub overflow_metric: Option<Spanned<String>>,
    pub type_name: Option<Spanned<String>>,
    pub job: Option<Spanned<String>>,
    pub dashboard_tags: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug)]
pub struct RawGroup {
    pub span: Range<usize>,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub order: Option<Spanned<u64>>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct RawLabel {
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub values: Option<Spanned<Vec<Spanned<String>>>>,
    pub max_values: Option<Spanned<u64>>,
    pub type_name: Option<Spanned<String>>,
    pub constant: Option<Spanned<bool>>,
    pub old_names: Option<Spanned<Vec<Spanned<String>>>>,
    pub fold: Option<Spanned<bool>>,
}

#[derive(Debug)]
pub struct RawScope {
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub labels: Option<Spanned<Vec<Spanned<String>>>>,
    pub help: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct RawMetric {
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub value: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub labels: Option<Spanned<Vec<Spanned<String>>>>,
    pub buckets: Option<Spanned<Vec<Spanned<f64>>>>,
    pub group: Option<Spanned<String>>,
    pub old_name: Option<Spanned<String>>,
    pub old_unit: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub panel: Option<Spanned<RawPanel>>,
    pub summary: Option<Spanned<RawSummary>>,
    pub count: Option<Spanned<RawCount>>,
    pub exceptions: Option<Spanned<RawExceptions>>,
}

/// `exceptions = { scope = "partition", max_per_node = 200 }`: the summary level names the
/// scope's instances in the conditions of the counts listed here (their `listed_as`).
#[derive(Debug)]
pub struct RawExceptions {
    pub scope: Option<Spanned<String>>,
    pub max_per_node: Option<Spanned<u64>>,
}

/// `panel = "stat"` (its form alone), or `panel = { form, title, description, place }`.
#[derive(Debug, Default)]
pub struct RawPanel {
    pub form: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub place: Option<Spanned<String>>,
}

/// `[[overview_row]]`: a row of the overview's first screen, one panel per metric listed.
#[derive(Debug)]
pub struct RawOverviewRow {
    pub span: Range<usize>,
    pub title: Option<Spanned<String>>,
    pub question: Option<Spanned<String>>,
    pub metrics: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[[slo]]`: an objective over one SLI (`sli = "events" | "latency" | "availability"`, with
/// the keys of its kind).
#[derive(Debug)]
pub struct RawSlo {
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub objective: Option<Spanned<f64>>,
    pub period: Option<Spanned<String>>,
    pub by: Option<Spanned<Vec<Spanned<String>>>>,
    pub sli: Option<Spanned<String>>,
    pub bad: Option<Spanned<String>>,
    pub total: Option<Spanned<String>>,
    pub good: Option<Spanned<String>>,
    pub metric: Option<Spanned<String>>,
    pub threshold: Option<Spanned<f64>>,
    pub page: Option<Spanned<String>>,
    pub ticket: Option<Spanned<String>>,
    pub labels: Option<Spanned<StringMap>>,
    pub min_events: Option<Spanned<u64>>,
    pub note: Option<Spanned<String>>,
}

/// `summary = "max"` (or `"none"`), or `summary = { fold = [...], op = "..." }`.
#[derive(Debug)]
pub enum RawSummary {
    Word(Spanned<String>),
    Table {
        fold: Option<Spanned<Vec<Spanned<String>>>>,
        op: Option<Spanned<String>>,
    },
}

/// `count = { scope = "partition", when = "has_leader == 0", across_nodes = "max" }`.
#[derive(Debug)]
pub struct RawCount {
    pub scope: Option<Spanned<String>>,
    pub when: Option<Spanned<String>>,
    pub across_nodes: Option<Spanned<String>>,
    pub listed_as: Option<Spanned<String>>,
}

/// An alert: either structured (`metric` + `condition`) or raw (`expr`).
#[derive(Debug)]
pub struct RawAlert {
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub severity: Option<Spanned<String>>,
    pub for_: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub runbook: Option<Spanned<String>>,
    pub group: Option<Spanned<String>>,
    pub expr: Option<Spanned<String>>,
    pub metric: Option<Spanned<String>>,
    pub condition: Option<Spanned<String>>,
    pub over: Option<Spanned<String>>,
    pub by: Option<Spanned<Vec<Spanned<String>>>>,
    pub matchers: Option<Spanned<StringMap>>,
    pub quantile: Option<Spanned<f64>>,
    pub denominator: Option<Spanned<String>>,
    pub op: Option<Spanned<String>>,
    pub threshold: Option<Spanned<f64>>,
}

pub const TOP_KEYS: &[&str] = &[
    "schema",
    "group",
    "label",
    "scope",
    "metric",
    "alert",
    "overview_row",
    "slo",
    "kubernetes",
];
const KUBERNETES_KEYS: &[&str] = &[
    "namespace",
    "labels",
    "selector",
    "port",
    "monitor",
    "folder",
];
const HEADER_KEYS: &[&str] = &[
    "namespace",
    "title",
    "uid",
    "cluster_label",
    "max_series",
    "runbook_base_url",
    "overflow_metric",
    "type_name",
    "job",
    "dashboard_tags",
    "extends",
];
const GROUP_KEYS: &[&str] = &["id", "title", "order", "description"];
const LABEL_KEYS: &[&str] = &[
    "name",
    "kind",
    "help",
    "values",
    "max_values",
    "type_name",
    "constant",
    "old_names",
    "fold",
];
const SCOPE_KEYS: &[&str] = &["name", "labels", "help"];
const METRIC_KEYS: &[&str] = &[
    "name",
    "type",
    "value",
    "help",
    "unit",
    "labels",
    "buckets",
    "group",
    "old_name",
    "old_unit",
    "note",
    "panel",
    "summary",
    "count",
    "exceptions",
];
const SUMMARY_KEYS: &[&str] = &["fold", "op"];
const PANEL_KEYS: &[&str] = &["form", "title", "description", "place"];
const OVERVIEW_ROW_KEYS: &[&str] = &["title", "question", "metrics"];
const SLO_KEYS: &[&str] = &[
    "name",
    "description",
    "objective",
    "period",
    "by",
    "sli",
    "bad",
    "total",
    "good",
    "metric",
    "threshold",
    "page",
    "ticket",
    "labels",
    "min_events",
    "note",
];
const COUNT_KEYS: &[&str] = &["scope", "when", "across_nodes", "listed_as"];
const EXCEPTIONS_KEYS: &[&str] = &["scope", "max_per_node"];
const ALERT_KEYS: &[&str] = &[
    "name",
    "severity",
    "for",
    "summary",
    "description",
    "runbook",
    "group",
    "expr",
    "metric",
    "condition",
    "over",
    "by",
    "matchers",
    "quantile",
    "denominator",
    "op",
    "threshold",
];

/// Parse TOML text; syntax errors and shape errors go to `sink`. Always returns what it could
/// read. A file with `[schema] extends = "raft-metrics"` is laid over this crate's base schema.
pub fn parse(source: &str, sink: &mut Sink) -> RawSchema {
    parse_with(source, &crate::base::DEFAULT, sink)
}

/// As [`parse`], with `base` as what `extends` names (an older base, for `diff --old-base`).
pub fn parse_with(source: &str, base: &Base<'_>, sink: &mut Sink) -> RawSchema {
    let Some(doc) = document(source, 0, sink) else {
        return RawSchema::default();
    };
    let Some(wanted) = extend::extends(&doc) else {
        return read(&doc, sink, None);
    };
    if !names_base(wanted, base, sink) {
        return read(&doc, sink, None);
    }
    let offset = source.len() + 1;
    let Some(under) = document(base.text, offset, sink) else {
        return RawSchema::default();
    };
    let merged = extend::merge(extend::shift(under, offset), doc, sink);
    let extended = BaseSource {
        file_name: base.file_name.to_string(),
        text: base.text.to_string(),
        offset,
    };
    read(&merged, sink, Some(extended))
}

/// `extends` names the base given; otherwise an error at its value.
fn names_base(wanted: &Value<'_>, base: &Base<'_>, sink: &mut Sink) -> bool {
    if matches!(wanted.get_ref(), DeValue::String(s) if s == base.id) {
        return true;
    }
    let found = match wanted.get_ref() {
        DeValue::String(s) => format!("`{s}`"),
        other => format!("a {}", other.type_str()),
    };
    sink.push(
        Diagnostic::error(
            wanted.span(),
            format!("`extends` names {found}: the one base schema is `{}`", base.id),
        )
        .help(format!(
            "write `extends = \"{}\"` (the schema of the raft-metrics crate in use), or drop it and copy the whole schema",
            base.id
        )),
    );
    false
}

/// One TOML document; `None` after syntax errors (reported at `offset` + their position).
fn document<'i>(source: &'i str, offset: usize, sink: &mut Sink) -> Option<DeTable<'i>> {
    let (doc, errors) = DeTable::parse_recoverable(source);
    let mut failed = false;
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        failed = true;
        sink.push(
            Diagnostic::error(span.start + offset..span.end + offset, format!("TOML syntax error: {}", e.message().trim()))
                .help("fix the TOML syntax at this position (strings need double quotes, arrays brackets, keys `key = value`)"),
        );
    }
    // What follows a syntax error is guesswork; report the syntax errors alone.
    (!failed).then(|| doc.into_inner())
}

/// The raw schema from one (merged) document.
fn read(doc: &DeTable<'_>, sink: &mut Sink, extended: Option<BaseSource>) -> RawSchema {
    let top = Fields::new(sink, doc, "the schema file", TOP_KEYS);
    let mut raw = RawSchema {
        extended,
        ..RawSchema::default()
    };
    if let Some((t, span)) = top.table(sink, "schema") {
        let f = Fields::new(sink, t, "[schema]", HEADER_KEYS);
        raw.header = Some(RawHeader {
            span,
            namespace: f.string(sink, "namespace"),
            title: f.string(sink, "title"),
            uid: f.string(sink, "uid"),
            cluster_label: f.string(sink, "cluster_label"),
            max_series: f.uint(sink, "max_series"),
            runbook_base_url: f.string(sink, "runbook_base_url"),
            overflow_metric: f.string(sink, "overflow_metric"),
            type_name: f.string(sink, "type_name"),
            job: f.string(sink, "job"),
            dashboard_tags: f.strings(sink, "dashboard_tags"),
        });
    }
    if let Some((t, span)) = top.table(sink, "kubernetes") {
        let f = Fields::new(sink, t, "[kubernetes]", KUBERNETES_KEYS);
        raw.kubernetes = Some(RawKubernetes {
            span,
            namespace: f.string(sink, "namespace"),
            labels: f.string_map(sink, "labels"),
            selector: f.string_map(sink, "selector"),
            port: f.string(sink, "port"),
            monitor: f.string(sink, "monitor"),
            folder: f.string(sink, "folder"),
        });
    }
    for (t, span) in top.tables(sink, "group") {
        let f = Fields::new(sink, t, "[[group]]", GROUP_KEYS);
        raw.groups.push(RawGroup {
            span,
            id: f.string(sink, "id"),
            title: f.string(sink, "title"),
            order: f.uint(sink, "order"),
            description: f.string(sink, "description"),
        });
    }
    for (t, span) in top.tables(sink, "label") {
        let f = Fields::new(sink, t, "[[label]]", LABEL_KEYS);
        raw.labels.push(RawLabel {
            span,
            name: f.string(sink, "name"),
            kind: f.string(sink, "kind"),
            help: f.string(sink, "help"),
            values: f.strings(sink, "values"),
            max_values: f.uint(sink, "max_values"),
            type_name: f.string(sink, "type_name"),
            constant: f.boolean(sink, "constant"),
            old_names: f.strings(sink, "old_names"),
            fold: f.boolean(sink, "fold"),
        });
    }
    for (t, span) in top.tables(sink, "scope") {
        let f = Fields::new(sink, t, "[[scope]]", SCOPE_KEYS);
        raw.scopes.push(RawScope {
            span,
            name: f.string(sink, "name"),
            labels: f.strings(sink, "labels"),
            help: f.string(sink, "help"),
        });
    }
    for (t, span) in top.tables(sink, "metric") {
        let f = Fields::new(sink, t, "[[metric]]", METRIC_KEYS);
        raw.metrics.push(RawMetric {
            span,
            name: f.string(sink, "name"),
            kind: f.string(sink, "type"),
            value: f.string(sink, "value"),
            help: f.string(sink, "help"),
            unit: f.string(sink, "unit"),
            labels: f.strings(sink, "labels"),
            buckets: f.floats(sink, "buckets"),
            group: f.string(sink, "group"),
            old_name: f.string(sink, "old_name"),
            old_unit: f.string(sink, "old_unit"),
            note: f.string(sink, "note"),
            panel: f.panel(sink),
            summary: f.summary(sink),
            count: f.count(sink),
            exceptions: f.exceptions(sink),
        });
    }
    for (t, span) in top.tables(sink, "overview_row") {
        let f = Fields::new(sink, t, "[[overview_row]]", OVERVIEW_ROW_KEYS);
        raw.overview_rows.push(RawOverviewRow {
            span,
            title: f.string(sink, "title"),
            question: f.string(sink, "question"),
            metrics: f.strings(sink, "metrics"),
        });
    }
    for (t, span) in top.tables(sink, "slo") {
        let f = Fields::new(sink, t, "[[slo]]", SLO_KEYS);
        raw.slos.push(RawSlo {
            span,
            name: f.string(sink, "name"),
            description: f.string(sink, "description"),
            objective: f.float(sink, "objective"),
            period: f.string(sink, "period"),
            by: f.strings(sink, "by"),
            sli: f.string(sink, "sli"),
            bad: f.string(sink, "bad"),
            total: f.string(sink, "total"),
            good: f.string(sink, "good"),
            metric: f.string(sink, "metric"),
            threshold: f.float(sink, "threshold"),
            page: f.string(sink, "page"),
            ticket: f.string(sink, "ticket"),
            labels: f.string_map(sink, "labels"),
            min_events: f.uint(sink, "min_events"),
            note: f.string(sink, "note"),
        });
    }
    for (t, span) in top.tables(sink, "alert") {
        let f = Fields::new(sink, t, "[[alert]]", ALERT_KEYS);
        raw.alerts.push(RawAlert {
            span,
            name: f.string(sink, "name"),
            severity: f.string(sink, "severity"),
            for_: f.string(sink, "for"),
            summary: f.string(sink, "summary"),
            description: f.string(sink, "description"),
            runbook: f.string(sink, "runbook"),
            group: f.string(sink, "group"),
            expr: f.string(sink, "expr"),
            metric: f.string(sink, "metric"),
            condition: f.string(sink, "condition"),
            over: f.string(sink, "over"),
            by: f.strings(sink, "by"),
            matchers: f.string_map(sink, "matchers"),
            quantile: f.float(sink, "quantile"),
            denominator: f.string(sink, "denominator"),
            op: f.string(sink, "op"),
            threshold: f.float(sink, "threshold"),
        });
    }
    raw
}

/// Typed access to one TOML table's keys; unknown keys are reported on construction.
struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    what: &'static str,
}

type Value<'i> = TomlSpanned<DeValue<'i>>;

impl<'a, 'i> Fields<'a, 'i> {
    fn new(
        sink: &mut Sink,
        table: &'a DeTable<'i>,
        what: &'static str,
        allowed: &'static [&'static str],
    ) -> Self {
        for key in table.keys() {
            let k: &str = key.get_ref();
            if !allowed.contains(&k) {
                let help = match suggest(k, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? allowed keys: {}", allowed.join(", ")),
                    None => format!("allowed keys in {what}: {}", allowed.join(", ")),
                };
                sink.push(
                    Diagnostic::error(key.span(), format!("unknown key `{k}` in {what}"))
                        .help(help),
                );
            }
        }
        Fields { table, what }
    }

    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }

    fn wrong_type(&self, sink: &mut Sink, key: &str, v: &Value<'_>, expected: &str, example: &str) {
        sink.push(
            Diagnostic::error(
                v.span(),
                format!(
                    "`{key}` in {} must be {expected}, found {}",
                    self.what,
                    v.get_ref().type_str()
                ),
            )
            .help(format!("write it as `{key} = {example}`")),
        );
    }

    fn string(&self, sink: &mut Sink, key: &str) -> Option<Spanned<String>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), v.span())),
            _ => {
                self.wrong_type(sink, key, v, "a string", "\"...\"");
                None
            }
        }
    }

    fn boolean(&self, sink: &mut Sink, key: &str) -> Option<Spanned<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(*b, v.span())),
            _ => {
                self.wrong_type(sink, key, v, "a boolean", "true");
                None
            }
        }
    }

    fn uint(&self, sink: &mut Sink, key: &str) -> Option<Spanned<u64>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(n, v.span())),
                Err(_) => {
                    sink.push(
                        Diagnostic::error(
                            v.span(),
                            format!("`{key}` must be a non-negative integer"),
                        )
                        .help(format!("write a whole number from 0 to {}", u64::MAX)),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(sink, key, v, "a non-negative integer", "10");
                None
            }
        }
    }

    fn float(&self, sink: &mut Sink, key: &str) -> Option<Spanned<f64>> {
        let v = self.get(key)?;
        match number(v.get_ref()) {
            Some(n) => Some(Spanned::new(n, v.span())),
            None => {
                self.wrong_type(sink, key, v, "a number", "0.5");
                None
            }
        }
    }

    fn array(
        &self,
        sink: &mut Sink,
        key: &str,
        example: &str,
    ) -> Option<(&'a DeArray<'i>, Range<usize>)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(a) => Some((a, v.span())),
            _ => {
                self.wrong_type(sink, key, v, "an array", example);
                None
            }
        }
    }

    fn strings(&self, sink: &mut Sink, key: &str) -> Option<Spanned<Vec<Spanned<String>>>> {
        let (arr, span) = self.array(sink, key, "[\"a\", \"b\"]")?;
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(s.to_string(), item.span())),
                other => sink.push(
                    Diagnostic::error(
                        item.span(),
                        format!("`{key}` must hold strings, found {}", other.type_str()),
                    )
                    .help("quote each item: [\"a\", \"b\"]"),
                ),
            }
        }
        Some(Spanned::new(out, span))
    }

    fn floats(&self, sink: &mut Sink, key: &str) -> Option<Spanned<Vec<Spanned<f64>>>> {
        let (arr, span) = self.array(sink, key, "[0.001, 0.01, 0.1]")?;
        let mut out = Vec::new();
        for item in arr.iter() {
            match number(item.get_ref()) {
                Some(n) => out.push(Spanned::new(n, item.span())),
                None => sink.push(
                    Diagnostic::error(
                        item.span(),
                        format!(
                            "`{key}` must hold numbers, found {}",
                            item.get_ref().type_str()
                        ),
                    )
                    .help("write numbers without quotes: [0.001, 0.01, 0.1]"),
                ),
            }
        }
        Some(Spanned::new(out, span))
    }

    /// An inline table of strings, such as `matchers = { state = "leader" }`.
    fn string_map(&self, sink: &mut Sink, key: &str) -> Option<Spanned<StringMap>> {
        let (t, span) = self.table(sink, key)?;
        let mut out = Vec::new();
        for (k, v) in t.iter() {
            match v.get_ref() {
                DeValue::String(s) => out.push((
                    Spanned::new(k.get_ref().to_string(), k.span()),
                    Spanned::new(s.to_string(), v.span()),
                )),
                other => sink.push(
                    Diagnostic::error(
                        v.span(),
                        format!("`{key}` values must be strings, found {}", other.type_str()),
                    )
                    .help(format!("write it as `{key} = {{ label = \"value\" }}`")),
                ),
            }
        }
        Some(Spanned::new(out, span))
    }

    /// `summary`: a word, or an inline table of `fold` and `op`.
    fn summary(&self, sink: &mut Sink) -> Option<Spanned<RawSummary>> {
        let v = self.get("summary")?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(
                RawSummary::Word(Spanned::new(s.to_string(), v.span())),
                v.span(),
            )),
            DeValue::Table(t) => {
                let f = Fields::new(sink, t, "summary", SUMMARY_KEYS);
                Some(Spanned::new(
                    RawSummary::Table {
                        fold: f.strings(sink, "fold"),
                        op: f.string(sink, "op"),
                    },
                    v.span(),
                ))
            }
            _ => {
                self.wrong_type(
                    sink,
                    "summary",
                    v,
                    "a string or an inline table",
                    "\"max\" or { fold = [\"partition\"], op = \"max\" }",
                );
                None
            }
        }
    }

    /// `panel`: a form, or an inline table of `form`, `title`, `description` and `place`.
    fn panel(&self, sink: &mut Sink) -> Option<Spanned<RawPanel>> {
        let v = self.get("panel")?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(
                RawPanel {
                    form: Some(Spanned::new(s.to_string(), v.span())),
                    ..RawPanel::default()
                },
                v.span(),
            )),
            DeValue::Table(t) => {
                let f = Fields::new(sink, t, "panel", PANEL_KEYS);
                Some(Spanned::new(
                    RawPanel {
                        form: f.string(sink, "form"),
                        title: f.string(sink, "title"),
                        description: f.string(sink, "description"),
                        place: f.string(sink, "place"),
                    },
                    v.span(),
                ))
            }
            _ => {
                self.wrong_type(
                    sink,
                    "panel",
                    v,
                    "a string or an inline table",
                    "\"stat\" or { title = \"Commit rate\", place = \"drilldown\" }",
                );
                None
            }
        }
    }

    /// `count`: an inline table of `scope`, `when` and `across_nodes`.
    fn count(&self, sink: &mut Sink) -> Option<Spanned<RawCount>> {
        let (t, span) = self.table(sink, "count")?;
        let f = Fields::new(sink, t, "count", COUNT_KEYS);
        Some(Spanned::new(
            RawCount {
                scope: f.string(sink, "scope"),
                when: f.string(sink, "when"),
                across_nodes: f.string(sink, "across_nodes"),
                listed_as: f.string(sink, "listed_as"),
            },
            span,
        ))
    }

    /// `exceptions`: an inline table of `scope` and `max_per_node`.
    fn exceptions(&self, sink: &mut Sink) -> Option<Spanned<RawExceptions>> {
        let (t, span) = self.table(sink, "exceptions")?;
        let f = Fields::new(sink, t, "exceptions", EXCEPTIONS_KEYS);
        Some(Spanned::new(
            RawExceptions {
                scope: f.string(sink, "scope"),
                max_per_node: f.uint(sink, "max_per_node"),
            },
            span,
        ))
    }

    /// A sub-table such as `[schema]`.
    fn table(&self, sink: &mut Sink, key: &str) -> Option<(&'a DeTable<'i>, Range<usize>)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong_type(sink, key, v, "a table", &format!("[{key}] on its own line"));
                None
            }
        }
    }

    /// An array of tables such as `[[metric]]`.
    fn tables(&self, sink: &mut Sink, key: &str) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(arr) = v.get_ref() else {
            self.wrong_type(
                sink,
                key,
                v,
                "an array of tables",
                &format!("[[{key}]] on its own line"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in arr.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => sink.push(
                    Diagnostic::error(
                        item.span(),
                        format!("each `{key}` must be a table, found {}", other.type_str()),
                    )
                    .help(format!("start each entry with [[{key}]] on its own line")),
                ),
            }
        }
        out
    }
}

fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        _ => None,
    }
}
