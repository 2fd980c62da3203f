//! `lint` on hand-written files: no false errors on valid files (recording rules, Grafana
//! variables, vector matching, tables and heatmaps), one finding per problem of a selector,
//! exact locations, and located errors on unusable input.

use raft_metrics_schema::lint::{
    self, dashboard_file, rules_file, DashboardFile, Located, RuleFile,
};
use raft_metrics_schema::Schema;

fn schema() -> Schema {
    let src = include_str!("../../metrics-schema.toml");
    raft_metrics_schema::from_str(src, "metrics-schema.toml")
        .unwrap()
        .0
}

fn root(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
}

fn rules(name: &str, yaml: &str) -> RuleFile {
    rules_file::read(name, yaml.as_bytes()).unwrap()
}

fn dashboard(json: &str) -> DashboardFile {
    dashboard_file::read("d.json", json.as_bytes()).unwrap()
}

/// A dashboard with one variable set (`$topic`, multi) and one panel per query.
fn panels(exprs: &[&str]) -> DashboardFile {
    let panels: Vec<serde_json::Value> = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| serde_json::json!({"id": i + 1, "title": format!("P{}", i + 1), "type": "timeseries", "targets": [{"refId": "A", "expr": e}]}))
        .collect();
    let doc = serde_json::json!({
        "templating": {"list": [
            {"name": "topic", "type": "query", "multi": true, "includeAll": true, "query": "label_values(chronik_raft_has_leader, topic)"},
            {"name": "cluster", "type": "custom", "query": "a,b"},
            {"name": "k", "type": "textbox", "query": "5"}
        ]},
        "panels": panels,
    });
    dashboard(&serde_json::to_string_pretty(&doc).unwrap())
}

/// `lint`, without the findings of the cluster-label check: the other tests' queries were
/// written for other checks (the cluster check has its own test below).
fn lint_others(s: &Schema, r: &[RuleFile], d: &[DashboardFile]) -> Vec<Located> {
    lint::lint(s, r, d)
        .into_iter()
        .filter(|f| !f.finding.message.contains("the cluster label"))
        .collect()
}

fn messages(found: &[Located], errors: bool) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.finding.error == errors)
        .map(|f| format!("{}: {} ({})", f.location, f.finding.message, f.finding.help))
        .collect()
}

#[test]
fn the_valid_file_set_has_no_findings() {
    let read = |p: &str| std::fs::read(root(p)).unwrap();
    let r: Vec<RuleFile> = [
        "tests/lint/valid/rules.yml",
        "tests/lint/valid/more-rules.yml",
        "tests/lint/valid/functions.yml",
        "tests/lint/valid/prometheus-rule.yml",
    ]
    .iter()
    .map(|p| rules_file::read(p, &read(p)).unwrap())
    .collect();
    let d =
        dashboard_file::read("dashboard.json", &read("tests/lint/valid/dashboard.json")).unwrap();
    let team = "tests/lint/valid/team-dashboard.json";
    let t = dashboard_file::read("team-dashboard.json", &read(team)).unwrap();
    let vars = "tests/lint/valid/variables-dashboard.json";
    let v = dashboard_file::read("variables-dashboard.json", &read(vars)).unwrap();
    assert_eq!(v.queries.len(), 6);
    assert_eq!(r.iter().map(|f| f.rules.len()).sum::<usize>(), 25 + 33 + 2);
    assert_eq!(
        d.queries.len(),
        17,
        "the Loki query is left out, the collapsed row's kept"
    );
    assert_eq!(
        t.queries.len(),
        8,
        "every target, in rows too, but the Loki one"
    );
    let found = lint::lint(&schema(), &r, &[d, t, v]);
    assert!(
        found.is_empty(),
        "{:#?}",
        messages(&found, true)
            .into_iter()
            .chain(messages(&found, false))
            .collect::<Vec<_>>()
    );
}

