//! One verdict per schema: the proc-macro (its errors are pinned by trybuild in
//! `tests/ui/fail/*.stderr`) and `raft-metrics-gen` accept and reject the same schemas, with the
//! same errors at the same places.

use std::path::{Path, PathBuf};
use std::process::Command;

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui")
}

/// `(LINE:COL, message)` of each error the macro reported, from trybuild's expected output.
fn macro_errors(toml: &Path) -> Vec<(String, String)> {
    let name = toml.file_name().unwrap().to_string_lossy().to_string();
    let Ok(stderr) = std::fs::read_to_string(toml.with_extension("stderr")) else {
        return Vec::new();
    };
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("error: {name}:")))
        .filter_map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let (line, col, msg) = (parts.next()?, parts.next()?, parts.next()?);
            Some((format!("{line}:{col}"), msg.trim().to_string()))
        })
        .collect()
}

#[test]
fn the_macro_and_the_cli_give_one_verdict_on_every_ui_schema() {
    let mut checked = 0;
    for dir in ["fail", "pass"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(ui().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for toml in files {
            let expected = macro_errors(&toml);
            assert_eq!(dir == "fail", !expected.is_empty(), "{}", toml.display());
            let out = Command::new(env!("CARGO_BIN_EXE_raft-metrics-gen"))
                .args(["stats", "--schema"])
                .arg(&toml)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                out.status.success(),
                expected.is_empty(),
                "{}: the macro and the CLI disagree\n{text}",
                toml.display()
            );
            for (at, msg) in &expected {
                assert!(
                    text.contains(&format!("{}:{at}", toml.display()))
                        && text.contains(&format!("error: {msg}")),
                    "{}: the CLI does not report `{at}: {msg}`\n{text}",
                    toml.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} schemas found");
}
