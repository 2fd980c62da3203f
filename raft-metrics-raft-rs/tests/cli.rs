//! `raft-rs-demo`'s flags: values that cannot work are refused before any node starts (status
//! 2, the flag named); a short run elects leaders, writes, and ends by itself.

#[path = "../../raft-metrics-openraft/tests/support/mod.rs"]
mod support;

use support::flags::{refused, run, writes};

const DEMO: &str = env!("CARGO_BIN_EXE_raft-rs-demo");

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
    refused(DEMO, cases);
}

#[test]
fn a_short_run_elects_leaders_and_writes() {
    let out = run(
        DEMO,
        &["--duration", "5", "--port", "19331", "--rate", "2000"],
    );
    let (writes, text) = writes(&out);
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
