//! Feed raft-metrics from openraft 0.9, for any type config whose node id is `u64`:
//!
//! - [`watch`]: follows `Raft::metrics()` and sets the partition's state, term, indexes, lag,
//!   membership and election metrics from each change;
//! - [`InstrumentedNetwork`]: wraps a `RaftNetworkFactory` and records every RPC (count, result,
//!   error kind, latency, entries and bytes sent, rejections);
//! - [`InstrumentedStateMachine`]: wraps a `RaftStateMachine` and records applied batches and
//!   snapshot builds and installs;
//! - [`record_received`]: for the receiving side of your transport.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub mod batch;
pub mod mem;

use openraft::entry::RaftPayload;
use openraft::error::InstallSnapshotError;
use openraft::error::{Fatal, RPCError, RaftError, ReplicationClosed, StreamingError};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    SnapshotResponse, VoteRequest, VoteResponse,
};
use openraft::storage::{RaftSnapshotBuilder, RaftStateMachine, Snapshot, SnapshotMeta};
use openraft::{
    LogId, OptionalSend, RaftTypeConfig, ServerState, StorageError, StoredMembership, Vote,
};
use raft_metrics::{
    ConfigChange, Direction, Outcome, PartitionMetrics, RaftMetrics, RaftState, RejectReason, Rpc,
    RpcError, SnapshotTrigger,
};

/// The bytes an entry takes on the wire, for `append_entries_size_bytes` and log sizes. Your
/// transport knows its encoding; the provided implementation for openraft's `Entry` counts the
/// log id and term (24 bytes) plus the payload's own size.
pub trait WireSize {
    fn wire_size(&self) -> usize;
}

impl WireSize for String {
    fn wire_size(&self) -> usize {
        self.len()
    }
}

impl<C> WireSize for openraft::Entry<C>
where
    C: RaftTypeConfig,
    C::D: WireSize,
{
    fn wire_size(&self) -> usize {
        24 + match &self.payload {
            openraft::EntryPayload::Blank => 0,
            openraft::EntryPayload::Normal(d) => d.wire_size(),
            // Voter and learner ids, 8 bytes each.
            openraft::EntryPayload::Membership(m) => {
                8 * (m.voter_ids().count() + m.learner_ids().count())
            }
        }
    }
}

/// One Raft group's metrics: the node-wide families, the group's bound handle, and when the
/// group's current election started on this node (set by the network, read by [`watch`]).
#[derive(Clone, Debug)]
pub struct GroupMetrics {
    pub node: RaftMetrics,
    pub group: PartitionMetrics,
    election: Arc<Mutex<Option<(u64, Instant)>>>,
}

impl GroupMetrics {
    pub fn new(node: &RaftMetrics, topic: &str, partition: u32) -> Self {
        GroupMetrics {
            group: node.partition(topic, partition),
            node: node.clone(),
            election: Arc::default(),
        }
    }

