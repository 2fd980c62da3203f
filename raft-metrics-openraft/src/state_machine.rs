//! An instrumented `RaftStateMachine`: applied batches, membership changes, snapshots.

use std::time::Instant;

use crate::record::{record_install, ApplyRecorder, InstrumentedSnapshotBuilder};
use crate::{GroupMetrics, SnapshotBytes};
use openraft::storage::{RaftStateMachine, Snapshot, SnapshotMeta};
use openraft::{LogId, OptionalSend, RaftTypeConfig, StorageError, StoredMembership};

/// Wraps a `RaftStateMachine` (storage v2): applied batches, snapshot builds and installs.
pub struct InstrumentedStateMachine<S> {
    inner: S,
    metrics: GroupMetrics,
    apply: ApplyRecorder,
}

impl<S> InstrumentedStateMachine<S> {
    pub fn new(inner: S, metrics: GroupMetrics) -> Self {
        InstrumentedStateMachine {
            inner,
            apply: ApplyRecorder::new(&metrics),
            metrics,
        }
    }

    /// The wrapped state machine.
    pub fn inner(&self) -> &S {
        &self.inner
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
        let apply = &mut self.apply;
        let counted = entries.into_iter().inspect(|e| apply.see(e));
        let result = self.inner.apply(counted).await;
        self.apply.done(result.is_ok());
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
        record_install(&self.metrics, started, size, result.is_ok());
        result
    }

    async fn get_current_snapshot(&mut self) -> Result<Option<Snapshot<C>>, StorageError<u64>> {
        self.inner.get_current_snapshot().await
    }
}
