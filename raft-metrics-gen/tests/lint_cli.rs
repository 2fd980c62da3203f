//! `raft-metrics-gen lint` as CI runs it: every finding on stdout in the chosen format, exit
//! codes 0 (no errors), 1 (errors), 2 (unusable input), and plain words off a terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn gen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raft-metrics-gen"))
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn gen(args: &[&str]) -> Output {
    gen_in(&root(), args)
}

const LEGACY: &[&str] = &[
    "lint",
    "--rules",
    "tests/legacy/old-alerts.yml",
    "--dashboard",
    "tests/legacy/old-dashboard.json",
];

const VALID: &[&str] = &[
    "lint",
    "--rules",
    "tests/lint/valid/rules.yml",
    "tests/lint/valid/more-rules.yml",
    "tests/lint/valid/functions.yml",
    "tests/lint/valid/prometheus-rule.yml",
    "--dashboard",
    "tests/lint/valid/dashboard.json",
    "tests/lint/valid/team-dashboard.json",
    "tests/lint/valid/variables-dashboard.json",
];

fn with_format<'a>(args: &[&'a str], format: &'a str) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--format", format]);
    v
}

#[test]
fn the_valid_file_set_lints_clean_in_every_format() {
    for format in ["text", "json", "github"] {
        let out = gen(&with_format(VALID, format));
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{format}: {text}");
        assert!(out.stderr.is_empty(), "{format}: one stream");
        assert!(
            text.contains("0 errors, 0 warnings, 0 unusable files")
                || text.contains("\"errors\": 0"),
            "{text}"
        );
    }
}

#[test]
fn legacy_files_get_every_finding_located_in_text() {
    let out = gen(LEGACY);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        out.stderr.is_empty(),
        "everything on stdout: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains('\u{1b}'), "no colour in a pipe: {text:?}");
    for want in [
        "tests/legacy/old-alerts.yml:6:11: error: `state=\"1\"` can never match",
        "in: alert RaftNoLeader",
        "tests/legacy/old-alerts.yml:11:11: error: `chronik_raft_commit_latency_ms_bucket` is the old name of `chronik_raft_commit_latency_seconds_bucket`",
        "from milliseconds to seconds",
        "warning: `chronik_raft_commit_latency_seconds_bucket` is in seconds but is compared with 500",
        "error: `severity` sits outside `labels:`",
        "`rpc_type` is the old name of `rpc`",
        "`target_node` is the old name of `peer`",
        "`follower_id` is the old name of `peer`",
        "tests/legacy/old-dashboard.json:9:41: error: `topic=\"$topic\"` compares a multi-value variable",
        "in: panel 1 \"Leaders\" (A)",
        "in: panel 2 \"Append entries\" (A)",
        "`chronik_raft_append_entries_sent` is the old name of `chronik_raft_replication_sent_entries_total`",
        "in: panel 3 \"Term rate\" (A)",
        "`rate()` over gauge",
        "`chronik_raft_leader_partitions` has no label `node_id`",
        "`node_id=\"$node\"` compares a multi-value variable",
        "in: variable $node",
    ] {
        assert!(text.contains(want), "lint output lacks {want:?}:\n{text}");
    }
    // The alert and panel that are otherwise valid are flagged for one thing only: written
    // for one cluster, they merge clusters in a global view.
    for (what, fix) in [
        (
            "in: alert LeaderChanges",
            "keep it: `sum by (cluster, topic, partition)`",
        ),
        (
            "in: panel 4 \"Committed entries\" (A)",
            "keep it: `sum by (cluster, topic)`",
        ),
    ] {
        let blocks: Vec<&str> = text.split("\n\n").filter(|b| b.contains(what)).collect();
        assert_eq!(blocks.len(), 1, "{what}: {blocks:#?}");
        assert!(blocks[0].contains(fix), "{what}: {blocks:#?}");
    }
    assert!(
        text.trim_end().ends_with("unusable files"),
        "the summary comes last: {text}"
    );
}

#[test]
fn json_output_is_one_document_with_every_finding() {
    let out = gen(&with_format(LEGACY, "json"));
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let findings = doc["findings"].as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(doc["errors"].as_u64(), Some(errors as u64));
    assert!(errors >= 15, "{doc:#}");
    for f in findings {
        for key in ["file", "in", "message", "help", "expr"] {
            assert!(f[key].is_string(), "{key}: {f}");
        }
        assert!(
            f["line"].as_u64().unwrap() >= 1 && f["column"].as_u64().unwrap() >= 1,
            "{f}"
        );
    }
    assert!(findings
        .iter()
        .any(|f| f["in"] == "panel 5 \"Leader count\" (A)" && f["line"] == 15));
}

