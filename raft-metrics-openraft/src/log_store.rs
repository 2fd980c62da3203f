//! An instrumented `RaftLogStorage`: wraps any log store (openraft's v2 storage API) and records
//! the commit index, the log's size in bytes and compactions.

use std::fmt::Debug;
use std::future::Future;
use std::ops::RangeBounds;

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
pub struct InstrumentedLogStore<L> {
    inner: L,
    metrics: GroupMetrics,
    /// Owned, not shared: openraft writes the log through `&mut self` only.
    ledger: Ledger,
}

impl<L> InstrumentedLogStore<L> {
    pub fn new(inner: L, metrics: GroupMetrics) -> Self {
        InstrumentedLogStore {
            inner,
            metrics,
            ledger: Ledger::default(),
        }
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
    // Calls that record nothing return the inner store's future itself: no layer, no
    // larger future in openraft's tasks.
    fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + OptionalSend>(
        &mut self,
        range: RB,
    ) -> impl Future<Output = Result<Vec<C::Entry>, StorageError<u64>>> {
        self.inner.try_get_log_entries(range)
    }
}

impl<C, L> RaftLogStorage<C> for InstrumentedLogStore<L>
where
    C: RaftTypeConfig<NodeId = u64>,
    C::Entry: WireSize,
    L: RaftLogStorage<C>,
{
    type LogReader = L::LogReader;

    fn get_log_state(&mut self) -> impl Future<Output = Result<LogState<C>, StorageError<u64>>> {
        self.inner.get_log_state()
    }

    fn get_log_reader(&mut self) -> impl Future<Output = Self::LogReader> {
        self.inner.get_log_reader()
    }

    fn save_vote(
        &mut self,
        vote: &Vote<u64>,
    ) -> impl Future<Output = Result<(), StorageError<u64>>> {
        self.inner.save_vote(vote)
    }

    fn read_vote(&mut self) -> impl Future<Output = Result<Option<Vote<u64>>, StorageError<u64>>> {
        self.inner.read_vote()
    }

    // The wrappers below that record are plain functions returning the inner store's future:
    // an `async fn` would keep its arguments beside that future, and openraft keeps the
    // largest of these futures in its core's (moved on every command). They record as the
    // call is made; a storage error stops openraft's core, so nothing reads the metrics of a
    // failed write as the log's.
    fn save_committed(
        &mut self,
        committed: Option<LogId<u64>>,
    ) -> impl Future<Output = Result<(), StorageError<u64>>> {
        record_committed(&self.metrics, committed);
        self.inner.save_committed(committed)
    }

    fn read_committed(
        &mut self,
    ) -> impl Future<Output = Result<Option<LogId<u64>>, StorageError<u64>>> {
        self.inner.read_committed()
    }

    fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<C>,
    ) -> impl Future<Output = Result<(), StorageError<u64>>>
    where
        I: IntoIterator<Item = C::Entry> + OptionalSend,
        I::IntoIter: OptionalSend,
    {
        // Each entry is sized and entered in the ledger as the inner store takes it: no copy of
        // the entries, nothing kept in the future.
        let (ledger, metrics) = (&mut self.ledger, &self.metrics);
        let counted = entries.into_iter().inspect(move |e| {
            let (index, size) = (e.get_log_id().index, e.wire_size() as u64);
            let replaced = ledger.append(index, size);
            record_appended(metrics, size as i64 - replaced as i64);
        });
        self.inner.append(counted, callback)
    }

    fn truncate(
        &mut self,
        log_id: LogId<u64>,
    ) -> impl Future<Output = Result<(), StorageError<u64>>> {
        let gone = self.ledger.truncate(log_id.index);
        record_removed(&self.metrics, gone as i64, false);
        self.inner.truncate(log_id)
    }

    fn purge(&mut self, log_id: LogId<u64>) -> impl Future<Output = Result<(), StorageError<u64>>> {
        let gone = self.ledger.purge(log_id.index);
        record_removed(&self.metrics, gone as i64, true);
        self.inner.purge(log_id)
    }
}
