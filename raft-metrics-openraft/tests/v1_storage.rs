//! The v1 storage API: a service whose storage is a `RaftStorage` used through `Adaptor`
//! (openraft without `storage-v2`) wraps it in `InstrumentedStorage`, with a struct payload;
//! a one-node Raft writes, snapshots and purges, and the metrics say so exactly. Built only
//! without `storage-v2`, which removes `Adaptor`: `scripts/test.sh` runs it as
//! `cargo test -p raft-metrics-openraft --test v1_storage`.
#![cfg(not(feature = "storage-v2"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::io::Cursor;
use std::ops::RangeBounds;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openraft::error::{InstallSnapshotError, RPCError, RaftError, Unreachable};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};
use openraft::storage::{Adaptor, LogState, RaftStorage, Snapshot, SnapshotMeta};
use openraft::{
    BasicNode, Config, Entry, EntryPayload, LogId, Raft, RaftLogReader, RaftSnapshotBuilder,
    StorageError, StoredMembership, Vote,
};
use raft_metrics::{ConfigChange, RaftMetrics, RaftState, SnapshotTrigger};
use raft_metrics_openraft::batch::Proposals;
use raft_metrics_openraft::{
    watch, GroupMetrics, InstrumentedNetwork, InstrumentedStorage, WireSize,
};

/// A plain payload: `WireSize`'s default (its size in memory, 16 bytes) is right for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Produce {
    key: u64,
    value: u64,
}

impl WireSize for Produce {}

openraft::declare_raft_types!(
    pub V1Config:
        D = Produce,
        R = (),
);

/// A v1 store: log, vote, and a state machine that sums the values written.
#[derive(Default)]
struct Store {
    vote: Option<Vote<u64>>,
    committed: Option<LogId<u64>>,
    log: BTreeMap<u64, Entry<V1Config>>,
    purged: Option<LogId<u64>>,
    applied: Option<LogId<u64>>,
    membership: StoredMembership<u64, BasicNode>,
    snapshot: Option<(SnapshotMeta<u64, BasicNode>, Vec<u8>)>,
    sum: u64,
}

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Store>>);

impl Shared {
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        f(&mut self.0.lock().unwrap())
    }
}

impl RaftLogReader<V1Config> for Shared {
    async fn try_get_log_entries<RB: RangeBounds<u64> + Clone + Debug + Send>(
        &mut self,
        range: RB,
    ) -> Result<Vec<Entry<V1Config>>, StorageError<u64>> {
        Ok(self.with(|s| s.log.range(range).map(|(_, e)| e.clone()).collect()))
    }
}

impl RaftSnapshotBuilder<V1Config> for Shared {
    async fn build_snapshot(&mut self) -> Result<Snapshot<V1Config>, StorageError<u64>> {
        Ok(self.with(|s| {
            let meta = SnapshotMeta {
                last_log_id: s.applied,
                last_membership: s.membership.clone(),
                snapshot_id: format!("{:?}", s.applied),
            };
            let data = s.sum.to_le_bytes().to_vec();
            s.snapshot = Some((meta.clone(), data.clone()));
            Snapshot {
                meta,
                snapshot: Box::new(Cursor::new(data)),
            }
        }))
    }
}

#[allow(deprecated)] // RaftStorage is the v1 API, deprecated only where storage-v2 is on.
impl RaftStorage<V1Config> for Shared {
    type LogReader = Self;
    type SnapshotBuilder = Self;

    async fn save_vote(&mut self, vote: &Vote<u64>) -> Result<(), StorageError<u64>> {
        self.with(|s| s.vote = Some(*vote));
        Ok(())
    }

    async fn read_vote(&mut self) -> Result<Option<Vote<u64>>, StorageError<u64>> {
        Ok(self.with(|s| s.vote))
    }

    async fn save_committed(&mut self, c: Option<LogId<u64>>) -> Result<(), StorageError<u64>> {
        self.with(|s| s.committed = c);
        Ok(())
    }

