//! An instrumented `RaftLogStorage`: wraps any log store (openraft's v2 storage API) and records
//! the commit index, the log's size in bytes and compactions.

use std::fmt::Debug;
use std::ops::RangeBounds;
use std::sync::{Arc, Mutex};

use openraft::storage::{LogFlushed, LogState, RaftLogStorage};
use openraft::{LogId, OptionalSend, RaftLogId, RaftLogReader, RaftTypeConfig, StorageError, Vote};

use crate::record::{record_appended, record_committed, record_removed};
use crate::{GroupMetrics, WireSize};
use raft_metrics::LogLedger as Ledger;

/// Wraps your log store; hand it to `Raft::new` in its place.
///
/// - `commit_index` from `save_committed` (openraft 0.9 does not publish it in its metrics);
/// - `log_size_bytes`: entries appended, less those truncated or purged ([`WireSize`] each);
/// - `log_compactions_total`: each purge.
///
/// It keeps each appended entry's size (16 bytes per entry in the log), so truncated and
/// purged entries are never read back.
#[derive(Clone)]
pub struct InstrumentedLogStore<L> {
    inner: L,
    metrics: GroupMetrics,
    ledger: Arc<Mutex<Ledger>>,
    /// The batch being appended, (index, bytes) each: entered in the ledger once the inner
    /// store took it (reused, so no allocation per batch).
    batch: Vec<(u64, u64)>,
}

impl<L> InstrumentedLogStore<L> {
    pub fn new(inner: L, metrics: GroupMetrics) -> Self {
        InstrumentedLogStore {
            inner,
            metrics,
            ledger: Arc::default(),
            batch: Vec::new(),
        }
    }

    fn ledger(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn inner(&self) -> &L {
        &self.inner
    }
}

impl<C, L> RaftLogReader<C> for InstrumentedLogStore<L>
where
    C: RaftTypeConfig<NodeId = u64>,
    L: RaftLogStorage<C>,
{
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + OptionalSend>(
        &mut self,
        range: RB,
    ) -> Result<Vec<C::Entry>, StorageError<u64>> {
        self.inner.try_get_log_entries(range).await
    }
}

impl<C, L> RaftLogStorage<C> for InstrumentedLogStore<L>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    L: RaftLogStorage<C>,
{
    type LogReader = L::LogReader;

    async fn get_log_state(&mut self) -> Result<LogState<C>, StorageError<u64>> {
        self.inner.get_log_state().await
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.inner.get_log_reader().await
    }

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

    async fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<C>,
    ) -> Result<(), StorageError<u64>>
    where
        I: IntoIterator<Item = C::Entry> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        // Sized as the inner store consumes them: no copy of the entries.
        let mut batch = std::mem::take(&mut self.batch);
        let counted = entries
            .into_iter()
            .inspect(|e| batch.push((e.get_log_id().index, e.wire_size() as u64)));
        let result = self.inner.append(counted, callback).await;
        if result.is_ok() {
            let mut ledger = self.ledger();
            let added: i64 = batch
                .iter()
                .map(|(index, size)| *size as i64 - ledger.append(*index, *size) as i64)
                .sum();
            drop(ledger);
            record_appended(&self.metrics, added);
        }
        batch.clear();
        self.batch = batch;
        result
    }

    async fn truncate(&mut self, log_id: LogId<u64>) -> Result<(), StorageError<u64>> {
        let result = self.inner.truncate(log_id).await;
        if result.is_ok() {
            let gone = self.ledger().truncate(log_id.index);
            record_removed(&self.metrics, gone as i64, false);
        }
        result
    }

    async fn purge(&mut self, log_id: LogId<u64>) -> Result<(), StorageError<u64>> {
        let result = self.inner.purge(log_id).await;
        if result.is_ok() {
            let gone = self.ledger().purge(log_id.index);
            record_removed(&self.metrics, gone as i64, true);
        }
        result
    }
}
