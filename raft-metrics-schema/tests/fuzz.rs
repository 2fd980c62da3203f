//! Property tests over hostile input: random and mutated schemas, random PromQL.
//!
//! Properties: nothing panics; a rejected schema yields at least one error, each located inside
//! the file; an accepted schema generates code, a dashboard, rules and docs that pass the
//! schema's own checks. Case counts scale with `RAFT_METRICS_FUZZ_CASES` (default for CI).

use proptest::prelude::*;
use proptest::test_runner::Config;
use raft_metrics_schema::{lint, promql, Schema};

const DEFAULT: &str = include_str!("../../metrics-schema.toml");
/// A schema that extends the default one.
const SHOP: &str = include_str!("../../examples/shop-raft/shop-metrics.toml");

/// Cases for one property: `RAFT_METRICS_FUZZ_CASES` (or `default`).
fn cases(default: u32) -> Config {
    let n = std::env::var("RAFT_METRICS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs the whole pipeline on `src` and checks the properties.
fn check_schema(src: &str) -> Result<(), TestCaseError> {
    match raft_metrics_schema::from_str(src, "fuzz.toml") {
        Ok((schema, _)) => check_accepted(&schema),
        Err(report) => {
            prop_assert!(report.errors().count() > 0, "rejected without an error");
            for d in report.errors() {
                // In the file, or (for a schema that extends the base) in the base's text.
                let at = report.locate(d.span.start);
                prop_assert!(at.offset + d.span.len() <= at.source.len(), "{d:?}");
                // Every error renders as FILE:LINE:COL.
                let text = report.render_compact(d);
                prop_assert!(text.starts_with(&format!("{}:", at.file_name)), "{text}");
                prop_assert!(at.in_base || text.starts_with("fuzz.toml:"), "{text}");
            }
            Ok(())
        }
    }
}

fn check_accepted(schema: &Schema) -> Result<(), TestCaseError> {
    let tokens = raft_metrics_schema::rust::emit(schema);
    prop_assert!(!tokens.is_empty());
    let _ = raft_metrics_schema::dashboard::dashboards(schema);
    let _ = raft_metrics_schema::rules::to_yaml(schema);
    let _ = raft_metrics_schema::docs::markdown(schema);
    let errors: Vec<_> = lint::lint_generated(schema)
        .into_iter()
        .filter(|f| f.finding.error)
        .collect();
    prop_assert!(
        errors.is_empty(),
        "generated output fails its checks: {errors:?}"
    );
    Ok(())
}

/// A line-level or byte-level edit of the default schema.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceByte(usize, u8),
    InsertText(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragments = prop::sample::select(vec![
        "\"",
        "[",
        "]",
        "=",
        "\n",
        "[[metric]]\n",
        "labels = [\"nope\"]\n",
        "type = \"gauge\"\n",
        "buckets = [1.0, 0.5]\n",
        "max_values = 0\n",
        "name = \"x_total\"\n",
        "é",
        "\0",
        "#",
        "threshold = -1\n",
        "for = \"5q\"\n",
        "values = []\n",
        "kind = \"enum\"\n",
        "extends = \"raft-metrics\"\n",
        "[[alert]]\nname = \"RaftNoLeader\"\n",
        "[[label]]\nname = \"topic\"\n",
        "type = \"counter\"\n",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::ReplaceByte(a, b)),
        (any::<usize>(), fragments).prop_map(|(a, s)| Mutation::InsertText(a, s.to_string())),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(src: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    for m in muts {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::ReplaceByte(i, b) => {
                let mut bytes = lines.join("\n").into_bytes();
                if !bytes.is_empty() {
                    let at = i % bytes.len();
                    bytes[at] = *b;
                }
                let s = String::from_utf8_lossy(&bytes).into_owned();
                lines = s.lines().map(str::to_string).collect();
            }
            Mutation::InsertText(i, t) => {
                let at = i % n;
                let line = lines.get(at).cloned().unwrap_or_default();
                let cut = (0..=line.len())
                    .rev()
                    .find(|c| line.is_char_boundary(*c) && *c <= line.len() / 2)
                    .unwrap_or(0);
                let new = format!("{}{}{}", &line[..cut], t, &line[cut..]);
                if lines.is_empty() {
                    lines.push(new);
                } else {
                    lines[at] = new;
                }
            }
            Mutation::Truncate(i) => {
                let keep = i % n;
                lines.truncate(keep);
            }
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(cases(2000))]
    #[test]
    fn random_text_never_panics_and_errors_are_located(src in ".{0,400}") {
        check_schema(&src)?;
    }
}

proptest! {
    #![proptest_config(cases(300))]
    #[test]
    fn mutated_default_schema_is_rejected_with_locations_or_generates_valid_output(
        muts in prop::collection::vec(mutation(), 1..4)
    ) {
        check_schema(&apply(DEFAULT, &muts))?;
    }

    #[test]
    fn mutated_extending_schema_is_rejected_with_locations_or_generates_valid_output(
        muts in prop::collection::vec(mutation(), 1..4)
    ) {
        check_schema(&apply(SHOP, &muts))?;
    }
}

fn promql_text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "chronik_raft_commit_index",
        "chronik_raft_commit_latency_seconds_bucket",
        "up",
        "chronik_raft_rpc_calls_total",
        "rate(",
        "histogram_quantile(0.9, ",
        "sum by (le, node) (",
        "max without (peer) (",
        ")",
        "[5m]",
        "[$__rate_interval]",
        "{",
        "}",
        "state=\"leader\"",
        "topic=~\"$topic\"",
        ",",
        " / on (topic) ",
        " > ",
        "0.5",
        "offset 5m",
        "@ 100",
        "\"",
        "[",
        "ignoring(le) group_left ",
        "absent(",
        "label_replace(",
        "'x'",
        "\\",
        "é",
        "1e400",
    ]);
    prop::collection::vec(atoms, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(2000))]
    #[test]
    fn promql_checks_never_panic(expr in prop_oneof![promql_text(), ".{0,200}"]) {
        let schema = raft_metrics_schema::from_str(DEFAULT, "metrics-schema.toml").ok().unwrap().0;
        for ctx in [promql::Context::Rule, promql::Context::Dashboard] {
            let _ = promql::check(&schema, &expr, ctx);
        }
        let _ = promql::references(&expr);
    }
}

