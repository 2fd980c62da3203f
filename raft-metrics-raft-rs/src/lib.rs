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
mod node;
mod observer;
mod partition;
mod peers;
mod proposals;
mod storage;
mod transport;

pub use node::MeteredNode;
pub use observer::{Observer, IN_SYNC_ENTRIES, OBSERVATIONS_PER_CLOCK, SAMPLE_EVERY};
pub use partition::{InvalidPartition, PartitionId};
pub use storage::MeteredStorage;
pub use transport::Transport;

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
    /// One partition's metrics; `partition` may be any integer type, and one the `partition`
    /// label cannot hold (negative, past `u32::MAX`) is an error.
    pub fn new<M: RaftMetricsApi + Clone>(
        node: &M,
        topic: &str,
        partition: impl PartitionId,
    ) -> Result<Self, InvalidPartition> {
        Ok(GroupMetrics {
            group: node.partition(topic, partition.to_label()?),
            node: Arc::new(node.clone()),
        })
    }

    /// The recorder a transport's send tasks clone.
    pub fn transport(&self) -> Transport {
        Transport::from_arc(self.node.clone())
    }
}

/// The bytes an entry carries: its data and context. The same under either codec
/// (`protobuf-codec` or `prost-codec`); the few bytes of framing each codec adds are left out.
pub fn entry_bytes(e: &raft::eraftpb::Entry) -> u64 {
    (e.data.len() + e.context.len()) as u64
}
