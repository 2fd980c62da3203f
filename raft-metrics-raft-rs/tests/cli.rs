//! `raft-rs-demo`'s flags: values that cannot work are refused before any node starts (status
//! 2, the flag named); a short run elects leaders, writes, and ends by itself.

use std::process::{Command, Stdio};

fn demo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_raft-rs-demo"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("raft-rs-demo runs")
}

#[test]
fn bad_values_are_refused_with_a_message_and_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["--rate", "200000"], "--rate"),
        (&["--nodes", "1"], "--nodes"),
        (&["--nodes", "9"], "--nodes"),
        (&["--partitions", "65"], "--partitions"),
        (&["--duration", "0"], "--duration"),
        (&["--port", "65535"], "--port"),
        (&["--stop-node", "4"], "--stop-node"),
        (
            &[
                "--stop-node",
                "1",
                "--stop-after",
                "30",
                "--restart-after",
                "10",
            ],
            "--restart-after",
        ),
    ];
    for (args, flag) in cases {
        let out = demo(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?} should name {flag}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} started something");
    }
}

#[test]
fn a_short_run_elects_leaders_and_writes() {
    let out = demo(&["--duration", "5", "--port", "19331", "--rate", "2000"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let writes: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("done: "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a done line");
    assert!(writes > 0, "{text}");
    let progress = text
        .lines()
        .rfind(|l| l.contains("leaders ["))
        .unwrap_or("");
    assert!(
        !progress.contains('-'),
        "every partition has a leader: {progress}"
    );
}
