//! What a live test checks a cluster against: the schema's series and both dashboards' queries.

use super::cluster::root;

/// Both dashboards' queries (from the panel plan) with the variables set as a user would: the
/// `cluster`, all nodes, the first topic's partition 0; Grafana's interval macros replaced as
/// Grafana would for a 1 s scrape interval.
pub fn dashboard_queries(cluster: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("metrics-schema.toml")).unwrap();
    let schema = raft_metrics_schema::from_str(&text, "metrics-schema.toml")
        .unwrap()
        .0;
    let mut out = Vec::new();
    for d in raft_metrics_schema::plan::dashboards(&schema) {
        for (at, expr) in d.queries() {
            let expr = expr
                .replace("$__rate_interval", "30s")
                .replace("$cluster", cluster)
                .replace("$node", ".+")
                .replace("$topic", "topic-0")
                .replace("$partition", "0");
            out.push((at, expr));
        }
    }
    out
}

/// Every series name the schema defines a family for (histograms by their `_count`).
pub fn schema_series_names() -> Vec<String> {
    raft_metrics::RaftMetrics::FAMILY_NAMES
        .iter()
        .zip(raft_metrics::RaftMetrics::FAMILY_TYPES)
        .map(|(n, t)| match t {
            "histogram" => format!("{n}_count"),
            _ => n.to_string(),
        })
        .collect()
}
