//! Both sides of the transport: an instrumented `RaftNetworkFactory` for what a node sends,
//! `record_received` for what it receives.

use std::time::Instant;

use crate::{batch, GroupMetrics, WireSize};
use openraft::error::InstallSnapshotError;
use openraft::error::{Fatal, RPCError, RaftError, ReplicationClosed, StreamingError};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    SnapshotResponse, VoteRequest, VoteResponse,
};
use openraft::storage::Snapshot;
use openraft::{OptionalSend, RaftTypeConfig, Vote};
use raft_metrics::{Direction, Outcome, RejectReason, Rpc, RpcError};

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
