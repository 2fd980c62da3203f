//! The static PromQL checks: bad queries are caught with a clear message, good ones pass.

use raft_metrics_schema::promql::{check, Context};

fn schema() -> raft_metrics_schema::Schema {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../metrics-schema.toml"
    ))
    .unwrap();
    raft_metrics_schema::from_str(&src, "metrics-schema.toml")
        .unwrap()
        .0
}

fn errors(expr: &str, ctx: Context) -> Vec<String> {
    check(&schema(), expr, ctx)
        .into_iter()
        .filter(|f| f.error)
        .map(|f| f.message)
        .collect()
}

fn warnings(expr: &str, ctx: Context) -> Vec<String> {
    check(&schema(), expr, ctx)
        .into_iter()
        .filter(|f| !f.error)
        .map(|f| f.message)
        .collect()
}

#[test]
fn bad_queries_are_caught() {
    let cases: &[(&str, Context, &str)] = &[
        ("chronik_raft_nope", Context::Rule, "unknown metric `chronik_raft_nope`"),
        ("rate(chronik_raft_commit_index[5m])", Context::Rule, "`rate()` over gauge"),
        ("sum(chronik_raft_node_state{state=\"1\"}) by (topic, partition) == 0", Context::Rule, "`state=\"1\"` can never match"),
        ("chronik_raft_current_term{follower_id=\"2\"}", Context::Rule, "has no label `follower_id`"),
        ("sum by (peer) (chronik_raft_current_term)", Context::Rule, "have no label `peer`"),
        ("histogram_quantile(0.99, sum by (node) (rate(chronik_raft_commit_latency_seconds_bucket[5m])))", Context::Rule, "drops `le`"),
        ("histogram_quantile(0.99, chronik_raft_current_term)", Context::Rule, "not a histogram's `_bucket`"),
        ("chronik_raft_current_term_bucket", Context::Rule, "only histograms have `_bucket`"),
        ("rate(chronik_raft_append_entries_sent[5m])", Context::Rule, "is the old name of `chronik_raft_replication_sent_entries_total`"),
        ("rate(chronik_raft_committed_entries[5m])", Context::Rule, "counter `chronik_raft_committed_entries` is exposed as `chronik_raft_committed_entries_total`"),
        ("chronik_raft_commit_latency_ms_bucket", Context::Rule, "old name of `chronik_raft_commit_latency_seconds_bucket`"),
        ("chronik_raft_current_term{topic=\"$topic\"}", Context::Dashboard, "multi-value variable"),
        ("max(chronik_raft_has_leader) / on (peer) max(chronik_raft_current_term)", Context::Rule, "has no label `peer`"),
        ("sum(rate(x[5m]", Context::Rule, "does not parse"),
        ("up{node=\"1\"} == 0", Context::Rule, "`up` has no label `node`"),
        ("rate(up{job=\"raft\"}[5m])", Context::Rule, "`rate()` over gauge `up`"),
    ];
    for (expr, ctx, want) in cases {
        let errs = errors(expr, *ctx);
        assert!(
            errs.iter().any(|e| e.contains(want)),
            "{expr}: wanted an error containing {want:?}, got {errs:?}"
        );
    }
}

/// Valid PromQL in questionable style is a warning, so a valid file never fails lint.
#[test]
fn dashboard_style_is_warned_not_refused() {
    for (expr, want) in [
        (
            "sum(rate(chronik_raft_proposals_total{topic=~\"$topic\"}[5m]))",
            "fixed range [5m] in a dashboard query",
        ),
        ("chronik_raft_proposals_total", "without rate()"),
    ] {
        assert!(errors(expr, Context::Dashboard).is_empty(), "{expr}");
        let w = warnings(expr, Context::Dashboard);
        assert!(w.iter().any(|m| m.contains(want)), "{expr}: {w:?}");
    }
}

#[test]
fn thresholds_in_the_wrong_unit_warn() {
    let w = warnings(
        "histogram_quantile(0.99, sum by (le) (rate(chronik_raft_commit_latency_seconds_bucket[5m]))) > 500",
        Context::Rule,
    );
    assert!(
        w.iter()
            .any(|m| m.contains("in seconds but is compared with 500")),
        "{w:?}"
    );
}

