//! A `RawNode` and its [`Observer`] in one value: keep it where the `RawNode` was (inside the
//! replica's `RwLock` or `Mutex`, reached from `&self` methods), so one guard covers both and
//! there is no second lock to order. Every call that changes the node is recorded here.

use std::ops::{Deref, DerefMut};

use raft::eraftpb::{ConfChange, ConfChangeV2, Message};
use raft::{LightReady, RawNode, Ready, SnapshotStatus, Storage};

use raft_metrics::ProposalFailure;

use crate::{GroupMetrics, Observer, Transport};

/// A `RawNode` fed into raft-metrics. It derefs to the `RawNode` for everything else
/// (`has_ready`, `campaign`, `apply_conf_change`, `store`, ...).
pub struct MeteredNode<S: Storage> {
    raw: RawNode<S>,
    observer: Observer,
}

impl<S: Storage> MeteredNode<S> {
    pub fn new(raw: RawNode<S>, metrics: GroupMetrics) -> Self {
        let mut observer = Observer::new(metrics);
        observer.observe(&raw);
        MeteredNode { raw, observer }
    }

    /// Sample the peers' progress and the membership at most every `every` (default
    /// [`crate::SAMPLE_EVERY`]; zero: at every observation).
    pub fn sample_every(mut self, every: std::time::Duration) -> Self {
        self.observer.set_sample_every(every);
        self
    }

    pub fn observer(&self) -> &Observer {
        &self.observer
    }

    /// The recorder the transport's send tasks clone.
    pub fn transport(&self) -> Transport {
        self.observer.metrics().transport()
    }

    /// `RawNode::tick`, then the node's state is observed.
    pub fn tick(&mut self) -> bool {
        let ticked = self.raw.tick();
        self.observer.observe(&self.raw);
        ticked
    }

    /// `RawNode::step` for a message from a peer.
    pub fn step(&mut self, msg: Message) -> raft::Result<()> {
        self.observer.step(&mut self.raw, msg)
    }

    /// `RawNode::propose`: a leader's proposal is followed to its commit.
    pub fn propose(&mut self, context: Vec<u8>, data: Vec<u8>) -> raft::Result<()> {
        self.observer.propose(&mut self.raw, context, data)
    }

    /// `RawNode::propose_conf_change` with a `ConfChange` (v1).
    pub fn propose_conf_change(&mut self, context: Vec<u8>, cc: ConfChange) -> raft::Result<()> {
        self.observer
            .propose_conf_change(&mut self.raw, context, cc)
    }

    /// `RawNode::propose_conf_change` with a `ConfChangeV2`.
    pub fn propose_conf_change_v2(
        &mut self,
        context: Vec<u8>,
        cc: ConfChangeV2,
    ) -> raft::Result<()> {
        self.observer
            .propose_conf_change_v2(&mut self.raw, context, cc)
    }

    /// A proposal the replica refused before it reached raft (not the leader, shutting down,
    /// a full queue): counted as proposed and failed.
    pub fn refused(&mut self, cause: ProposalFailure) {
        self.observer.refused(cause);
    }

    /// `RawNode::ready`: its messages are recorded as sent (hand them to the transport;
    /// failures are the [`Transport`]'s to record) and its committed entries as committed.
    pub fn ready(&mut self) -> Ready {
        let rd = self.raw.ready();
        for m in rd.messages().iter().chain(rd.persisted_messages()) {
            self.observer.sent(m);
        }
        self.observer.committed(rd.committed_entries());
        rd
    }

    /// `RawNode::advance`: the light ready's messages and committed entries are recorded, and
    /// the node's state observed.
    pub fn advance(&mut self, rd: Ready) -> LightReady {
        let light = self.raw.advance(rd);
        self.light(light)
    }

    /// `RawNode::advance_append`, recorded as [`MeteredNode::advance`].
    pub fn advance_append(&mut self, rd: Ready) -> LightReady {
        let light = self.raw.advance_append(rd);
        self.light(light)
    }

    /// `RawNode::advance_apply`, then the node's state is observed.
    pub fn advance_apply(&mut self) {
        self.raw.advance_apply();
        self.observer.observe(&self.raw);
    }

    /// `RawNode::advance_apply_to`, then the node's state is observed.
    pub fn advance_apply_to(&mut self, applied: u64) {
        self.raw.advance_apply_to(applied);
        self.observer.observe(&self.raw);
    }

    /// `RawNode::report_unreachable`. A send task that failed after the message moved records
    /// it with [`Transport::unreachable`] instead and may still call this to tell raft.
    pub fn report_unreachable(&mut self, peer: u64) {
        self.raw.report_unreachable(peer);
    }

    /// `RawNode::report_snapshot`, recorded: on the leader, the outcome of a snapshot sent to
    /// `peer`; called with this node's own id (after installing a received snapshot), it counts
    /// no transfer: the receipt was counted when the `MsgSnapshot` was stepped.
    pub fn report_snapshot(&mut self, peer: u64, status: SnapshotStatus) {
        if peer != self.raw.raft.id {
            self.observer.snapshot_reported(peer, status);
        }
        self.raw.report_snapshot(peer, status);
    }

    fn light(&mut self, light: LightReady) -> LightReady {
        for m in light.messages() {
            self.observer.sent(m);
        }
        self.observer.committed(light.committed_entries());
        self.observer.observe(&self.raw);
        light
    }
}

impl<S: Storage> Deref for MeteredNode<S> {
    type Target = RawNode<S>;

    fn deref(&self) -> &RawNode<S> {
        &self.raw
    }
}

impl<S: Storage> DerefMut for MeteredNode<S> {
    fn deref_mut(&mut self) -> &mut RawNode<S> {
        &mut self.raw
    }
}
