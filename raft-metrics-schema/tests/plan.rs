//! The panel plan at the schema's own size: every overview panel bounded, every generated query
//! keeps the cluster label, per-partition views are top-k and link to the drill-down.

use raft_metrics_schema::plan::{self, PanelKind};
use raft_metrics_schema::rule_plan::RulePlan;
use raft_metrics_schema::{keep_cluster, promql, records, Schema};

fn schema() -> Schema {
    raft_metrics_schema::from_str(
        include_str!("../../metrics-schema.toml"),
        "metrics-schema.toml",
    )
    .unwrap()
    .0
}

#[test]
fn every_overview_panel_stays_under_1000_series_at_the_schema_budget() {
    let s = schema();
    let o = plan::overview(&s);
    let worst = o
        .panels()
        .map(|p| (p.worst_case, p.title.clone()))
        .max()
        .unwrap();
    assert!(worst.0 <= 1000, "{worst:?}");
    // Partitions alone would be 6,400 series per node: none is shown without top-k.
    let budget: u64 = ["topic", "partition"]
        .iter()
        .map(|l| s.label(l).unwrap().budget().unwrap())
        .product();
    assert_eq!(budget, 6400);
    let known = RulePlan::of(&s).known;
    for p in o.panels() {
        for q in &p.queries {
            let text = q.expr.to_string();
            let refs = promql::references(&text).unwrap();
            let raw_partition_series = refs.series.iter().any(|n| {
                s.resolve_series(n)
                    .is_some_and(|(m, _)| m.has_label("partition"))
            });
            let out = promql::shape(&s, &text, promql::Context::Dashboard, &known)
                .and_then(|x| x.labels)
                .unwrap_or_default();
            let top = text.starts_with("topk") || text.starts_with("bottomk");
            // A list of named exceptions: bounded by its budget per node, linked per row.
            let listed = p
                .metric
                .as_ref()
                .and_then(|m| s.metric(m))
                .is_some_and(|m| m.exceptions.is_some());
            if listed {
                assert_eq!(p.kind, plan::PanelKind::Table, "{}", p.title);
                assert!(p.links[0]
                    .url()
                    .contains("var-partition=${__data.fields.partition}"));
                continue;
            }
            // Per-partition series are either folded (by node, state, ...) or the top 10.
            assert!(!out.contains("partition") || top, "{}: {text}", p.title);
            if raw_partition_series && out.contains("partition") {
                assert_eq!(p.links.len(), 1, "{}: links to its partition", p.title);
                assert!(p.links[0]
                    .url()
                    .contains("var-partition=${__field.labels.partition}"));
            }
        }
    }
}

#[test]
fn every_generated_query_keeps_the_cluster_label() {
    let s = schema();
    let mut exprs: Vec<(String, String)> = Vec::new();
    for d in plan::dashboards(&s) {
        exprs.extend(d.queries());
    }
    exprs.extend(
        records::plan(&s)
            .into_iter()
            .map(|r| (r.name.clone(), r.expr.to_string())),
    );
    exprs.extend(s.alerts.iter().map(|a| (a.name.clone(), a.promql.clone())));
    assert!(exprs.len() > 150, "{}", exprs.len());
    for (at, e) in &exprs {
        let f = keep_cluster::check(&s, e);
        assert!(f.is_empty(), "{at}: {e}: {f:?}");
    }
}

#[test]
fn the_drill_down_shows_one_partition_and_links_back() {
    let s = schema();
    let d = plan::drilldown(&s);
    let single: Vec<&str> = d
        .variables
        .iter()
        .filter(|v| v.multi.is_none())
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(single, ["cluster", "topic", "partition"]);
    assert_eq!(d.links[0].uid, s.uid);
    for p in d.panels() {
        for q in &p.queries {
            let t = q.expr.to_string();
            assert!(
                t.contains("topic=\"$topic\"") && t.contains("partition=\"$partition\""),
                "{t}"
            );
        }
        assert!(p.worst_case <= 1000, "{}: {}", p.title, p.worst_case);
    }
    assert!(d.panels().any(|p| p.kind == PanelKind::Heatmap));
    assert_eq!(plan::overview(&s).links[0].uid, plan::drilldown_uid(&s));
}

