//! The validated schema model. Every emitter reads this, never the TOML; every derived name
//! (exposed family name, `_bucket`/`_sum`/`_count` series, Rust identifiers) is computed here once.

use std::ops::Range;

mod slo;
mod view;
mod vocab;
pub use slo::*;
pub use view::*;
pub use vocab::*;

#[derive(Clone, Debug)]
pub struct Schema {
    /// The schema file's name (no directories), for the headers of generated files.
    pub source_name: String,
    pub namespace: String,
    /// The generated registry type (`type_name`, default `RaftMetrics`).
    pub type_name: String,
    pub title: String,
    /// Grafana dashboard uid.
    pub uid: String,
    /// The summary level's scrape job (`job`, default the uid): the node-down alert's `$job`;
    /// the detailed level's is `<job>-detailed`.
    pub job: String,
    /// The dashboards' tags (`dashboard_tags`, default `["raft", <namespace>]`).
    pub dashboard_tags: Vec<String>,
    /// The base schema this one extends (its file name), if any.
    pub extends: Option<String>,
    /// A label that Prometheus adds per cluster (external or target label), allowed in queries.
    pub cluster_label: Option<String>,
    pub max_series: Option<u64>,
    pub runbook_base_url: String,
    /// The counter (one enum label naming the open label) that counts values folded into
    /// `__overflow__` once an open label has `max_values` distinct values.
    pub overflow_metric: Option<String>,
    /// Sorted by `order`.
    pub groups: Vec<Group>,
    pub labels: Vec<Label>,
    pub scopes: Vec<Scope>,
    /// In file order.
    pub metrics: Vec<Metric>,
    pub alerts: Vec<Alert>,
    /// The overview's first rows after the health row (`[[overview_row]]`), in file order.
    pub overview_rows: Vec<OverviewRow>,
    /// In file order.
    pub slos: Vec<Slo>,
    /// `[kubernetes]`: the objects to make, if any.
    pub kubernetes: Option<Kubernetes>,
}

/// Where the Kubernetes objects go and what they select.
#[derive(Clone, Debug, PartialEq)]
pub struct Kubernetes {
    pub namespace: String,
    /// On every object (e.g. `release`, which kube-prometheus-stack selects by).
    pub labels: Vec<(String, String)>,
    /// The labels of the Service (or Pods) serving the metrics.
    pub selector: Vec<(String, String)>,
    /// The name of the port serving them.
    pub port: String,
    pub monitor: Monitor,
    /// The Grafana folder of the dashboards (the sidecar's folder annotation).
    pub folder: String,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub order: u64,
    pub description: Option<String>,
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Label {
    pub name: String,
    pub kind: LabelKind,
    pub help: String,
    /// Cardinality budget: enum size for enums, `max_values` for open labels.
    pub max_values: Option<u64>,
    /// A constant label is set once, at registration, on every series.
    pub constant: bool,
    /// Names this label had before (`old_names`), so `lint` can name the replacement.
    pub old_names: Vec<String>,
    /// Folded at the summary level by every metric that does not say otherwise (`fold`).
    pub fold: bool,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LabelKind {
    Enum {
        type_name: String,
        values: Vec<EnumValue>,
    },
    Str,
    U32,
    U64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// Exposed value, snake_case.
    pub value: String,
    /// Rust variant, CamelCase.
    pub variant: String,
}

impl LabelKind {
    pub fn label_type(&self) -> LabelType {
        match self {
            LabelKind::Enum { .. } => LabelType::Enum,
            LabelKind::Str => LabelType::Str,
            LabelKind::U32 => LabelType::U32,
            LabelKind::U64 => LabelType::U64,
        }
    }
}

impl Label {
    pub fn enum_values(&self) -> Option<&[EnumValue]> {
        match &self.kind {
            LabelKind::Enum { values, .. } => Some(values),
            _ => None,
        }
    }

    /// Worst-case number of distinct values.
    pub fn budget(&self) -> Option<u64> {
        match &self.kind {
            LabelKind::Enum { values, .. } => Some(values.len() as u64),
            _ => self.max_values,
        }
    }

    /// Open (string or integer) and not constant: budgeted at run time by `max_values`.
    pub fn is_open(&self) -> bool {
        !self.constant && self.enum_values().is_none()
    }

    pub fn kind_name(&self) -> &'static str {
        self.kind.label_type().as_str()
    }
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub name: String,
    pub labels: Vec<String>,
    pub help: String,
    pub span: Range<usize>,
}

impl Scope {
    /// A metric is in the scope's handle when it carries every scope label.
    pub fn covers(&self, m: &Metric) -> bool {
        self.labels.iter().all(|l| m.has_label(l))
    }

