//! An instrumented `RaftStorage` (openraft's v1 storage API): wrap your storage in it, then
//! hand it to `Adaptor::new` as before. Records what the v2 wrappers record.
// `RaftStorage` is deprecated where `storage-v2` is on; it is still the v1 users' API.
#![allow(deprecated)]

use std::fmt::Debug;
use std::ops::RangeBounds;
use std::time::Instant;

use openraft::storage::{LogState, RaftStorage, Snapshot, SnapshotMeta};
use openraft::{
    LogId, OptionalSend, RaftLogReader, RaftTypeConfig, StorageError, StoredMembership, Vote,
};

use crate::record::{
    bytes, record_appended, record_committed, record_install, record_removed, ApplyRecorder,
    InstrumentedSnapshotBuilder,
};
use crate::{GroupMetrics, SnapshotBytes, WireSize};

/// Wraps a v1 `RaftStorage`: commit index, log size in bytes, compactions, applied batches,
/// membership changes, snapshot builds and installs.
///
/// ```ignore
/// let store = InstrumentedStorage::new(my_raft_storage, gm.clone());
/// let (log_store, state_machine) = openraft::storage::Adaptor::new(store);
/// let raft = Raft::new(id, config, network, log_store, state_machine).await?;
/// ```
pub struct InstrumentedStorage<S> {
    inner: S,
    metrics: GroupMetrics,
    apply: ApplyRecorder,
}

impl<S> InstrumentedStorage<S> {
    pub fn new(inner: S, metrics: GroupMetrics) -> Self {
        InstrumentedStorage {
            inner,
            apply: ApplyRecorder::new(&metrics),
            metrics,
        }
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }
}

impl<C, S> RaftLogReader<C> for InstrumentedStorage<S>
where
    C: RaftTypeConfig<NodeId = u64>,
    S: RaftStorage<C>,
{
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + OptionalSend>(
        &mut self,
        range: RB,
    ) -> Result<Vec<C::Entry>, StorageError<u64>> {
        self.inner.try_get_log_entries(range).await
    }
}

impl<C, S> RaftStorage<C> for InstrumentedStorage<S>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    C::SnapshotData: SnapshotBytes,
    S: RaftStorage<C>,
{
    type LogReader = S::LogReader;
    type SnapshotBuilder = InstrumentedSnapshotBuilder<S::SnapshotBuilder>;

    async fn save_vote(&mut self, vote: &Vote<u64>) -> Result<(), StorageError<u64>> {
        self.inner.save_vote(vote).await
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<u64>>, StorageError<u64>> {
        self.inner.read_vote().await
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<u64>>,
    ) -> Result<(), StorageError<u64>> {
        let result = self.inner.save_committed(committed).await;
        if result.is_ok() {
            record_committed(&self.metrics, committed);
        }
        result
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<u64>>, StorageError<u64>> {
        self.inner.read_committed().await
    }

    async fn get_log_state(&mut self) -> Result<LogState<C>, StorageError<u64>> {
        self.inner.get_log_state().await
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.inner.get_log_reader().await
    }

    async fn append_to_log<I>(&mut self, entries: I) -> Result<(), StorageError<u64>>
    where
        I: IntoIterator<Item = C::Entry> + OptionalSend,
    {
        // v1 promises `Send` of the collection only, not of its iterator: the batch is
        // collected (entries moved, not copied) to be counted.
        let mut added = 0i64;
        let counted: Vec<C::Entry> = entries
            .into_iter()
            .inspect(|e| added += e.wire_size() as i64)
            .collect();
        let result = self.inner.append_to_log(counted).await;
        if result.is_ok() {
            record_appended(&self.metrics, added);
        }
        result
    }

    async fn delete_conflict_logs_since(
        &mut self,
        log_id: LogId<u64>,
    ) -> Result<(), StorageError<u64>> {
        let gone = bytes(&mut self.inner, log_id.index..).await;
        let result = self.inner.delete_conflict_logs_since(log_id).await;
        if result.is_ok() {
            record_removed(&self.metrics, gone, false);
        }
        result
    }

    async fn purge_logs_upto(&mut self, log_id: LogId<u64>) -> Result<(), StorageError<u64>> {
        let gone = bytes(&mut self.inner, ..=log_id.index).await;
        let result = self.inner.purge_logs_upto(log_id).await;
        if result.is_ok() {
            record_removed(&self.metrics, gone, true);
        }
        result
    }

    async fn last_applied_state(
        &mut self,
    ) -> Result<(Option<LogId<u64>>, StoredMembership<u64, C::Node>), StorageError<u64>> {
        self.inner.last_applied_state().await
    }

    async fn apply_to_state_machine(
        &mut self,
        entries: &[C::Entry],
    ) -> Result<Vec<C::R>, StorageError<u64>> {
        for e in entries {
            self.apply.see(e);
        }
        let result = self.inner.apply_to_state_machine(entries).await;
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
