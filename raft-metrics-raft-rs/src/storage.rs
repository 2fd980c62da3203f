//! A `Storage` wrapper: snapshot builds for any storage; around a `MemStorage`, the log's size
//! in bytes, compactions and snapshot installs too.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use raft::eraftpb::{Entry, Snapshot};
use raft::storage::MemStorage;
use raft::{GetEntriesContext, RaftState, Storage, StorageError};
use raft_metrics::{LogLedger, SnapshotTrigger};

use crate::{entry_bytes, GroupMetrics};

/// Wraps a `Storage`; hand it to `RawNode::new` and keep a clone for the loop's writes. Write
/// the log through it (`append`, `compact`, `apply_snapshot`): it keeps each entry's size (16
/// bytes per entry in the log), so compactions and overwrites never read entries back.
#[derive(Clone, Debug)]
pub struct MeteredStorage<S> {
    inner: S,
    m: GroupMetrics,
    ledger: Arc<Mutex<LogLedger>>,
}

impl<S> MeteredStorage<S> {
    pub fn new(inner: S, m: GroupMetrics) -> Self {
        MeteredStorage {
            inner,
            m,
            ledger: Arc::default(),
        }
    }

    fn ledger(&self) -> MutexGuard<'_, LogLedger> {
        self.ledger.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn inner(&self) -> &S {
        &self.inner
    }
}

/// A snapshot's data bytes (the same under either codec).
fn snapshot_bytes(s: &Snapshot) -> i64 {
    s.data.len() as i64
}

impl<S: Storage> Storage for MeteredStorage<S> {
    fn initial_state(&self) -> raft::Result<RaftState> {
        self.inner.initial_state()
    }

    fn entries(
        &self,
        low: u64,
        high: u64,
        max_size: impl Into<Option<u64>>,
        context: GetEntriesContext,
    ) -> raft::Result<Vec<Entry>> {
        self.inner.entries(low, high, max_size, context)
    }

    fn term(&self, idx: u64) -> raft::Result<u64> {
        self.inner.term(idx)
    }

    fn first_index(&self) -> raft::Result<u64> {
        self.inner.first_index()
    }

    fn last_index(&self) -> raft::Result<u64> {
        self.inner.last_index()
    }

    /// Raft asks for a snapshot when a follower is behind the compacted log: the log-size
    /// policy that compacted it is what triggered the snapshot.
    fn snapshot(&self, request_index: u64, to: u64) -> raft::Result<Snapshot> {
        let started = Instant::now();
        let result = self.inner.snapshot(request_index, to);
        let p = &self.m.group;
        p.snapshot_build_duration_seconds()
            .observe(started.elapsed().as_secs_f64());
        if let Ok(s) = &result {
            p.snapshots_total(SnapshotTrigger::LogSize).inc();
            p.snapshot_size_bytes().set(snapshot_bytes(s));
        }
        result
    }
}

impl MeteredStorage<MemStorage> {
    /// `MemStorage`'s append, with the log's bytes kept up to date; entries that would
    /// overwrite the compacted log or leave a gap are an error, not a panic. One loop writes a
    /// group's storage, so reading the replaced entries first cannot race with another write.
    #[inline]
    pub fn append(&self, ents: &[Entry]) -> raft::Result<()> {
        // Most ready rounds append nothing.
        match ents.first() {
            Some(head) => self.append_entries(head, ents),
            None => Ok(()),
        }
    }

    fn append_entries(&self, head: &Entry, ents: &[Entry]) -> raft::Result<()> {
        let mut ledger = self.ledger();
        // The common case, right after the last entry this wrapper appended, needs no read.
        if ledger.next_index() != Some(head.index) {
            let (first, last) = (self.inner.first_index()?, self.inner.last_index()?);
            if head.index < first {
                return Err(raft::Error::Store(StorageError::Compacted));
            }
            if head.index > last + 1 {
                return Err(raft::Error::Store(StorageError::Unavailable));
            }
        }
        self.inner.wl().append(ents)?;
        let mut delta = 0i64;
        for e in ents {
            let size = entry_bytes(e);
            delta += size as i64 - ledger.append(e.index, size) as i64;
        }
        self.m.group.log_size_bytes().add(delta);
        Ok(())
    }