    /// The labels a handle's accessor still takes: the metric's, less the scope's.
    pub fn rest_labels(&self, m: &Metric) -> Vec<String> {
        m.labels
            .iter()
            .filter(|l| !self.labels.contains(l))
            .cloned()
            .collect()
    }
}

/// Series Prometheus itself records for every scrape target (all gauges, only target labels).
/// `up` is how an alert sees a node that is down: its own series vanish with it.
pub const SCRAPE_SERIES: &[&str] = &[
    "up",
    "scrape_duration_seconds",
    "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling",
    "scrape_series_added",
];

/// Series Prometheus records for the alerts it evaluates (`alertname`, `alertstate` and each
/// alert's own labels).
pub const ALERT_SERIES: &[&str] = &["ALERTS", "ALERTS_FOR_STATE"];

/// The suffix Prometheus conventions put on counters.
pub const COUNTER_SUFFIX: &str = "_total";

/// The suffix of a gauge holding a Unix time in seconds.
pub const TIMESTAMP_SUFFIX: &str = "_timestamp_seconds";

/// Which of a family's series a name denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    /// The counter or gauge itself.
    Value,
    Bucket,
    Sum,
    Count,
}

impl SeriesKind {
    /// A histogram's series, in exposition order.
    pub const HISTOGRAM: [SeriesKind; 3] = [SeriesKind::Bucket, SeriesKind::Sum, SeriesKind::Count];

    /// A series name split into its family name and the histogram suffix it carries, if any.
    pub fn split(series: &str) -> (&str, Option<SeriesKind>) {
        SeriesKind::HISTOGRAM
            .into_iter()
            .find_map(|k| Some((series.strip_suffix(k.suffix()?)?, Some(k))))
            .unwrap_or((series, None))
    }

    /// The suffix on the family name: the one place that knows them.
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            SeriesKind::Value => None,
            SeriesKind::Bucket => Some("_bucket"),
            SeriesKind::Sum => Some("_sum"),
            SeriesKind::Count => Some("_count"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub kind: SeriesKind,
}

#[derive(Clone, Debug)]
pub struct Metric {
    /// Name in the schema and of the Rust accessor (`rpc_calls_total`).
    pub name: String,
    /// Family name as exposed (`chronik_raft_rpc_calls_total`).
    pub exposed: String,
    pub kind: MetricType,
    pub value: ValueType,
    pub help: String,
    pub unit: Unit,
    /// Ordered; constant labels are not listed here.
    pub labels: Vec<String>,
    pub buckets: Vec<f64>,
    pub group: String,
    pub old_name: Option<String>,
    pub old_unit: Option<String>,
    pub note: Option<String>,
    pub panel: PanelForm,
    /// Its panels' title, description and place.
    pub view: View,
    /// How the metric appears at the summary level.
    pub summary: Summary,
    /// A derived count (`count = { ... }`): computed at the summary level, never set by code.
    pub count: Option<Count>,
    /// Named exceptions (`exceptions = { ... }`): the summary level lists each instance of a
    /// scope in a listed count's condition, one series each; never set by code.
    pub exceptions: Option<Exceptions>,
    pub span: Range<usize>,
}

/// The value an open label takes past its budget (the runtime's `OVERFLOW`), and the scope
/// labels of an exceptions list's count of the instances it does not name.
pub const OVERFLOW: &str = "__overflow__";

/// The summary level's list of a scope's instances (partitions) in unhealthy conditions:
/// one series per instance and condition, 1 while it holds, up to `max_per_node` on a node;
/// past it one series per condition with the scope's labels `__overflow__`, valued how many
/// went unlisted.
#[derive(Clone, Debug, PartialEq)]
pub struct Exceptions {
    pub scope: String,
    pub max_per_node: u64,
    /// The enum label naming the condition (the metric's one label beyond the scope's).
    pub label: String,
    /// Each value of `label` and the count whose condition it lists, in the label's order.
    pub conditions: Vec<Listed>,
}

/// One listed condition: a value of the exceptions' label and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub value: String,
    pub count: String,
}