#[test]
fn good_queries_pass() {
    let good: &[(&str, Context)] = &[
        ("max by (topic, partition) (chronik_raft_has_leader) == 0", Context::Rule),
        ("sum by (topic, partition) (chronik_raft_node_state{state=\"leader\"}) == 0", Context::Rule),
        ("histogram_quantile(0.99, sum by (le, node) (rate(chronik_raft_commit_latency_seconds_bucket[5m]))) > 0.5", Context::Rule),
        ("sum by (node, peer) (rate(chronik_raft_rpc_calls_total{result=\"failure\"}[5m])) / sum by (node, peer) (rate(chronik_raft_rpc_calls_total[5m]))", Context::Rule),
        ("sum by (node) (rate(chronik_raft_proposals_total{topic=~\"$topic\", node=~\"$node\"}[$__rate_interval]))", Context::Dashboard),
        ("time() - max by (node, topic) (chronik_raft_last_heartbeat_timestamp_seconds{job=\"raft\", instance=~\".+\"})", Context::Dashboard),
        ("max by (topic, partition) (chronik_raft_in_sync_replicas) < on (topic, partition) max by (topic, partition) (chronik_raft_quorum_size)", Context::Rule),
        ("up{job=\"chronik-raft\", cluster=\"a\"} == 0", Context::Rule),
        ("avg by (instance) (avg_over_time(up[5m])) < 0.9", Context::Rule),
        ("absent(chronik_raft_has_leader)", Context::Rule),
    ];
    for (expr, ctx) in good {
        let f = check(&schema(), expr, *ctx);
        assert!(f.is_empty(), "{expr}: {f:?}");
    }
}

#[test]
fn gauge_threshold_in_the_wrong_unit_warns() {
    let w = warnings(
        "max(chronik_raft_follower_lag_seconds) > 500",
        Context::Rule,
    );
    assert!(w.iter().any(|m| m.contains("compared with 500")), "{w:?}");
}

/// A raw alert expression that drops the cluster label is a schema error at its line, with
/// the fix as help.
#[test]
fn a_raw_alert_that_drops_the_cluster_label_is_an_error_at_its_line() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../metrics-schema.toml"
    ))
    .unwrap();
    let good = "up{job=\"$job\"} == 0";
    let bad = "max by (instance) (up{job=\"$job\"}) == 0";
    assert!(src.contains(good), "RaftNodeDown's expression moved");
    let line = src[..src.find(good).unwrap()].lines().count();
    let Err(report) = raft_metrics_schema::from_str(&src.replacen(good, bad, 1), "s.toml") else {
        panic!("a dropped cluster label must be rejected");
    };
    let e = report
        .errors()
        .find(|e| e.message.contains("drops the cluster label"))
        .expect("the dropped cluster label is named");
    assert_eq!(report.line_col(e.span.start).0, line, "{e:?}");
    assert!(
        e.message.contains("RaftNodeDown")
            && e.message
                .contains("`max by (instance)` drops the cluster label `cluster`"),
        "{}",
        e.message
    );
    assert_eq!(
        e.help.as_deref(),
        Some("keep it: `max by (cluster, instance)`")
    );
}

/// Prometheus 2 (Debian's 2.42) calls `double_exponential_smoothing` `holt_winters`: both
/// names are valid, and a quoted `holt_winters(` is left alone.
#[test]
fn prometheus_2_function_names_are_understood() {
    for expr in [
        "holt_winters(chronik_raft_log_size_bytes[1h], 0.5, 0.5) > 1e10",
        "double_exponential_smoothing(chronik_raft_log_size_bytes[1h], 0.5, 0.5) > 1e10",
        "label_replace(holt_winters (chronik_raft_log_size_bytes[1h], 0.5, 0.5), \"f\", \"holt_winters(\", \"\", \"\")",
    ] {
        assert!(errors(expr, Context::Rule).is_empty(), "{expr}: {:?}", errors(expr, Context::Rule));
        assert!(errors(expr, Context::Dashboard).is_empty(), "{expr}");
    }
    let bad = errors(
        "holt_winters(chronik_raft_nope[1h], 0.5, 0.5)",
        Context::Rule,
    );
    assert!(
        bad.iter().any(|e| e.contains("chronik_raft_nope")),
        "{bad:?}"
    );
}

