//! Service level objectives (`[[slo]]`): an objective over a period for one SLI, grouped by
//! labels the summary level keeps, alerted by multiwindow, multi-burn-rate rules.

use std::ops::Range;

use super::AlertSeverity;

/// Events an SLO's page needs in its long window unless it says otherwise (`min_events`).
pub const DEFAULT_MIN_EVENTS: u64 = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct Slo {
    /// snake_case; sloth's `sloth_slo` label.
    pub name: String,
    pub description: String,
    /// The fraction of good events (or time) aimed at, in (0, 1).
    pub objective: f64,
    /// As written (`28d`), and in days.
    pub period: String,
    pub period_days: u64,
    /// Grouping labels besides the cluster label, which every series keeps.
    pub by: Vec<String>,
    pub sli: Sli,
    pub page: AlertSeverity,
    pub ticket: AlertSeverity,
    /// Extra labels on both alerts (team, service, ...).
    pub labels: Vec<(String, String)>,
    /// No page unless the long window saw at least this many events (events and latency SLIs).
    pub min_events: u64,
    /// Why this objective (the docs).
    pub note: Option<String>,
    pub span: Range<usize>,
}

/// What counts as bad, and out of what.
#[derive(Clone, Debug, PartialEq)]
pub enum Sli {
    /// Two counters: bad events out of all events.
    Events { bad: String, total: String },
    /// A histogram's events above `threshold` (a bucket boundary) out of all of them.
    Latency { metric: String, threshold: f64 },
    /// Two gauges counting units (partitions) in a good and a bad state: the bad share of
    /// unit-time.
    Availability { good: String, bad: String },
}

impl Sli {
    pub fn kind(&self) -> &'static str {
        match self {
            Sli::Events { .. } => "events",
            Sli::Latency { .. } => "latency",
            Sli::Availability { .. } => "availability",
        }
    }
}

impl Slo {
    /// The share of events (or time) allowed to be bad: `1 - objective`, rounded to the
    /// objective's precision so `1 - 0.999` reads 0.001.
    pub fn error_budget(&self) -> f64 {
        ((1.0 - self.objective) * 1e12).round() / 1e12
    }

    /// Both of its alerts' name (page and ticket differ by severity): `SloWriteSuccessBudgetBurn`.
    pub fn alert_name(&self) -> String {
        let camel: String = self
            .name
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect();
        format!("Slo{camel}BudgetBurn")
    }

    /// The name in words, for titles: `write_success` → "Write success".
    pub fn title(&self) -> String {
        let words = self.name.replace('_', " ");
        let mut c = words.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// sloth's `sloth_id`: the service and the SLO.
    pub fn id(&self, service: &str) -> String {
        format!("{service}-{}", self.name)
    }

    /// The period in seconds.
    pub fn period_seconds(&self) -> u64 {
        self.period_days * 86_400
    }
}
