//! Editing the schema rebuilds the crate that includes it: cargo tracks the file.

use std::path::Path;
use std::process::Command;

fn run(dir: &Path, target: &Path) -> String {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn editing_the_schema_rebuilds_the_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = root.join("target/tests/rebuild-target");
    let dir = root.join("target/tests/rebuild-crate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\n[workspace]\n\
             [dependencies]\nraft-metrics = {{ path = {:?} }}\nraft-metrics-macros = {{ path = {:?} }}\nprometheus = {{ version = \"=0.14.0\", default-features = false }}\n",
            root.join("raft-metrics"),
            root.join("raft-metrics-macros")
        ),
    )
    .unwrap();
    // Share the workspace lock file so the probe resolves the same, already-downloaded versions.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "raft_metrics_macros::include_schema!(\"schema.toml\");\n\
         fn main() { println!(\"{}\", RaftMetrics::FAMILY_NAMES.join(\",\")); }\n",
    )
    .unwrap();
    let schema = |extra: &str| {
        format!(
            "[schema]\nnamespace = \"probe\"\n[[group]]\nid = \"g\"\ntitle = \"G\"\norder = 1\n\
             [[metric]]\nname = \"a_total\"\ntype = \"counter\"\nhelp = \"A.\"\ngroup = \"g\"\n{extra}"
        )
    };
    std::fs::write(dir.join("schema.toml"), schema("")).unwrap();
    assert_eq!(run(&dir, &target).trim(), "probe_a_total");
    std::fs::write(
        dir.join("schema.toml"),
        schema(
            "[[metric]]\nname = \"b_total\"\ntype = \"counter\"\nhelp = \"B.\"\ngroup = \"g\"\n",
        ),
    )
    .unwrap();
    assert_eq!(run(&dir, &target).trim(), "probe_a_total,probe_b_total");
}
