//! The committed dashboard, rules and docs are what the schema generates; generation is
//! deterministic; the dashboard keeps Grafana's invariants; promtool accepts and tests the rules.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn gen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_raft-metrics-gen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn committed_files_are_fresh_and_generation_is_deterministic() {
    let out = gen(&["check"]);
    assert!(
        out.status.success(),
        "generated files are stale or invalid; run `cargo run -p raft-metrics-gen -- generate`:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tmp = std::env::temp_dir().join(format!("raft-metrics-gen-{}", std::process::id()));
    for dir in ["a", "b"] {
        let o = gen(&["generate", "--out", tmp.join(dir).to_str().unwrap()]);
        assert!(o.status.success());
    }
    for f in [
        "dashboards/raft.json",
        "alerts/raft-alerts.yml",
        "docs/METRICS.md",
    ] {
        let a = std::fs::read(tmp.join("a").join(f)).unwrap();
        let b = std::fs::read(tmp.join("b").join(f)).unwrap();
        assert_eq!(a, b, "{f} differs between two runs");
        assert_eq!(
            a,
            std::fs::read(root().join(f)).unwrap(),
            "{f} differs from the committed file"
        );
    }
    let _ = std::fs::remove_dir_all(tmp);
}

#[test]
fn check_fails_with_a_diff_on_a_stale_file() {
    let tmp = std::env::temp_dir().join(format!("raft-metrics-stale-{}", std::process::id()));
    assert!(gen(&["generate", "--out", tmp.to_str().unwrap()])
        .status
        .success());
    let f = tmp.join("alerts/raft-alerts.yml");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("for: 30s", "for: 1m");
    std::fs::write(&f, text).unwrap();
    let out = gen(&["check", "--out", tmp.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("alerts/raft-alerts.yml is stale")
            && err.contains("-    for: 1m")
            && err.contains("+    for: 30s"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(tmp);
}

#[test]
fn dashboard_invariants_hold() {
    let schema =
        raft_metrics_schema::load(&root().join("metrics-schema.toml"), "metrics-schema.toml")
            .unwrap()
            .0;
    for plan in raft_metrics_schema::plan::dashboards(&schema) {
        let d: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(&plan.file)).unwrap())
                .unwrap();
        let rows = dashboard_invariants(&d);
        assert_eq!(
            rows,
            plan.rows.len(),
            "{}: a row per planned row",
            plan.file
        );
    }
}

/// Grid, ids, variables, panels; returns the number of rows.
fn dashboard_invariants(d: &Value) -> usize {
    assert!(d["schemaVersion"].as_u64().unwrap() >= 39);
    assert!(!d["uid"].as_str().unwrap().is_empty() && d["uid"].as_str().unwrap().len() <= 40);
    let vars = d["templating"]["list"].as_array().unwrap();
    assert!(vars
        .iter()
        .any(|v| v["name"] == "datasource" && v["type"] == "datasource"));
    for v in vars.iter().filter(|v| v["type"] == "query") {
        // One cluster, topic and partition at a time; nodes several or All.
        let multi = v["name"] == "node";
        assert_eq!(v["multi"], multi, "{}", v["name"]);
        assert_eq!(v["includeAll"], multi, "{}", v["name"]);
        assert_eq!(v["refresh"], 2);
    }
    let mut ids = HashSet::new();
    let mut rows = 0;
    for_grid(d["panels"].as_array().unwrap(), &mut ids, &mut rows);
    rows
}

/// One grid of panels (the dashboard's, or a collapsed row's): ids unique across the whole
/// dashboard, no overlap within the grid, every panel complete.
fn for_grid(panels: &[Value], ids: &mut HashSet<u64>, rows: &mut usize) {
    let mut cells: Vec<(u64, u64, u64, u64)> = Vec::new();
    for p in panels {
        assert!(
            ids.insert(p["id"].as_u64().unwrap()),
            "duplicate id {}",
            p["id"]
        );
        let g = &p["gridPos"];
        let (x, y, w, h) = (
            g["x"].as_u64().unwrap(),
            g["y"].as_u64().unwrap(),
            g["w"].as_u64().unwrap(),
            g["h"].as_u64().unwrap(),
        );
        assert!(x + w <= 24, "panel {} leaves the grid", p["title"]);
        for &(x2, y2, w2, h2) in &cells {
            let overlap = x < x2 + w2 && x2 < x + w && y < y2 + h2 && y2 < y + h;
            assert!(!overlap, "panel {} overlaps another", p["title"]);
        }
        cells.push((x, y, w, h));
        if p["type"] == "row" {
            *rows += 1;
            let nested = p["panels"].as_array().unwrap();
            // Grafana keeps a collapsed row's panels inside it, an expanded row's after it.
            assert_eq!(p["collapsed"] == true, !nested.is_empty(), "{}", p["title"]);
            for_grid(nested, ids, &mut 0);
            continue;
        }
        panel_invariants(p);
    }
}

fn panel_invariants(p: &Value) {
    assert!(!p["title"].as_str().unwrap().is_empty());
    assert!(!p["description"].as_str().unwrap().is_empty());
    assert_eq!(p["datasource"]["uid"], "${datasource}", "{}", p["title"]);
    assert!(
        p["fieldConfig"]["defaults"]["unit"].is_string(),
        "{} has no unit",
        p["title"]
    );
    assert!(!p["targets"].as_array().unwrap().is_empty());
    if let Some(steps) = p["fieldConfig"]["defaults"]["thresholds"]["steps"].as_array() {
        let values: Vec<f64> = steps.iter().filter_map(|s| s["value"].as_f64()).collect();
        assert!(
            values.windows(2).all(|w| w[0] < w[1]),
            "{} thresholds not ascending",
            p["title"]
        );
    }
}

#[test]
fn the_readme_shows_the_overview_layout_the_plan_makes() {
    let schema =
        raft_metrics_schema::load(&root().join("metrics-schema.toml"), "metrics-schema.toml")
            .unwrap()
            .0;
    let table = raft_metrics_schema::docs::overview_layout(&schema);
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = readme
        .split_once(LAYOUT_START)
        .expect("README has the layout's start marker");
    let (_, tail) = rest
        .split_once(LAYOUT_END)
        .expect("README has the layout's end marker");
    let head = format!("{head}{LAYOUT_START}");
    let want = format!("{head}\n{table}{LAYOUT_END}{tail}");
    if want != readme && std::env::var_os("RAFT_METRICS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    assert!(
        want == readme,
        "README.md's overview layout is stale; rerun with RAFT_METRICS_BLESS=1 to rewrite it:\n{table}"
    );
}

const LAYOUT_START: &str =
    "<!-- overview-layout: generated from the plan; raft-metrics-gen/tests/generated.rs keeps it true -->";
const LAYOUT_END: &str = "<!-- /overview-layout -->";

#[test]
fn alert_thresholds_drive_panel_threshold_lines() {
    let d: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("dashboards/raft.json")).unwrap(),
    )
    .unwrap();
    let p = d["panels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Commit latency p50/p95/p99, by node")
        .unwrap();
    let steps: Vec<f64> = p["fieldConfig"]["defaults"]["thresholds"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["value"].as_f64())
        .collect();
    assert_eq!(
        steps,
        [0.25, 0.5],
        "warning and critical stages of the commit-latency alerts"
    );
}

