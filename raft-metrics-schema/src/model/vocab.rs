//! The schema's fixed vocabularies. Each enum owns its words: `as_str` for emitters, `FromStr`
//! and `ALL` for validation and its did-you-mean hints, so a word is spelled in one place.

use std::fmt;
use std::str::FromStr;

/// A word that is not in a vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{word}` is not one of {}", expected.join(", "))]
pub struct UnknownWord {
    pub word: String,
    pub expected: Vec<&'static str>,
}

/// An enum whose variants are spelled by fixed words.
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every variant, in the order the docs list them.
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.as_str()).collect()
    }

    fn parse_word(s: &str) -> Result<Self, UnknownWord> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownWord {
                word: s.to_string(),
                expected: Self::words(),
            })
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }
        }

        impl $name {
            pub const ALL: &'static [Self] = <Self as Vocabulary>::ALL;

            pub fn as_str(self) -> &'static str {
                Vocabulary::as_str(self)
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                Self::parse_word(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    pub enum MetricType {
        Counter => "counter",
        Gauge => "gauge",
        Histogram => "histogram",
    }
}

vocabulary! {
    /// What a counter or gauge holds; histograms observe floats.
    pub enum ValueType {
        Int => "int",
        Float => "float",
    }
}

vocabulary! {
    pub enum Unit {
        Seconds => "seconds",
        Bytes => "bytes",
        Entries => "entries",
        Ratio => "ratio",
        None => "none",
    }
}

vocabulary! {
    /// The kinds a `[[label]]` declares; enum labels also list their values.
    pub enum LabelType {
        Enum => "enum",
        Str => "string",
        U32 => "u32",
        U64 => "u64",
    }
}

vocabulary! {
    /// How the dashboard shows a metric; derived from its type unless the schema overrides it.
    pub enum PanelForm {
        /// Counter: per-second rate. Gauge: value over time.
        TimeSeries => "timeseries",
        Stat => "stat",
        /// Histogram: the quantiles of `plan::QUANTILES` plus a heatmap.
        Quantiles => "quantiles",
        Heatmap => "heatmap",
        Hidden => "hidden",
    }
}

vocabulary! {
    /// How the Prometheus operator finds the nodes: through their Service or their Pods.
    pub enum Monitor {
        Service => "service",
        Pod => "pod",
    }
}

vocabulary! {
    /// Which dashboards show a metric's panels (`panel = { place = "..." }`).
    pub enum Place {
        /// The overview (when the metric is at the summary level) and the drill-down.
        Overview => "overview",
        /// The drill-down only: e.g. values constant on a healthy cluster.
        Drilldown => "drilldown",
        /// Neither.
        Hidden => "hidden",
    }
}

vocabulary! {
    /// An alert's severity, as routed by Alertmanager.
    pub enum AlertSeverity {
        Critical => "critical",
        Warning => "warning",
        Info => "info",
    }
}

vocabulary! {
    pub enum CompareOp {
        Gt => ">",
        Ge => ">=",
        Lt => "<",
        Le => "<=",
        Eq => "==",
        Ne => "!=",
    }
}

vocabulary! {
    /// How series folded at the summary level combine (`summary = "max"`), and how a derived
    /// count's per-node values combine across nodes (`across_nodes`).
    pub enum FoldOp {
        Sum => "sum",
        Max => "max",
        Min => "min",
        Avg => "avg",
    }
}

vocabulary! {
    /// The two expositions a node serves.
    pub enum Level {
        /// Every series (`/metrics`): what the partition drill-down reads.
        Detailed => "detailed",
        /// Each metric folded as its `summary` says, plus the derived counts
        /// (`/metrics/summary`): what the overview and the alert rules read.
        Summary => "summary",
    }
}

vocabulary! {
    /// The structured alert shapes (`condition = "..."`).
    pub enum ConditionKind {
        Gauge => "gauge",
        Rate => "rate",
        Increase => "increase",
        Quantile => "quantile",
        Ratio => "ratio",
        Absent => "absent",
    }
}

impl MetricType {
    /// The types each condition applies to.
    pub fn fits(self, condition: ConditionKind) -> bool {
        match condition {
            ConditionKind::Gauge => self == MetricType::Gauge,
            ConditionKind::Rate | ConditionKind::Increase | ConditionKind::Ratio => {
                self == MetricType::Counter
            }
            ConditionKind::Quantile => self == MetricType::Histogram,
            ConditionKind::Absent => true,
        }
    }
}

impl PanelForm {
    /// Quantiles and heatmaps draw histograms; the other forms draw anything.
    pub fn applies_to(self, kind: Option<MetricType>) -> bool {
        match self {
            PanelForm::Quantiles | PanelForm::Heatmap => kind == Some(MetricType::Histogram),
            _ => true,
        }
    }
}

impl ConditionKind {
    /// Conditions over a rate or a histogram need `over = "5m"`.
    pub fn needs_range(self) -> bool {
        matches!(
            self,
            ConditionKind::Rate
                | ConditionKind::Increase
                | ConditionKind::Quantile
                | ConditionKind::Ratio
        )
    }
}

impl Unit {
    /// Plain counts (no unit, or entries): values keep their scale between the two.
    pub fn is_count(self) -> bool {
        matches!(self, Unit::None | Unit::Entries)
    }

    /// The name suffix Prometheus conventions ask for (before `_total`).
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            Unit::None => None,
            u => Some(u.as_str()),
        }
    }

    /// The value a threshold probably meant when it is in the wrong scale: milliseconds
    /// compared with seconds, a percentage with a ratio.
    pub fn rescaled_threshold(self, t: f64) -> Option<f64> {
        match self {
            Unit::Seconds if t > 100.0 => Some(t / 1000.0),
            Unit::Ratio if t > 1.0 => Some(t / 100.0),
            _ => None,
        }
    }

    /// Grafana's unit id.
    pub fn grafana(self) -> &'static str {
        match self {
            Unit::Seconds => "s",
            Unit::Bytes => "bytes",
            Unit::Entries => "short",
            Unit::Ratio => "percentunit",
            Unit::None => "short",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back_to_its_variant() {
        for t in MetricType::ALL {
            assert_eq!(t.as_str().parse::<MetricType>(), Ok(*t));
        }
        for c in ConditionKind::ALL {
            assert_eq!(c.as_str().parse::<ConditionKind>(), Ok(*c));
        }
        let e = "summary".parse::<MetricType>().unwrap_err();
        assert_eq!(e.expected, ["counter", "gauge", "histogram"]);
    }
}
