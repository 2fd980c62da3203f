//! A raft-rs cluster in one process, fed into raft-metrics: 3 nodes, each driving one RawNode
//! per topic-partition from its own thread, in-process mailboxes in which a stopped node is
//! unreachable, a steady write load, and `GET /metrics` (detailed) and `GET /metrics/summary`
//! per node.
//!
//! `cargo run -p raft-metrics-raft-rs --features demo --bin raft-rs-demo -- --duration 60 --chaos`

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser};
use protobuf::Message as _;
use raft::eraftpb::{
    ConfChange, ConfChangeType, ConfState, Entry, EntryType, Message, MessageType, Snapshot,
};
use raft::storage::MemStorage;
use raft::{Config, RawNode, SnapshotStatus, StateRole, Storage};
use raft_metrics::http::{Endpoint, Server};
use raft_metrics::{ProposalFailure, RaftMetrics};
use raft_metrics_raft_rs::{GroupMetrics, MeteredStorage, Observer};

#[derive(Parser, Debug, Clone)]
#[command(
    about = "A 3-node raft-rs cluster (one RawNode per topic-partition) exporting raft-metrics"
)]
struct Args {
    /// Nodes in the cluster (the schema's peer budget allows 8).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(2..=8))]
    nodes: u64,
    /// Topics; each has --partitions Raft groups (the schema's budget: 100).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=100))]
    topics: u32,
    /// Raft groups per topic (the schema's budget: 64).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=64))]
    partitions: u32,
    /// First node's /metrics port; node i listens on base + i - 1.
    #[arg(long, default_value_t = 9201)]
    port: u16,
    /// Address to bind the /metrics servers to.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Stop after this many seconds (default: until killed).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    duration: Option<u64>,
    /// Now and then stop a node that leads some partition, and restart it 10 s later.
    #[arg(long)]
    chaos: bool,
    /// Writes per second per partition, up to 100,000 (0: one in flight per partition, as
    /// fast as it commits).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(0..=100_000))]
    rate: u64,
    /// Stop node N after --stop-after seconds and start it again after --restart-after.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=8))]
    stop_node: Option<u64>,
    #[arg(long, default_value_t = 20)]
    stop_after: u64,
    #[arg(long, default_value_t = 60)]
    restart_after: u64,
    /// Feed no metrics (to measure their overhead with the same binary).
    #[arg(long)]
    no_metrics: bool,
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

    fn write_interval(&self) -> Option<Duration> {
        (self.rate > 0).then(|| Duration::from_nanos(1_000_000_000 / self.rate))
    }
}

/// One tick of raft-rs's logical clock; elections after 10-20 ticks, heartbeats every 3.
const TICK: Duration = Duration::from_millis(100);
/// Compact a group's log once this many entries are applied past the last compaction.
const COMPACT_EVERY: u64 = 500;
const KEEP_ENTRIES: u64 = 100;

/// A message to a node's group.
type Envelope = (usize, Message);

/// What the nodes share: mailboxes, who is down, each group's leader, the write count.
struct Cluster {
    args: Args,
    groups: Vec<(String, u32)>,
    mailboxes: Vec<Sender<Envelope>>,
    down: RwLock<HashSet<u64>>,
    leaders: Vec<AtomicU64>,
    writes: AtomicU64,
    metrics: Vec<Option<RaftMetrics>>,
}

impl Cluster {
    fn is_down(&self, node: u64) -> bool {
        self.down.read().map_or(true, |d| d.contains(&node))
    }

    fn leaders(&self) -> Vec<u64> {
        self.leaders
            .iter()
            .map(|l| l.load(Ordering::Relaxed))
            .collect()
    }
}

/// The log a group writes: plain `MemStorage`, or the metered one.
trait Log: Storage + Clone + Send + 'static {
    fn append(&self, ents: &[Entry]) -> raft::Result<()>;
    fn compact(&self, index: u64) -> raft::Result<()>;
    fn apply_snapshot(&self, s: Snapshot) -> raft::Result<()>;
    fn mem(&self) -> &MemStorage;
}

impl Log for MemStorage {
    fn append(&self, ents: &[Entry]) -> raft::Result<()> {
        self.wl().append(ents)
    }
    fn compact(&self, index: u64) -> raft::Result<()> {
        self.wl().compact(index)
    }
    fn apply_snapshot(&self, s: Snapshot) -> raft::Result<()> {
        self.wl().apply_snapshot(s)
    }
    fn mem(&self) -> &MemStorage {
        self
    }
}

