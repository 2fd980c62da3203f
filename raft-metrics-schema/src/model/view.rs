//! How a metric's panels read: their title (given in the schema or derived from the name),
//! description and place, and the overview's first rows.

use std::ops::Range;

use super::{MetricType, Place, Unit, COUNTER_SUFFIX, TIMESTAMP_SUFFIX};

/// A metric's panels as the schema describes them (`panel = { title, description, place }`).
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The title every panel of the metric starts with.
    pub title: String,
    /// The title was written in the schema, not derived from the name.
    pub given: bool,
    /// Said before the metric's help in each panel's description.
    pub description: Option<String>,
    pub place: Place,
}

/// `[[overview_row]]`: a row of the overview's first screen.
#[derive(Clone, Debug)]
pub struct OverviewRow {
    pub title: String,
    /// What the row answers, for the on-call (the docs' layout table).
    pub question: String,
    /// One headline panel each, in order.
    pub metrics: Vec<String>,
    pub span: Range<usize>,
}

/// Words written in capitals in titles.
const ACRONYMS: &[&str] = &[
    "rpc", "rpcs", "id", "ids", "io", "cpu", "ttl", "tls", "grpc",
];

/// Units a panel's axis shows, so a title need not repeat them.
pub fn axis_shows(unit: Unit) -> bool {
    matches!(unit, Unit::Seconds | Unit::Bytes | Unit::Ratio)
}

/// A readable title from a metric's name: `rpc_duration_seconds` → "RPC duration",
/// `last_heartbeat_timestamp_seconds` → "Time since last heartbeat" (its panels show an age),
/// `follower_lag_entries` → "Follower lag (entries)".
pub fn derived_title(name: &str, kind: MetricType, unit: Unit) -> String {
    let stem = name.strip_suffix(COUNTER_SUFFIX).unwrap_or(name);
    if let Some(event) = stem.strip_suffix(TIMESTAMP_SUFFIX) {
        return format!("Time since {}", words(event));
    }
    let suffix = unit.suffix().map(|u| format!("_{u}"));
    let bare = suffix.as_deref().and_then(|s| stem.strip_suffix(s));
    let title = match bare {
        Some(b) if axis_shows(unit) => words(b),
        // A count unit the axis does not show: a counter's is its noun ("Committed entries"),
        // a gauge's or histogram's the scale it is read in.
        Some(b) if kind != MetricType::Counter => format!("{} ({})", words(b), unit.as_str()),
        _ => words(stem),
    };
    capitalized(&title)
}

/// `snake_case` → lowercase words, acronyms in capitals.
fn words(snake: &str) -> String {
    snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if ACRONYMS.contains(&w) {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether `word` appears in `text` as a whole word, ignoring case.
pub fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_as_words_without_the_axis_unit() {
        let t = |n, k, u| derived_title(n, k, u);
        assert_eq!(
            t("rpc_calls_total", MetricType::Counter, Unit::None),
            "RPC calls"
        );
        assert_eq!(
            t("rpc_duration_seconds", MetricType::Histogram, Unit::Seconds),
            "RPC duration"
        );
        assert_eq!(
            t(
                "last_heartbeat_timestamp_seconds",
                MetricType::Gauge,
                Unit::Seconds
            ),
            "Time since last heartbeat"
        );
        assert_eq!(
            t("follower_lag_entries", MetricType::Gauge, Unit::Entries),
            "Follower lag (entries)"
        );
        assert_eq!(
            t(
                "committed_entries_total",
                MetricType::Counter,
                Unit::Entries
            ),
            "Committed entries"
        );
        assert_eq!(
            t("log_size_bytes", MetricType::Gauge, Unit::Bytes),
            "Log size"
        );
    }

    #[test]
    fn words_are_matched_whole() {
        assert!(has_word("Last heartbeat (timestamp)", "timestamp"));
        assert!(!has_word("Timestamps", "timestamp"));
    }
}
