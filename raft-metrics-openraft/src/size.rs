//! What the adapter needs to know of your types: the bytes an entry takes on the wire and
//! the size of a snapshot's data.

use openraft::RaftTypeConfig;

/// The bytes a value takes on the wire: `append_entries_size_bytes` and `log_size_bytes` add it
/// up for every entry. `InstrumentedNetwork` and `InstrumentedLogStore` need it of your entry
/// type (`C::Entry`); for openraft's `Entry<C>` it is provided as the log id and term (24 bytes)
/// plus the payload's (`C::D`) own size, so what you implement is the payload's:
///
/// ```
/// use raft_metrics_openraft::WireSize;
///
/// // A fixed-size payload: the default, its size in memory, is its size on the wire.
/// #[derive(Clone, Copy)]
/// struct Produce { key: u64, value: u64 }
/// impl WireSize for Produce {}
///
/// // A payload with heap data: count what your encoding sends.
/// struct Message { topic: String, body: Vec<u8> }
/// impl WireSize for Message {
///     fn wire_size(&self) -> usize {
///         self.topic.wire_size() + self.body.wire_size()
///     }
/// }
/// assert_eq!(Produce { key: 1, value: 2 }.wire_size(), 16);
/// ```
pub trait WireSize {
    /// By default the value's size in memory: right for plain data without heap parts.
    fn wire_size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

impl WireSize for Vec<u8> {
    fn wire_size(&self) -> usize {
        self.len()
    }
}

impl WireSize for str {
    fn wire_size(&self) -> usize {
        self.len()
    }
}

impl WireSize for String {
    fn wire_size(&self) -> usize {
        self.len()
    }
}

impl<C> WireSize for openraft::Entry<C>
where
    C: RaftTypeConfig,
    C::D: WireSize,
{
    fn wire_size(&self) -> usize {
        24 + match &self.payload {
            openraft::EntryPayload::Blank => 0,
            openraft::EntryPayload::Normal(d) => d.wire_size(),
            // Voter and learner ids, 8 bytes each.
            openraft::EntryPayload::Membership(m) => {
                8 * (m.voter_ids().count() + m.learner_ids().count())
            }
        }
    }
}

/// The size of a snapshot's data (`C::SnapshotData`), for `snapshot_size_bytes`:
/// `InstrumentedStateMachine` needs it; provided for openraft's default `Cursor<Vec<u8>>`.
pub trait SnapshotBytes {
    fn len_bytes(&self) -> usize;
}

impl SnapshotBytes for std::io::Cursor<Vec<u8>> {
    fn len_bytes(&self) -> usize {
        self.get_ref().len()
    }
}