impl Log for MeteredStorage<MemStorage> {
    fn append(&self, ents: &[Entry]) -> raft::Result<()> {
        MeteredStorage::append(self, ents)
    }
    fn compact(&self, index: u64) -> raft::Result<()> {
        MeteredStorage::compact(self, index)
    }
    fn apply_snapshot(&self, s: Snapshot) -> raft::Result<()> {
        MeteredStorage::apply_snapshot(self, s)
    }
    fn mem(&self) -> &MemStorage {
        self.inner()
    }
}

/// What survives a node's restart: its storage (a disk), its state machine and its mailbox.
struct Durable<L> {
    logs: Vec<L>,
    applied: Vec<u64>,
    mailbox: Receiver<Envelope>,
}

/// One group on a running node.
struct Group<L: Log> {
    raw: RawNode<L>,
    log: L,
    observer: Option<Observer>,
    applied: u64,
    compacted: u64,
    next_write: Instant,
    /// With --rate 0, the index of the one write in flight.
    in_flight: Option<u64>,
}

fn raft_config(id: u64, applied: u64) -> Config {
    Config {
        id,
        election_tick: 10,
        heartbeat_tick: 3,
        applied,
        max_size_per_msg: 1 << 20,
        max_inflight_msgs: 256,
        pre_vote: true,
        check_quorum: true,
        ..Default::default()
    }
}

/// Voters first, the last node a learner: it is promoted once a group has a leader.
fn first_conf(nodes: u64) -> ConfState {
    ConfState::from(((1..nodes).collect::<Vec<_>>(), vec![nodes]))
}

fn start_node<L: Log>(
    c: Arc<Cluster>,
    id: u64,
    durable: Durable<L>,
) -> raft::Result<JoinHandle<Durable<L>>> {
    let logger = slog::Logger::root(slog::Discard, slog::o!());
    let mut groups = Vec::new();
    for (g, log) in durable.logs.into_iter().enumerate() {
        let mut raw = RawNode::new(&raft_config(id, durable.applied[g]), log.clone(), &logger)?;
        let observer = c.metrics[id as usize - 1].as_ref().map(|m| {
            let (topic, partition) = &c.groups[g];
            GroupMetrics::new(m, topic, *partition).map(Observer::new)
        });
        let observer = observer
            .transpose()
            .map_err(|e| raft::Error::ConfigInvalid(e.to_string()))?;
        if id == 1 && raw.raft.raft_log.last_index() == 0 {
            // A fresh cluster: node 1 campaigns at once instead of waiting for a timeout.
            raw.campaign()?;
        }
        groups.push(Group {
            raw,
            log,
            observer,
            applied: durable.applied[g],
            compacted: 0,
            next_write: Instant::now(),
            in_flight: None,
        });
    }
    let mailbox = durable.mailbox;
    Ok(std::thread::spawn(move || {
        run_node(&c, id, &mut groups, &mailbox);
        for leader in &c.leaders {
            let _ = leader.compare_exchange(id, 0, Ordering::Relaxed, Ordering::Relaxed);
        }
        Durable {
            applied: groups.iter().map(|g| g.applied).collect(),
            logs: groups.into_iter().map(|g| g.log).collect(),
            mailbox,
        }
    }))
}