#[test]
fn recorded_series_have_the_labels_their_expression_keeps() {
    let file = rules(
        "r.yml",
        r#"
groups:
- name: g
  rules:
  - record: topic:chronik_raft_proposals:rate5m
    expr: sum by (topic) (rate(chronik_raft_proposals_total[5m]))
  - record: topic_le:chronik_raft_commit_latency_seconds_bucket:rate5m
    expr: sum by (topic, le) (rate(chronik_raft_commit_latency_seconds_bucket[5m]))
  - record: topic:chronik_raft_proposals:sum
    expr: sum by (topic) (chronik_raft_proposals_total)
  - alert: OnAMissingLabel
    expr: topic:chronik_raft_proposals:rate5m{partition="0"} > 1
  - alert: RateOfARate
    expr: rate(topic:chronik_raft_proposals:rate5m[5m]) > 1
  - alert: QuantileWithoutBuckets
    expr: histogram_quantile(0.9, topic:chronik_raft_proposals:rate5m) > 1
  - alert: QuantileOfRecordedBuckets
    expr: histogram_quantile(0.9, topic_le:chronik_raft_commit_latency_seconds_bucket:rate5m) > 0.5
  - alert: QuantileDroppingLe
    expr: histogram_quantile(0.9, sum by (topic) (topic_le:chronik_raft_commit_latency_seconds_bucket:rate5m)) > 0.5
  - alert: RawRecordedCounter
    expr: topic:chronik_raft_proposals:sum > 100
  - alert: RateOfRecordedCounter
    expr: rate(topic:chronik_raft_proposals:sum[5m]) > 100
"#,
    );
    let found = lint_others(&schema(), &[file], &[]);
    let errors = messages(&found, true);
    let warnings = messages(&found, false);
    let at = |alert: &str, v: &[String], want: &str| {
        assert!(
            v.iter()
                .any(|m| m.contains(&format!("alert {alert}:")) && m.contains(want)),
            "{alert}: wanted {want:?} in {v:#?}"
        );
    };
    at("OnAMissingLabel", &errors, "has no label `partition`");
    at(
        "RateOfARate",
        &errors,
        "a recorded series that is not a counter",
    );
    at(
        "QuantileWithoutBuckets",
        &errors,
        "a recorded series without `le`",
    );
    at("QuantileDroppingLe", &errors, "drops `le`");
    at("RawRecordedCounter", &warnings, "recorded counter");
    for ok in ["QuantileOfRecordedBuckets", "RateOfRecordedCounter"] {
        assert!(
            !found
                .iter()
                .any(|f| f.location.what == format!("alert {ok}")),
            "{ok}: {found:#?}"
        );
    }
    // The recording rules themselves: one warning, for the raw counter sum.
    let on_records: Vec<_> = found
        .iter()
        .filter(|f| f.location.what.starts_with("recording rule"))
        .collect();
    assert_eq!(on_records.len(), 1, "{on_records:#?}");
}

#[test]
fn a_series_recorded_in_one_file_is_known_in_the_others_and_in_dashboards() {
    let a = rules("a.yml", "groups:\n- name: a\n  rules:\n  - alert: A\n    expr: later:chronik_raft_has_leader:min == 0\n");
    let b = rules("b.yml", "groups:\n- name: b\n  rules:\n  - record: later:chronik_raft_has_leader:min\n    expr: min by (topic) (chronik_raft_has_leader)\n");
    let d = panels(&[
        "later:chronik_raft_has_leader:min{topic=~\"$topic\"}",
        "later:chronik_raft_has_leader:min{peer=\"1\"}",
    ]);
    let found = lint_others(&schema(), &[a, b], &[d]);
    let errors = messages(&found, true);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("panel 2 \"P2\"") && errors[0].contains("has no label `peer`"),
        "{errors:?}"
    );
}

