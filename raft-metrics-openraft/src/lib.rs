//! Feed raft-metrics from openraft 0.9, for any type config whose node id is `u64`:
//!
//! - [`watch`]: follows `Raft::metrics()` and sets the partition's state, term, indexes, lag,
//!   membership and election metrics from each change;
//! - [`InstrumentedNetwork`]: wraps a `RaftNetworkFactory` and records every RPC (count, result,
//!   error kind, latency, entries and bytes sent, rejections);
//! - [`InstrumentedStateMachine`] (feature `storage-v2`): wraps a `RaftStateMachine` and
//!   records applied batches, membership changes, snapshot builds and installs;
//! - [`InstrumentedStorage`]: the same for the v1 API, a `RaftStorage` you hand to `Adaptor`
//!   (build without `storage-v2`, which removes `Adaptor` from openraft);
//! - [`InstrumentedLogStore`] (feature `storage-v2`): wraps a `RaftLogStorage` and records the
//!   commit index, the log's size in bytes and compactions;
//! - [`batch::Proposals`]: proposals and commit latency around `Raft::client_write`;
//! - [`record_received`]: for the receiving side of your transport.

pub mod batch;
mod group;
#[cfg(feature = "storage-v2")]
mod log_store;
#[cfg(feature = "mem")]
pub mod mem;
mod network;
mod record;
mod size;
#[cfg(feature = "storage-v2")]
mod state_machine;
mod storage_v1;
mod watch;

pub use group::GroupMetrics;
#[cfg(feature = "storage-v2")]
pub use log_store::InstrumentedLogStore;
pub use network::{record_received, InstrumentedConnection, InstrumentedNetwork};
pub use record::InstrumentedSnapshotBuilder;
pub use size::{SnapshotBytes, WireSize};
#[cfg(feature = "storage-v2")]
pub use state_machine::InstrumentedStateMachine;
pub use storage_v1::InstrumentedStorage;
pub use watch::{watch, IN_SYNC_ENTRIES, WATCH_INTERVAL};
