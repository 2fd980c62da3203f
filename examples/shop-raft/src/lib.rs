//! The shop's Raft service, in miniature: three nodes in one process, one topic of two
//! partitions, one openraft group each. Its metrics come from its own schema
//! (`shop-metrics.toml`): the openraft adapter feeds the metrics it shares with raft-metrics'
//! schema, and the shop records its own `orders_applied_total`.
//!
//! Lines marked `// metrics` are all the glue the metrics need.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use openraft::error::{InstallSnapshotError, RPCError, RaftError, RemoteError, Unreachable};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    VoteRequest, VoteResponse,
};
use openraft::{BasicNode, Config, Raft};
use prometheus::Registry;
use raft_metrics_openraft::batch::Proposals;
use raft_metrics_openraft::mem::{DemoConfig, LogStore, StateMachine};
use raft_metrics_openraft::{
    record_received, watch, GroupMetrics, InstrumentedLogStore, InstrumentedNetwork,
    InstrumentedStateMachine,
};

// metrics: the shop's own types, which the adapters accept (checked against their contract).
raft_metrics_macros::include_schema!("shop-metrics.toml", implements = raft_metrics);

pub const NODES: [u64; 3] = [1, 2, 3];
pub const TOPIC: &str = "orders";
pub const PARTITIONS: u32 = 2;

type Rafts = Arc<RwLock<HashMap<(u64, u32), Raft<DemoConfig>>>>;
/// Each node's metrics of each partition, for the receiving side of the network.
type Groups = Arc<RwLock<HashMap<(u64, u32), GroupMetrics>>>; // metrics

/// One node: its registry (what `/metrics` serves) and its metrics.
pub struct Node {
    pub registry: Registry,
    pub metrics: ShopMetrics,
}

/// The running cluster.
pub struct Cluster {
    pub nodes: HashMap<u64, Node>,
    pub rafts: Rafts,
}

/// The receiving side's metrics of `target`'s partition `p`: what `from` sent.
fn received(groups: &Groups, target: u64, p: u32, from: u64, rpc: Rpc, entries: u64, ok: bool) {
    if let Some(gm) = groups
        .read()
        .ok()
        .and_then(|g| g.get(&(target, p)).cloned())
    {
        record_received(&gm, rpc, from, entries, ok); // metrics
    }
}

impl Cluster {
    /// Start every node's Raft of every partition and elect a leader for each.
    pub async fn start() -> Result<Cluster, Box<dyn std::error::Error>> {
        let config = Arc::new(Config::default().validate()?);
        let rafts: Rafts = Arc::default();
        let groups: Groups = Arc::default(); // metrics
        let mut nodes = HashMap::new();
        for id in NODES {
            let registry = Registry::new();
            let metrics = ShopMetrics::register(&registry, id)?; // metrics
            for p in 0..PARTITIONS {
                let gm = GroupMetrics::new(&metrics, TOPIC, p); // metrics
                groups
                    .write()
                    .map_err(|_| "poisoned")?
                    .insert((id, p), gm.clone()); // metrics
                let net = Net {
                    rafts: rafts.clone(),
                    groups: groups.clone(),
                    source: id,
                    partition: p,
                };
                let network = InstrumentedNetwork {
                    inner: net,
                    metrics: gm.clone(),
                }; // metrics
                let log = InstrumentedLogStore::new(LogStore::default(), gm.clone()); // metrics
                let sm = InstrumentedStateMachine::new(StateMachine::default(), gm.clone()); // metrics
                let raft = Raft::new(id, config.clone(), network, log, sm).await?;
                watch(&raft, gm); // metrics
                rafts.write().map_err(|_| "poisoned")?.insert((id, p), raft);
            }
            nodes.insert(id, Node { registry, metrics });
        }
        let members: std::collections::BTreeMap<u64, BasicNode> =
            NODES.iter().map(|&id| (id, BasicNode::default())).collect();
        for p in 0..PARTITIONS {
            raft(&rafts, 1, p)?.initialize(members.clone()).await?;
        }
        Ok(Cluster { nodes, rafts })
    }

    /// Write `n` orders to partition `p` through its leader; the shop counts them.
    pub async fn write(&self, p: u32, n: usize) -> Result<(), Box<dyn std::error::Error>> {
        let leader = raft(&self.rafts, 1, p)?
            .wait(None)
            .metrics(|m| m.current_leader.is_some(), "leader")
            .await?;
        let id = leader.current_leader.ok_or("no leader")?;
        let raft = raft(&self.rafts, id, p)?;
        let gm = GroupMetrics::new(&self.nodes[&id].metrics, TOPIC, p); // metrics
        let mut proposals = Proposals::new(&gm); // metrics
        let orders = self.nodes[&id].metrics.partition(TOPIC, p); // metrics
        for i in 0..n {
            proposals.client_write(&raft, format!("order-{i}")).await?; // metrics
            orders.orders_applied_total().inc(); // metrics
        }
        Ok(())
    }

    pub async fn shutdown(self) {
        let rafts: Vec<Raft<DemoConfig>> = self
            .rafts
            .read()
            .map(|r| r.values().cloned().collect())
            .unwrap_or_default();
        for r in rafts {
            let _ = r.shutdown().await;
        }
    }
}

fn raft(rafts: &Rafts, id: u64, p: u32) -> Result<Raft<DemoConfig>, Box<dyn std::error::Error>> {
    let r = rafts.read().map_err(|_| "poisoned")?;
    Ok(r.get(&(id, p)).cloned().ok_or("no such raft")?)
}

/// The in-process network of one partition: a call on the target's `Raft`.
struct Net {
    rafts: Rafts,
    groups: Groups,
    source: u64,
    partition: u32,
}

struct Conn {
    rafts: Rafts,
    groups: Groups,
    source: u64,
    target: u64,
    partition: u32,
}

impl Conn {
    fn received(&self, rpc: Rpc, entries: u64, ok: bool) {
        received(
            &self.groups,
            self.target,
            self.partition,
            self.source,
            rpc,
            entries,
            ok,
        ); // metrics
    }

    fn target(&self) -> Result<Raft<DemoConfig>, Unreachable> {
        raft(&self.rafts, self.target, self.partition)
            .map_err(|e| Unreachable::new(&std::io::Error::other(e.to_string())))
    }
}

impl RaftNetworkFactory<DemoConfig> for Net {
    type Network = Conn;
    async fn new_client(&mut self, target: u64, _node: &BasicNode) -> Conn {
        let (rafts, groups) = (self.rafts.clone(), self.groups.clone());
        Conn {
            rafts,
            groups,
            source: self.source,
            target,
            partition: self.partition,
        }
    }
}

type RpcResult<T, E = RaftError<u64>> = Result<T, RPCError<u64, BasicNode, E>>;

impl RaftNetwork<DemoConfig> for Conn {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<DemoConfig>,
        _: RPCOption,
    ) -> RpcResult<AppendEntriesResponse<u64>> {
        let entries = rpc.entries.len() as u64;
        let r = self.target()?.append_entries(rpc).await;
        self.received(Rpc::AppendEntries, entries, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn vote(&mut self, rpc: VoteRequest<u64>, _: RPCOption) -> RpcResult<VoteResponse<u64>> {
        let r = self.target()?.vote(rpc).await;
        self.received(Rpc::RequestVote, 0, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<DemoConfig>,
        _: RPCOption,
    ) -> RpcResult<InstallSnapshotResponse<u64>, RaftError<u64, InstallSnapshotError>> {
        let r = self.target()?.install_snapshot(rpc).await;
        self.received(Rpc::InstallSnapshot, 0, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }
}
