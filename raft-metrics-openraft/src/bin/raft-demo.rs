//! A Raft cluster in one process, fed into raft-metrics: 3 nodes, each hosting one openraft group
//! per topic-partition, an in-process network in which a stopped node is unreachable, a steady
//! write load, and `GET /metrics` (detailed) and `GET /metrics/summary` per node.
//!
//! `cargo run -p raft-metrics-openraft --features demo --bin raft-demo -- --duration 60 --chaos`

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser};
use openraft::error::{
    Fatal, InstallSnapshotError, RPCError, RaftError, RemoteError, ReplicationClosed,
    StreamingError, Unreachable,
};
use openraft::network::{RPCOption, RaftNetwork, RaftNetworkFactory};
use openraft::raft::{
    AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest, InstallSnapshotResponse,
    SnapshotResponse, VoteRequest, VoteResponse,
};
use openraft::storage::Snapshot;
use openraft::{BasicNode, Config, Raft, SnapshotPolicy, Vote};
use raft_metrics::http::{Endpoint, Server};
use raft_metrics::{RaftMetrics, Rpc};
use raft_metrics_openraft::mem::{DemoConfig, LogStore, StateMachine};
use raft_metrics_openraft::{
    batch::{Proposals, Receiver},
    watch, GroupMetrics, InstrumentedLogStore, InstrumentedNetwork, InstrumentedStateMachine,
};

#[derive(Parser, Debug, Clone)]
#[command(
    about = "A 3-node openraft cluster (one Raft group per topic-partition) exporting raft-metrics"
)]
struct Args {
    /// Nodes in the cluster (the schema's peer budget allows 8).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=8))]
    nodes: u64,
    /// Topics; each has --partitions Raft groups (the schema's budget: 100).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=100))]
    topics: u32,
    /// Raft groups per topic (the schema's budget: 64).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=64))]
    partitions: u32,
    /// First node's /metrics port; node i listens on base + i - 1.
    #[arg(long, default_value_t = 9101)]
    port: u16,
    /// Address to bind the /metrics servers to.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Stop after this many seconds (default: until Ctrl-C).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    duration: Option<u64>,
    /// Now and then stop a node that leads some partition, and restart it.
    #[arg(long)]
    chaos: bool,
    /// Writes per second per partition, up to 1,000,000 (0: as fast as each group commits).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    rate: u64,
    /// Stop node N after --stop-after seconds and start it again after --restart-after.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=8))]
    stop_node: Option<u64>,
    #[arg(long, default_value_t = 20)]
    stop_after: u64,
    #[arg(long, default_value_t = 60)]
    restart_after: u64,
    /// Feed no metrics (to measure their overhead with the same binary): no instrumented
    /// network or state machine, no metrics watcher, no proposal metrics.
    #[arg(long)]
    no_metrics: bool,
}

type Key = (u64, usize);

/// The in-process network: who is up, and every node's Raft of every group.
#[derive(Default)]
struct Router {
    rafts: RwLock<HashMap<Key, Raft<DemoConfig>>>,
    metrics: RwLock<HashMap<Key, GroupMetrics>>,
    down: RwLock<HashSet<u64>>,
}

impl Router {
    fn target(
        &self,
        source: u64,
        target: u64,
        group: usize,
    ) -> Result<Raft<DemoConfig>, Unreachable> {
        let down = self
            .down
            .read()
            .map_or(true, |d| d.contains(&source) || d.contains(&target));
        let raft = self
            .rafts
            .read()
            .ok()
            .and_then(|r| r.get(&(target, group)).cloned());
        match raft {
            Some(r) if !down => Ok(r),
            _ => Err(Unreachable::new(&std::io::Error::new(
                std::io::ErrorKind::ConnectionRefused,
                format!("node {target} is down"),
            ))),
        }
    }

    /// Metrics of `node`'s Raft of `group` (none with --no-metrics).
    fn group_metrics(&self, node: u64, group: usize) -> Option<GroupMetrics> {
        self.metrics.read().ok()?.get(&(node, group)).cloned()
    }

