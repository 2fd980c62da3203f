//! Per-connection accumulation of the series every AppendEntries updates. Those series are
//! shared by every Raft group of the node (`rpc_*{peer}`) or by a group's connections to all
//! its followers, so direct updates from several threads fight over cache lines; each
//! connection instead adds locally (it is `&mut` in every RPC) and publishes at most every
//! [`FLUSH_EVERY`], and when it is dropped.

use std::sync::Arc;
use std::time::{Duration, Instant};

use raft_metrics::{
    Gauge, Histogram, IntCounter, IntGauge, LocalHistogram, Outcome, PartitionMetricsApi,
    ProposalFailure, Rpc, Series,
};

use crate::GroupMetrics;

/// How stale a connection's published AppendEntries series may be while it sends.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// A count added to locally and published into a counter by [`Pending::flush_into`].
#[derive(Default)]
struct Pending {
    add: u64,
}

impl Pending {
    fn flush_into(&mut self, counter: &IntCounter) {
        if self.add > 0 {
            counter.inc_by(std::mem::take(&mut self.add));
        }
    }
}

/// One AppendEntries in this many on a connection is timed (two clock reads): the round-trip
/// histogram is a sample, as `rpc_duration_seconds`' help says an adapter's may be, and the
/// counts, the heartbeat timestamp and publication ride on the timed calls.
pub const TIME_EVERY: u32 = 8;

/// The AppendEntries series of one connection (one group's leader to one follower).
pub(crate) struct AppendSeries {
    group: Arc<dyn PartitionMetricsApi>,
    duration: (LocalHistogram, Series<Histogram>),
    size: LocalHistogram,
    ok: (Pending, Series<IntCounter>),
    sent_entries: (Pending, Series<IntCounter>),
    /// Per group and follower: written by this connection only.
    heartbeat: Series<Gauge>,
    /// Wall-clock time of an `Instant`, so a heartbeat timestamp needs no second clock read.
    epoch: (Instant, f64),
    /// The last acceptance of a timed call, published as the heartbeat timestamp with the
    /// rest.
    last_ok: Option<Instant>,
    flushed: Due,
    /// Calls since the last timed one.
    untimed: u32,
}

/// When the next publication is due: `due(now)` says whether it is (a comparison, no
/// arithmetic on the clock's value per call).
struct Due(Instant);

impl Due {
    fn now() -> Self {
        Due(Instant::now() + FLUSH_EVERY)
    }

    fn due(&mut self, now: Instant) -> bool {
        let due = now >= self.0;
        if due {
            self.0 = now + FLUSH_EVERY;
        }
        due
    }
}

impl AppendSeries {
    pub(crate) fn new(m: &GroupMetrics, target: u64) -> Self {
        let rpc = Rpc::AppendEntries;
        let now = Instant::now();
        let duration = m.node.rpc_duration_seconds(rpc, target);
        AppendSeries {
            duration: (duration.local(), duration),
            size: m.group.append_entries_size_bytes().local(),
            group: Arc::clone(&m.group),
            ok: (
                Pending::default(),
                m.node.rpc_calls_total(rpc, target, Outcome::Success),
            ),
            sent_entries: (
                Pending::default(),
                m.group.replication_sent_entries_total(target),
            ),
            heartbeat: m.group.last_heartbeat_timestamp_seconds(target),
            epoch: (now, crate::group::now_seconds()),
            last_ok: None,
            flushed: Due(now + FLUSH_EVERY),
            // The first call is timed.
            untimed: TIME_EVERY - 1,
        }
    }

    /// An AppendEntries goes out: when, if it is one to time.
    #[inline]
    pub(crate) fn sending(&mut self) -> Option<Instant> {
        self.untimed += 1;
        if self.untimed < TIME_EVERY {
            return None;
        }
        self.untimed = 0;
        Some(Instant::now())
    }

    /// The timed AppendEntries sent at `started` was answered now; returns now.
    pub(crate) fn took(&mut self, started: Instant) -> Instant {
        let done = Instant::now();
        self.duration.0.observe((done - started).as_secs_f64());
        done
    }

    /// The follower accepted `entries` entries of `bytes` bytes (at `done`, if timed).
    #[inline]
    pub(crate) fn accepted(&mut self, entries: u64, bytes: usize, done: Option<Instant>) {
        self.ok.0.add += 1;
        self.sent_entries.0.add += entries;
        self.size.observe(bytes as f64);
        if let Some(done) = done {
            self.last_ok = Some(done);
            if self.flushed.due(done) {
                self.flush();
            }
        }
    }

    /// A reply that is not an acceptance (a rejection) still counts as a successful call.
    pub(crate) fn answered(&mut self) {
        self.ok.0.add += 1;
    }

    pub(crate) fn flush(&mut self) {
        if let Some(done) = self.last_ok.take() {
            let (at, wall) = self.epoch;
            self.heartbeat.set(wall + (done - at).as_secs_f64());
        }
        self.ok.0.flush_into(&self.ok.1);
        self.sent_entries.0.flush_into(&self.sent_entries.1);
        self.duration.0.flush_into(&self.duration.1);
        self.size.flush_into(self.group.append_entries_size_bytes());
    }
}

impl Drop for AppendSeries {
    fn drop(&mut self) {
        self.flush();
    }
}

/// How many accepted AppendEntries a [`Receiver`] adds up before publishing them.
pub const FLUSH_CALLS: u32 = 32;