    /// A vote request for `term` went out: the first one of a term starts an election.
    fn election_started(&self, term: u64) {
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
    fn take_election(&self) -> Option<(u64, Instant)> {
        self.election.lock().ok().and_then(|mut e| e.take())
    }

    fn election_term(&self) -> Option<u64> {
        self.election.lock().ok().and_then(|e| e.map(|(t, _)| t))
    }
}

fn now_seconds() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn raft_state(s: ServerState) -> RaftState {
    match s {
        ServerState::Leader => RaftState::Leader,
        ServerState::Candidate => RaftState::Candidate,
        ServerState::Follower => RaftState::Follower,
        ServerState::Learner => RaftState::Learner,
        ServerState::Shutdown => RaftState::Shutdown,
    }
}

/// What [`watch`] remembers between two metrics updates.
#[derive(Default)]
struct Seen {
    state: Option<ServerState>,
    leader: Option<u64>,
    /// When each new last log index appeared, oldest first: a follower's lag in seconds is the
    /// age of the oldest entry it has not acknowledged.
    appended: std::collections::VecDeque<(u64, Instant)>,
}

/// How many recent log indexes [`watch`] remembers the arrival time of.
const APPENDED_WINDOW: usize = 4096;

/// How often [`watch`] samples openraft's metrics at most.
pub const WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_millis(20);

/// Follow the group's `Raft::metrics()` channel until the Raft shuts down.
pub fn watch<C>(raft: &openraft::Raft<C>, m: GroupMetrics) -> tokio::task::JoinHandle<()>
where
    C: RaftTypeConfig<NodeId = u64>,
{
    let mut rx = raft.metrics();
    tokio::spawn(async move {
        let mut seen = Seen::default();
        loop {
            // Observed in place: no copy of the metrics per change.
            observe(&m, &rx.borrow_and_update(), &mut seen);
            // openraft publishes on every log append; a sample every WATCH_INTERVAL is plenty
            // for a 1 s scrape and spares a task wake-up per commit.
            tokio::time::sleep(WATCH_INTERVAL).await;
            if rx.changed().await.is_err() {
                // The Raft is gone: it leads and follows nothing any more.
                let gone = openraft::RaftMetrics {
                    state: ServerState::Shutdown,
                    current_leader: None,
                    ..rx.borrow().clone()
                };
                observe(&m, &gone, &mut seen);
                return;
            }
        }
    })
}

fn observe<N: openraft::Node>(
    g: &GroupMetrics,
    m: &openraft::RaftMetrics<u64, N>,
    seen: &mut Seen,
) {
    let p = &g.group;
    p.current_term().set(m.current_term as i64);
    for s in RaftState::ALL {
        p.node_state(s).set(i64::from(s == raft_state(m.state)));
    }
    p.has_leader().set(i64::from(m.current_leader.is_some()));
    if m.current_leader.is_some() && m.current_leader != seen.leader {
        p.leader_changes_seen_total().inc();
    }

    // Node-wide leader / follower counts move with this group's state.
    if seen.state != Some(m.state) {
        let counts = |s: Option<ServerState>, d: i64| match s {
            Some(ServerState::Leader) => g.node.leader_partitions().add(d),
            Some(ServerState::Follower) => g.node.follower_partitions().add(d),
            _ => {}
        };
        counts(seen.state, -1);
        counts(Some(m.state), 1);
    }
    // Elections: started by the first vote request of a term (see `GroupMetrics`); won when
    // this node leads in that term, lost once a later term or another leader is seen.
    if let Some(term) = g.election_term() {
        let won = m.state == ServerState::Leader && m.current_term == term;
        let lost = !won
            && (m.current_term > term
                || m.current_leader.is_some_and(|l| l != m.id)
                || m.state == ServerState::Shutdown);
        if won || lost {
            if let Some((_, started)) = g.take_election() {
                let result = if won {
                    Outcome::Success
                } else {
                    Outcome::Failure
                };
                p.elections_total(result).inc();
                p.election_duration_seconds()
                    .observe(started.elapsed().as_secs_f64());
            }
        }
    }
    seen.state = Some(m.state);
    seen.leader = m.current_leader;

    let last_log = m.last_log_index.unwrap_or(0);
    let applied = m.last_applied.map_or(0, |l| l.index);
    p.log_last_index().set(last_log as i64);
    p.last_applied_index().set(applied as i64);
    // openraft 0.9 does not publish the commit index: the log store reports it from
    // `save_committed` (see `mem::LogStore`).
    p.snapshot_last_index()
        .set(m.snapshot.map_or(0, |l| l.index) as i64);
    let first_kept = m.purged.map_or(0, |l| l.index + 1);
    p.log_size_entries().set(
        last_log
            .saturating_sub(first_kept)
            .saturating_add(u64::from(m.last_log_index.is_some())) as i64,
    );

    let membership = m.membership_config.membership();
    let voters = membership.voter_ids().count() as i64;
    p.cluster_voters().set(voters);
    p.cluster_learners()
        .set(membership.learner_ids().count() as i64);
    p.quorum_size().set(voters / 2 + 1);
    if let Some(ms) = m.millis_since_quorum_ack {
        p.quorum_ack_age_seconds().set(ms as f64 / 1000.0);
    }

    if seen.appended.back().is_none_or(|(i, _)| *i < last_log) {
        seen.appended.push_back((last_log, Instant::now()));
        if seen.appended.len() > APPENDED_WINDOW {
            seen.appended.pop_front();
        }
    }
    match &m.replication {
        Some(replication) => {
            let mut in_sync = 0;
            let mut max_lag = 0;
            for (peer, matched) in replication {
                let matched = matched.map_or(0, |l| l.index);
                let lag = last_log.saturating_sub(matched);
                if *peer != m.id {
                    p.follower_lag_entries(*peer).set(lag as i64);
                    max_lag = max_lag.max(lag);
                    // Indexes are ascending: the oldest unacknowledged one by binary search.
                    let first = seen.appended.partition_point(|(i, _)| *i <= matched);
                    let waiting = seen
                        .appended
                        .get(first)
                        .map_or(0.0, |(_, t)| t.elapsed().as_secs_f64());
                    p.follower_lag_seconds(*peer).set(waiting);
                }
                // A follower within one batch of the leader counts as in sync.
                if lag <= IN_SYNC_ENTRIES {
                    in_sync += 1;
                }
            }
            p.in_sync_replicas().set(in_sync);
            // Arrival times every follower has acknowledged are no longer needed.
            let slowest = replication
                .iter()
                .filter(|(peer, _)| **peer != m.id)
                .map(|(_, matched)| matched.map_or(0, |l| l.index))
                .min()
                .unwrap_or(last_log);
            let done = seen.appended.partition_point(|(i, _)| *i <= slowest);
            seen.appended.drain(..done);
            p.max_follower_lag_entries().set(max_lag as i64);
        }
        None => {
            p.max_follower_lag_entries().set(0);
        }
    }
}

/// How far behind (in entries) a follower may be and still count as in sync.
pub const IN_SYNC_ENTRIES: u64 = 100;

fn rpc_error_kind<E: std::error::Error>(e: &RPCError<u64, impl openraft::Node, E>) -> RpcError {
    match e {
        RPCError::Timeout(_) => RpcError::Timeout,
        RPCError::Unreachable(_) => RpcError::Unreachable,
        RPCError::Network(_) => RpcError::NetworkError,
        _ => RpcError::Unknown,
    }
}

/// Wraps a `RaftNetworkFactory`: each connection records what it sends.
pub struct InstrumentedNetwork<N> {
    pub inner: N,
    pub metrics: GroupMetrics,
}

pub struct InstrumentedConnection<T> {
    inner: T,
    target: u64,
    metrics: GroupMetrics,
    /// The series every AppendEntries to this follower updates, resolved once per connection
    /// and published in batches (see [`batch`]).
    append: batch::AppendSeries,
}

impl<C, N> RaftNetworkFactory<C> for InstrumentedNetwork<N>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    N: RaftNetworkFactory<C>,
{
    type Network = InstrumentedConnection<N::Network>;