/// The node's loop until it is stopped: messages, ticks, writes, ready rounds.
fn run_node<L: Log>(c: &Cluster, id: u64, groups: &mut [Group<L>], mailbox: &Receiver<Envelope>) {
    let mut next_tick = Instant::now() + TICK;
    while !c.is_down(id) {
        let wait = next_tick.saturating_duration_since(Instant::now());
        match mailbox.recv_timeout(wait.min(Duration::from_millis(5))) {
            Ok(first) => {
                for (g, msg) in std::iter::once(first).chain(mailbox.try_iter()) {
                    let Some(group) = groups.get_mut(g) else {
                        continue;
                    };
                    // A message raft refuses (stale, from a removed peer) is dropped, as on a
                    // real network.
                    let _ = match &mut group.observer {
                        Some(o) => o.step(&mut group.raw, msg),
                        None => group.raw.step(msg),
                    };
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let ticked = Instant::now() >= next_tick;
        if ticked {
            next_tick += TICK;
            for group in groups.iter_mut() {
                group.raw.tick();
            }
        }
        for (g, group) in groups.iter_mut().enumerate() {
            write(c, id, g, group);
            let had_ready = group.raw.has_ready();
            if had_ready {
                if let Err(e) = ready(c, id, g, group) {
                    eprintln!("node {id} group {g}: {e}");
                }
            }
            // After each ready round and tick, as the observer asks: not on every idle pass.
            if let Some(o) = group.observer.as_mut().filter(|_| had_ready || ticked) {
                o.observe(&group.raw);
            }
            let leading = group.raw.raft.state == StateRole::Leader;
            if leading {
                c.leaders[g].store(id, Ordering::Relaxed);
                promote_learner(c, group);
            } else {
                let _ = c.leaders[g].compare_exchange(id, 0, Ordering::Relaxed, Ordering::Relaxed);
            }
        }
    }
}

/// The leader of a group writes at --rate (or one write in flight with --rate 0). While no
/// node leads the group, the client's writes reach the first running replica instead, which
/// refuses them as not the leader (as TiKV's followers do): they fail, as the client sees.
fn write<L: Log>(c: &Cluster, id: u64, g: usize, group: &mut Group<L>) {
    let leading = group.raw.raft.state == StateRole::Leader;
    if !leading {
        group.in_flight = None;
        let entry = (1..=c.args.nodes).find(|n| !c.is_down(*n)) == Some(id);
        let leaderless = c.leaders[g].load(Ordering::Relaxed) == 0;
        // At a fixed rate only: a closed loop (--rate 0) has no write waiting.
        let paced = c.args.write_interval().is_some();
        if leaderless && entry && paced && due(c, group) {
            if let Some(o) = &mut group.observer {
                o.refused(ProposalFailure::NotLeader);
            }
        }
        return;
    }
    if !due(c, group) {
        return;
    }
    let data = format!("key{}=v", group.applied % 16).into_bytes();
    let proposed = match &mut group.observer {
        Some(o) => o.propose(&mut group.raw, vec![], data),
        None => group.raw.propose(vec![], data),
    };
    if proposed.is_ok() {
        group.in_flight = Some(group.raw.raft.raft_log.last_index());
    }
}

/// Whether the group's next write is due: at --rate, or once the one in flight committed.
fn due<L: Log>(c: &Cluster, group: &mut Group<L>) -> bool {
    let now = Instant::now();
    match c.args.write_interval() {
        Some(every) if now >= group.next_write => {
            group.next_write = (group.next_write + every).max(now - Duration::from_secs(1));
            true
        }
        Some(_) => false,
        None => group
            .in_flight
            .is_none_or(|i| group.raw.raft.raft_log.committed >= i),
    }
}

/// Once a group has a leader whose first entries are committed, promote the learner.
fn promote_learner<L: Log>(c: &Cluster, group: &mut Group<L>) {
    let last = c.args.nodes;
    let r = &group.raw.raft;
    if !r.prs().conf().learners().contains(&last)
        || r.has_pending_conf()
        || r.raft_log.committed < 2
    {
        return;
    }
    let mut cc = ConfChange::default();
    cc.set_change_type(ConfChangeType::AddNode);
    cc.node_id = last;
    let _ = group.raw.propose_conf_change(vec![], cc);
}

/// One ready round, in raft-rs's order: send, snapshot, apply, persist, advance.
fn ready<L: Log>(c: &Cluster, id: u64, g: usize, group: &mut Group<L>) -> raft::Result<()> {
    let mut rd = group.raw.ready();
    send(c, id, g, group, rd.take_messages());
    if !rd.snapshot().is_empty() {
        let snap = rd.snapshot().clone();
        group.applied = snap.get_metadata().index;
        group.compacted = group.applied;
        group.log.apply_snapshot(snap)?;
    }
    apply(c, group, rd.take_committed_entries())?;
    group.log.append(rd.entries())?;
    if let Some(hs) = rd.hs() {
        group.log.mem().wl().set_hardstate(hs.clone());
    }
    send(c, id, g, group, rd.take_persisted_messages());
    let mut light = group.raw.advance(rd);
    if let Some(commit) = light.commit_index() {
        group.log.mem().wl().mut_hard_state().commit = commit;
    }
    send(c, id, g, group, light.take_messages());
    apply(c, group, light.take_committed_entries())?;
    group.raw.advance_apply();
    if group.applied >= group.compacted + COMPACT_EVERY + KEEP_ENTRIES {
        group.compacted = group.applied - KEEP_ENTRIES;
        group.log.compact(group.compacted)?;
    }
    Ok(())
}

fn apply<L: Log>(c: &Cluster, group: &mut Group<L>, entries: Vec<Entry>) -> raft::Result<()> {
    if let Some(o) = &mut group.observer {
        o.committed(&entries);
    }
    for e in entries {
        group.applied = e.index;
        match e.get_entry_type() {
            EntryType::EntryConfChange => {
                let mut cc = ConfChange::default();
                cc.merge_from_bytes(&e.data)?;
                let cs = group.raw.apply_conf_change(&cc)?;
                group.log.mem().wl().set_conf_state(cs);
            }
            // The demo's state machine counts the writes its leaders see committed.
            EntryType::EntryNormal
                if !e.data.is_empty() && group.raw.raft.state == StateRole::Leader =>
            {
                c.writes.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Delivers messages; to a stopped node (or from one) they are unreachable.
fn send<L: Log>(c: &Cluster, id: u64, g: usize, group: &mut Group<L>, msgs: Vec<Message>) {
    for msg in msgs {
        let to = msg.to;
        let snapshot = msg.get_msg_type() == MessageType::MsgSnapshot;
        let up = !c.is_down(to) && !c.is_down(id);
        if let Some(o) = &mut group.observer {
            if up {
                o.sent(&msg);
            } else {
                o.unreachable(&msg);
            }
        }
        let delivered = up
            && c.mailboxes
                .get(to as usize - 1)
                .is_some_and(|m| m.send((g, msg)).is_ok());
        if !delivered {
            group.raw.report_unreachable(to);
        }
        if snapshot {
            let status = if delivered {
                SnapshotStatus::Finish
            } else {
                SnapshotStatus::Failure
            };
            if let Some(o) = &mut group.observer {
                o.snapshot_reported(to, status);
            }
            group.raw.report_snapshot(to, status);
        }
    }
}

/// Serves one node's `/metrics` and `/metrics/summary` (an empty exposition with
/// `--no-metrics`) until the returned server is dropped, as the node's process would.
fn serve(c: &Cluster, node: u64) -> std::io::Result<Server> {
    let addr = SocketAddr::new(c.args.bind, c.args.port + node as u16 - 1);
    let endpoint = match &c.metrics[node as usize - 1] {
        Some(m) => Endpoint::new(m.clone()),
        None => Endpoint::new(RaftMetrics::new(node)),
    };
    endpoint.serve(addr)
}

/// Each node's thread, or what it left when stopped.
enum Node<L> {
    Running(JoinHandle<Durable<L>>),
    Stopped(Durable<L>),
    Gone,
}

fn stop<L: Log>(c: &Cluster, id: u64, nodes: &mut [Node<L>]) {
    if let Ok(mut d) = c.down.write() {
        d.insert(id);
    }
    let slot = &mut nodes[id as usize - 1];
    if let Node::Running(h) = std::mem::replace(slot, Node::Gone) {
        if let Ok(d) = h.join() {
            *slot = Node::Stopped(d);
        }
    }
}

fn restart<L: Log>(c: &Arc<Cluster>, id: u64, nodes: &mut [Node<L>]) -> raft::Result<()> {
    let slot = &mut nodes[id as usize - 1];
    if let Node::Stopped(d) = std::mem::replace(slot, Node::Gone) {
        if let Ok(mut down) = c.down.write() {
            down.remove(&id);
        }
        // Messages sent before the stop are stale: a restarted process has none.
        while d.mailbox.try_recv().is_ok() {}
        *slot = Node::Running(start_node(c.clone(), id, d)?);
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse_checked();
    let groups: Vec<(String, u32)> = (0..args.topics)
        .flat_map(|t| (0..args.partitions).map(move |p| (format!("topic-{t}"), p)))
        .collect();
    let metrics: Vec<Option<RaftMetrics>> = (1..=args.nodes)
        .map(|n| (!args.no_metrics).then(|| RaftMetrics::new(n)))
        .collect();
    let (senders, receivers): (Vec<_>, Vec<_>) = (0..args.nodes).map(|_| mpsc::channel()).unzip();
    let c = Arc::new(Cluster {
        leaders: groups.iter().map(|_| AtomicU64::new(0)).collect(),
        groups,
        mailboxes: senders,
        down: RwLock::new(HashSet::new()),
        writes: AtomicU64::new(0),
        metrics,
        args: args.clone(),
    });
    if args.no_metrics {
        let plain = |_| c.groups.iter().map(|_| MemStorage::new()).collect();
        return run(&c, receivers, (1..=args.nodes).map(plain).collect());
    }
    // Each node's log per group, metered into the node's metrics.
    let metered = |m: &RaftMetrics| {
        c.groups
            .iter()
            .map(|(t, p)| {
                GroupMetrics::new(m, t, *p).map(|g| MeteredStorage::new(MemStorage::new(), g))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let logs = c
        .metrics
        .iter()
        .flatten()
        .map(metered)
        .collect::<Result<_, _>>()?;
    run(&c, receivers, logs)
}

/// Starts the nodes and their /metrics, then steers stops, restarts and progress lines.
fn run<L: Log>(
    c: &Arc<Cluster>,
    receivers: Vec<Receiver<Envelope>>,
    logs: Vec<Vec<L>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let args = &c.args;
    let mut nodes = Vec::new();
    let mut servers: Vec<Option<Server>> = Vec::new();
    let each = (1..=args.nodes).zip(receivers).zip(logs);
    for ((id, mailbox), logs) in each {
        for log in &logs {
            log.mem().wl().set_conf_state(first_conf(args.nodes));
        }
        let durable = Durable {
            applied: vec![0; logs.len()],
            logs,
            mailbox,
        };
        nodes.push(Node::Running(start_node(c.clone(), id, durable)?));
        let server = serve(c, id)?;
        println!(
            "node {id}: http://{}/metrics (summary: /metrics/summary)",
            server.local_addr()
        );
        servers.push(Some(server));
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    println!("dashboard: {}", root.join("dashboards/raft.json").display());
    println!(
        "alert rules: {}",
        root.join("alerts/raft-alerts.yml").display()
    );

    let started = Instant::now();
    let mut last_commits = 0;
    let mut stopped: Option<(u64, Instant)> = None;
    let mut next_chaos = Instant::now() + Duration::from_secs(15);
    loop {
        std::thread::sleep(Duration::from_secs(2));
        let elapsed = started.elapsed();
        if args
            .duration
            .is_some_and(|d| elapsed >= Duration::from_secs(d))
        {
            break;
        }
        if let Some(i) = nodes
            .iter()
            .position(|n| matches!(n, Node::Running(h) if h.is_finished()))
        {
            return Err(format!("node {} ended by itself", i + 1).into());
        }
        if let Some(n) = args.stop_node {
            let secs = elapsed.as_secs();
            if secs >= args.stop_after && secs < args.restart_after && !c.is_down(n) {
                println!("stopping node {n}");
                stop(c, n, &mut nodes);
                servers[n as usize - 1] = None;
            } else if secs >= args.restart_after && c.is_down(n) {
                println!("restarting node {n}");
                restart(c, n, &mut nodes)?;
                servers[n as usize - 1] = Some(serve(c, n)?);
            }
        }
        if args.chaos {
            match stopped {
                None if Instant::now() >= next_chaos => {
                    if let Some(n) = c.leaders().into_iter().find(|l| *l != 0) {
                        println!("chaos: stopping node {n}, a leader");
                        stop(c, n, &mut nodes);
                        servers[n as usize - 1] = None;
                        stopped = Some((n, Instant::now()));
                    }
                }
                Some((n, at)) if at.elapsed() >= Duration::from_secs(10) => {
                    println!("chaos: restarting node {n}");
                    restart(c, n, &mut nodes)?;
                    servers[n as usize - 1] = Some(serve(c, n)?);
                    stopped = None;
                    next_chaos = Instant::now() + Duration::from_secs(20);
                }
                _ => {}
            }
        }
        let commits = c.writes.load(Ordering::Relaxed);
        let leaders: Vec<String> = c
            .leaders()
            .iter()
            .map(|l| if *l == 0 { "-".into() } else { l.to_string() })
            .collect();
        println!(
            "{:>5.0}s  commits/s {:>6.0}  leaders [{}]",
            elapsed.as_secs_f64(),
            commits.saturating_sub(last_commits) as f64 / 2.0,
            leaders.join(" ")
        );
        last_commits = commits;
    }
    let total = c.writes.load(Ordering::Relaxed);
    println!(
        "done: {total} writes in {:.1}s ({:.0}/s)",
        started.elapsed().as_secs_f64(),
        total as f64 / started.elapsed().as_secs_f64()
    );
    Ok(())
}
