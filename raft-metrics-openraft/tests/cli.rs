//! Every `raft-demo` flag value either works or is refused with a message naming the flag and
//! exit status 2, before any node starts.

mod support;

use support::flags::{refused, run, writes};

const DEMO: &str = env!("CARGO_BIN_EXE_raft-demo");

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
    refused(DEMO, cases);
}

#[test]
fn a_rate_above_1000_per_second_writes() {
    // Was a 0 ms interval (1000 / rate): every load task panicked and the run said 0 writes.
    let out = run(
        DEMO,
        &[
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
        ],
    );
    let (writes, text) = writes(&out);
    assert!(writes > 0, "{text}");
}
