//! Plausible values for one simulated node's partitions, through the typed API. Every series a
//! partition can have is created (the schema's worst case per partition); a few partitions are
//! leaderless, under-replicated or lagging, so the alerts and the overview have something to
//! show. No Raft runs underneath.

use raft_metrics::{
    ConfigChange, Direction, Outcome, PartitionMetrics, RaftMetrics, RaftState, RejectReason, Rpc,
    RpcError, SnapshotTrigger,
};

/// The cluster's shape: which node leads which partition, and which partitions are unhealthy.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub nodes: u64,
    pub partitions: u32,
    /// One partition in this many has a follower far behind (at least 4: the pattern starts
    /// at partition 3).
    pub lagging_every: u32,
}

/// Partitions per topic (the schema's `partition` budget).
pub const PER_TOPIC: u32 = 64;

impl Shape {
    /// Topic and partition number of the k-th partition.
    pub fn key(k: u32) -> (String, u32) {
        (format!("topic-{}", k / PER_TOPIC), k % PER_TOPIC)
    }

    /// The node (1-based) that leads partition k, or none (one partition in 200).
    pub fn leader(&self, k: u32) -> Option<u64> {
        (k % 200 != 7).then(|| u64::from(k) % self.nodes + 1)
    }

    /// One partition in 97 runs with a replica out of sync.
    pub fn under_replicated(k: u32) -> bool {
        k % 97 == 5
    }

    /// One partition in `lagging_every` has a follower far behind.
    pub fn lagging(&self, k: u32) -> bool {
        k % self.lagging_every == 3
    }
}

/// One node: its handles and the values that move.
pub struct Node {
    pub id: u64,
    shape: Shape,
    metrics: RaftMetrics,
    handles: Vec<PartitionMetrics>,
    tick: u64,
}

impl Node {
    pub fn new(id: u64, shape: Shape, metrics: RaftMetrics) -> Self {
        let handles = (0..shape.partitions)
            .map(|k| {
                let (t, p) = Shape::key(k);
                metrics.partition(&t, p)
            })
            .collect();
        let mut node = Node {
            id,
            shape,
            metrics,
            handles,
            tick: 0,
        };
        node.create_everything();
        node
    }

