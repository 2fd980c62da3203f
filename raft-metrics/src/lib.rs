//! Typed Prometheus metrics for Raft, generated at compile time from the workspace's
//! `metrics-schema.toml`.
//!
//! ```
//! use raft_metrics::{Level, Outcome, RaftMetrics, Rpc};
//!
//! let m = RaftMetrics::new(1); // node 1
//! m.commit_latency_seconds("orders", 0).observe(0.008);
//! m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Failure).inc();
//!
//! let p = m.partition("orders", 0); // bound handle: series resolved once
//! p.commit_latency_seconds().observe(0.008);
//! p.follower_lag_entries(2).set(15);
//! m.remove_partition("orders", 0); // its series leave the exposition
//!
//! let mut body = Vec::new(); // what `GET /metrics` serves (or use `raft_metrics::http`)
//! m.encode(Level::Detailed, &mut body);
//! ```
//!
//! Features, none on by default: `http` (serve both levels, [`http`]), `prometheus` (register on
//! a prometheus 0.14 `Registry`: `RaftMetrics::register`, `register_level`), `prometheus-0-13`
//! (`register_level_0_13` on a prometheus 0.13 `Registry`).
//!
//! Every accessor's documentation gives the exposed name, type, unit and labels.

extern crate self as raft_metrics;

#[doc(hidden)]
pub mod __rt;
#[cfg(feature = "http")]
pub mod http;
mod ledger;

pub use __rt::{
    Counter, Encode, Gauge, Histogram, IntCounter, IntGauge, Level, LocalHistogram, RegisterError,
    Series, UnknownLabelValue,
};
pub use ledger::LogLedger;
#[cfg(feature = "prometheus")]
pub use prometheus;
#[cfg(feature = "prometheus-0-13")]
pub use prometheus_0_13;

// The default schema's expansion (`include_schema!("metrics-schema.toml", contract)`),
// committed so that a crate using raft-metrics builds neither the proc-macro nor the schema
// library; `tests/schema_code.rs` keeps it fresh. `metrics-schema.toml` here links to the
// workspace root's copy, and `cargo package` ships it. `contract` also defines the traits the
// adapters are written against (`RaftMetricsApi`, `PartitionMetricsApi`).
// Generated code: the lints of code written by hand do not apply.
#[rustfmt::skip]
#[allow(unused_parens, clippy::all)]
mod schema;
pub use schema::*;