    async fn new_client(&mut self, target: u64, node: &C::Node) -> Self::Network {
        InstrumentedConnection {
            inner: self.inner.new_client(target, node).await,
            target,
            append: batch::AppendSeries::new(&self.metrics, target),
            metrics: self.metrics.clone(),
        }
    }
}

impl<T> InstrumentedConnection<T> {
    fn record<R, E>(
        &self,
        rpc: Rpc,
        started: Instant,
        result: &Result<R, E>,
        kind: impl Fn(&E) -> RpcError,
    ) {
        let m = &self.metrics.node;
        m.rpc_duration_seconds(rpc, self.target)
            .observe(started.elapsed().as_secs_f64());
        match result {
            Ok(_) => m.rpc_calls_total(rpc, self.target, Outcome::Success).inc(),
            Err(e) => {
                m.rpc_calls_total(rpc, self.target, Outcome::Failure).inc();
                m.rpc_errors_total(rpc, self.target, kind(e)).inc();
            }
        }
    }
}

impl<C, T> RaftNetwork<C> for InstrumentedConnection<T>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    T: RaftNetwork<C>,
{
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<C>,
        option: RPCOption,
    ) -> Result<AppendEntriesResponse<u64>, RPCError<u64, C::Node, RaftError<u64>>> {
        let entries = rpc.entries.len() as u64;
        let bytes: usize = rpc.entries.iter().map(WireSize::wire_size).sum();
        let started = Instant::now();
        let result = self.inner.append_entries(rpc, option).await;
        let done = Instant::now();
        self.append.took(started, done);
        let p = &self.metrics.group;
        match &result {
            Ok(AppendEntriesResponse::Conflict) => {
                self.append.answered();
                p.append_entries_rejected_total(RejectReason::LogConflict)
                    .inc();
            }
            Ok(AppendEntriesResponse::HigherVote(_)) => {
                self.append.answered();
                p.append_entries_rejected_total(RejectReason::HigherVote)
                    .inc();
            }
            Ok(_) => self.append.accepted(entries, bytes, done),
            Err(e) => {
                // Failures are rare and published at once.
                let m = &self.metrics.node;
                m.rpc_calls_total(Rpc::AppendEntries, self.target, Outcome::Failure)
                    .inc();
                m.rpc_errors_total(Rpc::AppendEntries, self.target, rpc_error_kind(e))
                    .inc();
            }
        }
        result
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<u64>,
        option: RPCOption,
    ) -> Result<VoteResponse<u64>, RPCError<u64, C::Node, RaftError<u64>>> {
        let started = Instant::now();
        self.metrics.election_started(rpc.vote.leader_id().term);
        let result = self.inner.vote(rpc, option).await;
        self.record(Rpc::RequestVote, started, &result, rpc_error_kind);
        if let Ok(v) = &result {
            if v.vote_granted {
                self.metrics.group.votes_received().inc();
            }
        }
        result
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<C>,
        option: RPCOption,
    ) -> Result<
        InstallSnapshotResponse<u64>,
        RPCError<u64, C::Node, RaftError<u64, InstallSnapshotError>>,
    > {
        let started = Instant::now();
        let result = self.inner.install_snapshot(rpc, option).await;
        self.record(Rpc::InstallSnapshot, started, &result, rpc_error_kind);
        result
    }

