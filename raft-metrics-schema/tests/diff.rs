//! `diff`: every class of change is found and classified; breaking changes name what they break.

use raft_metrics_schema::diff::{diff, find_breakage, generated_exprs, Class};

const BASE: &str = r#"
[schema]
namespace = "demo"

[[group]]
id = "core"
title = "Core"
order = 1

[[label]]
name = "topic"
kind = "string"
max_values = 10
help = "Topic."

[[label]]
name = "result"
kind = "enum"
type_name = "Outcome"
values = ["success", "failure"]
help = "Outcome."

[[metric]]
name = "requests_total"
type = "counter"
help = "Requests."
labels = ["topic", "result"]
group = "core"

[[metric]]
name = "queue_entries"
type = "gauge"
unit = "entries"
help = "Queued."
labels = ["topic"]
group = "core"

[[metric]]
name = "wait_seconds"
type = "histogram"
unit = "seconds"
help = "Waited."
labels = ["topic"]
buckets = [0.01, 0.1, 1.0]
group = "core"

[[alert]]
name = "DemoQueueLong"
severity = "warning"
for = "5m"
group = "core"
metric = "queue_entries"
condition = "gauge"
by = ["topic"]
threshold = 100
summary = "The queue is long."
description = "{{ $labels.topic }} has {{ $value }} queued."
runbook = "Drain it."

[[alert]]
name = "DemoFailing"
severity = "critical"
for = "5m"
group = "core"
expr = 'sum by (topic) (rate(demo_requests_total{result="failure"}[5m])) > 1'
summary = "Requests fail."
description = "{{ $labels.topic }} fails."
runbook = "Look at the logs."
"#;

fn schema(src: &str) -> raft_metrics_schema::Schema {
    match raft_metrics_schema::from_str(src, "test.toml") {
        Ok((s, _)) => s,
        Err(r) => panic!("test schema invalid: {:?}", r.diagnostics),
    }
}

/// The (class, kind) pairs `diff` reports for BASE → `edited`.
fn kinds(edited: &str) -> Vec<(Class, &'static str)> {
    diff(&schema(BASE), &schema(edited))
        .iter()
        .map(|c| (c.class, c.kind))
        .collect()
}

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "edit target missing: {from}");
    BASE.replacen(from, to, 1)
}

/// The schema's own alert must follow a change to what it selects, or the schema is rejected.
const FAILING: &str = "result=\"failure\"";

fn edit_with_alert(from: &str, to: &str, matcher: &str) -> String {
    let s = edit(from, to);
    assert!(s.contains(FAILING));
    s.replacen(FAILING, matcher, 1)
}

#[test]
fn an_unchanged_schema_has_no_changes() {
    assert!(kinds(BASE).is_empty());
}

#[test]
fn every_class_of_change_is_classified() {
    use Class::*;
    let wait = "[[metric]]\nname = \"wait_seconds\"\ntype = \"histogram\"\nunit = \"seconds\"\nhelp = \"Waited.\"\nlabels = [\"topic\"]\nbuckets = [0.01, 0.1, 1.0]\ngroup = \"core\"\n";
    let cases: Vec<(String, Class, &str)> = vec![
        (edit(wait, ""), Breaking, "metric-removed"),
        (
            edit("name = \"wait_seconds\"", "name = \"wait_time_seconds\"\nold_name = \"wait_seconds\""),
            Compatible,
            "metric-renamed",
        ),
        (
            edit("type = \"histogram\"\nunit = \"seconds\"\nhelp = \"Waited.\"\nlabels = [\"topic\"]\nbuckets = [0.01, 0.1, 1.0]", "type = \"gauge\"\nunit = \"seconds\"\nhelp = \"Waited.\"\nlabels = [\"topic\"]"),
            Breaking,
            "metric-type-changed",
        ),
        (
            edit("name = \"wait_seconds\"\ntype = \"histogram\"\nunit = \"seconds\"", "name = \"wait_size_bytes\"\nold_name = \"wait_seconds\"\ntype = \"histogram\"\nunit = \"bytes\""),
            Breaking,
            "metric-unit-changed",
        ),
        (
            edit_with_alert("labels = [\"topic\", \"result\"]", "labels = [\"topic\"]", "topic!=\"\""),
            Breaking,
            "label-removed",
        ),
        (edit("labels = [\"topic\"]\ngroup", "labels = [\"topic\", \"result\"]\ngroup"), Compatible, "label-added"),
        (edit("buckets = [0.01, 0.1, 1.0]", "buckets = [0.01, 1.0]"), Breaking, "bucket-removed"),
        (edit("buckets = [0.01, 0.1, 1.0]", "buckets = [0.01, 0.1, 0.5, 1.0]"), Compatible, "bucket-added"),
        (edit("help = \"Queued.\"", "help = \"Entries queued.\""), Compatible, "help-changed"),
        (format!("{BASE}\n[[metric]]\nname = \"errors_total\"\ntype = \"counter\"\nhelp = \"E.\"\ngroup = \"core\"\n"), Compatible, "metric-added"),
        (edit("kind = \"string\"\nmax_values = 10", "kind = \"u32\"\nmax_values = 10"), Breaking, "label-kind-changed"),
        (
            edit_with_alert("values = [\"success\", \"failure\"]", "values = [\"success\", \"error\"]", "result=\"error\""),
            Breaking,
            "enum-value-removed",
        ),
        (edit("values = [\"success\", \"failure\"]", "values = [\"success\", \"failure\", \"timeout\"]"), Compatible, "label-value-added"),
        (edit("name = \"DemoFailing\"", "name = \"DemoRequestsFailing\""), Breaking, "alert-removed"),
        (edit("name = \"DemoFailing\"", "name = \"DemoRequestsFailing\""), Compatible, "alert-added"),
        (edit("threshold = 100", "threshold = 200"), Compatible, "alert-expression-changed"),
        (edit("severity = \"warning\"", "severity = \"critical\""), Compatible, "alert-timing-or-severity-changed"),
        (edit("summary = \"The queue is long.\"", "summary = \"The queue is too long.\""), Compatible, "alert-text-changed"),
    ];
    for (edited, class, kind) in &cases {
        let got = kinds(edited);
        assert!(
            got.contains(&(*class, *kind)),
            "{kind}: expected {class:?}, got {got:?}"
        );
        // A compatible-only edit reports nothing breaking.
        if *class == Compatible && !matches!(*kind, "alert-added") {
            assert!(
                got.iter().all(|(c, _)| *c == Compatible),
                "{kind}: nothing breaking expected, got {got:?}"
            );
        }
    }
}

