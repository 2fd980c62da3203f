//! The global view, live: two demo clusters (`east`, `west`), each scraped at the summary level
//! only by its own Prometheus in agent mode with `external_labels: {cluster: ...}`,
//! remote-writing into a global Prometheus (`--web.enable-remote-write-receiver`) that
//! evaluates the generated alert and recording rules and sends alerts to a real Alertmanager
//! (Debian's), whose webhook receiver is a small HTTP server in this test. Node 1 of `east`,
//! which leads partitions, stops and comes back: the alerts that reach the receiver carry
//! `cluster="east"`, severity and runbook link; `west` raises none; every overview query
//! returns data from the summary level alone; the global view names exactly the partitions the
//! demo reports under-replicated (its ground truth), in the overview's table and in the
//! notification; all resolve, and the named partitions go, after the restart.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

mod support;
// Only the global views use it (its webhook receiver needs axum, a dev-dependency here alone).
#[path = "support/alerting.rs"]
mod alerting;

use alerting::{alertmanager, all_resolved, fired, notified, receiver};
use raft_metrics_schema::model::Level;
use support::cluster::{root, wait_until, Guard, Prometheus};
use support::coverage::{dashboard_queries, summary_job};

const EAST: u16 = 19141;
const WEST: u16 = 19151;
const GLOBAL: &str = "127.0.0.1:19163";
const ALERTMANAGER: &str = "127.0.0.1:19164";
const HOOK: &str = "127.0.0.1:19165";
const STOP_AFTER: u64 = 30;
const RESTART_AFTER: u64 = 120;
const DURATION: u64 = 200;

/// What a demo printed, line by line.
type Printed = Arc<Mutex<Vec<String>>>;

fn demo(port: u16, stop: bool) -> (Guard, Printed) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_raft-demo"));
    cmd.args([
        "--port",
        &port.to_string(),
        "--duration",
        &DURATION.to_string(),
    ]);
    if stop {
        cmd.args(["--stop-node", "1"])
            .args(["--stop-after", &STOP_AFTER.to_string()])
            .args(["--restart-after", &RESTART_AFTER.to_string()]);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo starts");
    let printed = Printed::default();
    if let Some(out) = child.stdout.take() {
        let keep = printed.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
    }
    (Guard(child), printed)
}

/// The partitions the demo says are under-replicated while its node is down.
fn ground_truth(printed: &Printed) -> Option<BTreeSet<String>> {
    let lines = printed.lock().unwrap();
    let line = lines
        .iter()
        .find(|l| l.starts_with("ground truth: under_replicated"))?;
    let (_, list) = line.split_once(": ")?.1.split_once(": ")?;
    Some(list.split_whitespace().map(str::to_string).collect())
}

/// `topic/partition` of each result of a query by topic and partition.
fn named(results: &[Value]) -> BTreeSet<String> {
    results
        .iter()
        .map(|r| {
            let l = |k: &str| r["metric"][k].as_str().unwrap_or("").to_string();
            format!("{}/{}", l("topic"), l("partition"))
        })
        .collect()
}

/// An agent that scrapes one cluster and remote-writes it, labelled, to the global Prometheus.
fn agent(dir: &Path, cluster: &str, addr: &str, port: u16) -> Prometheus {
    let targets: Vec<String> = (0..3).map(|i| format!("127.0.0.1:{}", port + i)).collect();
    let config = json!({
        "global": {"scrape_interval": "1s", "external_labels": {"cluster": cluster}},
        "scrape_configs": [summary_job(&targets)],
        "remote_write": [{"url": format!("http://{GLOBAL}/api/v1/write")}]
    });
    Prometheus::start(
        &dir.join(cluster),
        addr,
        &config,
        &["--enable-feature=agent"],
    )
}

/// The partitions the global view names, per condition, deduplicated over nodes.
const UNHEALTHY: &str = "group by (cluster, topic, partition, condition) (chronik_raft_unhealthy_partition{topic!=\"__overflow__\"})";

/// While east's node 1 is down, the global view (the summary level alone) names exactly the
/// partitions the demo reports under-replicated, none in west, and the notification of
/// RaftUnderReplicated names each topic's.
fn named_exceptions(global: &Prometheus, got: &alerting::Received, printed: &Printed) {
    let truth = ground_truth(printed).expect("the demo printed its ground truth");
    wait_until(
        "the global view names the demo's under-replicated partitions",
        Duration::from_secs(60),
        || {
            let rows = global.query(UNHEALTHY);
            let under: Vec<Value> = rows
                .iter()
                .filter(|r| r["metric"]["condition"] == "under_replicated")
                .cloned()
                .collect();
            named(&under) == truth && rows.iter().all(|r| r["metric"]["cluster"] == "east")
        },
    );
    // The notification names the partitions of its topic (up to five).
    let notes: Vec<String> = notified(got)
        .into_iter()
        .filter(|(n, _, s, _)| n == "RaftUnderReplicated" && s == "firing")
        .map(|(_, _, _, a)| {
            let topic = a["labels"]["topic"].as_str().unwrap_or("").to_string();
            let listed = a["annotations"]["partitions"]
                .as_str()
                .unwrap_or("")
                .to_string();
            let want: Vec<&String> = truth
                .iter()
                .filter(|p| p.starts_with(&format!("{topic}/")))
                .take(5)
                .collect();
            assert!(
                !want.is_empty() && want.iter().all(|p| listed.contains(p.as_str())),
                "RaftUnderReplicated for {topic} names {listed:?}, want {want:?}"
            );
            format!("{topic}: {listed}")
        })
        .collect();
    assert!(!notes.is_empty(), "RaftUnderReplicated notified");
    println!(
        "named in the global view: {} under-replicated partitions, as the demo reports; notified: {notes:?}",
        truth.len()
    );
}

