//! VictoriaMetrics, live, with Debian's packages: one demo cluster (`east`) scraped at both
//! levels by two `vmagent`s that share its targets (`-promscrape.cluster.membersCount=2`),
//! remote-writing with `cluster="east"` into a single-node `victoria-metrics`; `vmalert`
//! evaluates the generated alert, recording and SLO rules against it (writing recorded series
//! back) and notifies a real Alertmanager. A Prometheus scrapes the same targets with the same
//! rules, to compare the engines. Node 1, which leads partitions, stops and comes back: the
//! alerts that fire in the Prometheus tests reach the webhook with the same labels, every
//! overview query returns data through VictoriaMetrics' Prometheus API, all resolve after the
//! restart.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

#[path = "support/alerting.rs"]
mod alerting;
mod support;

use alerting::{alertmanager, all_resolved, fired, notified, receiver};
use raft_metrics_schema::model::Level;
use support::cluster::{root, wait_until, Guard, Prometheus};
use support::coverage::{dashboard_queries, scrape_jobs};

const EAST: u16 = 19181;
const VM: &str = "127.0.0.1:19191";
const VMALERT: &str = "127.0.0.1:19194";
const ALERTMANAGER: &str = "127.0.0.1:19195";
const HOOK: &str = "127.0.0.1:19196";
const PROMETHEUS: &str = "127.0.0.1:19197";
const STOP_AFTER: u64 = 30;
const RESTART_AFTER: u64 = 120;
const DURATION: u64 = 200;

fn bin(name: &str) -> &'static Path {
    let p: &'static Path = Box::leak(Path::new("/usr/bin").join(name).into_boxed_path());
    assert!(
        p.exists(),
        "{name} not found: run ./scripts/test.sh, which installs Debian's victoria-metrics"
    );
    p
}

fn run(dir: &Path, name: &str, program: &str, args: &[String]) -> Guard {
    std::fs::create_dir_all(dir).unwrap();
    Guard(
        Command::new(bin(program))
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join(format!("{name}.log"))).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("{name} starts: {e}")),
    )
}

fn rule_files() -> Vec<String> {
    [
        "raft-alerts.yml",
        "raft-recording-rules.yml",
        "raft-slo-rules.yml",
    ]
    .iter()
    .map(|f| {
        root()
            .join("alerts")
            .join(f)
            .canonicalize()
            .unwrap()
            .display()
            .to_string()
    })
    .collect()
}

/// Both levels' scrape jobs for east's nodes, labelled by the agents rather than the targets.
fn scrape_config(dir: &Path) -> std::path::PathBuf {
    let targets: Vec<String> = (0..3).map(|i| format!("127.0.0.1:{}", EAST + i)).collect();
    let mut jobs = scrape_jobs(&targets, "east");
    for j in &mut jobs {
        if let Some(statics) = j["static_configs"].as_array_mut() {
            for s in statics {
                s.as_object_mut().map(|o| o.remove("labels"));
            }
        }
    }
    let config = json!({"global": {"scrape_interval": "1s"}, "scrape_configs": jobs});
    let path = dir.join("scrape.yml");
    std::fs::write(&path, config.to_string()).unwrap();
    path
}