    async fn full_snapshot(
        &mut self,
        vote: Vote<u64>,
        snapshot: Snapshot<C>,
        cancel: impl std::future::Future<Output = ReplicationClosed> + OptionalSend + 'static,
        option: RPCOption,
    ) -> Result<SnapshotResponse<u64>, StreamingError<C, Fatal<u64>>> {
        let started = Instant::now();
        let result = self
            .inner
            .full_snapshot(vote, snapshot, cancel, option)
            .await;
        self.record(Rpc::InstallSnapshot, started, &result, |e| match e {
            StreamingError::Timeout(_) => RpcError::Timeout,
            StreamingError::Unreachable(_) => RpcError::Unreachable,
            StreamingError::Network(_) => RpcError::NetworkError,
            _ => RpcError::Unknown,
        });
        let outcome = if result.is_ok() {
            Outcome::Success
        } else {
            Outcome::Failure
        };
        self.metrics
            .group
            .snapshot_transfers_total(Direction::Send, outcome)
            .inc();
        result
    }
}

/// Record an RPC this node received (call from your transport's server side).
pub fn record_received(m: &GroupMetrics, rpc: Rpc, from: u64, entries: u64, ok: bool) {
    let result = if ok {
        Outcome::Success
    } else {
        Outcome::Failure
    };
    m.node.rpc_received_total(rpc, result).inc();
    if rpc == Rpc::AppendEntries {
        m.group
            .replication_received_entries_total(from)
            .inc_by(entries);
    }
    if rpc == Rpc::InstallSnapshot {
        m.group
            .snapshot_transfers_total(Direction::Receive, result)
            .inc();
    }
}

/// The size of a snapshot's data, for `snapshot_size_bytes`.
pub trait SnapshotBytes {
    fn len_bytes(&self) -> usize;
}

impl SnapshotBytes for std::io::Cursor<Vec<u8>> {
    fn len_bytes(&self) -> usize {
        self.get_ref().len()
    }
}

/// Wraps a `RaftStateMachine`: applied batches, snapshot builds and installs.
pub struct InstrumentedStateMachine<S> {
    inner: S,
    metrics: GroupMetrics,
    /// Voters and learners of the last membership applied, to classify the next change.
    membership: (BTreeSet<u64>, BTreeSet<u64>),
    /// Applied entries and batches, published in batches (see [`batch`]).
    applied: batch::Applied,
}

impl<S> InstrumentedStateMachine<S> {
    pub fn new(inner: S, metrics: GroupMetrics) -> Self {
        InstrumentedStateMachine {
            inner,
            applied: batch::Applied::new(&metrics),
            metrics,
            membership: Default::default(),
        }
    }