#[test]
fn grafana_builtins_mean_what_they_mean() {
    let ok = [
        "sum(rate(chronik_raft_proposals_total[$__rate_interval]))",
        "sum(increase(chronik_raft_proposals_total[$__range]))",
        "sum(increase(chronik_raft_proposals_total[$__range])) / $__range_s",
        "sum(increase(chronik_raft_proposals_total[$__range])) / ($__range_ms / 1000)",
        "max(chronik_raft_quorum_ack_age_seconds) * 1000 > $__interval_ms",
        "max(max_over_time(chronik_raft_commit_index[$__interval]))",
        "max(chronik_raft_commit_index @ ${__to:date:seconds})",
        "max_over_time(max(chronik_raft_commit_index)[1h:$__interval])",
        // A variable with its unit written after it.
        "sum(increase(chronik_raft_proposals_total[${__range_s}s]))",
        "sum(increase(chronik_raft_proposals_total[${__range_ms}ms] offset ${__range_s}s))",
        "sum(rate(chronik_raft_proposals_total[$__auto]))",
    ];
    let found = lint_others(&schema(), &[], &[panels(&ok)]);
    assert!(
        found.is_empty(),
        "{:#?}",
        messages(&found, true)
            .into_iter()
            .chain(messages(&found, false))
            .collect::<Vec<_>>()
    );
    // `$__interval` under rate() can be shorter than two scrapes: a warning, naming the variable.
    let found = lint_others(
        &schema(),
        &[],
        &[panels(&[
            "sum(rate(chronik_raft_proposals_total[$__interval]))",
        ])],
    );
    let w = messages(&found, false);
    assert!(
        w.len() == 1 && w[0].contains("[$__interval]") && messages(&found, true).is_empty(),
        "{w:?}"
    );
    // A fixed range is a warning, not an error.
    let found = lint_others(
        &schema(),
        &[],
        &[panels(&["sum(rate(chronik_raft_proposals_total[5m]))"])],
    );
    assert!(
        messages(&found, true).is_empty()
            && messages(&found, false)[0].contains("fixed range [5m]"),
        "{found:?}"
    );
}

#[test]
fn every_variable_syntax_is_understood_and_no_message_shows_a_standin() {
    let syntaxes = [
        "$topic",
        "${topic}",
        "${topic:regex}",
        "${topic:pipe}",
        "[[topic]]",
    ];
    for s in syntaxes {
        let good =
            format!("sum(rate(chronik_raft_proposals_total{{topic=~\"{s}\"}}[$__rate_interval]))");
        let bad = format!("sum(rate(chronik_raft_commit_index{{topic=\"{s}\", node_id=~\"{s}\"}}[$__rate_interval]))");
        let found = lint_others(&schema(), &[], &[panels(&[&good, &bad])]);
        let errors = messages(&found, true);
        assert!(
            errors.iter().all(|e| e.contains("panel 2")),
            "{s}: {errors:#?}"
        );
        assert_eq!(
            errors.len(),
            3,
            "{s}: `=` on a multi variable, rate over a gauge, node_id: {errors:#?}"
        );
        for e in &errors {
            assert!(
                !e.contains("__grafana") && !e.contains("7770000") && !e.contains("2h9m"),
                "{s}: stand-in shown: {e}"
            );
        }
        assert!(
            errors.iter().any(|e| e.contains("`topic=\"$topic\"`")),
            "{s}: {errors:#?}"
        );
    }
    // A number variable, a label variable and a metric-name variable.
    let found = lint_others(
        &schema(),
        &[],
        &[panels(&[
            "topk($k, max by (topic) (chronik_raft_commit_index))",
            "sum by ($group) (rate(chronik_raft_proposals_total[$__rate_interval]))",
            "$metric",
        ])],
    );
    assert!(messages(&found, true).is_empty(), "{found:#?}");
}

