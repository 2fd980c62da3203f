//! What a transport's send tasks record: a cheap clone of the node's metrics, so a send that
//! fails after the `Message` moved into a task is counted by peer and message type alone.

use std::sync::Arc;

use raft::eraftpb::MessageType;
use raft_metrics::{Outcome, RaftMetricsApi, RpcError};

use crate::messages::{kind, Kind};

/// Records failed sends; clone it into each send task (one `Arc`).
#[derive(Clone, Debug)]
pub struct Transport {
    node: Arc<dyn RaftMetricsApi>,
}

impl Transport {
    pub fn new<M: RaftMetricsApi + Clone>(node: &M) -> Self {
        Transport {
            node: Arc::new(node.clone()),
        }
    }

    pub(crate) fn from_arc(node: Arc<dyn RaftMetricsApi>) -> Self {
        Transport { node }
    }

    /// A message of type `t` to `peer` could not be delivered (the peer is down or unknown).
    pub fn unreachable(&self, peer: u64, t: MessageType) {
        self.failed(peer, t, RpcError::Unreachable);
    }

    /// A message of type `t` to `peer` failed with `error`. Responses and local messages are
    /// not RPC calls and count nothing.
    pub fn failed(&self, peer: u64, t: MessageType, error: RpcError) {
        let Kind::Request(rpc) = kind(t) else {
            return;
        };
        self.node.rpc_calls_total(rpc, peer, Outcome::Failure).inc();
        self.node.rpc_errors_total(rpc, peer, error).inc();
    }
}
