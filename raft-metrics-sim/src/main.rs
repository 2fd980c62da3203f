//! `raft-metrics-sim`: N simulated Raft nodes with P partitions each, fed through the typed API
//! with plausible values (some partitions leaderless, under-replicated or lagging), each node
//! serving `/metrics` (detailed) and `/metrics/summary` on 127.0.0.1. No Raft runs underneath: this is the scale rig that a real
//! Prometheus scrapes with the generated rules (`scripts/scale.sh`).

mod feed;

use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Parser;
use raft_metrics::http::Endpoint;
use raft_metrics::RaftMetrics;

use feed::{Node, Shape};

#[derive(Parser, Debug)]
#[command(name = "raft-metrics-sim", version, about)]
struct Args {
    /// Simulated nodes, each on its own port.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=9))]
    nodes: u64,
    /// Partitions per node (64 per topic; the schema's budget is 6400).
    #[arg(long, default_value_t = 6400, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    partitions: u32,
    /// Port of node 1; node N listens on PORT + N - 1.
    #[arg(long, default_value_t = 9301)]
    port: u16,
    /// Stop after this many seconds (0: run until Ctrl-C).
    #[arg(long, default_value_t = 0)]
    duration: u64,
    /// Never gzip, even when the scraper asks (to measure what gzip saves).
    #[arg(long)]
    no_gzip: bool,
    /// One partition in this many has a follower far behind (more make the nodes name more
    /// unhealthy partitions than their budget).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(4..))]
    lagging_every: u32,
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let shape = Shape {
        nodes: args.nodes,
        partitions: args.partitions,
        lagging_every: args.lagging_every,
    };
    let started = Instant::now();
    let mut nodes = Vec::new();
    let mut servers = Vec::new();
    for id in 1..=args.nodes {
        let metrics = RaftMetrics::new(id);
        let port = args
            .port
            .checked_add((id - 1) as u16)
            .ok_or("--port too high")?;
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        servers.push(
            Endpoint::new(metrics.clone())
                .gzip(!args.no_gzip)
                .serve(addr)?,
        );
        nodes.push(Node::new(id, shape, metrics));
        println!("node {id}: http://{addr}/metrics (summary: /metrics/summary)");
    }
    println!(
        "{} nodes x {} partitions ready in {:.1} s",
        args.nodes,
        args.partitions,
        started.elapsed().as_secs_f64()
    );
    // One step a second for every node, on a thread of its own: the feed never waits on a scrape.
    let stepper = std::thread::spawn(move || loop {
        let t = Instant::now();
        for n in &mut nodes {
            n.step(now());
        }
        std::thread::sleep(Duration::from_secs(1).saturating_sub(t.elapsed()));
    });
    let _ = stepper;
    if args.duration > 0 {
        tokio::time::sleep(Duration::from_secs(args.duration)).await;
    } else {
        tokio::signal::ctrl_c().await?;
    }
    drop(servers);
    Ok(())
}