#[test]
fn github_output_is_workflow_commands() {
    let out = gen(&with_format(LEGACY, "github"));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let (commands, rest) = lines.split_at(lines.len() - 1);
    assert!(rest[0].ends_with("unusable files"), "{text}");
    for l in commands {
        assert!(
            l.starts_with("::error file=tests/legacy/")
                || l.starts_with("::warning file=tests/legacy/"),
            "{l}"
        );
        assert!(
            l.contains(",line=") && l.contains(",col=") && l.contains(",title="),
            "{l}"
        );
    }
    assert!(
        commands.iter().any(|l| l.starts_with("::error file=tests/legacy/old-alerts.yml,line=6,col=11,title=alert RaftNoLeader::`state=\"1\"` can never match")),
        "{text}"
    );
    // A title's commas and colons are escaped, so the command stays one property list.
    assert!(
        commands.iter().all(|l| l.split("::").count() == 3),
        "{text}"
    );
}

#[test]
fn unusable_input_exits_2_and_names_the_place() {
    let dir = root().join("target/tests/lint-bad");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.yml"), "groups:\n- name: g\n  rules: [\n").unwrap();
    std::fs::write(dir.join("cm.yml"), "apiVersion: v1\nkind: ConfigMap\n").unwrap();
    std::fs::write(dir.join("bad.json"), "{\"panels\": [,]}").unwrap();
    std::fs::write(dir.join("bytes.json"), b"{\"panels\": []}\n\xff\xfe").unwrap();
    let d = dir.to_str().unwrap();
    let schema = root().join("metrics-schema.toml");
    let out = gen_in(
        &dir,
        &[
            "--schema",
            schema.to_str().unwrap(),
            "lint",
            "--rules",
            "bad.yml",
            "cm.yml",
            "missing.yml",
            "--dashboard",
            "bad.json",
            "bytes.json",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    for want in [
        "bad.yml:4:1: error: not valid YAML",
        "cm.yml:1:1: error: not a Prometheus rule file: no top-level `groups:` list",
        "missing.yml:1:1: error: cannot read",
        "bad.json:1:13: error: not valid JSON",
        "bytes.json:2:1: error: not UTF-8 text",
        "0 errors, 0 warnings, 5 unusable files",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}\n(in {d})");
    }
}

#[test]
fn outside_the_repository_a_missing_schema_is_one_plain_sentence() {
    let dir = std::env::temp_dir();
    let out = gen_in(&dir, &["lint", "--rules", "x.yml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no schema file at metrics-schema.toml") && err.contains("--schema"),
        "{err}"
    );
    assert!(!err.contains("macro") && !err.contains('│'), "{err}");
}

#[test]
fn generated_headers_name_the_schema_they_come_from() {
    let dir = root().join("target/tests/my-schema");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("metrics-schema.toml"),
        dir.join("my-schema.toml"),
    )
    .unwrap();
    let out = gen_in(&dir, &["--schema", "my-schema.toml", "generate"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (file, want) in [
        (
            "alerts/raft-alerts.yml",
            "# Generated by raft-metrics-gen from my-schema.toml.",
        ),
        (
            "docs/METRICS.md",
            "<!-- Generated by raft-metrics-gen from my-schema.toml.",
        ),
        (
            "dashboards/raft.json",
            "Generated by raft-metrics-gen from my-schema.toml (namespace",
        ),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(
            text.contains(want),
            "{file}: {}",
            &text[..200.min(text.len())]
        );
        let head: String = text.lines().take(3).collect();
        assert!(
            !head.contains("metrics-schema.toml"),
            "{file} names the default schema"
        );
    }
}

/// On a terminal (a pty from util-linux's `script`) findings are coloured, unless NO_COLOR.
#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let bin = env!("CARGO_BIN_EXE_raft-metrics-gen");
    let run = |no_color: bool| {
        let mut cmd = Command::new("script");
        cmd.args([
            "-qec",
            &format!("{bin} lint --rules tests/legacy/old-alerts.yml"),
            "/dev/null",
        ])
        .current_dir(root())
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .output()
            .expect("util-linux `script` runs the command on a pty");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tty = run(false);
    assert!(tty.contains("\u{1b}[") && tty.contains("error"), "{tty:?}");
    let plain = run(true);
    assert!(
        plain.contains("error: ") && !plain.contains('\u{1b}'),
        "{plain:?}"
    );
}