    /// The wrapped state machine.
    pub fn inner(&self) -> &S {
        &self.inner
    }
}

/// What a membership change did, for `config_changes_total`.
fn classify(
    old: &(BTreeSet<u64>, BTreeSet<u64>),
    new: &(BTreeSet<u64>, BTreeSet<u64>),
) -> Vec<ConfigChange> {
    let mut out = Vec::new();
    if new.0.difference(&old.0).next().is_some() {
        out.push(ConfigChange::AddVoter);
    }
    if old.0.difference(&new.0).next().is_some() {
        out.push(ConfigChange::RemoveVoter);
    }
    if new.1.difference(&old.1).next().is_some() {
        out.push(ConfigChange::AddLearner);
    }
    if old.1.difference(&new.1).next().is_some() {
        out.push(ConfigChange::RemoveLearner);
    }
    if out.is_empty() {
        out.push(ConfigChange::Other);
    }
    out
}

pub struct InstrumentedSnapshotBuilder<B> {
    inner: B,
    metrics: GroupMetrics,
}

impl<C, B> RaftSnapshotBuilder<C> for InstrumentedSnapshotBuilder<B>
where
    C: RaftTypeConfig<NodeId = u64>,
    B: RaftSnapshotBuilder<C>,
    C::SnapshotData: SnapshotBytes,
{
    async fn build_snapshot(&mut self) -> Result<Snapshot<C>, StorageError<u64>> {
        let started = Instant::now();
        let result = self.inner.build_snapshot().await;
        let p = &self.metrics.group;
        p.snapshot_build_duration_seconds()
            .observe(started.elapsed().as_secs_f64());
        if let Ok(s) = &result {
            p.snapshots_total(SnapshotTrigger::LogSize).inc();
            p.snapshot_size_bytes().set(s.snapshot.len_bytes() as i64);
        }
        result
    }
}

impl<C, S> RaftStateMachine<C> for InstrumentedStateMachine<S>
where
    C: RaftTypeConfig<NodeId = u64>,
    S: RaftStateMachine<C>,
    C::SnapshotData: SnapshotBytes,
{
    type SnapshotBuilder = InstrumentedSnapshotBuilder<S::SnapshotBuilder>;

    async fn applied_state(
        &mut self,
    ) -> Result<(Option<LogId<u64>>, StoredMembership<u64, C::Node>), StorageError<u64>> {
        self.inner.applied_state().await
    }

    async fn apply<I>(&mut self, entries: I) -> Result<Vec<C::R>, StorageError<u64>>
    where
        I: IntoIterator<Item = C::Entry> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        // Counted as the inner state machine consumes them: no copy of the batch.
        let mut n = 0u64;
        let mut changes = Vec::new();
        let membership = &mut self.membership;
        let counted = entries.into_iter().inspect(|e| {
            n += 1;
            if let Some(m) = e.get_membership() {
                let new: (BTreeSet<u64>, BTreeSet<u64>) =
                    (m.voter_ids().collect(), m.learner_ids().collect());
                changes.extend(classify(membership, &new));
                *membership = new;
            }
        });
        let result = self.inner.apply(counted).await;
        if result.is_ok() && n > 0 {
            self.applied.batch(n);
            for c in changes {
                self.metrics.group.config_changes_total(c).inc();
            }
        }
        result
    }

    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        InstrumentedSnapshotBuilder {
            inner: self.inner.get_snapshot_builder().await,
            metrics: self.metrics.clone(),
        }
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<C::SnapshotData>, StorageError<u64>> {
        self.inner.begin_receiving_snapshot().await
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<u64, C::Node>,
        snapshot: Box<C::SnapshotData>,
    ) -> Result<(), StorageError<u64>> {
        let started = Instant::now();
        let size = snapshot.len_bytes() as i64;
        let result = self.inner.install_snapshot(meta, snapshot).await;
        let p = &self.metrics.group;
        p.snapshot_install_duration_seconds()
            .observe(started.elapsed().as_secs_f64());
        if result.is_ok() {
            p.snapshots_total(SnapshotTrigger::Install).inc();
            p.snapshot_size_bytes().set(size);
        }
        result
    }

    async fn get_current_snapshot(&mut self) -> Result<Option<Snapshot<C>>, StorageError<u64>> {
        self.inner.get_current_snapshot().await
    }
}
