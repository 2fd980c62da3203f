//! What both demos' command lines promise: a value that cannot work is refused before any
//! node starts, with status 2 and the flag named; a run ends with a `done: N writes` line.

use std::process::{Command, Output, Stdio};

pub fn run(bin: &str, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the demo runs")
}

/// Each `(args, flag)`: refused with status 2, `flag` named, nothing started.
pub fn refused(bin: &str, cases: &[(&[&str], &str)]) {
    for (args, flag) in cases {
        let out = run(bin, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?} should name {flag}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} started something");
    }
}

/// A run that succeeded, and the writes its `done:` line counts.
pub fn writes(out: &Output) -> (u64, String) {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let writes = text
        .lines()
        .find_map(|l| l.strip_prefix("done: "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a done line");
    (writes, text)
}
