//! Every schema mistake in `tests/diagnostics/*.toml` is reported exactly as the `.out` file
//! next to it says: every error at once, each at `FILE:LINE:COL` with its fix. The macro turns
//! the same report into compile errors (trybuild keeps a few of those end to end).
//!
//! After a deliberate change of wording, rewrite the `.out` files with
//! `RAFT_METRICS_BLESS=1 cargo test -p raft-metrics-schema --test diagnostics`.

use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diagnostics");
    let mut v: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/diagnostics exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// The report as the build step prints it (errors and warnings, in file order).
fn rendered(toml: &Path) -> String {
    let name = toml.file_name().expect("file name").to_string_lossy();
    let src = fs::read_to_string(toml).expect("readable case");
    match raft_metrics_schema::from_str(&src, &name) {
        Ok(_) => panic!("{name} is a valid schema; every case must have an error"),
        Err(report) => format!("{report}\n"),
    }
}

#[test]
fn every_case_renders_exactly_its_expected_report() {
    let bless = std::env::var_os("RAFT_METRICS_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 35, "only {} cases found", cases.len());
    let mut failures = Vec::new();
    for toml in &cases {
        let got = rendered(toml);
        let out = toml.with_extension("out");
        if bless {
            fs::write(&out, &got).expect("write .out");
            continue;
        }
        let want = fs::read_to_string(&out).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected ({})\n{want}--- got\n{got}",
                toml.display(),
                out.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_case_has_an_error_with_a_location_and_a_fix() {
    for toml in cases() {
        let got = rendered(&toml);
        let name = toml.file_name().unwrap().to_string_lossy().into_owned();
        let first = got.lines().next().unwrap_or_default();
        let located = first.starts_with(&format!("{name}:"))
            && first
                .split(':')
                .nth(1)
                .is_some_and(|l| l.parse::<usize>().is_ok());
        assert!(located, "{name}: first line has no FILE:LINE:COL: {first}");
        assert!(got.contains(": error: "), "{name}: no error in\n{got}");
        assert!(got.contains("\n  help: "), "{name}: no fix in\n{got}");
    }
}

#[test]
fn a_threshold_in_milliseconds_is_one_warning_not_two() {
    let src = r#"
[schema]
namespace = "demo"

[[group]]
id = "core"
title = "Core"
order = 1

[[metric]]
name = "commit_latency_seconds"
type = "histogram"
unit = "seconds"
buckets = [0.1, 0.5, 1]
help = "Commit latency."
group = "core"

[[alert]]
name = "DemoSlowCommits"
severity = "warning"
for = "5m"
summary = "Commits are slow."
description = "p99 is {{ $value }} s."
runbook = "Look at the disks."
group = "core"
metric = "commit_latency_seconds"
condition = "quantile"
quantile = 0.99
over = "5m"
threshold = 500
"#;
    let (_, report) = raft_metrics_schema::from_str(src, "ms.toml").expect("valid, with warnings");
    let ms: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| report.render_one(d))
        .filter(|d| d.contains("did you mean 0.5"))
        .collect();
    assert_eq!(ms.len(), 1, "{report}");
    assert!(ms[0].starts_with("ms.toml:30:13: warning: "), "{}", ms[0]);
}
