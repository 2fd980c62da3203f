//! `src/schema.rs` is the default schema's expansion, committed (as rust-analyzer commits its
//! generated code): a crate that depends on raft-metrics builds neither the proc-macro nor the
//! schema library. `raft-metrics-gen generate` writes it with the other outputs; this test
//! fails when it is stale, and rewrites it: commit the result.

#[test]
fn committed_code_is_the_default_schemas_expansion() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(dir.join("metrics-schema.toml")).unwrap();
    let (schema, _) =
        raft_metrics_schema::from_str(&source, "metrics-schema.toml").unwrap_or_else(|r| {
            let all: String = r.diagnostics.iter().map(|d| r.render_one(d)).collect();
            panic!("{all}")
        });
    let code = raft_metrics_schema::rust::default_types(&schema).expect("the expansion parses");
    let path = dir.join("src/schema.rs");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != code {
        std::fs::write(&path, &code).unwrap();
        panic!("src/schema.rs was stale and has been rewritten: rebuild and commit it");
    }
}