#[test]
fn a_single_value_variable_may_use_equals_and_an_unknown_one_is_named() {
    let found = lint_others(
        &schema(),
        &[],
        &[panels(&[
            "max(chronik_raft_commit_index{cluster=\"$cluster\"})",
            "max(chronik_raft_commit_index{cluster=\"$clustr\"})",
        ])],
    );
    assert!(messages(&found, true).is_empty(), "{found:#?}");
    let w = messages(&found, false);
    assert!(
        w.len() == 1 && w[0].contains("`$clustr` is not a variable of this dashboard"),
        "{w:?}"
    );
}

#[test]
fn a_legacy_selector_gets_every_finding_and_the_replacement_is_checked() {
    let d = dashboard(
        r#"{"templating": {"list": [{"name": "node", "type": "query", "multi": true, "includeAll": true, "query": "label_values(chronik_raft_leader_count, node_id)"}]},
  "panels": [{"id": 7, "title": "Leaders", "type": "stat",
    "targets": [{"refId": "A", "expr": "sum(chronik_raft_leader_count{node_id=\"$node\"})"}]}]}"#,
    );
    let found = lint_others(&schema(), &[], &[d]);
    let on_panel: Vec<String> = messages(&found, true)
        .into_iter()
        .filter(|m| m.contains("panel 7"))
        .collect();
    for want in [
        "`chronik_raft_leader_count` is the old name of `chronik_raft_leader_partitions`",
        "`chronik_raft_leader_partitions` has no label `node_id` (`node_id` is the old name of `node`: replace it)",
        "`node_id=\"$node\"` compares a multi-value variable",
    ] {
        assert!(on_panel.iter().any(|m| m.contains(want)), "{want:?} not in {on_panel:#?}");
    }
    assert_eq!(on_panel.len(), 3, "{on_panel:#?}");
    let on_var: Vec<String> = messages(&found, true)
        .into_iter()
        .filter(|m| m.contains("variable $node"))
        .collect();
    assert!(
        on_var
            .iter()
            .any(|m| m.contains("has no label `node_id`") && m.contains("old name of `node`")),
        "{on_var:#?}"
    );
}

#[test]
fn every_old_label_name_points_at_its_replacement() {
    for (old, new, expr) in [
        (
            "node_id",
            "node",
            "max by (node_id) (chronik_raft_commit_index)",
        ),
        (
            "follower_id",
            "peer",
            "max(chronik_raft_follower_lag_entries{follower_id=\"2\"})",
        ),
        (
            "target_node",
            "peer",
            "sum by (target_node) (rate(chronik_raft_rpc_calls_total[5m]))",
        ),
        (
            "from_node",
            "peer",
            "max(chronik_raft_follower_lag_seconds) by (from_node)",
        ),
        (
            "rpc_type",
            "rpc",
            "sum by (rpc_type) (rate(chronik_raft_rpc_calls_total[5m]))",
        ),
    ] {
        let f = rules(
            "r.yml",
            &format!("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: {expr}\n"),
        );
        let found = lint_others(&schema(), &[f], &[]);
        let e = messages(&found, true);
        assert!(
            e.len() == 1 && e[0].contains(&format!("`{old}` is the old name of `{new}`")),
            "{old}: {e:#?}"
        );
    }
    // A label renamed to one the series lacks says so.
    let f = rules("r.yml", "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: max(chronik_raft_commit_index{follower_id=\"2\"})\n");
    let e = messages(&lint_others(&schema(), &[f], &[]), true);
    assert!(
        e[0].contains("old name of `peer`, but these series have no `peer` either"),
        "{e:?}"
    );
}