/// The receiving side of one group's RPCs from one peer: keep one per incoming connection.
/// Accepted AppendEntries (the bulk of the traffic) are counted locally and published every
/// [`FLUSH_CALLS`] calls and when it is dropped; everything else is recorded at once, as by
/// [`crate::record_received`].
pub struct Receiver {
    metrics: GroupMetrics,
    from: u64,
    accepted: Pending,
    entries: (Pending, Series<IntCounter>),
    calls: u32,
}

impl Receiver {
    pub fn new(metrics: &GroupMetrics, from: u64) -> Self {
        Receiver {
            accepted: Pending::default(),
            entries: (
                Pending::default(),
                metrics.group.replication_received_entries_total(from),
            ),
            metrics: metrics.clone(),
            from,
            calls: 0,
        }
    }

    /// An RPC of kind `rpc` carrying `entries` log entries was handled; `ok`: it succeeded.
    #[inline]
    pub fn record(&mut self, rpc: Rpc, entries: u64, ok: bool) {
        if rpc != Rpc::AppendEntries || !ok {
            return self.record_other(rpc, entries, ok);
        }
        self.accepted.add += 1;
        self.entries.0.add += entries;
        self.calls += 1;
        if self.calls >= FLUSH_CALLS {
            self.flush();
        }
    }

    #[cold]
    fn record_other(&mut self, rpc: Rpc, entries: u64, ok: bool) {
        crate::record_received(&self.metrics, rpc, self.from, entries, ok);
    }

    /// Publish what was counted locally.
    pub fn flush(&mut self) {
        self.calls = 0;
        let accepted = self
            .metrics
            .node
            .rpc_received_total(Rpc::AppendEntries, Outcome::Success);
        self.accepted.flush_into(accepted);
        self.entries.0.flush_into(&self.entries.1);
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Proposal metrics of one writer (keep one per task that proposes to a group): `proposals_*`
/// and `commit_latency_seconds`, from the proposal on the leader to its commit. Write through
/// [`Proposals::client_write`], or around your own call:
///
/// ```ignore
/// let started = proposals.start();
/// let result = raft.client_write(request).await;
/// proposals.finish(started, result.is_ok());
/// ```
///
/// Totals and latencies are counted locally and published at most every [`FLUSH_EVERY`] and
/// on drop; `proposals_pending` and failures are published at once.
pub struct Proposals {
    group: Arc<dyn PartitionMetricsApi>,
    total: Pending,
    latency: LocalHistogram,
    flushed: Due,
}

impl Proposals {
    pub fn new(m: &GroupMetrics) -> Self {
        Proposals {
            group: Arc::clone(&m.group),
            total: Pending::default(),
            latency: m.group.commit_latency_seconds().local(),
            flushed: Due::now(),
        }
    }

    fn pending(&self) -> &IntGauge {
        self.group.proposals_pending()
    }

    /// A proposal goes out now; pass the returned instant to [`Proposals::finish`].
    pub fn start(&mut self) -> Instant {
        self.total.add += 1;
        self.pending().inc();
        Instant::now()
    }

    /// The proposal started at `started` was committed (`committed`) or failed (for a reason
    /// not known here: [`Proposals::failed`] takes one).
    pub fn finish(&mut self, started: Instant, committed: bool) {
        match committed {
            true => self.outcome(started, Ok(())),
            false => self.outcome(started, Err(ProposalFailure::Other)),
        }
    }

    /// The proposal started at `started` failed with `cause`.
    pub fn failed(&mut self, started: Instant, cause: ProposalFailure) {
        self.outcome(started, Err(cause));
    }

    fn outcome(&mut self, started: Instant, result: Result<(), ProposalFailure>) {
        self.pending().dec();
        let now = Instant::now();
        match result {
            Ok(()) => self.latency.observe((now - started).as_secs_f64()),
            Err(cause) => self.group.proposals_failed_total(cause).inc(),
        }
        if self.flushed.due(now) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        let g = &*self.group;
        self.total.flush_into(g.proposals_total());
        self.latency.flush_into(g.commit_latency_seconds());
    }

    /// `Raft::client_write`, counted: a proposal, then its commit latency or a failure.
    pub async fn client_write<C, E>(
        &mut self,
        raft: &openraft::Raft<C>,
        request: C::D,
    ) -> Result<
        openraft::raft::ClientWriteResponse<C>,
        openraft::error::RaftError<
            C::NodeId,
            openraft::error::ClientWriteError<C::NodeId, C::Node>,
        >,
    >
    where
        C: openraft::RaftTypeConfig,
        // The bounds of `Raft::client_write` itself.
        <C::Responder as openraft::raft::responder::Responder<C>>::Receiver:
            std::future::Future<Output = Result<openraft::raft::ClientWriteResult<C>, E>>,
        E: std::error::Error + openraft::OptionalSend,
    {
        let started = self.start();
        let result = raft.client_write(request).await;
        self.outcome(
            started,
            result.as_ref().map(|_| ()).map_err(write_failure::<C>),
        );
        result
    }
}

/// Why `client_write` failed, as the `cause` label says it.
fn write_failure<C: openraft::RaftTypeConfig>(
    e: &openraft::error::RaftError<
        C::NodeId,
        openraft::error::ClientWriteError<C::NodeId, C::Node>,
    >,
) -> ProposalFailure {
    use openraft::error::{ClientWriteError, RaftError};
    match e {
        RaftError::APIError(ClientWriteError::ForwardToLeader(_)) => ProposalFailure::NotLeader,
        RaftError::Fatal(openraft::error::Fatal::StorageError(_)) => ProposalFailure::Storage,
        _ => ProposalFailure::Other,
    }
}

impl Drop for Proposals {
    fn drop(&mut self) {
        self.flush();
    }
}
