//! The live scenario both engines' demos go through: the demo cluster scraped by a real
//! Prometheus (Debian's `prometheus`, which the test command installs) at both levels, with the
//! generated scrape jobs, alert and recording rules, 1 s scrape and evaluation. Checks: every
//! metric has series at the detailed level and every summary family at the summary level; no
//! series is stored twice; every dashboard query returns data; `promtool check metrics` is
//! clean on both levels of every node; stopping node 1, which leads every partition at first,
//! counts elections, moves leadership and fires the node-down and under-replication alerts
//! (from the summary level), which resolve after its restart.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::cluster::{root, wait_until, Guard, Prometheus};
use super::coverage::{
    assert_covered, dashboard_queries, sample_names, schema_series_names, scrape_jobs,
    summary_series_names,
};
use super::promtool::check_metrics;

const STOP_AFTER: u64 = 40;
const RESTART_AFTER: u64 = 130;
const DURATION: u64 = 200;
const STOPPED: u64 = 1; // node 1 initializes every group, so it leads them at first

/// A demo binary (with the demos' common flags) and where its run listens.
pub struct Demo {
    pub bin: &'static str,
    /// Names the run's directory under target/tests.
    pub name: &'static str,
    /// Node i's /metrics port is base_port + i - 1.
    pub base_port: u16,
    pub prometheus: &'static str,
}

