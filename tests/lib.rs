//! Tests only; see `compile.rs` and `ui/`.

// Every Rust snippet of the README compiles (and runs), with both adapters at hand:
// `cargo test -p raft-metrics-tests --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