#[test]
fn breaking_changes_name_the_panels_and_alerts_they_break() {
    let old = schema(BASE);
    let new = schema(&edit_with_alert(
        "values = [\"success\", \"failure\"]",
        "values = [\"success\", \"error\"]",
        "result=\"error\"",
    ));
    let mut changes = diff(&old, &new);
    let mut exprs = generated_exprs(&old);
    exprs.push((
        "team-rules.yml: alert TheirAlert".into(),
        "rate(demo_requests_total{result=\"failure\"}[1m]) > 0".into(),
    ));
    exprs.push((
        "team-rules.yml: alert Unrelated".into(),
        "demo_queue_entries > 5".into(),
    ));
    find_breakage(&mut changes, &exprs);
    let removed = changes
        .iter()
        .find(|c| c.kind == "enum-value-removed")
        .expect("enum value removal reported");
    assert_eq!(
        removed.breaks,
        vec![
            "alerts/raft-alerts.yml: alert DemoFailing".to_string(),
            "team-rules.yml: alert TheirAlert".to_string()
        ]
    );

    let new = schema(&edit("buckets = [0.01, 0.1, 1.0]", "buckets = [0.01, 1.0]"));
    let mut changes = diff(&old, &new);
    find_breakage(&mut changes, &generated_exprs(&old));
    let buckets = changes.iter().find(|c| c.kind == "bucket-removed").unwrap();
    // The recording rules that read the buckets, and the panels that read those.
    assert!(
        buckets.breaks.iter().any(|b| b.contains("panel \"Wait"))
            && buckets
                .breaks
                .iter()
                .any(|b| b.contains("record cluster_le:demo_wait_seconds_bucket"))
            && buckets
                .breaks
                .iter()
                .all(|b| b.contains("\"Wait") || b.contains("wait_seconds")),
        "{:?}",
        buckets.breaks
    );
}

#[test]
fn slo_changes_are_classified_and_a_tighter_objective_is_breaking() {
    use Class::*;
    let slo = "\n[[slo]]\nname = \"fast_waits\"\ndescription = \"Waits under 100 ms\"\nobjective = 0.99\nperiod = \"28d\"\nby = [\"topic\"]\nsli = \"latency\"\nmetric = \"wait_seconds\"\nthreshold = 0.1\n";
    let with = format!("{BASE}{slo}");
    let changes = |a: &str, b: &str| -> Vec<(Class, &'static str)> {
        diff(&schema(a), &schema(b))
            .iter()
            .map(|c| (c.class, c.kind))
            .collect()
    };
    assert!(changes(BASE, &with).contains(&(Compatible, "slo-added")));
    let removed = diff(&schema(&with), &schema(BASE));
    let gone = removed.iter().find(|c| c.kind == "slo-removed").unwrap();
    assert_eq!(gone.class, Breaking);
    let tighter = with.replace("objective = 0.99\n", "objective = 0.995\n");
    assert!(changes(&with, &tighter).contains(&(Breaking, "slo-objective-changed")));
    assert!(changes(&tighter, &with).contains(&(Compatible, "slo-objective-changed")));
    let period = with.replace("period = \"28d\"", "period = \"30d\"");
    assert!(changes(&with, &period).contains(&(Breaking, "slo-period-changed")));
    // What read the removed SLO's series is named.
    let mut removed = removed;
    let mut exprs = generated_exprs(&schema(&with));
    exprs.push((
        "team.json: panel \"Budget\" (A)".into(),
        format!(
            "slo:period_error_budget_remaining:ratio{{sloth_id=\"{}-fast_waits\"}}",
            schema(&with).uid
        ),
    ));
    find_breakage(&mut removed, &exprs);
    let gone = removed.iter().find(|c| c.kind == "slo-removed").unwrap();
    assert!(
        gone.breaks.iter().any(|b| b.starts_with("team.json")),
        "{:?}",
        gone.breaks
    );
}
