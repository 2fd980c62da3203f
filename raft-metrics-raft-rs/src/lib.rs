//! Feed raft-metrics from tikv raft-rs (the `raft` crate, 0.7): a [`RawNode`](raft::RawNode)
//! loop calls a few helpers of its group's [`Observer`]:
//!
//! - [`Observer::observe`] after each `ready()`/`advance()` round and tick: state, term,
//!   commit, applied, log indexes, per-peer progress (lag in entries and in time, in-sync
//!   replicas), voters and learners, membership changes, elections won and lost;
//! - [`Observer::sent`] and [`Observer::received`] for each outgoing and incoming `Message`,
//!   and [`Observer::unreachable`] / [`Observer::snapshot_reported`] beside
//!   `report_unreachable` / `report_snapshot`: RPC counts, round trips, sizes, rejections,
//!   votes, heartbeats, snapshot transfers;
//! - [`Observer::propose`] instead of `RawNode::propose` and [`Observer::committed`] for each
//!   batch of committed entries: proposals, failures, pending, commit latency from proposal to
//!   commit, commit batches;
//! - [`MeteredStorage`] wraps any `Storage` (snapshot builds, sizes) and, around a
//!   `MemStorage`, records log size in bytes, compactions and snapshot installs.
//!
//! Nothing here takes a lock a caller could be left holding, and nothing blocks: every helper
//! is a few atomic updates on series resolved when the group was created.

mod messages;
mod observer;
mod proposals;
mod storage;

pub use observer::{Observer, IN_SYNC_ENTRIES};
pub use storage::MeteredStorage;

use std::sync::Arc;

use raft_metrics::{PartitionMetricsApi, RaftMetricsApi};

/// One Raft group's metrics: the node-wide families and the group's bound handle, of
/// `raft_metrics::RaftMetrics` or of any schema's type that implements the adapters' contract
/// (`include_schema!("…", implements = raft_metrics)`).
#[derive(Clone, Debug)]
pub struct GroupMetrics {
    pub node: Arc<dyn RaftMetricsApi>,
    pub group: Arc<dyn PartitionMetricsApi>,
}

impl GroupMetrics {
    pub fn new<M: RaftMetricsApi + Clone>(node: &M, topic: &str, partition: u32) -> Self {
        GroupMetrics {
            group: node.partition(topic, partition),
            node: Arc::new(node.clone()),
        }
    }
}

/// The bytes an entry takes on the wire: its protobuf encoding.
pub fn entry_bytes(e: &raft::eraftpb::Entry) -> u64 {
    u64::from(protobuf::Message::compute_size(e))
}
