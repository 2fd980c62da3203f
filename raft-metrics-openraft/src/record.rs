//! What the log-store and state-machine wrappers of both storage APIs record (v2:
//! [`crate::InstrumentedLogStore`], [`crate::InstrumentedStateMachine`]; v1:
//! [`crate::InstrumentedStorage`]), so the two APIs cannot drift apart.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::ops::RangeBounds;
use std::time::Instant;

use openraft::entry::RaftPayload;
use openraft::storage::{RaftSnapshotBuilder, Snapshot};
use openraft::{LogId, OptionalSend, RaftLogReader, RaftTypeConfig, StorageError};
use raft_metrics::{ConfigChange, SnapshotTrigger};

use crate::{GroupMetrics, SnapshotBytes, WireSize};

/// Bytes of the stored entries in `range` (0 if they cannot be read).
pub(crate) async fn bytes<C, L, RB>(log: &mut L, range: RB) -> i64
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    L: RaftLogReader<C>,
    RB: RangeBounds<u64> + Clone + Debug + OptionalSend,
{
    match log.try_get_log_entries(range).await {
        Ok(entries) => entries.iter().map(|e| e.wire_size() as i64).sum(),
        Err(_) => 0,
    }
}

/// What a log store records, in either storage API.
pub(crate) fn record_committed(m: &GroupMetrics, committed: Option<LogId<u64>>) {
    if let Some(c) = committed {
        m.group.commit_index().set(c.index as i64);
    }
}

/// `bytes` were appended to the log.
pub(crate) fn record_appended(m: &GroupMetrics, bytes: i64) {
    m.group.log_size_bytes().add(bytes);
}

/// `bytes` left the log: truncated after a conflict, or purged (a compaction).
pub(crate) fn record_removed(m: &GroupMetrics, bytes: i64, compaction: bool) {
    m.group.log_size_bytes().sub(bytes);
    if compaction {
        m.group.log_compactions_total().inc();
    }
}

/// What applying entries records, in either storage API: batches, entries and membership
/// changes.
pub(crate) struct ApplyRecorder {
    metrics: GroupMetrics,
    /// Voters and learners of the last membership applied, to classify the next change.
    membership: (BTreeSet<u64>, BTreeSet<u64>),
    /// The batch being applied: entries seen, membership changes in it.
    n: u64,
    changes: Vec<ConfigChange>,
}

impl ApplyRecorder {
    pub fn new(metrics: &GroupMetrics) -> Self {
        ApplyRecorder {
            metrics: metrics.clone(),
            membership: Default::default(),
            n: 0,
            changes: Vec::new(),
        }
    }

    /// An entry of the batch, as the state machine receives it.
    #[inline]
    pub fn see<N: openraft::Node>(&mut self, e: &impl RaftPayload<u64, N>) {
        self.n += 1;
        if let Some(m) = e.get_membership() {
            self.membership_changed(m);
        }
    }

    #[cold]
    fn membership_changed<N: openraft::Node>(&mut self, m: &openraft::Membership<u64, N>) {
        let new: (BTreeSet<u64>, BTreeSet<u64>) =
            (m.voter_ids().collect(), m.learner_ids().collect());
        self.changes.extend(classify(&self.membership, &new));
        self.membership = new;
    }

    /// The batch is applied (`ok`) or failed.
    #[inline]
    pub fn done(&mut self, ok: bool) {
        if ok && self.n > 0 {
            // Published at once: only the group's state machine writes these series, so no
            // other thread contends for them, and no clock is read.
            let g = &*self.metrics.group;
            g.committed_entries_total().inc_by(self.n);
            g.commit_batches_total().inc();
            g.commit_batch_size_entries().observe(self.n as f64);
            for c in &self.changes {
                g.config_changes_total(*c).inc();
            }
        }
        self.n = 0;
        self.changes.clear();
    }
}

/// A snapshot install that started at `started`, of `size` bytes, succeeded (`ok`) or not.
pub(crate) fn record_install(m: &GroupMetrics, started: Instant, size: i64, ok: bool) {
    let p = &m.group;
    p.snapshot_install_duration_seconds()
        .observe(started.elapsed().as_secs_f64());
    if ok {
        p.snapshots_total(SnapshotTrigger::Install).inc();
        p.snapshot_size_bytes().set(size);
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
    pub(crate) inner: B,
    pub(crate) metrics: GroupMetrics,
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