/// Prometheus's own series of alert states are known, with any alert's labels.
#[test]
fn alert_state_series_are_known() {
    for expr in [
        "count by (cluster) (ALERTS{alertname=\"RaftNoLeader\", alertstate=\"firing\"}) > 5",
        "time() - ALERTS_FOR_STATE{alertname=\"RaftNoLeader\", topic=\"orders\"} > 3600",
    ] {
        assert!(
            errors(expr, Context::Rule).is_empty(),
            "{expr}: {:?}",
            errors(expr, Context::Rule)
        );
    }
}

/// What each level holds: the summary level folds `partition` (selectors there ask for it
/// empty), leaves out `has_leader`, and alone has the derived counts.
#[test]
fn each_level_knows_its_series_and_labels() {
    use raft_metrics_schema::model::Level;
    use raft_metrics_schema::promql::{check_with, Known};
    let s = schema();
    let at = |level: Level, expr: &str, ctx: Context| -> Vec<String> {
        check_with(&s, expr, ctx, &Known::at(Default::default(), level))
            .into_iter()
            .filter(|f| f.error)
            .map(|f| f.message)
            .collect()
    };
    let bad: &[(Level, &str, &str)] = &[
        (
            Level::Summary,
            "sum by (cluster, topic, partition) (rate(chronik_raft_committed_entries_total{partition=\"\"}[5m]))",
            "have no label `partition`",
        ),
        (
            Level::Summary,
            "sum by (cluster, topic) (rate(chronik_raft_committed_entries_total[5m]))",
            "selects the detailed level's series too",
        ),
        (
            Level::Summary,
            "max by (cluster, topic) (chronik_raft_has_leader)",
            "no series at the summary level",
        ),
        (
            Level::Detailed,
            "max by (cluster, topic) (chronik_raft_leaderless_partitions)",
            "no series at the detailed level",
        ),
    ];
    for (level, expr, want) in bad {
        for ctx in [Context::Rule, Context::Dashboard] {
            let errs = at(*level, expr, ctx);
            assert!(
                errs.iter().any(|e| e.contains(want)),
                "{level:?} {expr}: wanted {want:?}, got {errs:?}"
            );
        }
    }
    let good: &[(Level, &str)] = &[
        (
            Level::Summary,
            "sum by (cluster, topic) (rate(chronik_raft_committed_entries_total{partition=\"\"}[5m]))",
        ),
        (
            Level::Summary,
            "max by (cluster, topic, partition, condition) (chronik_raft_unhealthy_partition)",
        ),
        (
            Level::Summary,
            "sum by (cluster, topic) (chronik_raft_under_replicated_partitions)",
        ),
        (
            Level::Detailed,
            "max by (cluster, topic, partition) (chronik_raft_has_leader)",
        ),
    ];
    for (level, expr) in good {
        let errs = at(*level, expr, Context::Rule);
        assert!(errs.is_empty(), "{level:?} {expr}: {errs:?}");
    }
    // A hand-written file (no level known) may read either.
    assert!(errors(
        "max by (cluster, topic, partition) (chronik_raft_has_leader)",
        Context::Rule
    )
    .is_empty());
    assert!(errors("sum(chronik_raft_leaderless_partitions)", Context::Rule).is_empty());
}

/// Alerts are checked knowing only the recorded series they read (and those these read): each
/// learns the same shape as with every recording rule learned, and nothing else is learned.
#[test]
fn alerts_learn_only_the_recorded_series_they_read() {
    use raft_metrics_schema::records::alerts_known;
    use raft_metrics_schema::rule_plan::RulePlan;
    let s = schema();
    let all = RulePlan::of(&s).known;
    let some = alerts_known(&s);
    assert!(
        !some.recorded.is_empty(),
        "the default alerts read recorded series"
    );
    assert!(some.recorded.len() < all.recorded.len());
    for (name, shape) in &some.recorded {
        assert_eq!(Some(shape), all.recorded.get(name), "{name}");
    }
    for a in &s.alerts {
        let read = raft_metrics_schema::promql::references(&a.promql).unwrap();
        for name in read.series.iter().filter(|n| all.recorded.contains_key(*n)) {
            assert!(some.recorded.contains_key(name), "{}: {name}", a.name);
        }
        let ctx = Context::Rule;
        let with = |k| raft_metrics_schema::promql::check_with(&s, &a.promql, ctx, k);
        assert_eq!(with(&some), with(&all), "{}", a.name);
    }
}