fn demo() -> Guard {
    Guard(
        Command::new(env!("CARGO_BIN_EXE_raft-demo"))
            .args([
                "--port",
                &EAST.to_string(),
                "--duration",
                &DURATION.to_string(),
            ])
            .args(["--stop-node", "1"])
            .args(["--stop-after", &STOP_AFTER.to_string()])
            .args(["--restart-after", &RESTART_AFTER.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the demo starts"),
    )
}

/// A recorded series' sum in each engine: (VictoriaMetrics, Prometheus).
fn both(vm: &Prometheus, prom: &Prometheus, q: &str) -> (f64, f64) {
    (vm.value(q), prom.value(q))
}

// Minutes long: `scripts/test.sh` runs it.
#[test]
#[ignore = "a demo cluster, VictoriaMetrics, two vmagents, vmalert, Prometheus and Alertmanager; run by scripts/test.sh"]
fn victoria_metrics_fires_and_resolves_the_same_alerts() {
    let dir = root().join("target/tests/victoria");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let got = receiver(HOOK);
    let _am = alertmanager(&dir, ALERTMANAGER, HOOK);
    let vm = Prometheus::api(
        VM,
        run(
            &dir,
            "victoria-metrics",
            "victoria-metrics",
            &[
                format!("-httpListenAddr={VM}"),
                format!("-storageDataPath={}", dir.join("vm").display()),
                "-retentionPeriod=1d".into(),
                // Recent samples are searchable at once (the default hides the last 30 s).
                "-search.latencyOffset=0s".into(),
                "-search.disableCache".into(),
            ],
        ),
    );
    let scrape = scrape_config(&dir);
    let _agents: Vec<Guard> = (0..2)
        .map(|i| {
            run(
                &dir,
                &format!("vmagent-{i}"),
                "vmagent",
                &[
                    format!("-httpListenAddr=127.0.0.1:{}", 19192 + i),
                    format!("-promscrape.config={}", scrape.display()),
                    "-promscrape.cluster.membersCount=2".into(),
                    format!("-promscrape.cluster.memberNum={i}"),
                    format!("-remoteWrite.url=http://{VM}/api/v1/write"),
                    "-remoteWrite.label=cluster=east".into(),
                    "-remoteWrite.flushInterval=1s".into(),
                    format!(
                        "-remoteWrite.tmpDataPath={}",
                        dir.join(format!("agent-{i}")).display()
                    ),
                ],
            )
        })
        .collect();
    let mut vmalert_args = vec![
        format!("-httpListenAddr={VMALERT}"),
        format!("-datasource.url=http://{VM}"),
        format!("-remoteWrite.url=http://{VM}"),
        format!("-notifier.url=http://{ALERTMANAGER}"),
        "-evaluationInterval=1s".into(),
    ];
    vmalert_args.extend(rule_files().into_iter().map(|f| format!("-rule={f}")));
    let _vmalert = run(&dir, "vmalert", "vmalert", &vmalert_args);
    let targets: Vec<String> = (0..3).map(|i| format!("127.0.0.1:{}", EAST + i)).collect();
    let prom = Prometheus::start(
        &dir.join("prometheus"),
        PROMETHEUS,
        &json!({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": rule_files(),
            "scrape_configs": scrape_jobs(&targets, "east"),
        }),
        &[],
    );
    let _east = demo();
    wait_until(
        "east's nodes up in VictoriaMetrics",
        Duration::from_secs(60),
        || vm.query("sum by (job) (up{cluster=\"east\"}) == 3").len() == 2,
    );

    // East's node 1 stops: its alerts reach the receiver, with cluster east.
    wait_until(
        "RaftNodeDown and RaftUnderReplicated notified through vmalert",
        Duration::from_secs(STOP_AFTER + 150),
        || fired(&got, "RaftNodeDown", "east") && fired(&got, "RaftUnderReplicated", "east"),
    );
    for (name, cluster, _, a) in notified(&got) {
        assert_eq!(cluster, "east", "{name}: {a}");
        assert!(a["labels"]["severity"].is_string(), "{name}: {a}");
        assert!(
            a["annotations"]["runbook_url"]
                .as_str()
                .is_some_and(|r| r.ends_with(&format!("#{}", name.to_lowercase()))),
            "{name}: {a}"
        );
    }
    // The same alert, the same labels as Prometheus raised from the same targets.
    let labels = |alerts: Vec<Value>, name: &str| -> Vec<Value> {
        alerts
            .into_iter()
            .filter(|a| a["labels"]["alertname"] == name && a["state"] == "firing")
            .map(|a| a["labels"].clone())
            .collect()
    };
    // The two engines evaluate a second or two apart: wait for vmalert's notification of each
    // topic Prometheus raised it for, rather than compare one moment.
    let by_vm = || -> Vec<Value> {
        notified(&got)
            .into_iter()
            .filter(|(n, _, s, _)| n == "RaftUnderReplicated" && s == "firing")
            .map(|(_, _, _, a)| {
                // vmalert adds its group's name; everything else must match.
                let mut l = a["labels"].clone();
                l.as_object_mut().map(|o| o.remove("alertgroup"));
                l
            })
            .collect()
    };
    wait_until(
        "vmalert notified RaftUnderReplicated with each label set Prometheus fires it with",
        Duration::from_secs(60),
        || {
            let (vm, by_prom) = (by_vm(), labels(prom.alerts(), "RaftUnderReplicated"));
            !by_prom.is_empty() && by_prom.iter().all(|l| vm.contains(l))
        },
    );

    // Every overview query returns data through VictoriaMetrics' Prometheus API.
    let overview = dashboard_queries("east", Some(Level::Summary));
    // VictoriaMetrics drops NaN from results where Prometheus returns it: a quantile of a
    // histogram with no observation yet (no snapshot installed) is empty there, not NaN.
    let nan_only = |q: &str| {
        let r = prom.query(q);
        !r.is_empty() && r.iter().all(|x| x["value"][1] == "NaN")
    };
    let empty: Vec<&(String, String)> = overview
        .iter()
        .filter(|(_, q)| vm.query(q).is_empty() && !nan_only(q))
        .collect();
    assert!(
        empty.is_empty(),
        "overview queries without data in VictoriaMetrics: {empty:#?}"
    );
    println!(
        "overview through VictoriaMetrics: {}/{} queries return data",
        overview.len(),
        overview.len()
    );

    // The engines on the same input. Over a window the data fills, they agree; over one it
    // does not fill yet (the 5m recordings of series younger than 5 minutes), Prometheus
    // divides its extrapolated increase by the whole window and MetricsQL by the time covered.
    println!("| series (sum) | VictoriaMetrics | Prometheus | ratio |\n|---|---|---|---|");
    let filled =
        "sum(rate(chronik_raft_committed_entries_total{cluster=\"east\", partition=\"\"}[30s]))";
    for q in [
        filled,
        "sum(cluster_node:chronik_raft_committed_entries:rate5m{cluster=\"east\"})",
        "sum(cluster_topic:chronik_raft_proposals:rate5m{cluster=\"east\"})",
        "max(slo:sli_error:ratio_rate5m{cluster=\"east\", sloth_slo=\"write_success\"})",
    ] {
        let (v, p) = both(&vm, &prom, q);
        assert!(
            v > 0.0 && p > 0.0,
            "{q}: VictoriaMetrics {v}, Prometheus {p}"
        );
        println!("| `{q}` | {v:.4} | {p:.4} | {:.3} |", v / p);
        if q == filled {
            assert!(
                (0.8..1.25).contains(&(v / p)),
                "{q}: VictoriaMetrics {v}, Prometheus {p}"
            );
        }
    }

    // After the restart every notified alert resolves (SLO alerts outlive an outage by their
    // short window by design, and are not waited for).
    let took = wait_until(
        "every alert resolved through vmalert",
        Duration::from_secs(RESTART_AFTER + 120),
        || all_resolved(&got),
    );
    println!(
        "| VictoriaMetrics | {} notifications, all cluster=\"east\"; resolved {} s into the wait after the restart |",
        got.lock().unwrap().len(),
        took.as_secs()
    );
}
