//! The observer on three real raft-rs RawNodes pumped by hand (no threads, no timers): what
//! each node's metrics say after an election, writes, a stopped follower and a shutdown.

use std::collections::HashSet;

use raft::eraftpb::Message;
use raft::storage::MemStorage;
use raft::{Config, RawNode};
use raft_metrics::{Outcome, ProposalFailure, RaftMetrics, RaftState, Rpc, RpcError};
use raft_metrics_raft_rs::{GroupMetrics, MeteredStorage, Observer, OBSERVATIONS_PER_CLOCK};

struct Node {
    raw: RawNode<MeteredStorage<MemStorage>>,
    observer: Observer,
    metrics: RaftMetrics,
}

struct Net {
    nodes: Vec<Node>,
    down: HashSet<u64>,
}

impl Net {
    fn new() -> Net {
        Net::sampled(std::time::Duration::ZERO)
    }

    /// Observers that sample their peers every `every` (zero: at every observation).
    fn sampled(every: std::time::Duration) -> Net {
        let logger = slog::Logger::root(slog::Discard, slog::o!());
        let nodes = (1..=3)
            .map(|id| {
                let metrics = RaftMetrics::new(id);
                let g = GroupMetrics::new(&metrics, "orders", 0).unwrap();
                let store = MemStorage::new_with_conf_state((vec![1, 2, 3], vec![]));
                let config = Config {
                    id,
                    pre_vote: true,
                    ..Default::default()
                };
                let raw =
                    RawNode::new(&config, MeteredStorage::new(store, g.clone()), &logger).unwrap();
                Node {
                    raw,
                    observer: Observer::new(g).sample_every(every),
                    metrics,
                }
            })
            .collect();
        Net {
            nodes,
            down: HashSet::new(),
        }
    }

    fn node(&mut self, id: u64) -> &mut Node {
        &mut self.nodes[id as usize - 1]
    }

    /// Ready rounds and deliveries until nothing is left to do.
    fn pump(&mut self) {
        for _ in 0..100 {
            let mut outbox: Vec<Message> = Vec::new();
            for n in self.nodes.iter_mut() {
                if !n.raw.has_ready() {
                    n.observer.observe(&n.raw);
                    continue;
                }
                let mut rd = n.raw.ready();
                let mut msgs = rd.take_messages();
                n.observer.committed(rd.committed_entries());
                n.raw.store().append(rd.entries()).unwrap();
                if let Some(hs) = rd.hs() {
                    n.raw.store().inner().wl().set_hardstate(hs.clone());
                }
                msgs.extend(rd.take_persisted_messages());
                let mut light = n.raw.advance(rd);
                if let Some(c) = light.commit_index() {
                    n.raw.store().inner().wl().mut_hard_state().commit = c;
                }
                msgs.extend(light.take_messages());
                n.observer.committed(light.committed_entries());
                n.raw.advance_apply();
                for m in msgs {
                    if self.down.contains(&m.to) {
                        n.observer.unreachable(&m);
                        n.raw.report_unreachable(m.to);
                    } else {
                        n.observer.sent(&m);
                        outbox.push(m);
                    }
                }
                n.observer.observe(&n.raw);
            }
            if outbox.is_empty() && self.nodes.iter().all(|n| !n.raw.has_ready()) {
                return;
            }
            for m in outbox {
                let n = &mut self.nodes[m.to as usize - 1];
                let _ = n.observer.step(&mut n.raw, m);
            }
        }
        panic!("the cluster never settled");
    }

    fn propose(&mut self, id: u64, count: usize) {
        for i in 0..count {
            let n = self.node(id);
            n.observer
                .propose(&mut n.raw, vec![], format!("w{i}").into_bytes())
                .unwrap();
        }
        self.pump();
    }
}