#[test]
fn quantile_panels_and_alerts_read_the_recorded_buckets() {
    let s = schema();
    let recorded = RulePlan::of(&s).recorded_labels();
    let o = plan::overview(&s);
    let p = o
        .panels()
        .find(|p| p.title == "Commit latency p50/p95/p99, by node")
        .unwrap();
    let t = p.queries[2].expr.to_string();
    assert_eq!(
        t,
        "histogram_quantile(0.99, sum by (cluster, le, node) (cluster_node_le:chronik_raft_commit_latency_seconds_bucket:rate5m{cluster=\"$cluster\", node=~\"$node\"}))"
    );
    assert!(recorded.iter().any(|(n, l)| n
        == "cluster_node_le:chronik_raft_commit_latency_seconds_bucket:rate5m"
        && l.contains("le")
        && l.contains("node")));
    let alert = s
        .alerts
        .iter()
        .find(|a| a.name == "RaftCommitLatencyCritical")
        .unwrap();
    assert!(
        alert
            .promql
            .contains("cluster_node_le:chronik_raft_commit_latency_seconds_bucket:rate5m"),
        "{}",
        alert.promql
    );
}

#[test]
fn the_overview_opens_on_the_on_calls_questions_within_25_queries() {
    let s = schema();
    let o = plan::overview(&s);
    assert!(o.queries_on_load() <= 25, "{} queries", o.queries_on_load());
    // Everything on the first screen runs; everything below it is collapsed and runs nothing.
    for r in &o.rows {
        assert_eq!(r.collapsed, r.y >= plan::FIRST_SCREEN, "{}", r.title);
        if !r.collapsed {
            for p in &r.panels {
                assert!(
                    p.pos.y + p.pos.h <= plan::FIRST_SCREEN,
                    "{} below the fold",
                    p.title
                );
            }
        }
    }
    let titles: Vec<&str> = o.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles[..3],
        [
            "Partitions in an unhealthy state",
            "Golden signals",
            "Saturation"
        ]
    );
    let first_screen: Vec<&str> = o
        .rows
        .iter()
        .filter(|r| !r.collapsed)
        .flat_map(|r| &r.panels)
        .filter_map(|p| p.metric.as_deref())
        .collect();
    for m in [
        "leaderless_partitions",
        "under_replicated_partitions",
        "committed_entries_total",
        "proposals_failed_total",
        "commit_latency_seconds",
        "follower_lag_seconds",
        "elections_total",
        "proposals_pending",
        "log_size_bytes",
        "snapshots_total",
    ] {
        assert!(first_screen.contains(&m), "{m} is not on the first screen");
    }
    assert!(o.panels().any(|p| p.key == "alerts:firing"));
}

#[test]
fn panels_have_one_title_and_one_key_each_and_ages_read_as_ages() {
    let s = schema();
    for d in plan::dashboards(&s) {
        let mut titles = std::collections::BTreeSet::new();
        let mut keys = std::collections::BTreeSet::new();
        for p in d.panels() {
            assert!(
                titles.insert(p.title.clone()),
                "{}: two \"{}\"",
                d.file,
                p.title
            );
            assert!(keys.insert(p.key.clone()), "{}: two {}", d.file, p.key);
            let t = p.title.to_lowercase();
            assert!(
                !t.contains("timestamp") && !t.contains("per second"),
                "{}",
                p.title
            );
            assert!(
                !t.contains(" seconds") && !t.contains(" bytes"),
                "{}",
                p.title
            );
            let age = p
                .queries
                .iter()
                .any(|q| q.expr.to_string().contains("time() -"));
            assert_eq!(age, t.starts_with("time since"), "{}", p.title);
        }
    }
    // Constant on a healthy cluster: in the drill-down only.
    let o = plan::overview(&s);
    assert!(!o
        .panels()
        .any(|p| p.metric.as_deref() == Some("cluster_voters")));
    let d = plan::drilldown(&s);
    assert!(d
        .panels()
        .any(|p| p.metric.as_deref() == Some("cluster_voters")));
}