    fn peers(&self) -> impl Iterator<Item = u64> + '_ {
        (1..=self.shape.nodes).filter(move |p| *p != self.id)
    }

    /// Every series of every partition once, as a busy node eventually has them.
    fn create_everything(&mut self) {
        let m = &self.metrics;
        for peer in self.peers() {
            for rpc in [
                Rpc::AppendEntries,
                Rpc::RequestVote,
                Rpc::InstallSnapshot,
                Rpc::Other,
            ] {
                m.rpc_duration_seconds(rpc, peer).observe(0.002);
                for r in [Outcome::Success, Outcome::Failure] {
                    m.rpc_calls_total(rpc, peer, r).inc_by(0);
                }
                for e in [
                    RpcError::Timeout,
                    RpcError::ConnectionRefused,
                    RpcError::NetworkError,
                    RpcError::Unreachable,
                    RpcError::Unknown,
                ] {
                    m.rpc_errors_total(rpc, peer, e).inc_by(0);
                }
            }
        }
        for rpc in [
            Rpc::AppendEntries,
            Rpc::RequestVote,
            Rpc::InstallSnapshot,
            Rpc::Other,
        ] {
            for r in [Outcome::Success, Outcome::Failure] {
                m.rpc_received_total(rpc, r).inc_by(0);
            }
        }
        let peers: Vec<u64> = self.peers().collect();
        for (k, h) in self.handles.iter().enumerate() {
            let k = k as u32;
            h.election_duration_seconds().observe(0.3);
            h.elections_total(Outcome::Success).inc();
            h.elections_total(Outcome::Failure).inc_by(0);
            h.snapshot_build_duration_seconds().observe(0.5);
            h.snapshot_install_duration_seconds().observe(0.5);
            h.snapshot_size_bytes().set(1 << 20);
            h.snapshot_last_index().set(1000);
            for t in [
                SnapshotTrigger::LogSize,
                SnapshotTrigger::Manual,
                SnapshotTrigger::Install,
            ] {
                h.snapshots_total(t).inc_by(0);
            }
            for d in [Direction::Send, Direction::Receive] {
                for r in [Outcome::Success, Outcome::Failure] {
                    h.snapshot_transfers_total(d, r).inc_by(0);
                }
            }
            for r in [
                RejectReason::LogConflict,
                RejectReason::HigherVote,
                RejectReason::Other,
            ] {
                h.append_entries_rejected_total(r).inc_by(0);
            }
            for c in [
                ConfigChange::AddVoter,
                ConfigChange::RemoveVoter,
                ConfigChange::AddLearner,
                ConfigChange::RemoveLearner,
                ConfigChange::Other,
            ] {
                h.config_changes_total(c).inc_by(0);
            }
            h.cluster_voters().set(self.shape.nodes as i64);
            h.cluster_learners().set(0);
            h.quorum_size().set((self.shape.nodes / 2 + 1) as i64);
            h.votes_received().set(0);
            for &peer in &peers {
                h.follower_lag_entries(peer).set(0);
                h.follower_lag_seconds(peer).set(0.0);
                h.last_heartbeat_timestamp_seconds(peer).set(0.0);
                h.replication_sent_entries_total(peer).inc_by(0);
                h.replication_received_entries_total(peer).inc_by(0);
            }
            let _ = k;
        }
    }

    /// Advance one second: entries committed and applied, latencies observed, lag where lagging.
    pub fn step(&mut self, now_seconds: f64) {
        self.tick += 1;
        let mut leads = 0;
        let peers: Vec<u64> = self.peers().collect();
        for (k, h) in self.handles.iter().enumerate() {
            let k = k as u32;
            let leader = self.shape.leader(k);
            let is_leader = leader == Some(self.id);
            leads += u64::from(is_leader);
            let state = match leader {
                None => RaftState::Candidate,
                Some(l) if l == self.id => RaftState::Leader,
                Some(_) => RaftState::Follower,
            };
            for s in [
                RaftState::Leader,
                RaftState::Candidate,
                RaftState::Follower,
                RaftState::Learner,
                RaftState::Shutdown,
            ] {
                h.node_state(s).set(i64::from(s == state));
            }
            h.has_leader().set(i64::from(leader.is_some()));
            h.current_term().set(3 + i64::from(k % 5));
            let index = (self.tick * 10 + u64::from(k)) as i64;
            h.commit_index().set(index);
            h.last_applied_index().set(index);
            h.log_last_index().set(index);
            h.log_size_entries().set(index % 5000);
            h.log_size_bytes().set(index % 5000 * 200);
            let in_sync = if Shape::under_replicated(k) {
                self.shape.nodes - 1
            } else {
                self.shape.nodes
            };
            h.in_sync_replicas().set(in_sync as i64);
            h.proposals_pending().set(0);
            h.quorum_ack_age_seconds().set(0.01);
            if is_leader {
                h.committed_entries_total().inc_by(10);
                h.commit_batches_total().inc();
                h.proposals_total().inc_by(10);
                h.commit_latency_seconds()
                    .observe(0.002 + f64::from(k % 20) * 0.001);
                h.commit_batch_size_entries().observe(10.0);
                h.append_entries_size_bytes().observe(2048.0);
                let lag = if self.shape.lagging(k) { 5000 } else { 0 };
                for &peer in &peers {
                    h.follower_lag_entries(peer).set(lag);
                    h.follower_lag_seconds(peer)
                        .set(if lag > 0 { 2.0 } else { 0.0 });
                    h.last_heartbeat_timestamp_seconds(peer).set(now_seconds);
                    h.replication_sent_entries_total(peer).inc_by(10);
                }
                h.max_follower_lag_entries().set(lag);
            } else if let Some(l) = leader {
                h.replication_received_entries_total(l).inc_by(10);
            }
        }
        self.metrics.leader_partitions().set(leads as i64);
        self.metrics
            .follower_partitions()
            .set((self.handles.len() as u64 - leads) as i64);
        for peer in self.peers() {
            self.metrics
                .rpc_calls_total(Rpc::AppendEntries, peer, Outcome::Success)
                .inc_by(leads);
        }
    }
}