    async fn read_committed(&mut self) -> Result<Option<LogId<u64>>, StorageError<u64>> {
        Ok(self.with(|s| s.committed))
    }

    async fn get_log_state(&mut self) -> Result<LogState<V1Config>, StorageError<u64>> {
        Ok(self.with(|s| LogState {
            last_purged_log_id: s.purged,
            last_log_id: s.log.values().next_back().map(|e| e.log_id).or(s.purged),
        }))
    }

    async fn get_log_reader(&mut self) -> Self::LogReader {
        self.clone()
    }

    async fn append_to_log<I>(&mut self, entries: I) -> Result<(), StorageError<u64>>
    where
        I: IntoIterator<Item = Entry<V1Config>> + Send,
    {
        self.with(|s| {
            for e in entries {
                s.log.insert(e.log_id.index, e);
            }
        });
        Ok(())
    }

    async fn delete_conflict_logs_since(
        &mut self,
        id: LogId<u64>,
    ) -> Result<(), StorageError<u64>> {
        self.with(|s| s.log.split_off(&id.index));
        Ok(())
    }

    async fn purge_logs_upto(&mut self, id: LogId<u64>) -> Result<(), StorageError<u64>> {
        self.with(|s| {
            s.log = s.log.split_off(&(id.index + 1));
            s.purged = Some(id);
        });
        Ok(())
    }

    async fn last_applied_state(
        &mut self,
    ) -> Result<(Option<LogId<u64>>, StoredMembership<u64, BasicNode>), StorageError<u64>> {
        Ok(self.with(|s| (s.applied, s.membership.clone())))
    }

    async fn apply_to_state_machine(
        &mut self,
        entries: &[Entry<V1Config>],
    ) -> Result<Vec<()>, StorageError<u64>> {
        self.with(|s| {
            for e in entries {
                s.applied = Some(e.log_id);
                match &e.payload {
                    EntryPayload::Normal(p) => s.sum += p.value,
                    EntryPayload::Membership(m) => {
                        s.membership = StoredMembership::new(Some(e.log_id), m.clone())
                    }
                    EntryPayload::Blank => {}
                }
            }
        });
        Ok(vec![(); entries.len()])
    }

    async fn get_snapshot_builder(&mut self) -> Self::SnapshotBuilder {
        self.clone()
    }

    async fn begin_receiving_snapshot(
        &mut self,
    ) -> Result<Box<Cursor<Vec<u8>>>, StorageError<u64>> {
        Ok(Box::new(Cursor::new(Vec::new())))
    }

    async fn install_snapshot(
        &mut self,
        meta: &SnapshotMeta<u64, BasicNode>,
        snapshot: Box<Cursor<Vec<u8>>>,
    ) -> Result<(), StorageError<u64>> {
        self.with(|s| {
            s.applied = meta.last_log_id;
            s.membership = meta.last_membership.clone();
            s.snapshot = Some((meta.clone(), snapshot.into_inner()));
        });
        Ok(())
    }

    async fn get_current_snapshot(
        &mut self,
    ) -> Result<Option<Snapshot<V1Config>>, StorageError<u64>> {
        Ok(self.with(|s| {
            s.snapshot.clone().map(|(meta, data)| Snapshot {
                meta,
                snapshot: Box::new(Cursor::new(data)),
            })
        }))
    }
}

/// One node: nobody to talk to.
struct Alone;

fn unreachable<E: std::error::Error>() -> RPCError<u64, BasicNode, E> {
    RPCError::Unreachable(Unreachable::new(&std::io::Error::other("one node")))
}

impl RaftNetworkFactory<V1Config> for Alone {
    type Network = Alone;
    async fn new_client(&mut self, _: u64, _: &BasicNode) -> Alone {
        Alone
    }
}