#[test]
fn election_writes_lag_and_shutdown_are_what_the_metrics_say() {
    let mut net = Net::new();
    net.node(1).raw.campaign().unwrap();
    net.pump();

    // Node 1 won a (pre-vote, then vote) election; everyone sees it lead.
    let p1 = GroupMetrics::new(&net.node(1).metrics, "orders", 0)
        .unwrap()
        .group;
    assert_eq!(p1.node_state(RaftState::Leader).get(), 1);
    assert_eq!(p1.node_state(RaftState::PreCandidate).get(), 0);
    assert_eq!(p1.elections_total(Outcome::Success).get(), 1);
    assert_eq!(p1.election_duration_seconds().get_sample_count(), 1);
    assert!(p1.votes_received().get() >= 2, "a majority voted");
    assert_eq!(net.node(1).metrics.leader_partitions().get(), 1);
    for id in [2, 3] {
        let p = GroupMetrics::new(&net.node(id).metrics, "orders", 0)
            .unwrap()
            .group;
        assert_eq!(p.node_state(RaftState::Follower).get(), 1, "node {id}");
        assert_eq!(p.has_leader().get(), 1, "node {id}");
        assert_eq!(net.node(id).metrics.follower_partitions().get(), 1);
    }
    assert_eq!(p1.cluster_voters().get(), 3);
    assert_eq!(p1.quorum_size().get(), 2);

    // Ten writes: proposed, committed with a latency each, replicated to both followers.
    net.propose(1, 10);
    assert_eq!(p1.proposals_total().get(), 10);
    assert_eq!(p1.commit_latency_seconds().get_sample_count(), 10);
    assert_eq!(p1.proposals_pending().get(), 0);
    assert_eq!(
        p1.proposals_failed_total(ProposalFailure::Superseded).get(),
        0
    );
    assert!(p1.replication_sent_entries_total(2).get() >= 10);
    assert_eq!(p1.in_sync_replicas().get(), 3);
    assert_eq!(p1.follower_lag_entries(2).get(), 0);
    let m1 = &net.node(1).metrics;
    assert!(
        m1.rpc_calls_total(Rpc::AppendEntries, 2, Outcome::Success)
            .get()
            > 0
    );
    assert!(
        m1.rpc_duration_seconds(Rpc::AppendEntries, 2)
            .get_sample_count()
            > 0
    );
    let p2 = GroupMetrics::new(&net.node(2).metrics, "orders", 0)
        .unwrap()
        .group;
    assert!(p2.replication_received_entries_total(1).get() >= 10);
    assert_eq!(p2.commit_index().get(), p1.commit_index().get());
    assert!(p2.log_size_bytes().get() > 0);

    // Node 3 stops: writes still commit on two nodes, node 3 falls behind and is unreachable.
    net.down.insert(3);
    net.propose(1, 5);
    assert_eq!(p1.commit_latency_seconds().get_sample_count(), 15);
    assert!(p1.follower_lag_entries(3).get() >= 5);
    assert_eq!(
        p1.in_sync_replicas().get(),
        3,
        "5 entries behind is within a batch"
    );
    let m1 = &net.node(1).metrics;
    assert!(
        m1.rpc_errors_total(Rpc::AppendEntries, 3, RpcError::Unreachable)
            .get()
            > 0
    );
    assert!(
        m1.rpc_calls_total(Rpc::AppendEntries, 3, Outcome::Failure)
            .get()
            > 0
    );

    // The leader's group shuts down: its observer goes, and so does its leadership count.
    let gone = net.nodes.remove(0);
    drop(gone.observer);
    assert_eq!(p1.node_state(RaftState::Shutdown).get(), 1);
    assert_eq!(p1.node_state(RaftState::Leader).get(), 0);
    assert_eq!(gone.metrics.leader_partitions().get(), 0);
}

/// With the default sampling, an observation that keeps the role returns without the clock:
/// a new state is exposed at once, and moved indexes at most `OBSERVATIONS_PER_CLOCK`
/// observations later (ticks on an idle group).
#[test]
fn sampled_observations_expose_a_new_role_at_once_and_indexes_within_a_few() {
    let mut net = Net::sampled(raft_metrics_raft_rs::SAMPLE_EVERY);
    net.node(1).raw.campaign().unwrap();
    net.pump();
    let group = |net: &mut Net, id| {
        GroupMetrics::new(&net.node(id).metrics, "orders", 0)
            .unwrap()
            .group
    };
    let p1 = group(&mut net, 1);
    assert_eq!(p1.node_state(RaftState::Leader).get(), 1);
    assert_eq!(p1.has_leader().get(), 1);
    assert_eq!(p1.current_term().get(), net.node(1).raw.raft.term as i64);

    net.propose(1, 10);
    for _ in 0..OBSERVATIONS_PER_CLOCK {
        for n in net.nodes.iter_mut() {
            n.observer.observe(&n.raw);
        }
    }
    for id in 1..=3 {
        let p = group(&mut net, id);
        let log = &net.node(id).raw.raft.raft_log;
        assert_eq!(p.commit_index().get(), log.committed as i64, "node {id}");
        assert_eq!(
            p.last_applied_index().get(),
            log.applied as i64,
            "node {id}"
        );
    }
    assert_eq!(
        p1.log_last_index().get(),
        11,
        "the election's entry and 10 writes"
    );
    assert_eq!(p1.proposals_pending().get(), 0);
    assert_eq!(p1.commit_latency_seconds().get_sample_count(), 10);
    assert_eq!(p1.in_sync_replicas().get(), 3);
}
