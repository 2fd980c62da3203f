//! A schema meets the adapters' contract when it has every label, scope and metric of the
//! default schema with the same types; each shortfall is an error at its line (or at the top of
//! the file, for what is missing), naming what the adapters need.

const DEFAULT: &str = include_str!("../../metrics-schema.toml");

fn schema(src: &str) -> raft_metrics_schema::Schema {
    raft_metrics_schema::from_str(src, "mine.toml")
        .expect("valid schema")
        .0
}

fn check(src: &str) -> Vec<String> {
    let contract = schema(DEFAULT);
    let mine = schema(src);
    let report = raft_metrics_schema::Report {
        file_name: "mine.toml".into(),
        source: src.into(),
        diagnostics: raft_metrics_schema::contract::check(&contract, &mine),
        base: None,
    };
    report
        .diagnostics
        .iter()
        .map(|d| report.render_one(d))
        .collect()
}

#[test]
fn the_default_schema_and_a_renamed_extended_copy_meet_the_contract() {
    assert_eq!(check(DEFAULT), Vec::<String>::new());
    let shop = include_str!("../../examples/shop-raft/shop-metrics.toml");
    assert_eq!(check(shop), Vec::<String>::new());
}

#[test]
fn a_missing_metric_and_a_changed_one_are_named() {
    let block = "[[metric]]\nname = \"config_changes_total\"\ntype = \"counter\"\nhelp = \"Membership configuration changes applied, by kind.\"\nlabels = [\"topic\", \"partition\", \"change\"]\ngroup = \"quorum\"\nsummary = { fold = [\"partition\", \"topic\"] }   # read per node only: no series per topic at the summary level\n\n";
    assert!(DEFAULT.contains(block));
    let src = DEFAULT.replace(block, "").replace(
        "name = \"votes_received\"\ntype = \"gauge\"",
        "name = \"votes_received\"\ntype = \"gauge\"\nvalue = \"float\"",
    );
    let got = check(&src);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[1].contains(": error: metric `votes_received` differs from the one the raft-metrics adapters feed\n  help: declare it as in raft-metrics' metrics-schema.toml: type = \"gauge\", value = \"int\", labels = [\"topic\", \"partition\"]"),
        "{got:#?}"
    );
    assert!(
        got[0].starts_with("mine.toml:1:1: error: this schema has no metric `config_changes_total` (int counter, labels [topic, partition, change]), which the raft-metrics adapters feed"),
        "{got:#?}"
    );
}

#[test]
fn a_label_with_other_values_differs_at_its_line() {
    let src = DEFAULT.replacen("\"pre_candidate\"", "\"precandidate\"", 1);
    assert_ne!(src, DEFAULT);
    let got = check(&src);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].contains("error: label `state` differs from the one the raft-metrics adapters feed"),
        "{got:#?}"
    );
    assert!(
        got[0].contains("\"pre_candidate\""),
        "the fix lists the values: {got:#?}"
    );
}
