//! Running real parts for the live tests: child processes that die with the test, waiting with
//! a bound, and a Prometheus's HTTP API.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Kills the child on drop, so a failed assertion leaves nothing running.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Poll `ok` every 500 ms; the time it took, or a panic naming `what` after `limit`.
pub fn wait_until(what: &str, limit: Duration, mut ok: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ok() {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    panic!("timed out after {limit:?} waiting for: {what}");
}

/// A Prometheus (server or agent) on 127.0.0.1.
pub struct Prometheus {
    pub addr: String,
    _child: Guard,
}

impl Prometheus {
    /// Start Debian's Prometheus with `config` (JSON is valid YAML) in `dir`; `extra` flags
    /// e.g. agent mode or the remote-write receiver.
    pub fn start(dir: &Path, addr: &str, config: &Value, extra: &[&str]) -> Self {
        let prometheus = Path::new("/usr/bin/prometheus");
        assert!(
            prometheus.exists(),
            "prometheus not found: run ./scripts/test.sh, which installs Debian's prometheus package"
        );
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("prometheus.yml"), config.to_string()).unwrap();
        let agent = extra.iter().any(|f| f.contains("agent"));
        let storage = if agent {
            "--storage.agent.path"
        } else {
            "--storage.tsdb.path"
        };
        let child = Command::new(prometheus)
            .arg(format!(
                "--config.file={}",
                dir.join("prometheus.yml").display()
            ))
            .arg(format!("{storage}={}", dir.join("data").display()))
            .arg(format!("--web.listen-address={addr}"))
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("prometheus.log")).unwrap())
            .spawn()
            .expect("prometheus starts");
        Prometheus {
            addr: addr.to_string(),
            _child: Guard(child),
        }
    }

    /// Another server with Prometheus' query API (VictoriaMetrics), started by the caller.
    pub fn api(addr: &str, child: Guard) -> Self {
        Prometheus {
            addr: addr.to_string(),
            _child: child,
        }
    }

    fn get(&self, path: &str, query: Option<&str>) -> Option<Value> {
        let mut req = ureq::get(&format!("http://{}{path}", self.addr));
        if let Some(q) = query {
            req = req.query("query", q);
        }
        let text = req
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .ok()?;
        serde_json::from_str(&text).ok()
    }

    /// An instant query's result (empty while Prometheus is not up).
    pub fn query(&self, q: &str) -> Vec<Value> {
        self.get("/api/v1/query", Some(q))
            .and_then(|v| v["data"]["result"].as_array().cloned())
            .unwrap_or_default()
    }

    /// The first result of an instant query as a number (0 when there is none).
    pub fn value(&self, q: &str) -> f64 {
        self.query(q)
            .first()
            .and_then(|r| r["value"][1].as_str())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    }

    /// The names of the series `job` has stored.
    pub fn names(&self, job: &str) -> std::collections::BTreeSet<String> {
        self.query(&format!("count by (__name__) ({{job=\"{job}\"}})"))
            .iter()
            .filter_map(|r| r["metric"]["__name__"].as_str().map(str::to_string))
            .collect()
    }

    /// Alerts now: their labels (alertname, cluster, ...) and state (`pending` / `firing`).
    pub fn alerts(&self) -> Vec<Value> {
        self.get("/api/v1/alerts", None)
            .and_then(|v| v["data"]["alerts"].as_array().cloned())
            .unwrap_or_default()
    }
}
