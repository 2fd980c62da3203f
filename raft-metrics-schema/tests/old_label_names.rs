//! `old_names` on a label records a rename: each old name is a valid label name, not a current
//! label, and listed under one label only; errors point at the old name.

const DEFAULT: &str = include_str!("../../metrics-schema.toml");

fn errors(src: &str) -> Vec<String> {
    match raft_metrics_schema::from_str(src, "s.toml") {
        Ok(_) => Vec::new(),
        Err(r) => r.errors().map(|d| r.render_compact(d)).collect(),
    }
}

#[test]
fn the_schema_records_the_old_catalogues_label_names() {
    let schema = raft_metrics_schema::from_str(DEFAULT, "metrics-schema.toml")
        .unwrap()
        .0;
    for (old, new) in [
        ("node_id", "node"),
        ("follower_id", "peer"),
        ("target_node", "peer"),
        ("from_node", "peer"),
        ("rpc_type", "rpc"),
    ] {
        assert_eq!(
            schema.label_renamed_from(old).map(|l| l.name.as_str()),
            Some(new),
            "{old}"
        );
    }
    assert!(schema.label_renamed_from("peer").is_none());
}

#[test]
fn bad_old_names_are_errors_at_their_line() {
    let cases = [
        (
            "old_names = [\"node_id\"]",
            "old_names = [\"topic\"]",
            "old name `topic` is the name of a current label",
        ),
        (
            "old_names = [\"rpc_type\"]",
            "old_names = [\"node_id\"]",
            "old name `node_id` is listed by two labels",
        ),
        (
            "old_names = [\"rpc_type\"]",
            "old_names = [\"__rpc\"]",
            "starts with `__`",
        ),
    ];
    for (from, to, want) in cases {
        assert!(DEFAULT.contains(from), "{from}");
        let src = DEFAULT.replacen(from, to, 1);
        let line = DEFAULT[..DEFAULT.find(from).unwrap()].lines().count() + 1;
        let e = errors(&src);
        assert!(
            e.iter()
                .any(|m| m.contains(want) && m.starts_with(&format!("s.toml:{line}:"))),
            "{want} at line {line}: {e:#?}"
        );
    }
}
