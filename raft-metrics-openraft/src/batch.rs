//! Per-connection accumulation of the series every AppendEntries updates. Those series are
//! shared by every Raft group of the node (`rpc_*{peer}`) or by a group's connections to all
//! its followers, so direct updates from several threads fight over cache lines; each
//! connection instead adds locally (it is `&mut` in every RPC) and publishes at most every
//! [`FLUSH_EVERY`], and when it is dropped.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use prometheus::local::LocalHistogram;
use prometheus::{Gauge, Histogram, IntCounter};
use raft_metrics::{Outcome, Rpc};

use crate::GroupMetrics;

/// How stale a connection's published AppendEntries series may be while it sends.
pub const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// A counter added to locally and published by [`Pending::flush`].
struct Pending {
    counter: IntCounter,
    add: u64,
}

impl Pending {
    fn new(counter: IntCounter) -> Self {
        Pending { counter, add: 0 }
    }

    fn flush(&mut self) {
        if self.add > 0 {
            self.counter.inc_by(std::mem::take(&mut self.add));
        }
    }
}

/// The AppendEntries series of one connection (one group's leader to one follower).
pub(crate) struct AppendSeries {
    duration: LocalHist,
    size: LocalHist,
    ok: Pending,
    sent_entries: Pending,
    /// Per group and follower: written by this connection only.
    heartbeat: Gauge,
    /// Wall-clock time of an `Instant`, so a heartbeat timestamp needs no second clock read.
    epoch: (Instant, f64),
    flushed: Due,
}

/// A histogram added to locally. `LocalHistogram` is not `Sync`, which `RaftNetwork` requires;
/// the mutex is never locked (`get_mut`: the owner is `&mut` whenever it records).
struct LocalHist(Mutex<LocalHistogram>);

impl LocalHist {
    fn new(h: &Histogram) -> Self {
        LocalHist(Mutex::new(h.local()))
    }

    fn observe(&mut self, v: f64) {
        if let Ok(h) = self.0.get_mut() {
            h.observe(v);
        }
    }

    fn flush(&mut self) {
        if let Ok(h) = self.0.get_mut() {
            h.flush();
        }
    }
}

/// When the last publication was: `due(now)` says whether [`FLUSH_EVERY`] has passed.
struct Due(Instant);

impl Due {
    fn now() -> Self {
        Due(Instant::now())
    }

    fn due(&mut self, now: Instant) -> bool {
        let due = now - self.0 >= FLUSH_EVERY;
        if due {
            self.0 = now;
        }
        due
    }
}

impl AppendSeries {
    pub(crate) fn new(m: &GroupMetrics, target: u64) -> Self {
        let rpc = Rpc::AppendEntries;
        let now = Instant::now();
        AppendSeries {
            duration: LocalHist::new(&m.node.rpc_duration_seconds(rpc, target)),
            size: LocalHist::new(m.group.append_entries_size_bytes()),
            ok: Pending::new(m.node.rpc_calls_total(rpc, target, Outcome::Success)),
            sent_entries: Pending::new(m.group.replication_sent_entries_total(target)),
            heartbeat: m.group.last_heartbeat_timestamp_seconds(target),
            epoch: (now, crate::group::now_seconds()),
            flushed: Due(now),
        }
    }

    /// One AppendEntries that took `started..done`.
    pub(crate) fn took(&mut self, started: Instant, done: Instant) {
        self.duration.observe((done - started).as_secs_f64());
    }

    /// The follower accepted `entries` entries of `bytes` bytes at `done`.
    pub(crate) fn accepted(&mut self, entries: u64, bytes: usize, done: Instant) {
        self.ok.add += 1;
        self.sent_entries.add += entries;
        self.size.observe(bytes as f64);
        let (at, wall) = self.epoch;
        self.heartbeat.set(wall + (done - at).as_secs_f64());
        if self.flushed.due(done) {
            self.flush();
        }
    }

    /// A reply that is not an acceptance (a rejection) still counts as a successful call.
    pub(crate) fn answered(&mut self) {
        self.ok.add += 1;
    }

    pub(crate) fn flush(&mut self) {
        self.ok.flush();
        self.sent_entries.flush();
        self.duration.flush();
        self.size.flush();
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
    entries: Pending,
    calls: u32,
}

impl Receiver {
    pub fn new(metrics: &GroupMetrics, from: u64) -> Self {
        Receiver {
            accepted: Pending::new(
                metrics
                    .node
                    .rpc_received_total(Rpc::AppendEntries, Outcome::Success)
                    .clone(),
            ),
            entries: Pending::new(metrics.group.replication_received_entries_total(from)),
            metrics: metrics.clone(),
            from,
            calls: 0,
        }
    }

    /// An RPC of kind `rpc` carrying `entries` log entries was handled; `ok`: it succeeded.
    pub fn record(&mut self, rpc: Rpc, entries: u64, ok: bool) {
        if rpc != Rpc::AppendEntries || !ok {
            crate::record_received(&self.metrics, rpc, self.from, entries, ok);
            return;
        }
        self.accepted.add += 1;
        self.entries.add += entries;
        self.calls += 1;
        if self.calls >= FLUSH_CALLS {
            self.flush();
        }
    }

    /// Publish what was counted locally.
    pub fn flush(&mut self) {
        self.calls = 0;
        self.accepted.flush();
        self.entries.flush();
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.flush();
    }
}

/// A state machine's applied batches, counted locally and published at most every
/// [`FLUSH_EVERY`] (checked at each batch) and when the state machine is dropped.
pub(crate) struct Applied {
    entries: Pending,
    batches: Pending,
    size: LocalHist,
    flushed: Due,
}

impl Applied {
    pub(crate) fn new(m: &GroupMetrics) -> Self {
        Applied {
            entries: Pending::new(m.group.committed_entries_total().clone()),
            batches: Pending::new(m.group.commit_batches_total().clone()),
            size: LocalHist::new(m.group.commit_batch_size_entries()),
            flushed: Due::now(),
        }
    }

    pub(crate) fn batch(&mut self, entries: u64) {
        self.entries.add += entries;
        self.batches.add += 1;
        self.size.observe(entries as f64);
        if self.flushed.due(Instant::now()) {
            self.flush();
        }
    }

    pub(crate) fn flush(&mut self) {
        self.entries.flush();
        self.batches.flush();
        self.size.flush();
    }
}

impl Drop for Applied {
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
    total: Pending,
    failed: IntCounter,
    pending: prometheus::IntGauge,
    latency: LocalHist,
    flushed: Due,
}

impl Proposals {
    pub fn new(m: &GroupMetrics) -> Self {
        let p = &m.group;
        Proposals {
            total: Pending::new(p.proposals_total().clone()),
            failed: p.proposals_failed_total().clone(),
            pending: p.proposals_pending().clone(),
            latency: LocalHist::new(p.commit_latency_seconds()),
            flushed: Due::now(),
        }
    }

    /// A proposal goes out now; pass the returned instant to [`Proposals::finish`].
    pub fn start(&mut self) -> Instant {
        self.total.add += 1;
        self.pending.inc();
        Instant::now()
    }

    /// The proposal started at `started` was committed (`committed`) or failed.
    pub fn finish(&mut self, started: Instant, committed: bool) {
        self.pending.dec();
        let now = Instant::now();
        if committed {
            self.latency.observe((now - started).as_secs_f64());
        } else {
            self.failed.inc();
        }
        if self.flushed.due(now) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        self.total.flush();
        self.latency.flush();
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
        self.finish(started, result.is_ok());
        result
    }
}

impl Drop for Proposals {
    fn drop(&mut self) {
        self.flush();
    }
}