// Minutes long: `scripts/test.sh` runs it.
#[test]
#[ignore = "two demo clusters, three Prometheus and an Alertmanager; run by scripts/test.sh"]
fn two_clusters_in_one_global_view_alert_with_the_right_cluster() {
    let dir = root().join("target/tests/global");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let got = receiver(HOOK);
    let _am = alertmanager(&dir, ALERTMANAGER, HOOK);
    let global = Prometheus::start(
        &dir.join("global"),
        GLOBAL,
        &json!({
            "global": {"evaluation_interval": "1s"},
            "rule_files": [
                root().join("alerts/raft-alerts.yml").canonicalize().unwrap(),
                root().join("alerts/raft-recording-rules.yml").canonicalize().unwrap(),
            root().join("alerts/raft-slo-rules.yml").canonicalize().unwrap(),
            ],
            "alerting": {"alertmanagers": [{"static_configs": [{"targets": [ALERTMANAGER]}]}]}
        }),
        &["--web.enable-remote-write-receiver"],
    );
    let (_east, east_printed) = demo(EAST, true);
    let (_west, _) = demo(WEST, false);
    let _agents = [
        agent(&dir, "east", "127.0.0.1:19161", EAST),
        agent(&dir, "west", "127.0.0.1:19162", WEST),
    ];
    wait_until(
        "both clusters arrive in the global view",
        Duration::from_secs(60),
        || {
            global
                .query("count by (cluster) (up{job=\"chronik-raft\"} == 1) == 3")
                .len()
                == 2
        },
    );
    println!("global view: both clusters' 3 nodes up");

    // East's node 1 stops: its alerts reach the receiver, with cluster east.
    wait_until(
        "RaftNodeDown and RaftUnderReplicated notified for east",
        Duration::from_secs(STOP_AFTER + 150),
        || fired(&got, "RaftNodeDown", "east") && fired(&got, "RaftUnderReplicated", "east"),
    );
    let all = notified(&got);
    for (name, cluster, _, a) in &all {
        assert_eq!(cluster, "east", "{name} notified for {cluster}: {a}");
        assert!(
            matches!(
                a["labels"]["severity"].as_str(),
                Some("critical" | "warning")
            ),
            "{name}: {a}"
        );
        let runbook = a["annotations"]["runbook_url"].as_str().unwrap_or("");
        assert!(
            runbook.ends_with(&format!("#{}", name.to_lowercase())),
            "{name}: runbook {runbook}"
        );
    }
    let names: BTreeSet<&str> = all.iter().map(|(n, _, _, _)| n.as_str()).collect();
    println!("notified while east's node 1 is down: {names:?}, all with cluster=\"east\"");
    named_exceptions(&global, &got, &east_printed);
    // The overview reads the summary level, all the global view has.
    let overview = dashboard_queries("east", Some(Level::Summary));
    let empty: Vec<&(String, String)> = overview
        .iter()
        .filter(|(_, q)| global.query(q).is_empty())
        .collect();
    assert!(
        empty.is_empty(),
        "overview queries without data: {empty:#?}"
    );
    println!(
        "overview from the summary level alone: {}/{} queries return data",
        overview.len(),
        overview.len()
    );
    // West raised nothing in the global Prometheus either (not even pending).
    let west: Vec<Value> = global
        .alerts()
        .into_iter()
        .filter(|a| a["labels"]["cluster"] == "west")
        .collect();
    assert!(west.is_empty(), "alerts for the healthy cluster: {west:#?}");

    // After the restart every notified alert is resolved.
    let took = wait_until(
        "every alert resolved",
        Duration::from_secs(RESTART_AFTER + 120),
        || all_resolved(&got),
    );
    let west_after = notified(&got).into_iter().filter(|x| x.1 != "east").count();
    assert_eq!(west_after, 0, "no notification for west at any time");
    wait_until(
        "no partition named unhealthy after the restart",
        Duration::from_secs(60),
        || global.query(UNHEALTHY).is_empty(),
    );
    println!(
        "| global view | {} notifications, every alert cluster=\"east\" with severity and runbook; resolved {} s into the wait after the restart |",
        got.lock().unwrap().len(),
        took.as_secs()
    );
}
