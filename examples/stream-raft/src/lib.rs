//! A streaming system's Raft crate in miniature (tikv raft-rs with `prost-codec`), fed into
//! raft-metrics through its own schema: `stream-metrics.toml`, which implements the adapters'
//! contract and adds two metrics. Each node hosts one replica per topic-partition and serves
//! `/metrics` and `/metrics/summary` (raft-metrics' `http` feature) with the team's own
//! prometheus 0.13 registry on the same endpoint.

mod net;
mod replica;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use prometheus::{Encoder, Registry, TextEncoder};
use raft_metrics::http::{Endpoint, Server};
use raft_metrics::Level;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::task::JoinHandle;

use net::Envelope;
pub use net::Network;
pub use replica::{Replica, WriteError};

raft_metrics_macros::include_schema!("stream-metrics.toml", implements = raft_metrics); // metrics

/// The cluster's shape.
#[derive(Clone, Debug)]
pub struct Options {
    pub nodes: u64,
    pub topics: Vec<String>,
    pub partitions: i32,
    /// Node i serves its metrics on `base_port + i - 1`.
    pub base_port: u16,
    /// Writes per second to each partition's leader.
    pub rate: u64,
}

struct Node {
    replicas: Arc<Vec<Arc<Replica>>>,
    inbox: Arc<tokio::sync::Mutex<UnboundedReceiver<Envelope>>>,
    metrics: StreamMetrics, // metrics
    /// The team's own registry (prometheus 0.13), served beside the schema's families.
    registry: prometheus::Registry,
    running: Option<(JoinHandle<()>, Server)>,
}

/// A running cluster; nodes stop and restart with their replicas (their disk) kept.
pub struct Cluster {
    opts: Options,
    net: Network,
    nodes: Mutex<HashMap<u64, Node>>,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

impl Cluster {
    pub fn start(opts: Options) -> Result<Arc<Cluster>, Error> {
        let (net, mut inboxes) = Network::new(opts.nodes);
        let voters: Vec<u64> = (1..=opts.nodes).collect();
        let mut nodes = HashMap::new();
        for id in 1..=opts.nodes {
            let metrics = StreamMetrics::new(id); // metrics
            let mut replicas = Vec::new();
            for topic in &opts.topics {
                for p in 0..opts.partitions {
                    let r = Replica::new(id, voters.clone(), topic, p, &metrics, net.clone())?;
                    if id == 1 {
                        r.campaign()?;
                    }
                    replicas.push(Arc::new(r));
                }
            }
            let registry = Registry::new();
            let up = prometheus::IntGauge::new("stream_broker_up", "The broker runs.")?;
            up.set(1);
            registry.register(Box::new(up))?;
            let inbox = inboxes.remove(&id).ok_or("no inbox")?;
            let node = Node {
                replicas: Arc::new(replicas),
                inbox: Arc::new(tokio::sync::Mutex::new(inbox)),
                metrics,
                registry,
                running: None,
            };
            nodes.insert(id, node);
        }
        let cluster = Arc::new(Cluster {
            opts,
            net,
            nodes: Mutex::new(nodes),
        });
        for id in 1..=cluster.opts.nodes {
            cluster.run(id)?;
        }
        Ok(cluster)
    }

    /// Where node `id` serves its metrics.
    pub fn addr(&self, id: u64) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.opts.base_port + id as u16 - 1))
    }

    fn run(&self, id: u64) -> Result<(), Error> {
        let mut nodes = self.nodes.lock().unwrap_or_else(|e| e.into_inner());
        let node = nodes.get_mut(&id).ok_or("no such node")?;
        let server = serve(&node.metrics, node.registry.clone(), self.addr(id))?; // metrics
        self.net.set_down(id, false);
        let task = tokio::spawn(drive(
            node.replicas.clone(),
            node.inbox.clone(),
            self.opts.rate,
        ));
        node.running = Some((task, server));
        Ok(())
    }

    /// Stops node `id` as a crash would: its loop, its endpoint and its network go.
    pub fn stop(&self, id: u64) {
        self.net.set_down(id, true);
        let mut nodes = self.nodes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((task, server)) = nodes.get_mut(&id).and_then(|n| n.running.take()) {
            task.abort();
            drop(server);
        }
    }

    pub fn restart(&self, id: u64) -> Result<(), Error> {
        self.run(id)
    }

    /// Each partition's leader, by node id (0: none seen).
    pub fn leaders(&self) -> Vec<u64> {
        let nodes = self.nodes.lock().unwrap_or_else(|e| e.into_inner());
        let count = self.opts.topics.len() * self.opts.partitions as usize;
        (0..count)
            .map(|i| {
                let leads = |(id, n): (&u64, &Node)| {
                    (n.running.is_some() && n.replicas[i].is_leader()).then_some(*id)
                };
                nodes.iter().find_map(leads).unwrap_or(0)
            })
            .collect()
    }
}

/// The node's endpoint: the schema's families, and the team's own registry beside them.
/// Metrics glue: all 8 lines of this function.
fn serve(m: &StreamMetrics, registry: Registry, addr: SocketAddr) -> std::io::Result<Server> {
    let own = move |level: Level, out: &mut Vec<u8>| {
        if level == Level::Detailed {
            let _ = TextEncoder::new().encode(&registry.gather(), out);
        }
    };
    Endpoint::new(m.clone()).also(own).serve(addr)
}

/// A node's loop: messages, ticks every 100 ms, and writes to the partitions it leads.
async fn drive(
    replicas: Arc<Vec<Arc<Replica>>>,
    inbox: Arc<tokio::sync::Mutex<UnboundedReceiver<Envelope>>>,
    rate: u64,
) {
    let mut inbox = inbox.lock().await;
    while inbox.try_recv().is_ok() {} // what was sent while it was down is gone
    let by_key: HashMap<(String, i32), Arc<Replica>> = replicas
        .iter()
        .map(|r| ((r.topic.clone(), r.partition), r.clone()))
        .collect();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let mut write = tokio::time::interval(Duration::from_micros(1_000_000 / rate.max(1)));
    let mut writes = 0u64;
    loop {
        tokio::select! {
            Some((key, msg)) = inbox.recv() => {
                if let Some(r) = by_key.get(&key) {
                    let _ = r.step(msg);
                    r.ready();
                }
            }
            _ = tick.tick() => {
                for r in replicas.iter() {
                    r.tick();
                    r.ready();
                }
            }
            _ = write.tick() => {
                writes += 1;
                for r in replicas.iter() {
                    // Clients write to leaders; now and then one reaches a follower.
                    if r.is_leader() || writes.is_multiple_of(50) {
                        let r = r.clone();
                        tokio::spawn(async move {
                            let _ = r.propose_and_wait(b"record".to_vec()).await;
                        });
                    }
                }
                for r in replicas.iter() {
                    let _ = r.ready_non_blocking();
                }
            }
        }
    }
}