/// How a metric appears at the summary level.
#[derive(Clone, Debug, PartialEq)]
pub enum Summary {
    /// Not at the summary level (`summary = "none"`).
    Absent,
    /// The `fold` labels are removed and the series that then share labels combine by `op`;
    /// with nothing to fold, the metric is as at the detailed level.
    Fold { fold: Vec<String>, op: FoldOp },
}

/// How many instances of a scope (partitions) are in a condition, per the metric's labels:
/// computed on each scrape of the summary level from the partitions' own series.
#[derive(Clone, Debug, PartialEq)]
pub struct Count {
    pub scope: String,
    pub when: Cond,
    /// The condition as written, for the docs.
    pub text: String,
    /// How the nodes' counts combine into the cluster's: `max` when every replica of a
    /// partition counts it, `sum` when one node does (its leader).
    pub across_nodes: FoldOp,
    /// The value of an exceptions metric's condition label under which the summary level
    /// lists the instances this count counts (`listed_as`).
    pub listed_as: Option<String>,
}

/// A condition over one scope instance's series.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    Compare(Operand, CompareOp, Operand),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Number(f64),
    /// A series of the instance: a metric of the scope, its enum labels pinned.
    Series {
        metric: String,
        matchers: Vec<(String, String)>,
    },
    /// `increase(counter[window])`: how much a counter of the instance (its series summed
    /// over the enum labels not pinned) grew over the last `seconds`; the node keeps the
    /// window (the runtime's `Window`).
    Increase {
        metric: String,
        matchers: Vec<(String, String)>,
        seconds: u64,
    },
}

impl Metric {
    /// Every series name the family exposes.
    pub fn series(&self) -> Vec<Series> {
        match self.kind {
            MetricType::Histogram => SeriesKind::HISTOGRAM
                .into_iter()
                .map(|kind| Series {
                    name: format!("{}{}", self.exposed, kind.suffix().unwrap_or_default()),
                    kind,
                })
                .collect(),
            _ => vec![Series {
                name: self.exposed.clone(),
                kind: SeriesKind::Value,
            }],
        }
    }

    pub fn series_name(&self, kind: SeriesKind) -> Option<String> {
        self.series()
            .into_iter()
            .find(|s| s.kind == kind)
            .map(|s| s.name)
    }

    /// The name without the counter suffix (`rpc_calls` for `rpc_calls_total`).
    pub fn stem(&self) -> &str {
        self.name.strip_suffix(COUNTER_SUFFIX).unwrap_or(&self.name)
    }

    /// The exposed name without the counter suffix, the base of recorded series names.
    pub fn exposed_stem(&self) -> &str {
        self.exposed
            .strip_suffix(COUNTER_SUFFIX)
            .unwrap_or(&self.exposed)
    }

    /// A gauge holding a Unix time (shown as an age).
    pub fn is_timestamp(&self) -> bool {
        self.name.ends_with(TIMESTAMP_SUFFIX)
    }

    pub fn has_label(&self, label: &str) -> bool {
        self.labels.iter().any(|l| l == label)
    }

    /// A count or list derived from other metrics (summary level only, no accessor).
    pub fn is_derived(&self) -> bool {
        self.count.is_some() || self.exceptions.is_some()
    }

