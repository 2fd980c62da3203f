//! Shared by the live tests of both engines' demos (raft-metrics-raft-rs includes this file
//! with `#[path]`); each test uses part of it.
#![allow(dead_code)]

pub mod cluster;
pub mod coverage;
pub mod flags;
#[path = "../../../raft-metrics/tests/support/promtool.rs"]
pub mod promtool;
pub mod scenario;
