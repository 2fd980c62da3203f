//! The shop's Raft service, in miniature: three nodes in one process, one topic of two
//! partitions, one openraft group each. Its metrics come from its own schema
//! (`shop-metrics.toml`): the openraft adapter feeds the metrics it shares with raft-metrics'
//! schema, and the shop records its own `orders_applied_total`.
//!
//! Lines marked `// metrics` are all the glue the metrics need: without metrics they would
//! not be there (or would not mention metrics).

use std::collections::{BTreeMap, HashMap, HashSet};
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

/// Every node's Raft of every partition, with its metrics (for the receiving side).
type Rafts = Arc<RwLock<HashMap<(u64, u32), (Raft<DemoConfig>, GroupMetrics)>>>; // metrics

/// One node: its registry (what `/metrics` serves) and its metrics.
pub struct Node {
    pub registry: Registry,
    pub metrics: ShopMetrics, // metrics
}

/// The running cluster.
pub struct Cluster {
    pub nodes: HashMap<u64, Node>,
    rafts: Rafts,
    down: Down,
}

/// Nodes cut off from the network: every RPC to or from them fails.
type Down = Arc<RwLock<HashSet<u64>>>;

impl Cluster {
    /// Start every node's Raft of every partition and elect a leader for each.
    pub async fn start() -> Result<Cluster, Box<dyn std::error::Error>> {
        let config = Arc::new(Config::default().validate()?);
        let rafts: Rafts = Arc::default();
        let down: Down = Arc::default();
        let mut nodes = HashMap::new();
        for id in NODES {
            let registry = Registry::new();
            let metrics = ShopMetrics::register(&registry, id)?; // metrics
            for p in 0..PARTITIONS {
                let gm = GroupMetrics::new(&metrics, TOPIC, p); // metrics
                let inner = Net {
                    rafts: rafts.clone(),
                    down: down.clone(),
                    source: id,
                    partition: p,
                };
                let net = InstrumentedNetwork {
                    inner,
                    metrics: gm.clone(),
                }; // metrics
                let log = InstrumentedLogStore::new(LogStore::default(), gm.clone()); // metrics
                let sm = InstrumentedStateMachine::new(StateMachine::default(), gm.clone()); // metrics
                let raft = Raft::new(id, config.clone(), net, log, sm).await?;
                watch(&raft, gm.clone()); // metrics
                rafts
                    .write()
                    .map_err(|_| "poisoned")?
                    .insert((id, p), (raft, gm));
            }
            nodes.insert(id, Node { registry, metrics });
        }
        let members: BTreeMap<u64, BasicNode> =
            NODES.iter().map(|&id| (id, BasicNode::default())).collect();
        for p in 0..PARTITIONS {
            raft(&rafts, 1, p)?.0.initialize(members.clone()).await?;
        }
        Ok(Cluster { nodes, rafts, down })
    }

    /// Cut node `id` off the network (`false`: connect it again).
    pub fn cut_off(&self, id: u64, cut: bool) {
        if let Ok(mut d) = self.down.write() {
            if cut {
                d.insert(id);
            } else {
                d.remove(&id);
            }
        }
    }

    /// Write `n` orders to partition `p` through its leader; the shop counts them.
    pub async fn write(&self, p: u32, n: usize) -> Result<(), Box<dyn std::error::Error>> {
        let first = raft(&self.rafts, 1, p)?.0;
        let m = first
            .wait(None)
            .metrics(|m| m.current_leader.is_some(), "a leader")
            .await?;
        let id = m.current_leader.ok_or("no leader")?;
        let (leader, gm) = raft(&self.rafts, id, p)?;
        let mut proposals = Proposals::new(&gm); // metrics
        let orders = self.nodes[&id].metrics.partition(TOPIC, p); // metrics
        for i in 0..n {
            proposals
                .client_write(&leader, format!("order-{i}"))
                .await?; // metrics
            orders.orders_applied_total().inc(); // metrics
        }
        Ok(())
    }

    pub async fn shutdown(self) {
        let all: Vec<Raft<DemoConfig>> = match self.rafts.read() {
            Ok(r) => r.values().map(|(raft, _)| raft.clone()).collect(),
            Err(_) => Vec::new(),
        };
        for r in all {
            let _ = r.shutdown().await;
        }
    }
}

fn raft(
    rafts: &Rafts,
    id: u64,
    p: u32,
) -> Result<(Raft<DemoConfig>, GroupMetrics), Box<dyn std::error::Error>> {
    let r = rafts.read().map_err(|_| "poisoned")?;
    Ok(r.get(&(id, p)).cloned().ok_or("no such raft")?)
}

/// The in-process network of one partition: a call on the target's `Raft`.
struct Net {
    rafts: Rafts,
    down: Down,
    source: u64,
    partition: u32,
}

struct Conn {
    rafts: Rafts,
    down: Down,
    source: u64,
    target: u64,
    partition: u32,
}

impl Conn {
    fn target(&self) -> Result<(Raft<DemoConfig>, GroupMetrics), Unreachable> {
        let cut = self.down.read().map_or(true, |d| {
            d.contains(&self.source) || d.contains(&self.target)
        });
        let unreachable = |e: String| Unreachable::new(&std::io::Error::other(e));
        if cut {
            return Err(unreachable(format!("node {} is cut off", self.target)));
        }
        raft(&self.rafts, self.target, self.partition).map_err(|e| unreachable(e.to_string()))
    }
}

impl RaftNetworkFactory<DemoConfig> for Net {
    type Network = Conn;
    async fn new_client(&mut self, target: u64, _node: &BasicNode) -> Conn {
        Conn {
            rafts: self.rafts.clone(),
            down: self.down.clone(),
            source: self.source,
            target,
            partition: self.partition,
        }
    }
}

type RpcResult<T, E = RaftError<u64>> = Result<T, RPCError<u64, BasicNode, E>>;

// The receiving side: the target's metrics count what it received (`record_received`).
impl RaftNetwork<DemoConfig> for Conn {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<DemoConfig>,
        _: RPCOption,
    ) -> RpcResult<AppendEntriesResponse<u64>> {
        let (raft, gm) = self.target()?;
        let entries = rpc.entries.len() as u64; // metrics
        let r = raft.append_entries(rpc).await;
        record_received(&gm, Rpc::AppendEntries, self.source, entries, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn vote(&mut self, rpc: VoteRequest<u64>, _: RPCOption) -> RpcResult<VoteResponse<u64>> {
        let (raft, gm) = self.target()?;
        let r = raft.vote(rpc).await;
        record_received(&gm, Rpc::RequestVote, self.source, 0, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<DemoConfig>,
        _: RPCOption,
    ) -> RpcResult<InstallSnapshotResponse<u64>, RaftError<u64, InstallSnapshotError>> {
        let (raft, gm) = self.target()?;
        let r = raft.install_snapshot(rpc).await;
        record_received(&gm, Rpc::InstallSnapshot, self.source, 0, r.is_ok()); // metrics
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }
}