    /// The labels the metric's series carry at `level` (constant labels aside); `None` when
    /// it has no series there.
    pub fn labels_at(&self, level: Level) -> Option<Vec<String>> {
        match (level, &self.summary) {
            (Level::Detailed, _) if self.is_derived() => None,
            (Level::Detailed, _) => Some(self.labels.clone()),
            (Level::Summary, Summary::Absent) => None,
            (Level::Summary, Summary::Fold { fold, .. }) => Some(
                self.labels
                    .iter()
                    .filter(|l| !fold.contains(l))
                    .cloned()
                    .collect(),
            ),
        }
    }

    /// The labels the summary level folds (none when absent there or kept as is).
    pub fn folded(&self) -> &[String] {
        match &self.summary {
            Summary::Fold { fold, .. } => fold,
            Summary::Absent => &[],
        }
    }

    /// Whether the metric is at `level`.
    pub fn at(&self, level: Level) -> bool {
        self.labels_at(level).is_some()
    }

    /// How the summary level holds the metric, in words: `max over partition`, `as detailed`,
    /// `none`, or a derived count's condition.
    pub fn summary_text(&self) -> String {
        if let Some(e) = &self.exceptions {
            return format!(
                "one series per {} in a listed condition ({}), up to {} per node",
                e.scope,
                e.conditions
                    .iter()
                    .map(|c| c.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                e.max_per_node
            );
        }
        match (&self.count, &self.summary) {
            (Some(c), _) => format!("count of {}s where {}", c.scope, c.text),
            (None, Summary::Absent) => "none".into(),
            (None, Summary::Fold { fold, .. }) if fold.is_empty() => "as detailed".into(),
            (None, Summary::Fold { fold, op }) => format!("{op} over {}", fold.join(", ")),
        }
    }
}

/// The structured alert shapes; the expression is generated from them.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// `metric OP threshold` (optionally aggregated).
    Gauge,
    /// `rate(metric[over]) OP threshold`, or `increase(...)` when `over` is the point.
    Rate,
    Increase,
    /// `histogram_quantile(q, sum by (le, ...) (rate(metric_bucket[over]))) OP threshold`.
    Quantile {
        quantile: f64,
    },
    /// `sum(rate(metric[over])) / sum(rate(denominator[over])) OP threshold`.
    Ratio {
        denominator: String,
    },
    /// `absent(metric)`.
    Absent,
}

impl Condition {
    pub fn kind(&self) -> ConditionKind {
        match self {
            Condition::Gauge => ConditionKind::Gauge,
            Condition::Rate => ConditionKind::Rate,
            Condition::Increase => ConditionKind::Increase,
            Condition::Quantile { .. } => ConditionKind::Quantile,
            Condition::Ratio { .. } => ConditionKind::Ratio,
            Condition::Absent => ConditionKind::Absent,
        }
    }
}

#[derive(Clone, Debug)]
pub struct StructuredAlert {
    pub metric: String,
    pub condition: Condition,
    /// Range for rates, e.g. `5m`.
    pub over: Option<String>,
    /// Aggregation labels; `None` keeps every label.
    pub by: Option<Vec<String>>,
    /// Extra matchers, e.g. `state="leader"`.
    pub matchers: Vec<(String, String)>,
    pub op: CompareOp,
    pub threshold: f64,
}

#[derive(Clone, Debug)]
pub enum AlertExpr {
    Structured(StructuredAlert),
    Raw(String),
}

#[derive(Clone, Debug)]
pub struct Alert {
    pub name: String,
    pub severity: AlertSeverity,
    pub for_: String,
    pub summary: String,
    pub description: String,
    pub runbook: String,
    pub group: String,
    pub expr: AlertExpr,
    /// The PromQL that is written to the rule file, filled by `alerts::expand` after validation.
    pub promql: String,
    pub span: Range<usize>,
    pub expr_span: Range<usize>,
}

impl Schema {
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn constant_labels(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter().filter(|l| l.constant)
    }