    /// The receiving side of `target`'s `group` for RPCs from `from` (none with --no-metrics).
    fn receiver(&self, target: u64, group: usize, from: u64) -> Option<Receiver> {
        let metrics = self.metrics.read().ok()?;
        metrics
            .get(&(target, group))
            .map(|m| Receiver::new(m, from))
    }
}

struct Net {
    router: Arc<Router>,
    source: u64,
    group: usize,
}

struct Conn {
    router: Arc<Router>,
    source: u64,
    target: u64,
    group: usize,
    /// The target's receiving side of this connection (the demo has no server to keep it).
    receiver: Option<Receiver>,
}

impl Conn {
    fn received(&mut self, rpc: Rpc, entries: u64, ok: bool) {
        if self.receiver.is_none() {
            self.receiver = self.router.receiver(self.target, self.group, self.source);
        }
        if let Some(r) = &mut self.receiver {
            r.record(rpc, entries, ok);
        }
    }
}

impl RaftNetworkFactory<DemoConfig> for Net {
    type Network = Conn;
    async fn new_client(&mut self, target: u64, _node: &BasicNode) -> Conn {
        Conn {
            router: self.router.clone(),
            source: self.source,
            target,
            group: self.group,
            receiver: None,
        }
    }
}

impl RaftNetwork<DemoConfig> for Conn {
    async fn append_entries(
        &mut self,
        rpc: AppendEntriesRequest<DemoConfig>,
        _option: RPCOption,
    ) -> Result<AppendEntriesResponse<u64>, RPCError<u64, BasicNode, RaftError<u64>>> {
        let raft = self.router.target(self.source, self.target, self.group)?;
        let entries = rpc.entries.len() as u64;
        let r = raft.append_entries(rpc).await;
        self.received(Rpc::AppendEntries, entries, r.is_ok());
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn vote(
        &mut self,
        rpc: VoteRequest<u64>,
        _option: RPCOption,
    ) -> Result<VoteResponse<u64>, RPCError<u64, BasicNode, RaftError<u64>>> {
        let raft = self.router.target(self.source, self.target, self.group)?;
        let r = raft.vote(rpc).await;
        self.received(Rpc::RequestVote, 0, r.is_ok());
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn install_snapshot(
        &mut self,
        rpc: InstallSnapshotRequest<DemoConfig>,
        _option: RPCOption,
    ) -> Result<
        InstallSnapshotResponse<u64>,
        RPCError<u64, BasicNode, RaftError<u64, InstallSnapshotError>>,
    > {
        let raft = self.router.target(self.source, self.target, self.group)?;
        let r = raft.install_snapshot(rpc).await;
        self.received(Rpc::InstallSnapshot, 0, r.is_ok());
        r.map_err(|e| RPCError::RemoteError(RemoteError::new(self.target, e)))
    }

    async fn full_snapshot(
        &mut self,
        vote: Vote<u64>,
        snapshot: Snapshot<DemoConfig>,
        _cancel: impl std::future::Future<Output = ReplicationClosed> + Send + 'static,
        _option: RPCOption,
    ) -> Result<SnapshotResponse<u64>, StreamingError<DemoConfig, Fatal<u64>>> {
        let raft = self.router.target(self.source, self.target, self.group)?;
        let r = raft.install_full_snapshot(vote, snapshot).await;
        self.received(Rpc::InstallSnapshot, 0, r.is_ok());
        r.map_err(|e| StreamingError::RemoteError(RemoteError::new(self.target, e)))
    }
}

struct Group {
    topic: String,
    partition: u32,
}

struct Cluster {
    args: Args,
    router: Arc<Router>,
    groups: Vec<Group>,
    metrics: HashMap<u64, RaftMetrics>,
    config: Arc<Config>,
    /// Each running node's `/metrics` endpoint: dropped when the node stops, as with its process.
    servers: Mutex<HashMap<u64, Server>>,
}

impl Cluster {
    /// Start node `id`'s Raft of every group, with fresh storage (a restarted node catches up
    /// from its peers, by log replication or snapshot).
    async fn start_node(&self, id: u64) -> Result<(), Box<dyn std::error::Error>> {
        let node_metrics = &self.metrics[&id];
        for (gi, g) in self.groups.iter().enumerate() {
            let gm = GroupMetrics::new(node_metrics, &g.topic, g.partition);
            let net = Net {
                router: self.router.clone(),
                source: id,
                group: gi,
            };
            let log = LogStore::default();
            let raft = if self.args.no_metrics {
                Raft::new(id, self.config.clone(), net, log, StateMachine::default()).await?
            } else {
                let net = InstrumentedNetwork {
                    inner: net,
                    metrics: gm.clone(),
                };
                let log = InstrumentedLogStore::new(log, gm.clone());
                let sm = InstrumentedStateMachine::new(StateMachine::default(), gm.clone());
                Raft::new(id, self.config.clone(), net, log, sm).await?
            };
            if !self.args.no_metrics {
                watch(&raft, gm.clone());
                // The receiving side records too (nothing of it with --no-metrics).
                self.router
                    .metrics
                    .write()
                    .map_err(|_| "poisoned")?
                    .insert((id, gi), gm);
            }
            self.router
                .rafts
                .write()
                .map_err(|_| "poisoned")?
                .insert((id, gi), raft);
        }
        Ok(())
    }

    /// Every group as `topic/partition`.
    fn partitions(&self) -> Vec<String> {
        self.groups
            .iter()
            .map(|g| format!("{}/{}", g.topic, g.partition))
            .collect()
    }

    async fn stop_node(&self, id: u64) {
        if let Ok(mut d) = self.router.down.write() {
            d.insert(id);
        }
        let rafts: Vec<Raft<DemoConfig>> = match self.router.rafts.write() {
            Ok(mut r) => (0..self.groups.len())
                .filter_map(|g| r.remove(&(id, g)))
                .collect(),
            Err(_) => Vec::new(),
        };
        for r in rafts {
            let _ = r.shutdown().await;
        }
        // Its metrics go with it: Prometheus sees the target down.
        let server = self.servers.lock().ok().and_then(|mut s| s.remove(&id));
        drop(server);
    }

    /// Serves node `id`'s `/metrics` and `/metrics/summary` (nothing fed with --no-metrics).
    fn serve(&self, id: u64) -> std::io::Result<SocketAddr> {
        let addr = SocketAddr::new(self.args.bind, self.args.port + id as u16 - 1);
        let server = Endpoint::new(self.metrics[&id].clone()).serve(addr)?;
        let bound = server.local_addr();
        if let Ok(mut s) = self.servers.lock() {
            s.insert(id, server);
        }
        Ok(bound)
    }

    async fn restart_node(&self, id: u64) -> Result<(), Box<dyn std::error::Error>> {
        self.start_node(id).await?;
        if let Ok(mut d) = self.router.down.write() {
            d.remove(&id);
        }
        self.serve(id)?;
        Ok(())
    }

    /// The node leading `group` (by its own account) and its Raft.
    fn leader_of(&self, group: usize) -> Option<(u64, Raft<DemoConfig>)> {
        let rafts = self.router.rafts.read().ok()?;
        (1..=self.args.nodes).find_map(|n| {
            let r = rafts.get(&(n, group))?;
            let leads = r.metrics().borrow().current_leader == Some(n);
            leads.then(|| (n, r.clone()))
        })
    }

    /// The first running node holding `group`, and its Raft.
    fn replica_of(&self, group: usize) -> Option<(u64, Raft<DemoConfig>)> {
        let rafts = self.router.rafts.read().ok()?;
        (1..=self.args.nodes).find_map(|n| rafts.get(&(n, group)).map(|r| (n, r.clone())))
    }

    fn leaders(&self) -> Vec<Option<u64>> {
        (0..self.groups.len())
            .map(|g| self.leader_of(g).map(|(n, _)| n))
            .collect()
    }
}

impl Args {
    /// Parses the command line; a value that cannot work exits with a message and status 2.
    fn parse_checked() -> Args {
        let args = Args::parse();
        let fail = |msg: String| -> ! {
            Args::command()
                .error(clap::error::ErrorKind::ValueValidation, msg)
                .exit()
        };
        if u64::from(args.port) + args.nodes - 1 > u64::from(u16::MAX) {
            fail(format!(
                "--port {}: nodes listen on port..port+{}, past 65535",
                args.port,
                args.nodes - 1
            ));
        }
        if let Some(n) = args.stop_node.filter(|n| *n > args.nodes) {
            fail(format!(
                "--stop-node {n}: the cluster has {} nodes",
                args.nodes
            ));
        }
        if args.stop_node.is_some() && args.restart_after <= args.stop_after {
            fail(format!(
                "--restart-after {} must be later than --stop-after {}",
                args.restart_after, args.stop_after
            ));
        }
        args
    }

    /// Time between writes to one partition; `None` for a closed loop.
    fn write_interval(&self) -> Option<Duration> {
        (self.rate > 0).then(|| Duration::from_nanos(1_000_000_000 / self.rate))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse_checked();
    let config = Arc::new(
        Config {
            cluster_name: "raft-demo".into(),
            heartbeat_interval: 100,
            election_timeout_min: 400,
            election_timeout_max: 800,
            snapshot_policy: SnapshotPolicy::LogsSinceLast(500),
            max_in_snapshot_log_to_keep: 100,
            ..Default::default()
        }
        .validate()?,
    );
    let groups: Vec<Group> = (0..args.topics)
        .flat_map(|t| {
            (0..args.partitions).map(move |p| Group {
                topic: format!("topic-{t}"),
                partition: p,
            })
        })
        .collect();
    let metrics: HashMap<u64, RaftMetrics> =
        (1..=args.nodes).map(|n| (n, RaftMetrics::new(n))).collect();
    let cluster = Arc::new(Cluster {
        args: args.clone(),
        router: Arc::new(Router::default()),
        groups,
        metrics,
        config,
        servers: Mutex::new(HashMap::new()),
    });
    for n in 1..=args.nodes {
        cluster.start_node(n).await?;
    }
    // Membership grows the way a real cluster does: start with all nodes but the last as
    // voters, add the last as a learner, then promote it.
    let last = args.nodes;
    let first_voters: BTreeSet<u64> = (1..last.max(2)).collect();
    let members: BTreeSet<u64> = (1..=last).collect();
    for g in 0..cluster.groups.len() {
        let first = cluster
            .router
            .rafts
            .read()
            .map_err(|_| "poisoned")?
            .get(&(1, g))
            .cloned();
        let Some(r) = first else { continue };
        r.initialize(first_voters.clone()).await?;
        if last > first_voters.len() as u64 {
            // Leading, with the first membership committed (the leader's blank entry is 1).
            r.wait(Some(Duration::from_secs(10)))
                .current_leader(1, "node 1 leads after initialize")
                .await?;
            r.wait(Some(Duration::from_secs(10)))
                .applied_index_at_least(Some(1), "initial membership committed")
                .await?;
            r.add_learner(last, BasicNode::default(), true).await?;
            r.change_membership(members.clone(), false).await?;
        }
    }
    for n in 1..=args.nodes {
        let addr = cluster.serve(n)?;
        println!("node {n}: http://{addr}/metrics (summary: /metrics/summary)");
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    println!("dashboard: {}", root.join("dashboards/raft.json").display());
    println!(
        "alert rules: {}",
        root.join("alerts/raft-alerts.yml").display()
    );

    // Write load: every partition's leader gets `rate` writes per second.
    let writes = Arc::new(AtomicU64::new(0));
    let mut loads = Vec::new();
    for g in 0..cluster.groups.len() {
        let c = cluster.clone();
        let writes = writes.clone();
        loads.push(tokio::spawn(async move {
            // --rate 0: closed loop, as fast as the group commits (for throughput runs).
            let mut tick = c.args.write_interval().map(tokio::time::interval);
            let mut i = 0u64;
            // The leader's proposal metrics for this group, made again when leadership moves.
            let mut proposals: Option<(u64, Proposals)> = None;
            loop {
                match tick.as_mut() {
                    Some(t) => {
                        t.tick().await;
                    }
                    None => tokio::task::yield_now().await,
                }
                // No node leads: the client's write reaches the first running replica, which
                // refuses it (it forwards to a leader it does not have), as a client sees.
                let Some((leader_id, leader)) = c.leader_of(g).or_else(|| c.replica_of(g)) else {
                    continue;
                };
                i += 1;
                let write = format!("key{}=v{i}", i % 16);
                if c.args.no_metrics {
                    let _ = leader.client_write(write).await;
                } else {
                    let p = match &mut proposals {
                        Some((id, p)) if *id == leader_id => p,
                        _ => {
                            let gm = c.router.group_metrics(leader_id, g);
                            let Some(gm) = gm else { continue };
                            &mut proposals.insert((leader_id, Proposals::new(&gm))).1
                        }
                    };
                    let _ = p.client_write(&leader, write).await;
                }
                writes.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }

    let started = Instant::now();
    let deadline = args.duration.map(Duration::from_secs);
    let mut last_writes = 0;
    let mut stopped: Option<(u64, Instant)> = None;
    let mut next_chaos = Instant::now() + Duration::from_secs(15);
    let mut status = tokio::time::interval(Duration::from_secs(2));
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = status.tick() => {}
        }
        let elapsed = started.elapsed();
        if deadline.is_some_and(|d| elapsed >= d) {
            break;
        }
        // Load tasks loop forever: one that ended has failed, and the run means nothing.
        if let Some(i) = loads.iter().position(|h| h.is_finished()) {
            let failure = match loads.swap_remove(i).await {
                Err(e) => e.to_string(),
                Ok(()) => "ended".to_string(),
            };
            return Err(format!("write load of partition group {i} failed: {failure}").into());
        }
        // Scripted stop / restart of one node (the live test uses it).
        if let Some(n) = args.stop_node {
            let secs = elapsed.as_secs();
            let down = cluster.router.down.read().is_ok_and(|d| d.contains(&n));
            if secs >= args.stop_after && secs < args.restart_after && !down {
                println!("stopping node {n}");
                cluster.stop_node(n).await;
                // Ground truth for the live tests: every group has every node as a voter, so
                // each runs with a voter down (under-replicated) until the node returns.
                println!(
                    "ground truth: under_replicated while node {n} is down: {}",
                    cluster.partitions().join(" ")
                );
            } else if secs >= args.restart_after && down {
                println!("restarting node {n}");
                cluster.restart_node(n).await?;
            }
        }
        if args.chaos {
            match stopped {
                None if Instant::now() >= next_chaos => {
                    if let Some(n) = cluster.leaders().into_iter().flatten().next() {
                        println!("chaos: stopping node {n}, a leader");
                        cluster.stop_node(n).await;
                        stopped = Some((n, Instant::now()));
                    }
                }
                Some((n, at)) if at.elapsed() >= Duration::from_secs(10) => {
                    println!("chaos: restarting node {n}");
                    cluster.restart_node(n).await?;
                    stopped = None;
                    next_chaos = Instant::now() + Duration::from_secs(20);
                }
                _ => {}
            }
        }
        let w = writes.load(Ordering::Relaxed);
        let leaders: Vec<String> = cluster
            .leaders()
            .iter()
            .map(|l| l.map_or("-".into(), |n| n.to_string()))
            .collect();
        println!(
            "{:>5.0}s  commits/s {:>6.0}  leaders [{}]",
            elapsed.as_secs_f64(),
            (w - last_writes) as f64 / 2.0,
            leaders.join(" ")
        );
        last_writes = w;
    }
    let total = writes.load(Ordering::Relaxed);
    println!(
        "done: {total} writes in {:.1}s ({:.0}/s)",
        started.elapsed().as_secs_f64(),
        total as f64 / started.elapsed().as_secs_f64()
    );
    Ok(())
}
