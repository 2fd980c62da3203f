//! In-memory log storage and state machine (openraft v2 storage traits), for the demo and the
//! live test. Metrics come from the wrappers around them ([`crate::InstrumentedLogStore`],
//! [`crate::InstrumentedStateMachine`]), as they would around your own.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::io::Cursor;
use std::ops::RangeBounds;
use std::sync::Arc;

use openraft::storage::{LogFlushed, LogState, RaftLogStorage, RaftStateMachine, Snapshot};
use openraft::{
    Entry, EntryPayload, LogId, RaftLogReader, RaftSnapshotBuilder, SnapshotMeta, StorageError,
    StoredMembership, Vote,
};
use tokio::sync::Mutex;

openraft::declare_raft_types!(
    /// Writes are strings; the state machine counts them and keeps the last one per key.
    pub DemoConfig:
        D = String,
        R = u64,
);

type NodeId = u64;
type Node = openraft::BasicNode;

#[derive(Default)]
struct Log {
    vote: Option<Vote<NodeId>>,
    committed: Option<LogId<NodeId>>,
    purged: Option<LogId<NodeId>>,
    entries: BTreeMap<u64, Entry<DemoConfig>>,
}

/// The log of one Raft group on one node.
#[derive(Clone, Default)]
pub struct LogStore {
    log: Arc<Mutex<Log>>,
}

impl RaftLogReader<DemoConfig> for LogStore {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + Send>(
        &mut self,
        range: RB,
    ) -> Result<Vec<Entry<DemoConfig>>, StorageError<NodeId>> {
        let log = self.log.lock().await;
        Ok(log.entries.range(range).map(|(_, e)| e.clone()).collect())
    }
}

impl RaftLogStorage<DemoConfig> for LogStore {
    type LogReader = Self;

    async fn get_log_state(&mut self) -> Result<LogState<DemoConfig>, StorageError<NodeId>> {
        let log = self.log.lock().await;
        let last = log
            .entries
            .values()
            .next_back()
            .map(|e| e.log_id)
            .or(log.purged);
        Ok(LogState {
            last_purged_log_id: log.purged,
            last_log_id: last,
        })
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn save_vote(&mut self, vote: &Vote<NodeId>) -> Result<(), StorageError<NodeId>> {
        self.log.lock().await.vote = Some(*vote);
        Ok(())
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<NodeId>>, StorageError<NodeId>> {
        Ok(self.log.lock().await.vote)
    }

    async fn save_committed(
        &mut self,
        committed: Option<LogId<NodeId>>,
    ) -> Result<(), StorageError<NodeId>> {
        self.log.lock().await.committed = committed;
        Ok(())
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<NodeId>>, StorageError<NodeId>> {
        Ok(self.log.lock().await.committed)
    }

    async fn append<I>(
        &mut self,
        entries: I,
        callback: LogFlushed<DemoConfig>,
    ) -> Result<(), StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<DemoConfig>> + Send,
        I::IntoIter: Send,
    {
        let mut log = self.log.lock().await;
        for e in entries {
            log.entries.insert(e.log_id.index, e);
        }
        callback.log_io_completed(Ok(()));
        Ok(())
    }

    async fn truncate(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut log = self.log.lock().await;
        log.entries.split_off(&log_id.index);
        Ok(())
    }

    async fn purge(&mut self, log_id: LogId<NodeId>) -> Result<(), StorageError<NodeId>> {
        let mut log = self.log.lock().await;
        let kept = log.entries.split_off(&(log_id.index + 1));
        log.entries = kept;
        log.purged = Some(log_id);
        Ok(())
    }
}

#[derive(Default, serde::Serialize, serde::Deserialize, Clone)]
struct State {
    last_applied: Option<LogId<NodeId>>,
    membership: StoredMembership<NodeId, Node>,
    writes: u64,
    last: BTreeMap<String, String>,
}

/// The last snapshot built or installed: its metadata and serialized state.
type StoredSnapshot = (SnapshotMeta<NodeId, Node>, Vec<u8>);

/// The state machine of one Raft group on one node.
#[derive(Clone, Default)]
pub struct StateMachine {
    state: Arc<Mutex<State>>,
    snapshot: Arc<Mutex<Option<StoredSnapshot>>>,
    snapshots_built: Arc<std::sync::atomic::AtomicU64>,
}

impl RaftSnapshotBuilder<DemoConfig> for StateMachine {
    async fn build_snapshot(&mut self) -> Result<Snapshot<DemoConfig>, StorageError<NodeId>> {
        let state = self.state.lock().await.clone();
        let data = serde_json::to_vec(&state).unwrap_or_default();
        let n = self
            .snapshots_built
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let meta = SnapshotMeta {
            last_log_id: state.last_applied,
            last_membership: state.membership.clone(),
            snapshot_id: format!("{}-{n}", state.last_applied.map_or(0, |l| l.index)),
        };
        *self.snapshot.lock().await = Some((meta.clone(), data.clone()));
        Ok(Snapshot {
            meta,
            snapshot: Box::new(Cursor::new(data)),
        })
    }
}

impl RaftStateMachine<DemoConfig> for StateMachine {
    type SnapshotBuilder = Self;

    async fn applied_state(
        &mut self,
    ) -> Result<(Option<LogId<NodeId>>, StoredMembership<NodeId, Node>), StorageError<NodeId>> {
        let s = self.state.lock().await;
        Ok((s.last_applied, s.membership.clone()))
    }

    async fn apply<I>(&mut self, entries: I) -> Result<Vec<u64>, StorageError<NodeId>>
    where
        I: IntoIterator<Item = Entry<DemoConfig>> + Send,
        I::IntoIter: Send,
    {
        let mut s = self.state.lock().await;
        let mut out = Vec::new();
        for e in entries {
            s.last_applied = Some(e.log_id);
            match e.payload {
                EntryPayload::Blank => {}
                EntryPayload::Normal(w) => {
                    s.writes += 1;
                    let key = w.split('=').next().unwrap_or_default().to_string();
                    s.last.insert(key, w);
                }
                EntryPayload::Membership(m) => {
                    s.membership = StoredMembership::new(Some(e.log_id), m);
                }
            }
            out.push(s.writes);
        }
        Ok(out)
    }

    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        self.clone()
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<Cursor<Vec<u8>>>, StorageError<NodeId>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<NodeId, Node>,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> Result<(), StorageError<NodeId>> {
        let data = snapshot.into_inner();
        let state: State = serde_json::from_slice(&data).unwrap_or_default();
        *self.state.lock().await = state;
        *self.snapshot.lock().await = Some((meta.clone(), data));
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<DemoConfig>>, StorageError<NodeId>> {
        Ok(self
            .snapshot
            .lock()
            .await
            .clone()
            .map(|(meta, data)| Snapshot {
                meta,
                snapshot: Box::new(Cursor::new(data)),
            }))
    }
}