/// Run promtool from the workspace root and fail with its output unless it succeeds.
fn promtool(args: &[&str]) {
    let promtool = PathBuf::from("/usr/bin/promtool");
    // The test command installs it; outside it, say so instead of passing silently.
    assert!(
        promtool.exists(),
        "promtool not found: run ./scripts/test.sh, which installs Debian's prometheus package"
    );
    let out = Command::new(&promtool)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "promtool {}:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn promtool_accepts_and_tests_every_rule() {
    promtool(&[
        "check",
        "rules",
        "alerts/raft-alerts.yml",
        "alerts/raft-recording-rules.yml",
        "alerts/raft-slo-rules.yml",
    ]);
    promtool(&["test", "rules", "tests/alerts/raft-alerts.test.yml"]);
    // The SLO alerts' generated cases: each SLO's page and ticket are expected to fire in
    // some case and to stay silent in others.
    promtool(&["test", "rules", "tests/alerts/raft-slo.test.yml"]);
    let slo_tests = std::fs::read_to_string(root().join("tests/alerts/raft-slo.test.yml")).unwrap();
    for name in [
        "SloWriteSuccessBudgetBurn",
        "SloCommitLatencyBudgetBurn",
        "SloLeaderAvailabilityBudgetBurn",
    ] {
        assert!(slo_tests.contains(&format!("alertname: {name}")), "{name}");
    }
    for severity in [
        "sloth_severity: page",
        "sloth_severity: ticket",
        "exp_alerts: []",
    ] {
        assert!(slo_tests.contains(severity), "{severity}");
    }
    // Every alert has a test, and every test has two clusters: the broken one fires, with its
    // cluster label; the healthy one with the same partitions does not.
    let tests = std::fs::read_to_string(root().join("tests/alerts/raft-alerts.test.yml")).unwrap();
    for case in tests.split("\n  - interval:").skip(1) {
        assert!(
            case.contains("cluster=\"east\"") && case.contains("cluster=\"west\""),
            "{case}"
        );
        for l in case.lines().filter(|l| l.contains("exp_labels:")) {
            assert!(l.contains("cluster: east"), "{l}");
        }
    }
    let rules = std::fs::read_to_string(root().join("alerts/raft-alerts.yml")).unwrap();
    for line in rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- alert: "))
    {
        assert!(
            tests.contains(&format!("alertname: {line}\n")),
            "no promtool test for {line}"
        );
    }
}

