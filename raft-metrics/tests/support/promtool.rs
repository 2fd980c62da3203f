//! `promtool check metrics` on an exposition, for the tests that hand Prometheus's own parser
//! what the runtime writes. Include with `#[path]`.

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether promtool accepted `text`, and everything it printed (lint findings included).
pub fn check_metrics(text: &str) -> (bool, String) {
    let promtool = std::path::Path::new("/usr/bin/promtool");
    assert!(
        promtool.exists(),
        "promtool not found: run ./scripts/test.sh, which installs Debian's prometheus package"
    );
    let mut child = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(text.as_bytes())
        .expect("promtool reads its input");
    let out = child.wait_with_output().expect("promtool finishes");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}
