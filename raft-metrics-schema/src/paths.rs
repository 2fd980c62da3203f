//! Where each generated file goes, relative to the output directory: the one list that the
//! build step, `diff`, `lint` and the docs read.

pub const OVERVIEW_DASHBOARD: &str = "dashboards/raft.json";
pub const DRILLDOWN_DASHBOARD: &str = "dashboards/raft-partition.json";
pub const ALERT_RULES: &str = "alerts/raft-alerts.yml";
pub const RECORDING_RULES: &str = "alerts/raft-recording-rules.yml";
pub const SLO_RULES: &str = "alerts/raft-slo-rules.yml";
/// promtool tests of every SLO alert, generated from the SLOs' objectives and windows.
pub const SLO_TESTS: &str = "tests/alerts/raft-slo.test.yml";
pub const REFERENCE: &str = "docs/METRICS.md";
/// A schema that extends the base: the base as this version ships it, to `diff` against after
/// an upgrade (`diff --old-base`).
pub const BASE_SCHEMA: &str = "raft-metrics-base.toml";
/// The default schema's types, in the raft-metrics repository only (where `raft-metrics/` is).
pub const DEFAULT_TYPES: &str = "raft-metrics/src/schema.rs";
