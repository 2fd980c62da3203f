//! A real Alertmanager (Debian's) and the webhook receiver its notifications reach, for the
//! live tests of a global view (Prometheus or VictoriaMetrics).

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::cluster::Guard;

/// What the webhook receiver got: Alertmanager's notifications, as posted.
pub type Received = Arc<Mutex<Vec<Value>>>;

/// The webhook receiver: an HTTP server (axum) on its own runtime, keeping every post.
/// The receiver listening on `hook`.
pub fn receiver(hook: &str) -> Received {
    let got: Received = Arc::default();
    let store = got.clone();
    let hook = hook.to_string();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let app = axum::Router::new().route(
                "/",
                axum::routing::post(move |body: String| {
                    let store = store.clone();
                    async move {
                        if let Ok(v) = serde_json::from_str::<Value>(&body) {
                            store.lock().unwrap().push(v);
                        }
                        "ok"
                    }
                }),
            );
            let listener = tokio::net::TcpListener::bind(hook).await.unwrap();
            ready_tx.send(()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    ready_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the receiver listens");
    got
}

/// Alertmanager on `addr`, notifying the receiver at `hook` of every group at once.
pub fn alertmanager(dir: &Path, addr: &str, hook: &str) -> Guard {
    let bin = Path::new("/usr/bin/prometheus-alertmanager");
    assert!(
        bin.exists(),
        "alertmanager not found: run ./scripts/test.sh, which installs Debian's prometheus-alertmanager"
    );
    let config = json!({
        "route": {
            "receiver": "hook",
            "group_by": ["alertname", "cluster"],
            "group_wait": "1s",
            "group_interval": "1s",
            "repeat_interval": "1h"
        },
        "receivers": [{"name": "hook", "webhook_configs": [{"url": format!("http://{hook}/"), "send_resolved": true}]}]
    });
    let d = dir.join("alertmanager");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("alertmanager.yml"), config.to_string()).unwrap();
    Guard(
        Command::new(bin)
            .arg(format!(
                "--config.file={}",
                d.join("alertmanager.yml").display()
            ))
            .arg(format!("--storage.path={}", d.join("data").display()))
            .arg(format!("--web.listen-address={addr}"))
            // No gossip: a single instance, nothing on other ports.
            .arg("--cluster.listen-address=")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("alertmanager.log")).unwrap())
            .spawn()
            .expect("alertmanager starts"),
    )
}

/// Every alert in every notification: (alertname, cluster, status).
pub fn notified(got: &Received) -> Vec<(String, String, String, Value)> {
    got.lock()
        .unwrap()
        .iter()
        .flat_map(|n| n["alerts"].as_array().cloned().unwrap_or_default())
        .map(|a| {
            let l = |k: &str| a["labels"][k].as_str().unwrap_or("").to_string();
            (
                l("alertname"),
                l("cluster"),
                a["status"].as_str().unwrap_or("").to_string(),
                a,
            )
        })
        .collect()
}

/// Whether the receiver got `alert` firing for `cluster`.
pub fn fired(got: &Received, alert: &str, cluster: &str) -> bool {
    notified(got)
        .iter()
        .any(|(n, c, s, _)| n == alert && c == cluster && s == "firing")
}

/// Whether every alert that fired has been resolved, SLO alerts aside: an SLO's alert outlives
/// the outage by its short window (5m for the page), by design.
pub fn all_resolved(got: &Received) -> bool {
    let n = notified(got);
    n.iter()
        .filter(|x| x.2 == "firing" && !x.0.starts_with("Slo"))
        .all(|f| n.iter().any(|x| x.0 == f.0 && x.2 == "resolved"))
}