#[test]
fn diff_exits_non_zero_on_a_breaking_change_and_speaks_json() {
    let schema = std::fs::read_to_string(root().join("metrics-schema.toml")).unwrap();
    let edited = schema.replacen(
        "values = [\"add_voter\", \"remove_voter\", \"add_learner\", \"remove_learner\", \"other\"]",
        "values = [\"add_voter\", \"remove_voter\", \"add_learner\", \"remove_learner\"]",
        1,
    );
    assert_ne!(schema, edited, "the edit applies");
    let dir = root().join("target/tests/diff");
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("edited.toml");
    std::fs::write(&new, edited).unwrap();
    let new = new.to_str().unwrap();

    let out = gen(&["diff", "metrics-schema.toml", new]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("enum-value-removed") && text.contains("loses value \"other\""),
        "{text}"
    );

    let out = gen(&[
        "diff",
        "metrics-schema.toml",
        new,
        "--allow-breaking",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["breaking"], 1);
    assert_eq!(v["changes"][0]["kind"], "enum-value-removed");

    // Against a git revision: the committed schema compared with itself has no change.
    let out = gen(&[
        "diff",
        "--against",
        "HEAD",
        "--schema",
        "metrics-schema.toml",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}{err}");
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with("0 breaking, ")),
        "{text}{err}"
    );
}

/// A team's schema extends the base; `generate` keeps the base it used beside the outputs
/// (`raft-metrics-base.toml`). After an upgrade, `diff --old-base` with that copy says what the
/// new base changed: here a metric the old base had and the new one lacks.
#[test]
fn diff_old_base_says_what_an_upgrade_of_the_base_changed() {
    let shop = "examples/shop-raft/shop-metrics.toml";
    let kept = "examples/shop-raft/raft-metrics-base.toml";
    let same = gen(&["--schema", shop, "diff", "--old-base", kept, shop]);
    let text = String::from_utf8_lossy(&same.stdout);
    assert_eq!(same.status.code(), Some(0), "{text}");
    assert!(
        text.trim_end().ends_with(&format!(
            "0 breaking, 0 compatible change(s) from {shop} to {shop}"
        )),
        "{text}"
    );

    let base = std::fs::read_to_string(root().join(kept)).unwrap();
    let anchor = "[[metric]]\nname = \"label_overflow_total\"";
    assert!(base.contains(anchor), "the anchor moved");
    let extra = "[[metric]]\nname = \"apply_errors_total\"\ntype = \"counter\"\nhelp = \"Entries the state machine failed to apply.\"\nlabels = [\"topic\", \"partition\"]\ngroup = \"commit\"\n\n";
    let dir = root().join("target/tests/diff");
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old-base.toml");
    std::fs::write(&old, base.replacen(anchor, &format!("{extra}{anchor}"), 1)).unwrap();
    let out = gen(&[
        "--schema",
        shop,
        "diff",
        "--old-base",
        old.to_str().unwrap(),
        shop,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("breaking") && l.contains("shop_raft_apply_errors_total")),
        "{text}"
    );
}

#[test]
fn bad_command_line_values_are_refused_with_status_2() {
    for args in [
        &["diff", "--format", "xml", "a.toml", "b.toml"][..],
        &["no-such-command"],
        &["check", "--no-such-flag"],
        &["stats", "--schema"],
    ] {
        let out = gen(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("error:"), "{args:?}: {err}");
    }
}

#[test]
fn stats_prints_every_metric_and_the_total_within_budget() {
    let out = gen(&["stats"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let schema =
        raft_metrics_schema::load(&root().join("metrics-schema.toml"), "metrics-schema.toml")
            .unwrap()
            .0;
    for m in &schema.metrics {
        assert!(text.contains(&m.exposed), "{} missing", m.exposed);
    }
    let total = schema.worst_case_total().unwrap();
    assert!(total <= schema.max_series.unwrap());
    assert!(
        text.contains(&format!(
            "total worst-case series: {total} (max_series: 2000000)"
        )),
        "{text}"
    );
}

#[test]
fn check_names_missing_files_without_a_diff() {
    let dir = root().join("target/tests/empty-out");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = gen(&["check", "--out", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("dashboards/raft.json is missing"), "{err}");
    assert!(
        err.contains("run `cargo run -p raft-metrics-gen -- generate`"),
        "{err}"
    );
    assert!(!err.contains("@@"), "a missing file is not a diff: {err}");
}

#[test]
fn schema_errors_are_plain_text_off_a_terminal_and_hints_agree() {
    let dir = root().join("target/tests/ms");
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(
        root().join("raft-metrics-schema/tests/diagnostics/unit_abbreviation.toml"),
    )
    .unwrap()
    .replace(
        "name = \"latency_ms\"\ntype = \"gauge\"",
        "name = \"apply_duration_ms\"\ntype = \"gauge\"\nunit = \"seconds\"",
    );
    assert!(src.contains("apply_duration_ms"), "the edit applies");
    let path = dir.join("ms.toml");
    std::fs::write(&path, src).unwrap();
    // TERM=xterm used to be enough for colour codes in a pipe.
    let out = Command::new(env!("CARGO_BIN_EXE_raft-metrics-gen"))
        .args(["stats", "--schema", path.to_str().unwrap()])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "an unusable schema: {err}");
    assert!(!err.contains('\u{1b}'), "colour codes in a pipe: {err:?}");
    assert!(err.contains("uses the unit abbreviation `_ms`"), "{err}");
    assert!(err.contains("e.g. \"apply_duration_seconds\""), "{err}");
    assert!(!err.contains("_ms_seconds"), "{err}");
}