/// Alert name → state (`pending` / `firing`) as Prometheus reports them now.
fn alerts(prom: &Prometheus) -> Vec<(String, String)> {
    prom.alerts()
        .iter()
        .map(|x| {
            (
                x["labels"]["alertname"].as_str().unwrap_or("").to_string(),
                x["state"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// One level's exposition, straight from a node.
fn fetch(target: &str, path: &str) -> String {
    ureq::get(&format!("http://{target}{path}"))
        .call()
        .and_then(|mut r| r.body_mut().read_to_string())
        .unwrap_or_else(|e| panic!("{target}{path}: {e}"))
}

pub fn run(demo: &Demo) {
    let prometheus = Path::new("/usr/bin/prometheus");
    let promtool = Path::new("/usr/bin/promtool");
    assert!(
        prometheus.exists() && promtool.exists(),
        "prometheus not found: run ./scripts/test.sh, which installs Debian's prometheus package"
    );
    let dir = root().join("target/tests").join(demo.name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let cluster = Guard(
        Command::new(demo.bin)
            .args([
                "--port",
                &demo.base_port.to_string(),
                "--duration",
                &DURATION.to_string(),
            ])
            .args(["--stop-node", &STOPPED.to_string()])
            .args(["--stop-after", &STOP_AFTER.to_string()])
            .args(["--restart-after", &RESTART_AFTER.to_string()])
            .stdout(std::fs::File::create(dir.join("demo.log")).unwrap())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the demo starts"),
    );
    let started = Instant::now();
    let targets: Vec<String> = (0..3)
        .map(|i| format!("127.0.0.1:{}", demo.base_port + i))
        .collect();
    let config = serde_json::json!({
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "rule_files": [
            root().join("alerts/raft-alerts.yml").canonicalize().unwrap(),
            root().join("alerts/raft-recording-rules.yml").canonicalize().unwrap(),
            root().join("alerts/raft-slo-rules.yml").canonicalize().unwrap(),
        ],
        "scrape_configs": scrape_jobs(&targets, "demo"),
    });
    let prom = Prometheus::start(&dir, demo.prometheus, &config, &[]);
    let query = |q: &str| prom.query(q);
    let total = |q: &str| prom.value(q);
    wait_until("all three targets up", Duration::from_secs(30), || {
        query("up{job=\"chronik-raft\"} == 1").len() == 3
    });
    // Let load, elections and rates accumulate before checking.
    std::thread::sleep(Duration::from_secs(20));

    // 3. promtool check metrics on both levels of each node.
    for t in &targets {
        for path in ["/metrics", "/metrics/summary"] {
            let (ok, report) = check_metrics(&fetch(t, path));
            assert!(
                ok && report.trim().is_empty(),
                "promtool check metrics {t}{path}: {report}"
            );
        }
    }
    println!(
        "promtool check metrics: clean on both levels of {} nodes",
        targets.len()
    );
    let status = ureq::get(&format!("http://{}/nope", targets[0])).call();
    assert!(
        matches!(status, Err(ureq::Error::StatusCode(404))),
        "bad paths get 404: {status:?}"
    );

    // 4. Stop a leader: elections, new leaders, alerts pending then firing; restart: resolved.
    let elections_before = total("sum(chronik_raft_elections_total{node!=\"1\"})");
    let until_stop = Duration::from_secs(STOP_AFTER).saturating_sub(started.elapsed());
    std::thread::sleep(until_stop);
    wait_until("node 1 seen down", Duration::from_secs(20), || {
        !query("up{job=\"chronik-raft\"} == 0").is_empty()
    });
    wait_until("every partition led again", Duration::from_secs(30), || {
        query("sum by (topic, partition) (chronik_raft_has_leader{node!=\"1\"}) == 2").len() == 6
    });
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    wait_until(
        "RaftNodeDown and RaftUnderReplicated firing",
        Duration::from_secs(100),
        || {
            seen.extend(alerts(&prom));
            let firing = |n: &str| seen.contains(&(n.to_string(), "firing".to_string()));
            firing("RaftNodeDown") && firing("RaftUnderReplicated")
        },
    );
    assert!(
        seen.contains(&("RaftNodeDown".into(), "pending".into())),
        "pending before firing: {seen:?}"
    );
    // 1. Every metric has series at the detailed level, and every summary family at the
    // summary level (RPC errors exist only once a node is down, so this runs during the
    // outage). The detailed level is read from the nodes themselves: its job does not store
    // the families the summary job holds as they are.
    let schema = schema_series_names();
    let detailed: BTreeSet<String> = targets[1..]
        .iter()
        .flat_map(|t| sample_names(&fetch(t, "/metrics")))
        .collect();
    assert_covered("detailed level, metrics", &schema, &detailed);
    let stored = |job: &str| -> BTreeSet<String> {
        let names = prom.names(job).into_iter();
        names.filter(|n| n.starts_with("chronik_raft_")).collect()
    };
    let summary = summary_series_names();
    assert_covered("summary level, families", &summary, &stored("chronik-raft"));
    // Each series is stored once: the detailed job holds none of the families the summary
    // job holds whole, and only those carry `partition` in the summary job.
    let schema_model = super::coverage::schema();
    let whole: BTreeSet<String> = raft_metrics_schema::scrape::same_at_both_levels(&schema_model)
        .iter()
        .map(|m| m.exposed.clone())
        .collect();
    let twice: Vec<String> = stored("chronik-raft-detailed")
        .into_iter()
        .filter(|n| whole.iter().any(|w| n.starts_with(w.as_str())))
        .collect();
    assert!(twice.is_empty(), "stored by both jobs: {twice:?}");
    let per_partition: BTreeSet<String> =
        query("count by (__name__) ({job=\"chronik-raft\", partition!=\"\"})")
            .iter()
            .filter_map(|r| r["metric"]["__name__"].as_str().map(str::to_string))
            .collect();
    // Named exceptions carry `partition` by design: the unhealthy partitions, by name.
    let named: BTreeSet<String> = schema_model
        .metrics
        .iter()
        .filter(|m| m.exceptions.is_some())
        .map(|m| m.exposed.clone())
        .collect();
    assert!(
        per_partition
            .iter()
            .all(|n| whole.contains(n) || named.contains(n)),
        "folded families with `partition` at the summary level: {per_partition:?}"
    );

    // 2. Every dashboard query returns data.
    let queries = dashboard_queries("demo", None);
    let empty: Vec<&(String, String)> = queries
        .iter()
        .filter(|(_, q)| query(q).is_empty())
        .collect();
    println!(
        "dashboard: {}/{} panel queries return data",
        queries.len() - empty.len(),
        queries.len()
    );
    assert!(empty.is_empty(), "queries without data: {empty:#?}");

    // 5. The outage burns error budget: the SLO rules record non-zero burn rates.
    let burn = |prom: &Prometheus| -> Vec<(String, f64)> {
        prom.query("max by (sloth_slo) (slo:current_burn_rate:ratio)")
            .iter()
            .filter_map(|r| {
                let slo = r["metric"]["sloth_slo"].as_str()?.to_string();
                let v: f64 = r["value"][1].as_str()?.parse().ok()?;
                Some((slo, v))
            })
            .collect()
    };
    let mut peak: Vec<(String, f64)> = Vec::new();
    wait_until("an SLO burns error budget", Duration::from_secs(60), || {
        peak = burn(&prom);
        peak.iter().any(|(_, v)| *v > 0.0)
    });
    let elections_after = total("sum(chronik_raft_elections_total{node!=\"1\"})");
    assert!(
        elections_after > elections_before,
        "elections counted: {elections_before} → {elections_after}"
    );
    std::thread::sleep(Duration::from_secs(RESTART_AFTER).saturating_sub(started.elapsed()));
    // After the restart the 5m burn rates come back down from their peaks during the outage.
    for (slo, now) in burn(&prom) {
        match peak.iter_mut().find(|(s, _)| *s == slo) {
            Some(p) => p.1 = p.1.max(now),
            None => peak.push((slo, now)),
        }
    }
    let burning: Vec<&(String, f64)> = peak.iter().filter(|(_, v)| *v > 0.0).collect();
    wait_until(
        "the burn rates come back down",
        Duration::from_secs(60),
        || {
            let now = burn(&prom);
            burning
                .iter()
                .all(|(slo, top)| now.iter().any(|(s, v)| s == slo && v < top))
        },
    );
    let resolved = wait_until(
        "alerts resolved after the restart",
        Duration::from_secs(90),
        || {
            !alerts(&prom)
                .iter()
                .any(|(n, _)| n == "RaftNodeDown" || n == "RaftUnderReplicated")
        },
    );

    println!();
    println!("| check | result |");
    println!("|---|---|");
    println!(
        "| metrics with series at the detailed level | {}/{} |",
        schema.len(),
        schema.len()
    );
    println!(
        "| families with series at the summary level | {}/{} |",
        summary.len(),
        summary.len()
    );
    println!(
        "| dashboard queries with data | {}/{} |",
        queries.len(),
        queries.len()
    );
    println!("| promtool check metrics | clean on both levels of 3 nodes |");
    println!("| elections during the outage | {elections_before} → {elections_after} |");
    println!(
        "| SLO burn rates (5m) at their peak in the outage, then lower after the restart | {} |",
        peak.iter()
            .map(|(s, v)| format!("{s} {v:.2}×"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "| alerts seen | {} |",
        seen.iter()
            .map(|(n, s)| format!("{n} {s}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "| RaftNodeDown, RaftUnderReplicated resolved | {:.0} s after the restart |",
        resolved.as_secs_f64()
    );
    drop(cluster);
    drop(prom);
    let _ = std::fs::remove_dir_all(&dir);
}
