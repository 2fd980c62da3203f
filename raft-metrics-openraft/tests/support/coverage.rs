//! What a live test checks a cluster against: the schema's series at each level, both
//! dashboards' queries, and the generated scrape jobs.

use std::collections::BTreeMap;

use raft_metrics_schema::model::Level;
use raft_metrics_schema::Schema;

use super::cluster::root;

pub fn schema() -> Schema {
    let text = std::fs::read_to_string(root().join("metrics-schema.toml")).unwrap();
    raft_metrics_schema::from_str(&text, "metrics-schema.toml")
        .unwrap()
        .0
}

/// The queries of the dashboards reading `level` (all of them for `None`), from the panel
/// plan, with the variables set as a user would: the `cluster`, all nodes, the first topic's
/// partition 0; Grafana's interval macros replaced as Grafana would for a 1 s scrape interval
/// and a 10-minute range.
pub fn dashboard_queries(cluster: &str, level: Option<Level>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in raft_metrics_schema::plan::dashboards(&schema()) {
        if level.is_some_and(|l| l != d.level) {
            continue;
        }
        for (at, expr) in d.queries() {
            let expr = expr
                .replace("$__rate_interval", "30s")
                .replace("$__range", "10m")
                .replace("$cluster", cluster)
                .replace("$node", ".+")
                .replace("$topic", "topic-0")
                .replace("$partition", "0");
            out.push((at, expr));
        }
    }
    out
}

/// The series that stand for each family (histograms by their `_count`).
pub fn stand_ins(names: &[&str], types: &[&str]) -> Vec<String> {
    names
        .iter()
        .zip(types)
        .map(|(n, t)| match *t {
            "histogram" => format!("{n}_count"),
            _ => n.to_string(),
        })
        .collect()
}

/// The series names with samples in an exposition (histograms by `_count`).
pub fn sample_names(text: &str) -> std::collections::BTreeSet<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split(['{', ' ']).next())
        .filter(|n| !n.ends_with("_bucket") && !n.ends_with("_sum") && !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Prints how many of `want` have series in `have`, and fails naming those that do not.
pub fn assert_covered(what: &str, want: &[String], have: &std::collections::BTreeSet<String>) {
    let missing: Vec<&String> = want.iter().filter(|n| !have.contains(*n)).collect();
    println!(
        "coverage, {what}: {}/{} have series",
        want.len() - missing.len(),
        want.len()
    );
    assert!(missing.is_empty(), "{what} without series: {missing:?}");
}

/// Every family of the detailed level (every metric code sets).
pub fn schema_series_names() -> Vec<String> {
    use raft_metrics::RaftMetrics as M;
    stand_ins(&M::FAMILY_NAMES, &M::FAMILY_TYPES)
}

/// Every family of the summary level (folded metrics and derived counts).
pub fn summary_series_names() -> Vec<String> {
    use raft_metrics::RaftMetrics as M;
    stand_ins(&M::SUMMARY_FAMILY_NAMES, &M::SUMMARY_FAMILY_TYPES)
}

/// The generated scrape jobs of both levels for `targets`, each target labelled `cluster`.
pub fn scrape_jobs(targets: &[String], cluster: &str) -> Vec<serde_json::Value> {
    let labels = BTreeMap::from([("cluster".to_string(), cluster.to_string())]);
    raft_metrics_schema::scrape::jobs(&schema(), targets, &labels)
        .iter()
        .map(|j| serde_json::to_value(j).unwrap())
        .collect()
}

/// The summary level's scrape job alone for `targets`: what leaves a cluster for a global
/// view.
pub fn summary_job(targets: &[String]) -> serde_json::Value {
    let job = raft_metrics_schema::scrape::jobs(&schema(), targets, &BTreeMap::new())
        .into_iter()
        .find(|j| j.metrics_path == raft_metrics_schema::scrape::SUMMARY_PATH)
        .expect("a summary job");
    serde_json::to_value(job).unwrap()
}