const VALID_RULES: &str = include_str!("../../tests/lint/valid/rules.yml");
const VALID_DASHBOARD: &str = include_str!("../../tests/lint/valid/dashboard.json");

/// Lint front ends: reading never panics; a refused file is refused at a position inside it;
/// a read file lints without panicking, every finding inside the file.
fn check_lint_input(bytes: &[u8]) -> Result<(), TestCaseError> {
    // YAML also breaks lines at a lone CR, as editors do.
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let lines = breaks + 1;
    let schema = raft_metrics_schema::from_str(DEFAULT, "metrics-schema.toml")
        .ok()
        .unwrap()
        .0;
    let mut rule_files = Vec::new();
    let mut dashboards = Vec::new();
    match lint::rules_file::read("f.yml", bytes) {
        Ok(f) => rule_files.push(f),
        Err(e) => prop_assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{e}"),
    }
    match lint::dashboard_file::read("f.json", bytes) {
        Ok(d) => dashboards.push(d),
        Err(e) => prop_assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{e}"),
    }
    for f in lint::lint(&schema, &rule_files, &dashboards) {
        prop_assert!(
            f.location.line >= 1 && f.location.line <= lines,
            "{}",
            f.location
        );
    }
    Ok(())
}

fn lint_fragments() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"",
        "[",
        "]",
        "{",
        "}",
        ":",
        "- ",
        "\n",
        "\t",
        "&a ",
        "*a",
        "!!str ",
        "|\n",
        "é",
        "\0",
        "$topic",
        "${x:regex}",
        "[[v]]",
        "$__range",
        "record: a:b:c\n",
        "expr: ",
        "\"expr\": \"",
        "groups:\n",
        "\"panels\": [",
        ",",
        "#",
        "up == 0",
        "rate(",
        "le",
        "\\",
    ])
    .prop_map(str::to_string)
}

fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let edit = prop_oneof![
        mutation(),
        (any::<usize>(), lint_fragments()).prop_map(|(a, s)| Mutation::InsertText(a, s)),
    ];
    prop::collection::vec(edit, 1..4).prop_map(move |m| apply(base, &m))
}

proptest! {
    #![proptest_config(cases(300))]
    #[test]
    fn lint_reads_any_rule_file_or_refuses_it_with_a_location(src in prop_oneof![mutated(VALID_RULES), ".{0,300}"]) {
        check_lint_input(src.as_bytes())?;
    }

    #[test]
    fn lint_reads_any_dashboard_or_refuses_it_with_a_location(src in prop_oneof![mutated(VALID_DASHBOARD), ".{0,300}"]) {
        check_lint_input(src.as_bytes())?;
    }

    #[test]
    fn lint_refuses_bytes_that_are_not_text_with_a_location(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_lint_input(&bytes)?;
    }
}
