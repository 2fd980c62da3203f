//! Both sides of the transport: an instrumented `RaftNetworkFactory` for what a node sends,
//! `record_received` for what it receives.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Instant;

use futures_util::FutureExt;
use pin_project_lite::pin_project;

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
    /// What the calls record, boxed: openraft keeps the connection in its replication task,
    /// whose future it moves; a connection the size of the inner one keeps those moves as
    /// cheap as without metrics.
    state: Box<Connection>,
}

/// A connection's metrics: its target, its group's series, and the AppendEntries in flight.
struct Connection {
    target: u64,
    metrics: GroupMetrics,
    /// The series every AppendEntries to this follower updates, resolved once per connection
    /// and published in batches (see [`batch`]).
    append: batch::AppendSeries,
    /// The AppendEntries in flight: its entries and bytes, and when it was sent if it is timed
    /// (see [`batch::TIME_EVERY`]). Kept here, not in the call's future, for the same reason.
    entries: u64,
    bytes: usize,
    started: Option<Instant>,
}

impl<C, N> RaftNetworkFactory<C> for InstrumentedNetwork<N>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    N: RaftNetworkFactory<C>,
{
    type Network = InstrumentedConnection<N::Network>;

    // The connection's state is built first, so the future is the inner one and a pointer.
    fn new_client(&mut self, target: u64, node: &C::Node) -> impl Future<Output = Self::Network> {
        let state = Box::new(Connection {
            target,
            append: batch::AppendSeries::new(&self.metrics, target),
            metrics: self.metrics.clone(),
            entries: 0,
            bytes: 0,
            started: None,
        });
        self.inner
            .new_client(target, node)
            .map(move |inner| InstrumentedConnection { inner, state })
    }
}

pin_project! {
    /// An AppendEntries call, recorded when it completes: the inner call's future and a
    /// pointer, no more.
    struct Appending<'a, F> {
        #[pin]
        call: F,
        state: &'a mut Connection,
    }
}

impl<F, N> Future for Appending<'_, F>
where
    F: Future<Output = Result<AppendEntriesResponse<u64>, RPCError<u64, N, RaftError<u64>>>>,
    N: openraft::Node,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let result = ready!(this.call.poll(cx));
        this.state.appended(&result);
        Poll::Ready(result)
    }
}

impl Connection {
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

    /// The AppendEntries in flight was answered (or failed).
    fn appended<E: std::error::Error>(
        &mut self,
        result: &Result<AppendEntriesResponse<u64>, RPCError<u64, impl openraft::Node, E>>,
    ) {
        let done = self.started.take().map(|started| self.append.took(started));
        let p = &self.metrics.group;
        match result {
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
            Ok(_) => self.append.accepted(self.entries, self.bytes, done),
            Err(e) => {
                // Failures are rare and published at once.
                let m = &self.metrics.node;
                m.rpc_calls_total(Rpc::AppendEntries, self.target, Outcome::Failure)
                    .inc();
                m.rpc_errors_total(Rpc::AppendEntries, self.target, rpc_error_kind(e))
                    .inc();
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
    // Not an `async fn`: that would keep `rpc` in the future beside the inner call's future,
    // which holds it too. This future is the inner one and a pointer.
    fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<C>,
        option: RPCOption,
    ) -> impl Future<Output = Result<AppendEntriesResponse<u64>, RPCError<u64, C::Node, RaftError<u64>>>>
    {
        let state = &mut *self.state;
        state.entries = rpc.entries.len() as u64;
        state.bytes = rpc.entries.iter().map(WireSize::wire_size).sum();
        state.started = state.append.sending();
        Appending {
            call: self.inner.append_entries(rpc, option),
            state,
        }
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<u64>,
        option: RPCOption,
    ) -> Result<VoteResponse<u64>, RPCError<u64, C::Node, RaftError<u64>>> {
        let started = Instant::now();
        let state = &*self.state;
        state.metrics.election_started(rpc.vote.leader_id().term);
        let result = self.inner.vote(rpc, option).await;
        state.record(Rpc::RequestVote, started, &result, rpc_error_kind);
        if let Ok(v) = &result {
            if v.vote_granted {
                state.metrics.group.votes_received().inc();
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
        self.state
            .record(Rpc::InstallSnapshot, started, &result, rpc_error_kind);
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
        self.state
            .record(Rpc::InstallSnapshot, started, &result, |e| match e {
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
        self.state
            .metrics
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