    /// `MemStorage`'s compact: entries before `index` leave the log.
    pub fn compact(&self, index: u64) -> raft::Result<()> {
        let (first, last) = (self.inner.first_index()?, self.inner.last_index()?);
        if index <= first {
            return Ok(());
        }
        if index > last + 1 {
            return Err(raft::Error::Store(StorageError::Unavailable));
        }
        self.inner.wl().compact(index)?;
        let removed = self.ledger().purge(index - 1);
        let p = &self.m.group;
        p.log_size_bytes().sub(removed as i64);
        p.log_compactions_total().inc();
        Ok(())
    }

    /// `MemStorage`'s apply_snapshot for a snapshot received from the leader and installed:
    /// counted as an install.
    pub fn apply_snapshot(&self, snapshot: Snapshot) -> raft::Result<()> {
        self.store_snapshot(snapshot, SnapshotTrigger::Install)
    }

    /// `MemStorage`'s apply_snapshot for a snapshot this node built itself (`trigger`: its
    /// log-size policy or an operator), stored to replace the log: counted as built, not as an
    /// install.
    pub fn apply_local_snapshot(
        &self,
        snapshot: Snapshot,
        trigger: SnapshotTrigger,
    ) -> raft::Result<()> {
        self.store_snapshot(snapshot, trigger)
    }

    fn store_snapshot(&self, snapshot: Snapshot, trigger: SnapshotTrigger) -> raft::Result<()> {
        let started = Instant::now();
        let size = snapshot_bytes(&snapshot);
        let result = self.inner.wl().apply_snapshot(snapshot);
        let p = &self.m.group;
        let took = started.elapsed().as_secs_f64();
        if trigger == SnapshotTrigger::Install {
            p.snapshot_install_duration_seconds().observe(took);
        }
        if result.is_ok() {
            // The log is replaced by the snapshot.
            *self.ledger() = LogLedger::default();
            p.log_size_bytes().set(0);
            p.snapshots_total(trigger).inc();
            p.snapshot_size_bytes().set(size);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_metrics::RaftMetrics;

    fn entry(index: u64, term: u64, data: &[u8]) -> Entry {
        Entry {
            index,
            term,
            data: data.to_vec().into(),
            ..Default::default()
        }
    }

    #[test]
    fn log_bytes_follow_appends_overwrites_and_compaction() {
        let m = RaftMetrics::new(1);
        let g = GroupMetrics::new(&m, "t", 0).unwrap();
        let s = MeteredStorage::new(MemStorage::new(), g.clone());
        let ents: Vec<Entry> = (1..=4).map(|i| entry(i, 1, b"0123456789")).collect();
        s.append(&ents).unwrap();
        let each = entry_bytes(&ents[0]) as i64;
        assert_eq!(g.group.log_size_bytes().get(), 4 * each);
        // A new leader's entries replace 3 and 4.
        s.append(&[entry(3, 2, b"x")]).unwrap();
        let short = entry_bytes(&entry(3, 2, b"x")) as i64;
        assert_eq!(g.group.log_size_bytes().get(), 2 * each + short);
        s.compact(3).unwrap();
        assert_eq!(g.group.log_size_bytes().get(), short);
        assert_eq!(g.group.log_compactions_total().get(), 1);
        // Errors, not MemStorage's panics.
        assert!(s.append(&[entry(1, 2, b"")]).is_err(), "compacted");
        assert!(s.append(&[entry(9, 2, b"")]).is_err(), "gap");
        assert!(s.compact(99).is_err());
        assert_eq!(g.group.log_size_bytes().get(), short);
    }
}