#[test]
fn rule_findings_name_the_line_and_column_of_the_expression() {
    let yaml = "groups:\n- name: g\n  rules:\n  - alert: Plain\n    expr: rate(chronik_raft_commit_index[5m]) > 0\n  - alert: Quoted\n    expr: \"rate(chronik_raft_commit_index[5m]) > 0\"\n  - alert: Block\n    expr: |\n      rate(chronik_raft_commit_index[5m])\n        > 0\n  - alert: Misplaced\n    severity: page\n    expr: up == 0\n";
    let found = lint_others(&schema(), &[rules("r.yml", yaml)], &[]);
    let at = |what: &str| {
        let f = found
            .iter()
            .find(|f| f.location.what == what)
            .unwrap_or_else(|| panic!("{what}: {found:#?}"));
        (f.location.line, f.location.column)
    };
    assert_eq!(at("alert Plain"), (5, 11));
    assert_eq!(at("alert Quoted"), (7, 11));
    assert_eq!(at("alert Block"), (10, 7));
    assert_eq!(
        at("alert Misplaced"),
        (13, 5),
        "points at the misplaced key"
    );
    assert!(found
        .iter()
        .all(|f| f.location.to_string().starts_with("r.yml:")));
}

#[test]
fn dashboard_findings_name_the_panel_and_its_line() {
    let json = "{\n  \"panels\": [\n    {\"id\": 1, \"title\": \"Fine\", \"targets\": [{\"refId\": \"A\", \"expr\": \"max(chronik_raft_commit_index)\"}]},\n    {\"type\": \"row\", \"title\": \"More\", \"panels\": [\n      {\"id\": 42, \"title\": \"Broken\",\n       \"targets\": [\n         {\"refId\": \"B\", \"expr\": \"max(chronik_raft_nope)\"}]}]}\n  ]\n}\n";
    let found = lint_others(&schema(), &[], &[dashboard(json)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let l = &found[0].location;
    assert_eq!((l.line, l.column), (7, 33));
    assert_eq!(l.what, "panel 42 \"Broken\" (B)");
    assert_eq!(l.to_string(), "d.json:7:33: panel 42 \"Broken\" (B)");
}

fn unusable_rules(bytes: &[u8]) -> lint::InputError {
    rules_file::read("r.yml", bytes).unwrap_err()
}

fn unusable_dashboard(bytes: &[u8]) -> lint::InputError {
    dashboard_file::read("d.json", bytes).unwrap_err()
}

#[test]
fn unusable_input_is_a_located_error() {
    let e = unusable_rules(b"groups:\n- name: g\n  rules: [\n");
    assert!(
        e.message.starts_with("not valid YAML") && e.line >= 3,
        "{e}"
    );
    let e = unusable_rules(b"apiVersion: v1\nkind: ConfigMap\n");
    assert_eq!(
        e.to_string(),
        "r.yml:1:1: not a Prometheus rule file: no top-level `groups:` list"
    );
    let e = unusable_rules(b"- just\n- a list\n");
    assert!(e.message.contains("not a Prometheus rule file"), "{e}");
    let e =
        unusable_rules(b"groups:\n- name: g\n  rules:\n  - alert: A\n    alert: B\n    expr: up\n");
    assert!(
        e.message.contains("duplicate key `alert`") && e.line == 5,
        "{e}"
    );
    let e = unusable_rules(b"groups:\n- name: \xc3\x28\n");
    assert_eq!((e.line, e.column), (2, 9), "{e}");
    assert!(e.message.starts_with("not UTF-8"), "{e}");
    let e = unusable_dashboard(b"{\n  \"panels\": [\n    {\"id\": 1,}\n  ]\n}");
    assert!(
        e.message.starts_with("not valid JSON") && e.line == 3,
        "{e}"
    );
    assert!(
        !e.message.contains("at line"),
        "the location is not repeated: {e}"
    );
    let e = unusable_dashboard(b"{\"title\": \"no panels\"}");
    assert_eq!(
        e.to_string(),
        "d.json:1:1: not a Grafana dashboard: no `panels` list"
    );
    let e = unusable_dashboard(b"{\"panels\": []}\n\xff");
    assert_eq!((e.line, e.column), (2, 1), "{e}");
    // An empty rule file is valid, as for Prometheus.
    assert!(rules_file::read("r.yml", b"# nothing yet\n")
        .unwrap()
        .rules
        .is_empty());
}

#[test]
fn a_50_mb_file_is_read_or_refused_with_a_location() {
    let big = 50 << 20;
    // Deep nesting hits the parsers' depth limits instead of the stack.
    let e = unusable_dashboard("[".repeat(big).as_bytes());
    assert_eq!(e.line, 1, "{e}");
    let e = unusable_rules(format!("groups: {}", "[".repeat(big)).as_bytes());
    assert_eq!(e.line, 1, "{e}");
    // A large valid dashboard: a 50 MB description, then a panel whose line is still right.
    let json = format!(
        "{{\"description\": \"{}\",\n\"panels\": [{{\"id\": 1, \"title\": \"T\", \"targets\": [{{\"refId\": \"A\", \"expr\": \"max(chronik_raft_nope)\"}}]}}]}}",
        "x".repeat(big)
    );
    let found = lint_others(&schema(), &[], &[dashboard(&json)]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location.line, 2);
    // And a 50 MB rule file of comments around one rule.
    let yaml = format!(
        "{}groups:\n- name: g\n  rules:\n  - alert: A\n    expr: max(chronik_raft_nope)\n",
        "# padding\n".repeat(big / 10)
    );
    let found = lint_others(&schema(), &[rules("r.yml", &yaml)], &[]);
    assert_eq!(found[0].location.line, big / 10 + 5);
}

#[test]
fn the_schemas_slo_series_are_known_without_their_rule_file() {
    let s = schema();
    let ok = panels(&[
        "min by (cluster) (slo:period_error_budget_remaining:ratio{sloth_slo=\"write_success\"})",
        "max by (cluster, topic) (slo:sli_error:ratio_rate1h{sloth_id=\"chronik-raft-commit_latency\"}) / 0.01",
    ]);
    let found = lint_others(&s, &[], &[ok]);
    assert!(
        messages(&found, true).is_empty(),
        "{:?}",
        messages(&found, true)
    );
    // A label the SLO series do not have is an error, as on any recorded series.
    let wrong = panels(&["max by (cluster, partition) (slo:sli_error:ratio_rate5m)"]);
    let found = lint_others(&s, &[], &[wrong]);
    let errors = messages(&found, true);
    assert!(errors.iter().any(|m| m.contains("partition")), "{errors:?}");
}

#[test]
fn hand_written_queries_that_merge_clusters_are_flagged_with_the_fix() {
    let s = schema();
    let yaml = "groups:\n  - name: team\n    rules:\n      - alert: UnderReplicated\n        expr: sum by (topic) (chronik_raft_under_replicated_partitions) > 0\n      - alert: Failing\n        expr: avg(rate(chronik_raft_proposals_failed_total[5m])) > 1\n      - alert: Pinned\n        expr: sum by (topic) (chronik_raft_under_replicated_partitions{cluster=\"east\"}) > 0\n      - alert: NotOurs\n        expr: sum(rate(http_requests_total[5m])) > 1\n";
    let found = lint::lint(&s, &[rules("team.yml", yaml)], &[]);
    // (`http_requests_total` is also unknown to the schema: a finding of its own.)
    let errors: Vec<String> = messages(&found, true)
        .into_iter()
        .filter(|m| m.contains("the cluster label"))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("team.yml:5:15: alert UnderReplicated:")
            && errors[0].contains("keep it: `sum by (cluster, topic)`"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("team.yml:7:15: alert Failing:")
            && errors[1].contains("keep it: `avg by (cluster) (...)`"),
        "{errors:#?}"
    );
    // In a dashboard too; one pinned to the selected cluster merges nothing.
    let d = panels(&[
        "sum by (topic) (chronik_raft_under_replicated_partitions{cluster=~\"$cluster\"})",
        "sum by (topic) (chronik_raft_under_replicated_partitions{cluster=\"$cluster\"})",
    ]);
    let errors = messages(&lint::lint(&s, &[], &[d]), true);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("panel 1"), "{errors:#?}");
}