impl RaftNetwork<V1Config> for Alone {
    async fn append_entries(
        &mut self,
        _: AppendEntriesRequest<V1Config>,
        _: RPCOption,
    ) -> Result<AppendEntriesResponse<u64>, RPCError<u64, BasicNode, RaftError<u64>>> {
        Err(unreachable())
    }

    async fn install_snapshot(
        &mut self,
        _: InstallSnapshotRequest<V1Config>,
        _: RPCOption,
    ) -> Result<
        InstallSnapshotResponse<u64>,
        RPCError<u64, BasicNode, RaftError<u64, InstallSnapshotError>>,
    > {
        Err(unreachable())
    }

    async fn vote(
        &mut self,
        _: VoteRequest<u64>,
        _: RPCOption,
    ) -> Result<VoteResponse<u64>, RPCError<u64, BasicNode, RaftError<u64>>> {
        Err(unreachable())
    }
}

/// Polls `ok` every 20 ms for up to 10 s.
async fn eventually(what: &str, ok: impl Fn() -> bool) {
    for _ in 0..500 {
        if ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("timed out waiting for: {what}");
}

#[tokio::test]
async fn a_v1_storage_through_adaptor_is_recorded() {
    let m = RaftMetrics::new(1);
    let gm = GroupMetrics::new(&m, "orders", 0);
    let (log, sm) = Adaptor::new(InstrumentedStorage::new(Shared::default(), gm.clone()));
    let config = Config {
        max_in_snapshot_log_to_keep: 0,
        purge_batch_size: 1,
        ..Default::default()
    };
    let network = InstrumentedNetwork {
        inner: Alone,
        metrics: gm.clone(),
    };
    let raft = Raft::new(1, Arc::new(config.validate().unwrap()), network, log, sm)
        .await
        .unwrap();
    watch(&raft, gm.clone());
    raft.initialize(BTreeSet::from([1])).await.unwrap();
    let mut proposals = Proposals::new(&gm);
    for i in 1..=5 {
        let write = Produce { key: i, value: i };
        proposals.client_write(&raft, write).await.unwrap();
    }
    proposals.flush();

    let p = &gm.group;
    // Membership (index 0), the leader's blank entry (1), five writes (2..=6).
    eventually("commit index 6", || p.commit_index().get() == 6).await;
    assert_eq!(p.proposals_total().get(), 5);
    assert_eq!(p.commit_latency_seconds().get_sample_count(), 5);
    let failed: u64 = raft_metrics::ProposalFailure::ALL
        .iter()
        .map(|c| p.proposals_failed_total(*c).get())
        .sum();
    assert_eq!(failed, 0);
    // Entries of 24 bytes of log id and term, plus 8 per voter or 16 per write.
    assert_eq!(p.log_size_bytes().get(), (24 + 8) + 24 + 5 * (24 + 16));
    assert_eq!(p.config_changes_total(ConfigChange::AddVoter).get(), 1);
    eventually("leader state seen", || {
        p.node_state(RaftState::Leader).get() == 1
    })
    .await;

    // A snapshot of the state machine (its 8-byte sum), then the log purged up to it.
    raft.trigger().snapshot().await.unwrap();
    eventually("snapshot built and log purged", || {
        p.log_compactions_total().get() >= 1
    })
    .await;
    assert_eq!(p.snapshots_total(SnapshotTrigger::LogSize).get(), 1);
    assert_eq!(p.snapshot_size_bytes().get(), 8);
    assert_eq!(p.snapshot_build_duration_seconds().get_sample_count(), 1);
    assert_eq!(
        p.log_size_bytes().get(),
        0,
        "every entry is in the snapshot"
    );
    raft.shutdown().await.unwrap();
    drop(raft);
    // Applied batches are published as they are applied: all 7 entries by now.
    eventually("applied entries published", || {
        p.committed_entries_total().get() == 7
    })
    .await;
    assert!(p.commit_batches_total().get() >= 1);
}
