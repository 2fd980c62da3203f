//! Typed Prometheus metrics for Raft, generated at compile time from the workspace's
//! `metrics-schema.toml`.
//!
//! ```
//! use raft_metrics::{RaftMetrics, Rpc, Outcome};
//!
//! let registry = prometheus::Registry::new();
//! let m = RaftMetrics::register(&registry, 1).expect("fresh registry");
//! m.commit_latency_seconds("orders", 0).observe(0.008);
//! m.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Failure).inc();
//!
//! let p = m.partition("orders", 0); // bound handle: series resolved once
//! p.commit_latency_seconds().observe(0.008);
//! p.follower_lag_entries(2).set(15);
//! m.remove_partition("orders", 0); // its series leave the exposition
//! ```
//!
//! Every accessor's documentation gives the exposed name, type, unit and labels.

extern crate self as raft_metrics;

#[doc(hidden)]
pub mod __rt;

pub use __rt::{
    Counter, Gauge, Histogram, IntCounter, IntGauge, Level, LocalHistogram, RegisterError, Series,
    UnknownLabelValue,
};
pub use prometheus;

// The default schema; `metrics-schema.toml` here links to the workspace root's copy, and
// `cargo package` ships it inside the crate. `contract` also defines the traits the adapters
// are written against (`RaftMetricsApi`, `PartitionMetricsApi`).
raft_metrics_macros::include_schema!("metrics-schema.toml", contract);
