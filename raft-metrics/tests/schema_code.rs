//! `src/schema.rs` is the default schema's expansion, committed (as rust-analyzer commits its
//! generated code): a crate that depends on raft-metrics builds neither the proc-macro nor the
//! schema library. This test fails when the file is stale, and rewrites it: commit the result.

use raft_metrics_schema::rust::{file, Contract};

const HEADER: &str =
    "// @generated from metrics-schema.toml by raft-metrics-schema's Rust emitter, as\n\
// `include_schema!(\"metrics-schema.toml\", contract)` would expand it. Do not edit: the test\n\
// `cargo test -p raft-metrics --test schema_code` rewrites it when the schema changes.\n";

#[test]
fn committed_code_is_the_default_schemas_expansion() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(dir.join("metrics-schema.toml")).unwrap();
    let (schema, _) =
        raft_metrics_schema::from_str(&source, "metrics-schema.toml").unwrap_or_else(|r| {
            panic!(
                "{}",
                r.diagnostics
                    .iter()
                    .map(|d| r.render_one(d))
                    .collect::<String>()
            )
        });
    let code = file(&schema, &Contract::Define, HEADER).expect("the expansion parses");
    let path = dir.join("src/schema.rs");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != code {
        std::fs::write(&path, &code).unwrap();
        panic!("src/schema.rs was stale and has been rewritten: rebuild and commit it");
    }
}
