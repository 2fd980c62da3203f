//! One Raft group's metrics, shared by the watcher, the network and the state machine.

use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use raft_metrics::{PartitionMetricsApi, RaftMetricsApi};

/// One Raft group's metrics: the node-wide families, the group's bound handle, and when the
/// group's current election started on this node (set by the network, read by [`watch`]).
/// The metrics are `raft_metrics::RaftMetrics`, or any schema's type that implements the
/// adapters' contract (`include_schema!("…", implements = raft_metrics)`).
#[derive(Clone, Debug)]
pub struct GroupMetrics {
    pub node: Arc<dyn RaftMetricsApi>,
    pub group: Arc<dyn PartitionMetricsApi>,
    election: Arc<Mutex<Option<(u64, Instant)>>>,
}

impl GroupMetrics {
    pub fn new<M: RaftMetricsApi + Clone>(node: &M, topic: &str, partition: u32) -> Self {
        GroupMetrics {
            group: node.partition(topic, partition),
            node: Arc::new(node.clone()),
            election: Arc::default(),
        }
    }

    /// A vote request for `term` went out: the first one of a term starts an election.
    pub(crate) fn election_started(&self, term: u64) {
        let Ok(mut e) = self.election.lock() else {
            return;
        };
        if e.is_none_or(|(t, _)| t < term) {
            *e = Some((term, Instant::now()));
            // Its own vote; granted votes from peers are counted as they arrive.
            self.group.votes_received().set(1);
            self.group
                .last_election_timestamp_seconds()
                .set(now_seconds());
        }
    }

    /// The election running on this node, taken when its outcome is known.
    pub(crate) fn take_election(&self) -> Option<(u64, Instant)> {
        self.election.lock().ok().and_then(|mut e| e.take())
    }

    pub(crate) fn election_term(&self) -> Option<u64> {
        self.election.lock().ok().and_then(|e| e.map(|(t, _)| t))
    }
}

pub(crate) fn now_seconds() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
