//! One partition's replica, shaped as a streaming system's Raft crate has it: the `RawNode`
//! behind `Arc<RwLock<..>>`, reached from `&self` methods; messages handed to tokio tasks.
//! The lines marked `// metrics` are all that raft-metrics asks of it.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use raft::prelude::{Entry, Message};
use raft::storage::MemStorage;
use raft::{Config, StateRole};
use raft_metrics::ProposalFailure;
use raft_metrics_raft_rs::{GroupMetrics, MeteredNode, MeteredStorage, PartitionId, Transport};
use tokio::sync::oneshot;

use crate::net::Network;
use crate::{PartitionMetrics, StreamMetrics};

type Node = MeteredNode<MeteredStorage<MemStorage>>; // metrics

/// Why a write did not go through.
#[derive(Debug)]
pub enum WriteError {
    NotLeader,
    Raft(raft::Error),
    Dropped,
}

pub struct Replica {
    pub topic: String,
    pub partition: i32,
    node: Arc<RwLock<Node>>,
    net: Network,
    transport: Transport,  // metrics
    own: PartitionMetrics, // metrics: the team's own two
    waiting: RwLock<HashMap<u64, oneshot::Sender<()>>>,
}

impl Replica {
    pub fn new(
        id: u64,
        voters: Vec<u64>,
        topic: &str,
        partition: i32,
        metrics: &StreamMetrics,
        net: Network,
    ) -> Result<Replica, Box<dyn std::error::Error + Send + Sync>> {
        let group = GroupMetrics::new(metrics, topic, partition)?; // metrics
        let own = metrics.partition(topic, partition.to_label()?); // metrics
        let store = MemStorage::new_with_conf_state((voters, vec![]));
        let store = MeteredStorage::new(store, group.clone()); // metrics
        let config = Config {
            id,
            election_tick: 10,
            heartbeat_tick: 3,
            pre_vote: true,
            check_quorum: true,
            ..Default::default()
        };
        let logger = slog::Logger::root(slog::Discard, slog::o!());
        let raw = raft::RawNode::new(&config, store, &logger)?;
        let node = MeteredNode::new(raw, group); // metrics
        Ok(Replica {
            topic: topic.to_string(),
            partition,
            transport: node.transport(), // metrics
            node: Arc::new(RwLock::new(node)),
            net,
            own,
            waiting: RwLock::new(HashMap::new()),
        })
    }

    fn node(&self) -> std::sync::RwLockWriteGuard<'_, Node> {
        self.node.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_leader(&self) -> bool {
        let node = self.node.read().unwrap_or_else(|e| e.into_inner());
        node.raft.state == StateRole::Leader
    }

    pub fn campaign(&self) -> raft::Result<()> {
        self.node().campaign()
    }

    pub fn tick(&self) {
        self.node().tick();
    }

    pub fn step(&self, msg: Message) -> raft::Result<()> {
        self.node().step(msg)
    }

    /// A produce request: refused here unless this replica leads.
    pub fn propose(&self, data: Vec<u8>) -> Result<u64, WriteError> {
        let mut node = self.node();
        if node.raft.state != StateRole::Leader {
            node.refused(ProposalFailure::NotLeader); // metrics
            return Err(WriteError::NotLeader);
        }
        node.propose(vec![], data).map_err(WriteError::Raft)?;
        self.own.produce_requests_total().inc(); // metrics
        Ok(node.raft.raft_log.last_index())
    }

    /// A produce request, answered once its entry is applied here.
    pub async fn propose_and_wait(&self, data: Vec<u8>) -> Result<(), WriteError> {
        let (tx, rx) = oneshot::channel();
        let index = self.propose(data)?;
        self.waiting
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(index, tx);
        rx.await.map_err(|_| WriteError::Dropped)
    }

    /// One ready round, blocking on the replica's lock.
    pub fn ready(&self) {
        let mut node = self.node();
        self.ready_locked(&mut node);
    }

    /// One ready round if no other task holds the replica; whether it ran.
    pub fn ready_non_blocking(&self) -> bool {
        match self.node.try_write() {
            Ok(mut node) => {
                self.ready_locked(&mut node);
                true
            }
            Err(_) => false,
        }
    }

    fn ready_locked(&self, node: &mut Node) {
        if !node.has_ready() {
            return;
        }
        let mut rd = node.ready();
        self.send(rd.take_messages());
        if !rd.snapshot().is_empty() {
            let _ = node.store().apply_snapshot(rd.snapshot().clone());
        }
        self.apply(rd.take_committed_entries());
        let _ = node.store().append(rd.entries());
        if let Some(hs) = rd.hs() {
            node.store().inner().wl().set_hardstate(hs.clone());
        }
        self.send(rd.take_persisted_messages());
        let mut light = node.advance(rd);
        if let Some(commit) = light.commit_index() {
            node.store().inner().wl().mut_hard_state().commit = commit;
        }
        self.send(light.take_messages());
        self.apply(light.take_committed_entries());
        node.advance_apply();
        let bytes = node.store().inner().rl().hard_state().commit * 64;
        self.own.segment_bytes().set(bytes as i64); // metrics
    }

    fn apply(&self, entries: Vec<Entry>) {
        let mut waiting = self.waiting.write().unwrap_or_else(|e| e.into_inner());
        for e in entries {
            if let Some(tx) = waiting.remove(&e.index) {
                let _ = tx.send(());
            }
        }
    }

    /// Each message goes out from a task of its own; a failed send is known only there.
    fn send(&self, msgs: Vec<Message>) {
        for msg in msgs {
            let (net, transport) = (self.net.clone(), self.transport.clone());
            let key = (self.topic.clone(), self.partition);
            tokio::spawn(async move {
                let (to, t) = (msg.to, msg.get_msg_type());
                if net.deliver(key, msg).await.is_err() {
                    transport.unreachable(to, t); // metrics
                }
            });
        }
    }
}