    /// Find the family and series kind for an exposed series name (without building every
    /// metric's series names: the checks call this for each selector).
    pub fn resolve_series(&self, series: &str) -> Option<(&Metric, SeriesKind)> {
        let (family, kind) = SeriesKind::split(series);
        let exact = self
            .metrics
            .iter()
            .find(|m| m.exposed == series)
            .map(|m| (m, SeriesKind::Value));
        exact.or_else(|| {
            let kind = kind?;
            self.metrics
                .iter()
                .find(|m| m.exposed == family && m.kind == MetricType::Histogram)
                .map(|m| (m, kind))
        })
    }

    /// A metric whose recorded old name (with or without the namespace) is `name`.
    pub fn renamed_from(&self, name: &str) -> Option<&Metric> {
        let bare = name
            .strip_prefix(&self.namespace)
            .and_then(|s| s.strip_prefix('_'))
            .unwrap_or(name);
        self.metrics
            .iter()
            .find(|m| m.old_name.as_deref() == Some(bare))
    }

    /// A metric's enum labels: bounded, so aggregations and recordings may keep them.
    pub fn enum_labels(&self, m: &Metric) -> Vec<String> {
        m.labels
            .iter()
            .filter(|l| self.label(l).is_some_and(|x| x.enum_values().is_some()))
            .cloned()
            .collect()
    }

    /// The label that was once called `old` (`old_names`).
    pub fn label_renamed_from(&self, old: &str) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.old_names.iter().any(|o| o == old))
    }

    /// Labels every series carries: constant labels, and the target labels Prometheus adds.
    pub fn ambient_labels(&self) -> Vec<String> {
        let mut v: Vec<String> = self.constant_labels().map(|l| l.name.clone()).collect();
        v.extend(self.target_labels());
        v
    }

    /// The labels Prometheus attaches to every series of a scrape target.
    pub fn target_labels(&self) -> Vec<String> {
        let mut v = vec!["job".to_string(), "instance".to_string()];
        v.extend(self.cluster_label.clone());
        v
    }

    pub fn metrics_in_group<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Metric> + 'a {
        self.metrics.iter().filter(move |m| m.group == group)
    }

    /// Labels whose values are open (strings, integers) and not constant: each has a run-time
    /// budget of `max_values` distinct values.
    pub fn open_labels(&self) -> impl Iterator<Item = &Label> {
        self.labels.iter().filter(|l| l.is_open())
    }

    /// Every metric with its worst-case series count, in schema order.
    pub fn cardinality(&self) -> Vec<(&Metric, Option<u64>)> {
        self.metrics
            .iter()
            .map(|m| (m, self.worst_case_series(m)))
            .collect()
    }

    /// Worst-case series count of the whole schema; `None` when any metric is unbounded.
    pub fn worst_case_total(&self) -> Option<u64> {
        self.metrics.iter().try_fold(0u64, |t, m| {
            Some(t.saturating_add(self.worst_case_series(m)?))
        })
    }

    /// Worst-case series count of one metric at the detailed level: product of label budgets
    /// times the series per label set (buckets + `+Inf` + `_sum` + `_count` for histograms).
    /// `None` when unbounded.
    pub fn worst_case_series(&self, metric: &Metric) -> Option<u64> {
        self.worst_case_at(metric, Level::Detailed)
    }

    /// Worst-case series count of one metric at `level` (0 when it is not there).
    pub fn worst_case_at(&self, metric: &Metric, level: Level) -> Option<u64> {
        let Some(labels) = metric.labels_at(level) else {
            return Some(0);
        };
        if let Some(e) = &metric.exceptions {
            // The listed instances, and one overflow series per condition.
            return Some(e.max_per_node + e.conditions.len() as u64);
        }
        let mut n: u64 = match metric.kind {
            MetricType::Histogram => metric.buckets.len() as u64 + 3,
            _ => 1,
        };
        for l in &labels {
            n = n.saturating_mul(self.label(l)?.budget()?);
        }
        Some(n)
    }

    /// Worst-case series count of the whole schema at `level`.
    pub fn worst_case_total_at(&self, level: Level) -> Option<u64> {
        self.metrics.iter().try_fold(0u64, |t, m| {
            Some(t.saturating_add(self.worst_case_at(m, level)?))
        })
    }

    /// The scope a derived count counts.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.name == name)
    }
}
