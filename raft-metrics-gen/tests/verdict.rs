//! One verdict per schema: the proc-macro (its errors are pinned by trybuild in
//! `tests/ui/fail/*.stderr`, and by the library's diagnostics tests in
//! `raft-metrics-schema/tests/diagnostics/*.out`, the report the macro turns into compile errors)
//! and `raft-metrics-gen` accept and reject the same schemas, with the same errors at the same
//! places. (`implements_*` cases fail the adapters' contract, which only the macro checks.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui")
}

fn diagnostics() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../raft-metrics-schema/tests/diagnostics")
}

/// `(LINE:COL, message)` of each error the macro reports: from trybuild's expected output
/// (`error: FILE:LINE:COL: message`) or the library's (`FILE:LINE:COL: error: message`).
fn macro_errors(toml: &Path) -> Vec<(String, String)> {
    let name = toml.file_name().unwrap().to_string_lossy().to_string();
    let stderr = std::fs::read_to_string(toml.with_extension("stderr"));
    let out = std::fs::read_to_string(toml.with_extension("out"));
    let split = |rest: &str, error_word: bool| {
        let mut parts = rest.splitn(3, ':');
        let (line, col, msg) = (parts.next()?, parts.next()?, parts.next()?);
        let msg = if error_word {
            msg.trim().strip_prefix("error: ")?
        } else {
            msg.trim()
        };
        Some((format!("{line}:{col}"), msg.to_string()))
    };
    match (stderr, out) {
        (Ok(text), _) => text
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("error: {name}:")))
            .filter_map(|rest| split(rest, false))
            .collect(),
        (_, Ok(text)) => text
            .lines()
            .filter_map(|l| l.strip_prefix(&format!("{name}:")))
            .filter_map(|rest| split(rest, true))
            .collect(),
        _ => Vec::new(),
    }
}

fn tomls(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("implements_")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_macro_and_the_cli_give_one_verdict_on_every_ui_schema() {
    let mut checked = 0;
    let dirs = [
        (ui().join("fail"), true),
        (ui().join("pass"), false),
        (diagnostics(), true),
    ];
    for (dir, fail) in dirs {
        for toml in tomls(&dir) {
            let expected = macro_errors(&toml);
            assert_eq!(fail, !expected.is_empty(), "{}", toml.display());
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
