//! Every `raft-demo` flag value either works or is refused with a message naming the flag and
//! exit status 2, before any node starts.

use std::process::{Command, Stdio};

fn demo(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_raft-demo"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("raft-demo runs")
}

#[test]
fn bad_values_are_refused_with_a_message_and_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["--rate", "2000000"], "--rate"),
        (&["--rate=-1"], "--rate"),
        (&["--rate", "fast"], "--rate"),
        (&["--nodes", "0"], "--nodes"),
        (&["--nodes", "9"], "--nodes"),
        (&["--topics", "0"], "--topics"),
        (&["--partitions", "65"], "--partitions"),
        (&["--duration", "0"], "--duration"),
        (&["--port", "65535"], "--port"),
        (&["--bind", "localhost:1"], "--bind"),
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
        (&["--no-such-flag"], "--no-such-flag"),
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
fn a_rate_above_1000_per_second_writes() {
    // Was a 0 ms interval (1000 / rate): every load task panicked and the run said 0 writes.
    let out = demo(&[
        "--rate",
        "2000",
        "--duration",
        "4",
        "--port",
        "19321",
        "--topics",
        "1",
        "--partitions",
        "1",
    ]);
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
}
